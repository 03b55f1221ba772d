// Discovery against real Prometheus 3.14.0 / 2.42.0 outputs. For every fixture and job, the
// discovered label sets (group + target labels, target wins, empty values removed) must equal
// the goldens' discoveredLabels (active + dropped + failed) minus the job-level labels the
// scrape pool adds. `__address__` in the goldens' discoveredLabels is the pre-relabel address.
//
// Collapsed duplicates: Prometheus keeps one active target per (final labels, URL) and shows the
// last duplicate's discovered labels; the others appear nowhere. So we require expected ⊆ ours,
// and every extra of ours must come from a target group (one Kubernetes object) of which at least
// one target does appear in the golden: the corpus avoids collapses across objects (README), and
// within one object the twins may differ in anything, even __address__ (fixture 03 rewrites every
// container port to the prometheus.io/port annotation, so four pod targets collapse into one).
// Extras are further allowed only in the fixtures CORPUS.md (B.14, "Duplicates") lists as collapsing,
// so an over-producing role cannot hide behind this rule elsewhere.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config/scrape-config.ts';
import { discover } from '../../src/engine/discovery/discover.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { labelsKey, type Labels } from '../../src/engine/labels.ts';
import { flatten, P242, P314 } from './helpers.ts';

const CANDIDATES = [join(import.meta.dirname, '..', 'conformance', 'fixtures'), '/work/shared/conformance'];
const ROOT = CANDIDATES.find((d) => existsSync(d)) as string;
const FIXTURES = readdirSync(ROOT)
  .filter((n) => existsSync(join(ROOT, n, 'objects.yaml')))
  .sort();

/** Fixtures whose goldens collapsed duplicate targets (CORPUS.md B.14 and the two-sd-configs job of 22). */
const COLLAPSING = new Set(['03', '05', '12', '13', '20', '22', '33', '34', '39', '41']);

const JOB_LEVEL = new Set([
  'job',
  '__scheme__',
  '__metrics_path__',
  '__scrape_interval__',
  '__scrape_timeout__',
  '__scrape_native_histograms__',
  '__always_scrape_classic_histograms__',
  '__convert_classic_histograms_to_nhcb__',
]);

function stripJobLevel(l: Labels): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(l)) if (!JOB_LEVEL.has(k) && !k.startsWith('__param_')) out[k] = v;
  return out;
}

/** Expected discovered label sets per job (by the `job` label every discovered set carries). */
function expectedByJob(file: string): Map<string, Labels[]> {
  const want = JSON.parse(readFileSync(file, 'utf8'));
  const byJob = new Map<string, Labels[]>();
  for (const t of [...want.activeTargets, ...want.droppedTargets, ...(want.failedTargets ?? [])]) {
    const l = t.discoveredLabels as Labels;
    const job = l.job as string;
    if (!byJob.has(job)) byJob.set(job, []);
    byJob.get(job)!.push(stripJobLevel(l));
  }
  return byJob;
}

/** Multiset difference a − b of label-set keys. */
function minus(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>();
  for (const k of b) counts.set(k, (counts.get(k) ?? 0) + 1);
  const out: string[] = [];
  for (const k of a) {
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else out.push(k);
  }
  return out;
}

const cases: [string, 'prometheus3.json' | 'prometheus.json'][] = [];
for (const f of FIXTURES) cases.push([f, 'prometheus3.json'], [f, 'prometheus.json']);

describe('discovery conformance (real Prometheus discoveredLabels)', () => {
  it('finds the fixtures', () => expect(FIXTURES.length).toBeGreaterThanOrEqual(45));

  it.each(cases)('%s %s', (name, golden) => {
    const profile = golden === 'prometheus3.json' ? P314 : P242;
    const dir = join(ROOT, name);
    const files = ['objects.yaml', 'scrape.yaml'].map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
    const { store, configs } = ingest(files);
    const parsed = parseConfig(configs, profile);
    expect(parsed.rejected, 'the scrape config loads').toBe(false);
    const want = expectedByJob(join(dir, 'expected', golden));
    const jobNames = new Set(parsed.config.scrapeConfigs.map((j) => j.jobName));
    expect([...want.keys()].filter((j) => !jobNames.has(j)), 'golden jobs missing from the parsed config').toEqual([]);
    for (const job of parsed.config.scrapeConfigs) {
      const groups = job.sdConfigs.flatMap((c) => discover(c, store, profile).groups);
      const sourceOf = new Map<string, string>();
      for (const g of groups) for (const l of flatten([g])) sourceOf.set(labelsKey(l), g.source);
      const ours = flatten(groups).map(labelsKey);
      const exp = (want.get(job.jobName) ?? []).map(labelsKey);
      expect(minus(exp, ours), `${job.jobName}: expected label sets we did not discover`).toEqual([]);
      const shown = new Set(exp.map((k) => sourceOf.get(k)));
      const extras = minus(ours, exp);
      expect(extras.filter((k) => !shown.has(sourceOf.get(k))), `${job.jobName}: extra label sets from objects Prometheus showed nothing of`).toEqual([]);
      if (!COLLAPSING.has(name.slice(0, 2))) expect(extras, `${job.jobName}: extra label sets in a fixture without duplicates`).toEqual([]);
    }
  });
});
