// A job's leading rules that read only what every target of a group shares run once per group
// (targets/group-prefix.ts). Whatever they decide must be what running every rule on every target decides (the traced
// path runs them per target).
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config/scrape-config.ts';
import type { TargetGroup } from '../../src/engine/discovery/types.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { getProfile } from '../../src/engine/profiles/index.ts';
import type { ProfileId } from '../../src/engine/profiles/types.ts';
import { buildJobTargets } from '../../src/engine/targets/build.ts';
import { groupDropVm, groupPrefix } from '../../src/engine/targets/group-prefix.ts';
import type { JobTargets } from '../../src/engine/targets/types.ts';

function job(profileId: ProfileId, rules: string) {
  const profile = getProfile(profileId)!;
  const { config } = parseConfig(ingest([{ name: 'c.yml', text: `scrape_configs:\n- job_name: j\n  relabel_configs: [${rules}]\n` }]).configs, profile);
  return { profile, config, job: config.scrapeConfigs[0]! };
}

const states = (jt: JobTargets) => [...jt.active, ...jt.dropped].map((t) => [t.index, t.state, t.reason?.kind === 'relabel' ? t.reason.rule.index : undefined, t.labels]).sort((a, b) => (a[0] as number) - (b[0] as number));

function both(profileId: ProfileId, rules: string, g: TargetGroup) {
  const { profile, config, job: j } = job(profileId, rules);
  const fast = buildJobTargets(j, [{ sdIndex: 0, groups: [g] }], config.global, profile, false);
  const traced = buildJobTargets(j, [{ sdIndex: 0, groups: [g] }], config.global, profile, true);
  expect(states(fast)).toEqual(states(traced));
  const groupRule = profile.engine === 'vmagent' ? groupDropVm(g, j, config.global, profile) : groupPrefix(g, j, profile).droppedBy;
  return { fast, groupRule: groupRule?.index };
}

describe('rules over shared labels, once per group', () => {
  for (const profileId of ['prometheus-3.14', 'prometheus-2.42'] as const) {
    it(`${profileId}: a keep on a group label drops the whole group by that rule`, () => {
      const g: TargetGroup = { source: 'svc/ns/a', labels: { __meta_kubernetes_service_annotation_scrape: 'false' }, targets: [{ __address__: 'a:1' }, { __address__: 'b:1' }] };
      const { fast, groupRule } = both(profileId, '{source_labels: [__meta_kubernetes_service_annotation_scrape], regex: "true", action: keep}', g);
      expect(groupRule).toBe(0);
      expect(fast.dropped.map((t) => t.reason)).toEqual([expect.objectContaining({ kind: 'relabel' }), expect.objectContaining({ kind: 'relabel' })]);
    });

    it(`${profileId}: a rule reading a target's own label is left to each target`, () => {
      const g: TargetGroup = { source: 'pod/ns/p', labels: { __meta_g: 'x' }, targets: [{ __address__: 'a:1', __meta_port: 'http' }, { __address__: 'b:1', __meta_port: 'metrics' }] };
      const { fast, groupRule } = both(profileId, '{source_labels: [__meta_g], regex: x, action: keep}, {source_labels: [__meta_port], regex: metrics, action: keep}', g);
      expect(groupRule).toBeUndefined();
      expect(fast.active.map((t) => t.index)).toEqual([1]);
    });

    it(`${profileId}: what the shared rules write is seen by each target's rules after them`, () => {
      const g: TargetGroup = { source: 'pod/ns/p', labels: { __meta_g: 'x' }, targets: [{ __address__: 'a:1', __meta_port: 'x' }, { __address__: 'b:1', __meta_port: 'y' }] };
      const { fast } = both(profileId, '{source_labels: [__meta_g], target_label: __tmp_g}, {source_labels: [__tmp_g, __meta_port], regex: "x;x", action: keep}, {source_labels: [__tmp_g], target_label: g}', g);
      expect(fast.active.map((t) => [t.index, t.labels?.['g']])).toEqual([[0, 'x']]);
    });
  }

  for (const profileId of ['vmagent-1.150', 'vmagent-1.79'] as const) {
    it(`${profileId}: a name every target holds with one value counts as shared`, () => {
      const g: TargetGroup = { source: 'endpoints/ns/a', labels: {}, targets: [{ __address__: 'a:1', __meta_svc: 'n1' }, { __address__: 'b:1', __meta_svc: 'n1' }] };
      const { fast, groupRule } = both(profileId, '{source_labels: [__meta_svc], regex: y1, action: keep}', g);
      expect(groupRule).toBe(0);
      expect(fast.dropped).toHaveLength(2);
    });

    it(`${profileId}: a name whose value differs between targets does not`, () => {
      const g: TargetGroup = { source: 'endpoints/ns/a', labels: {}, targets: [{ __address__: 'a:1', __meta_svc: 'n1' }, { __address__: 'b:1', __meta_svc: 'y1' }] };
      const { fast, groupRule } = both(profileId, '{source_labels: [__meta_svc], regex: y1, action: keep}', g);
      expect(groupRule).toBeUndefined();
      expect(fast.active.map((t) => t.index)).toEqual([1]);
    });

    it(`${profileId}: a rule with an if filter ends the shared rules`, () => {
      const g: TargetGroup = { source: 'endpoints/ns/a', labels: {}, targets: [{ __address__: 'a:1', __meta_svc: 'n1' }, { __address__: 'b:1', __meta_svc: 'n1' }] };
      const { groupRule } = both(profileId, `{if: '{__address__="a:1"}', action: drop}, {source_labels: [__meta_svc], regex: y1, action: keep}`, g);
      expect(groupRule).toBeUndefined();
    });
  }
});
