// The targets build.ts makes (targets/target-record.ts): the id and the discovered labels are prototype accessors,
// computed on read. They must read as the plain properties they replaced: ids `<job>#<n>` in discovery order, a
// collapsed duplicate's id taken over by the target that replaces it, and JSON showing both.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config/scrape-config.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import type { Labels } from '../../src/engine/labels.ts';
import { getProfile } from '../../src/engine/profiles/index.ts';
import { buildJobTargets } from '../../src/engine/targets/build.ts';
import { discoveredLabelsUnbuilt } from '../../src/engine/targets/target-record.ts';
import type { JobTargets, Target } from '../../src/engine/targets/types.ts';

function jobOf(rules: string, profileId: 'prometheus-3.14' | 'prometheus-2.42' | 'vmagent-1.150' = 'prometheus-3.14') {
  const profile = getProfile(profileId)!;
  const { config } = parseConfig(ingest([{ name: 'c.yml', text: `scrape_configs:\n- job_name: j\n  relabel_configs: [${rules}]\n` }]).configs, profile);
  return { job: config.scrapeConfigs[0]!, global: config.global, profile };
}
const all = (jt: JobTargets): Target[] => [...jt.active, ...jt.dropped, ...jt.failed, ...jt.duplicates];
const groups = [
  { source: 'pod/ns/a', labels: { __meta_g: 'a' } as Labels, targets: [{ __address__: 'a:1', __meta_keep: 'y' }, { __address__: 'a:2', __meta_keep: 'n' }, { __address__: 'a:3', __meta_keep: 'y' }] as Labels[] },
  { source: 'pod/ns/b', labels: { __meta_g: 'b' } as Labels, targets: [{ __address__: 'b:1', __meta_keep: 'n' }, { __address__: '', __meta_keep: 'y' }] as Labels[] },
];

describe('TargetRecord', () => {
  it('ids are <job>#<n> in discovery order, over every list', () => {
    const { job, global, profile } = jobOf('{source_labels: [__meta_keep], regex: y, action: keep}');
    const jt = buildJobTargets(job, [{ sdIndex: 0, groups }], global, profile, false);
    // One active per kept address, the 'n' ones dropped, the empty address failed: each list is non-empty.
    expect([jt.active.length, jt.dropped.length, jt.failed.length]).toEqual([2, 2, 1]);
    const order = all(jt)
      .map((t) => [t.source, t.index, t.id] as const)
      .sort((x, y) => (x[0] === y[0] ? x[1] - y[1] : x[0] < y[0] ? -1 : 1))
      .map((x) => x[2]);
    expect(order).toEqual(['j#0', 'j#1', 'j#2', 'j#3', 'j#4']);
    // The traced path gives each target the same id.
    const traced = buildJobTargets(job, [{ sdIndex: 0, groups }], global, profile, true);
    expect(all(traced).map((t) => t.id)).toEqual(all(jt).map((t) => t.id));
  });

  it('Prometheus: a collapsed duplicate keeps its id, and the target that replaces it takes it over', () => {
    const { job, global, profile } = jobOf('{target_label: __address__, replacement: "x:1"}');
    const jt = buildJobTargets(job, [{ sdIndex: 0, groups: [groups[0]!] }], global, profile, false);
    // Three targets, one (labels, URL): the last one stays active under the first one's id.
    expect(jt.active.map((t) => [t.id, t.index])).toEqual([['j#0', 2]]);
    expect(jt.duplicates.map((t) => [t.id, t.index])).toEqual([['j#0', 0], ['j#0', 1]]);
  });

  it('vmagent: a duplicate is dropped under its own id', () => {
    const { job, global, profile } = jobOf('{target_label: __address__, replacement: "x:1"}', 'vmagent-1.150');
    const jt = buildJobTargets(job, [{ sdIndex: 0, groups: [groups[0]!] }], global, profile, false);
    expect(jt.active.map((t) => t.id)).toEqual(['j#0']);
    expect(jt.dropped.map((t) => [t.id, t.state])).toEqual([['j#1', 'duplicate'], ['j#2', 'duplicate']]);
  });

  it('JSON shows the id and the discovered labels as plain properties; enumeration does not', () => {
    const { job, global, profile } = jobOf('{source_labels: [__meta_keep], regex: y, action: keep}');
    const jt = buildJobTargets(job, [{ sdIndex: 0, groups }], global, profile, false);
    const t = jt.dropped[0]!;
    expect(discoveredLabelsUnbuilt(t)).toBe(true);
    const json = JSON.parse(JSON.stringify(t));
    expect(json).toMatchObject({ id: 'j#1', job: 'j', source: 'pod/ns/a', index: 1, state: 'dropped', scrapePool: 'j' });
    expect(json.discoveredLabels).toMatchObject({ __address__: 'a:2', __meta_keep: 'n', __meta_g: 'a', job: 'j', __metrics_path__: '/metrics' });
    expect(json.discoveredLabels).toEqual(t.discoveredLabels);
    expect(json.seq).toBeUndefined();
    expect(Object.keys(t)).not.toContain('id');
    expect(Object.keys(t)).not.toContain('discoveredLabels');
    // An id set from outside is kept.
    t.id = 'other';
    expect(t.id).toBe('other');
  });
});
