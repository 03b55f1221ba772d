// Every __meta_kubernetes_* label that real Prometheus and vmagent emitted in the conformance
// corpus has an explanation (which field of which object), so the hover never comes up empty.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLabel, explainMetaLabel } from '../../src/ui/labels/metaLabels.ts';
import { labelWordAt } from '../../src/ui/editor/metaLabelHover.ts';

const FIXTURES = join(import.meta.dirname, '..', 'conformance', 'fixtures');

function metaLabelsInCorpus(): Set<string> {
  const names = new Set<string>();
  for (const dir of readdirSync(FIXTURES)) {
    const exp = join(FIXTURES, dir, 'expected');
    if (!existsSync(exp)) continue;
    for (const f of readdirSync(exp).filter((n) => n.endsWith('.json'))) {
      const text = readFileSync(join(exp, f), 'utf8');
      for (const m of text.matchAll(/"(__meta_kubernetes_[A-Za-z0-9_]+)"/g)) names.add(m[1] as string);
    }
  }
  return names;
}

describe('meta label explanations', () => {
  const names = metaLabelsInCorpus();

  it('the corpus is there', () => {
    expect(names.size).toBeGreaterThan(100);
  });

  it('explains every meta label real engines emitted', () => {
    expect([...names].filter((n) => !explainMetaLabel(n)).sort()).toEqual([]);
  });

  it.each([
    ['__meta_kubernetes_pod_container_port_number', /containerPort/],
    ['__meta_kubernetes_pod_label_app_kubernetes_io_name', /metadata\.labels/],
    ['__meta_kubernetes_service_labelpresent_team', /"true" for every key of Service/],
    ['__meta_kubernetes_node_address_InternalIP', /status\.addresses/],
    ['__meta_kubernetes_endpoint_port_name', /SERVICE port name/],
  ])('%s', (name, re) => {
    expect(describeLabel(name)).toMatch(re);
  });

  it('explains the job defaults too, and nothing for ordinary labels', () => {
    expect(describeLabel('__metrics_path__')).toMatch(/metrics_path/);
    expect(describeLabel('__param_target')).toMatch(/query parameter target/);
    expect(describeLabel('team')).toBeUndefined();
  });

  it('finds the label name under the editor cursor', () => {
    const line = '      - source_labels: [__meta_kubernetes_pod_name, __address__]';
    expect(labelWordAt(line, 30)?.word).toBe('__meta_kubernetes_pod_name');
    expect(labelWordAt(line, 58)?.word).toBe('__address__');
    expect(labelWordAt('   ', 2)).toBeUndefined();
  });
});
