// Ground truth from the real engines: for every conformance fixture, each job's
// relabel_configs (scrape.yaml) run over the real `discoveredLabels` must reproduce what
// Prometheus 3.14.0 (prometheus3.json) and 2.42.0 (prometheus.json) decided:
//   dropped targets → dropped; active and failed targets → kept, and for active targets
//   every public label except `instance` equals ours (the target stage adds instance,
//   2.42's default port, and removes `__` labels, none of which is relabeling's business).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { parseRelabelConfigs } from '../../src/engine/config/relabel-config.ts';
import { getNode, scalarText, seqItems } from '../../src/engine/config/yaml-nodes.ts';
import type { Labels } from '../../src/engine/labels.ts';
import type { Profile } from '../../src/engine/profiles/types.ts';
import { applyRelabel } from '../../src/engine/relabel/apply.ts';
import type { RelabelRule } from '../../src/engine/relabel/types.ts';
import { P2, P3 } from './helpers.ts';

const FIXTURES = join(import.meta.dirname, '..', 'conformance', 'fixtures');

interface Golden {
  error: string | null;
  activeTargets: { scrapePool: string; labels: Labels; discoveredLabels: Labels }[];
  droppedTargets: { discoveredLabels: Labels }[];
  failedTargets?: { scrapePool: string; discoveredLabels: Labels }[];
}

function jobRules(dir: string, profile: Profile): Map<string, RelabelRule[]> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(join(dir, 'scrape.yaml'), 'utf8'), { schema: 'failsafe', lineCounter, uniqueKeys: false });
  const out = new Map<string, RelabelRule[]>();
  for (const job of seqItems(getNode(doc.contents, 'scrape_configs'))) {
    if (!isMap(job)) continue;
    const name = scalarText(getNode(job, 'job_name')) ?? '';
    const nv = scalarText(getNode(job, 'metric_name_validation_scheme'));
    const r = parseRelabelConfigs(getNode(job, 'relabel_configs') ?? null, { file: 'scrape.yaml', lineCounter }, profile, nv === 'legacy' || nv === 'utf8' ? { nameValidation: nv } : undefined);
    expect(r.diagnostics.map((d) => d.message)).toEqual([]);
    out.set(name, r.rules);
  }
  return out;
}

function publicLabels(l: Labels): Labels {
  const o: Labels = {};
  for (const [k, v] of Object.entries(l)) if (!k.startsWith('__') && k !== 'instance') o[k] = v;
  return o;
}

const names = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((n) => existsSync(join(FIXTURES, n, 'scrape.yaml'))).sort() : [];

describe('relabeling reproduces the real engines on every conformance fixture', () => {
  it('finds the fixtures', () => expect(names.length).toBeGreaterThanOrEqual(40));
  for (const name of names) {
    for (const [file, profile] of [['prometheus3.json', P3], ['prometheus.json', P2]] as const) {
      const path = join(FIXTURES, name, 'expected', file);
      if (!existsSync(path)) continue;
      it(`${name} ${profile.id}`, () => {
        const golden = JSON.parse(readFileSync(path, 'utf8')) as Golden;
        expect(golden.error).toBeNull();
        const jobs = jobRules(join(FIXTURES, name), profile);
        const rulesOf = (job: string | undefined): RelabelRule[] => {
          const r = jobs.get(job ?? '');
          if (!r) throw new Error(`no job ${job}`);
          return r;
        };
        let checked = 0;
        for (const t of golden.activeTargets) {
          const res = applyRelabel(t.discoveredLabels, rulesOf(t.scrapePool), profile);
          expect({ dropped: res.dropped, labels: publicLabels(res.labels) }).toEqual({ dropped: false, labels: publicLabels(t.labels) });
          checked++;
        }
        for (const t of golden.droppedTargets) {
          const res = applyRelabel(t.discoveredLabels, rulesOf(t.discoveredLabels.job), profile);
          expect([t.discoveredLabels.__address__, res.dropped]).toEqual([t.discoveredLabels.__address__, true]);
          checked++;
        }
        for (const t of golden.failedTargets ?? []) {
          expect(applyRelabel(t.discoveredLabels, rulesOf(t.scrapePool), profile).dropped).toBe(false);
          checked++;
        }
        expect(checked).toBeGreaterThan(0);
      });
    }
  }
});
