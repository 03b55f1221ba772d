// The benchmark's second dump (bench/server-fields.ts) adds what a live API server returns to every object. It is
// there to weigh JSON.parse against the engine on realistic bytes, so it must not change which targets exist or
// their states: per job, the same active, dropped, failed and collapsed targets, with the same URLs, discovered and
// final labels, plus the labels real objects add (a node's standard labels through a labelmap; container ids in discovery).
import { describe, expect, it } from 'vitest';
import { asJson, BENCH_SCRAPE_CONFIG, generateCluster } from '../../bench/generate.ts';
import { withServerFields } from '../../bench/server-fields.ts';
import { run, type ProfileId } from '../../src/engine/index.ts';
import type { JobTargets } from '../../src/engine/targets/types.ts';

type T = JobTargets['active'][number];
/** A target's identity, state and URL, and its discovered and final labels with only the names `like`'s target has (all
 * of them without `like`). */
function states(j: JobTargets, like?: JobTargets) {
  const pick = (l: T['labels'], keep: T['labels'] | undefined) => (keep && l ? Object.fromEntries(Object.entries(l).filter(([k]) => k in keep)) : l);
  const t = (list: T[], other: T[] | undefined) => list.map((x, i) => [x.source, x.index, x.state, pick(x.discoveredLabels, other?.[i]?.discoveredLabels), pick(x.labels, other?.[i]?.labels), x.scrapeUrl]);
  return { active: t(j.active, like?.active), dropped: t(j.dropped, like?.dropped), failed: t(j.failed, like?.failed), duplicates: t(j.duplicates, like?.duplicates) };
}

describe('bench/server-fields.ts', () => {
  const base = generateCluster(300);
  const compact = asJson(base);
  const full = asJson({ ...base, objects: withServerFields(base.objects) });

  it('writes several times the bytes of the compact dump', () => {
    expect(full.length).toBeGreaterThan(4 * compact.length);
  });

  for (const profile of ['prometheus-3.14', 'vmagent-1.150'] as ProfileId[]) {
    it(`keeps every job's targets and states (${profile})`, () => {
      const a = run([{ name: 'dump.json', text: compact }, { name: 'prometheus.yml', text: BENCH_SCRAPE_CONFIG }], { profile });
      const b = run([{ name: 'dump.json', text: full }, { name: 'prometheus.yml', text: BENCH_SCRAPE_CONFIG }], { profile });
      expect(b.diagnostics.filter((d) => d.severity !== 'info')).toEqual(a.diagnostics.filter((d) => d.severity !== 'info'));
      expect(b.jobs.map((j) => j.job)).toEqual(a.jobs.map((j) => j.job));
      expect(a.jobs.reduce((n, j) => n + j.active.length, 0)).toBeGreaterThan(0);
      let gained = 0;
      for (let i = 0; i < a.jobs.length; i++) {
        const [ja, jb] = [a.jobs[i]!, b.jobs[i]!];
        expect(states(jb, ja), ja.job).toEqual(states(ja));
        // Labels are only ever added (the nodes' standard labels through a labelmap), never lost or changed.
        jb.active.forEach((t, k) => (gained += Object.keys(t.labels ?? {}).length - Object.keys(ja.active[k]!.labels ?? {}).length));
      }
      expect(gained).toBeGreaterThan(0);
    });
  }

  it('without managedFields (what kubectl prints by default): none left, a third fewer bytes, the same run', () => {
    const bare = asJson({ ...base, objects: withServerFields(base.objects, { managedFields: false }) });
    expect(full).toContain('"managedFields"');
    expect(bare).not.toContain('managedFields');
    expect(bare.length).toBeLessThan(0.8 * full.length);
    expect(bare.length).toBeGreaterThan(3 * compact.length);
    const files = (text: string) => [{ name: 'dump.json', text }, { name: 'prometheus.yml', text: BENCH_SCRAPE_CONFIG }];
    const a = run(files(full), { profile: 'prometheus-3.14' });
    const b = run(files(bare), { profile: 'prometheus-3.14' });
    expect(b.jobs.map((j) => states(j))).toEqual(a.jobs.map((j) => states(j)));
  });

  it('gives the pod role the container ids a real kubelet reports', () => {
    const cfg = 'scrape_configs:\n  - job_name: pods\n    kubernetes_sd_configs: [{role: pod}]\n';
    const b = run([{ name: 'dump.json', text: full }, { name: 'prometheus.yml', text: cfg }], { profile: 'prometheus-3.14' });
    const ids = b.jobs[0]!.dropped.concat(b.jobs[0]!.active).map((t) => t.discoveredLabels['__meta_kubernetes_pod_container_id']);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => /^containerd:\/\/[0-9a-f]{64}$/.test(id ?? ''))).toBe(true);
  });
});
