// Every generated relabel rule remembers the field that produced it; plus the label-selector and
// yaml.v2-emitter building blocks.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { generateOperatorConfigs } from '../../src/engine/operators/generate.ts';
import { matchSelector, readSelector, selectorError, selectorString } from '../../src/engine/operators/label-selector.ts';
import { emitYaml, MapSlice } from '../../src/engine/operators/yaml-emit.ts';
import { listCases } from './case-harness.ts';

const run = (text: string) => {
  const { store, secretValues } = ingest([{ name: 'in.yaml', text }]);
  return generateOperatorConfigs(store, secretValues);
};

describe('rule origins', () => {
  it('founding case: the targetPort keep rule comes from VMServiceScrape default/audit endpoints[0].targetPort', () => {
    const c = listCases().find((x) => x.name === 'blog-audit-targetport-10299')!;
    const r = run(c.input);
    const cfg = r.configs[0]!;
    const job = (parse(cfg.yaml) as { scrape_configs: { job_name: string; relabel_configs: Record<string, unknown>[] }[] }).scrape_configs[0]!;
    const idx = job.relabel_configs.findIndex((rc) => (rc.source_labels as string[] | undefined)?.[0] === '__meta_kubernetes_pod_container_port_number');
    expect(job.relabel_configs[idx]).toEqual({ action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: '10299' });
    const origins = cfg.origins[job.job_name]!;
    expect(origins.relabel).toHaveLength(job.relabel_configs.length);
    const o = origins.relabel[idx]!;
    expect(o).toMatchObject({ kind: 'VMServiceScrape', namespace: 'default', name: 'audit', field: 'endpoints[0].targetPort' });
    // The position is the targetPort field of input.yaml (`    targetPort: 10299`).
    const line = c.input.split('\n')[o.pos!.line - 1]!;
    expect(line.trim()).toBe('targetPort: 10299');
    expect(origins.relabel[0]).toMatchObject({ field: 'selector.matchLabels.app_id' });
  });

  it('prometheus-operator rules: selector, port, user relabelings, enforced label and sharding', () => {
    const r = run(`apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: p, namespace: mon}
spec:
  serviceMonitorSelector: {}
  enforcedNamespaceLabel: tenant
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: s, namespace: mon}
spec:
  selector: {matchExpressions: [{key: tier, operator: In, values: [web]}]}
  endpoints:
  - port: metrics
    relabelings:
    - {action: replace, targetLabel: team, replacement: a}
`);
    const cfg = r.configs[0]!;
    const o = cfg.origins['serviceMonitor/mon/s/0']!;
    const fields = o.relabel.map((x) => `${x!.kind}:${x!.field}`);
    expect(fields).toContain('ServiceMonitor:selector.matchExpressions[0]');
    expect(fields).toContain('ServiceMonitor:endpoints[0].port');
    expect(fields).toContain('ServiceMonitor:endpoints[0].relabelings[0]');
    expect(fields).toContain('Prometheus:enforcedNamespaceLabel');
    expect(fields[fields.length - 1]).toBe('Prometheus:shards');
    expect(o.metricRelabel?.map((x) => x!.field)).toEqual(['enforcedNamespaceLabel']);
  });

  it('converted objects point back to the ServiceMonitor fields', () => {
    const r = run(`apiVersion: operator.victoriametrics.com/v1beta1
kind: VMAgent
metadata: {name: va, namespace: mon}
spec: {selectAllByDefault: true}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: s, namespace: mon}
spec:
  selector: {}
  endpoints:
  - targetPort: 9100
    relabelings:
    - {action: keep}
    - {action: replace, targetLabel: team, replacement: a}
`);
    const o = r.configs[0]!.origins['serviceScrape/mon/s/0']!;
    const fields = o.relabel.map((x) => `${x!.kind}:${x!.field}`);
    expect(fields).toContain('ServiceMonitor:endpoints[0].targetPort');
    // The keep rule without sourceLabels is dropped by the converter: relabelConfigs[0] is relabelings[1].
    expect(fields).toContain('ServiceMonitor:endpoints[0].relabelings[1]');
  });
});

describe('label selectors', () => {
  const sel = (o: unknown) => readSelector(o)!;
  it('nil vs {}', () => {
    expect(readSelector(undefined)).toBeUndefined();
    expect(readSelector(null)).toBeUndefined();
    expect(matchSelector(sel({}), {})).toBe(true);
  });
  it('canonical string: sorted by key, matchLabels first, values sorted', () => {
    expect(selectorString(sel({ matchLabels: { group: 'group1' }, matchExpressions: [{ key: 'group', operator: 'In', values: ['group2'] }] }))).toBe('group=group1,group in (group2)');
    expect(selectorString(sel({ matchExpressions: [{ key: 'z', operator: 'DoesNotExist' }, { key: 'a', operator: 'NotIn', values: ['b', 'a'] }, { key: 'm', operator: 'Exists' }] }))).toBe('a notin (a,b),m,!z');
  });
  it('LabelSelectorAsSelector errors', () => {
    expect(selectorError(sel({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }))).toMatch(/values set can't be empty/);
    expect(selectorError(sel({ matchLabels: { 'alb.ingress.kubernetes.io/tags': 'Environment=devl' } }))).toMatch(/Invalid value: "Environment=devl"/);
    expect(selectorError(sel({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }))).toMatch(/not a valid label selector operator/);
    expect(selectorError(sel({ matchLabels: { 'app.kubernetes.io/name': 'x' } }))).toBeUndefined();
  });
  it('NotIn keeps objects without the label, In requires it', () => {
    expect(matchSelector(sel({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }), {})).toBe(true);
    expect(matchSelector(sel({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] }), {})).toBe(false);
  });
});

describe('yaml.v2 emission', () => {
  it('quotes what would read back as non-strings and keeps the rest plain', () => {
    const y = emitYaml(new MapSlice().add('a', '8080').add('b', 8080).add('c', 'true').add('d', '').add('e', '${1}').add('f', '$(SHARD);|.+;.+').add('g', '{x="y"}').add('h', 'k: v').add('i', 'yes').add('j', '1.5'));
    expect(y).toBe(`a: "8080"\nb: 8080\nc: "true"\nd: ""\ne: \${1}\nf: $(SHARD);|.+;.+\ng: '{x="y"}'\nh: 'k: v'\ni: "yes"\nj: "1.5"\n`);
  });
  it('block lists at the key indentation, empty collections inline, Go maps sorted', () => {
    const y = emitYaml(new MapSlice().add('l', [new MapSlice().add('x', ['a']).add('y', {})]).add('m', { z: '1', a: 'b' }).add('n', []));
    expect(y).toBe('l:\n- x:\n  - a\n  "y": {}\nm:\n  a: b\n  z: "1"\n"n": []\n'); // yaml.v2 quotes YAML 1.1 booleans, keys included
  });
});
