// Without a trace, the relabel rules read the target, group and job-default labels as layers and the discovered label
// set is built only when read (targets/populate.ts shapeOf, relabel/builder.ts layers, targets/target-record.ts TargetRecord);
// with a trace, it is built key by key as Prometheus' PopulateDiscoveredLabels does. Both must give the same targets:
// the same discovered labels in the same key order, the same states, labels (in the same order) and URLs — for any
// groups of targets, any rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config/scrape-config.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import type { Labels } from '../../src/engine/labels.ts';
import { getProfile } from '../../src/engine/profiles/index.ts';
import { buildJobTargets, discoveredLabel, peekDiscoveredLabels, someDiscoveredLabel } from '../../src/engine/targets/build.ts';
import { discoveredLabelsUnbuilt } from '../../src/engine/targets/target-record.ts';
import { discoveredLabel as discoveredLabelOf, discoveredLabels } from '../../src/engine/targets/populate.ts';
import type { JobTargets, Target } from '../../src/engine/targets/types.ts';
import { groupDropVm, groupPrefix } from '../../src/engine/targets/group-prefix.ts';

const NAMES = ['__address__', '__meta_a', '__meta_b', 'job', 'x', '__scheme__', '__metrics_path__', '__proto__', 'constructor', '__scrape_interval__', '__param_module'];
const VALUES = ['a', 'b:1', 'true', '10.0.0.1:80', 'http', '/m', '30s'];
const RULES = [
  '{source_labels: [__meta_a], regex: a, action: keep}',
  '{source_labels: [__meta_b], regex: a, action: drop}',
  '{source_labels: [__meta_a, x], target_label: y}',
  '{action: labelmap, regex: __meta_(.+)}',
  '{action: labeldrop, regex: "x|job"}',
  '{target_label: instance, replacement: i}',
  '{action: labelkeep, regex: "__.*|x|y|g"}',
  '{source_labels: [__meta_g], target_label: __meta_a, replacement: ""}',
  '{source_labels: [__meta_b], regex: "", action: keep}',
  '{source_labels: [__address__], target_label: __tmp_h, modulus: 2, action: hashmod}',
  '{source_labels: [__meta_g], target_label: x, action: lowercase}',
  '{source_labels: [__meta_a], target_label: __meta_b, action: keepequal}',
  '{action: labelmap, regex: "__meta_(g|a)", replacement: "x"}',
  '{source_labels: [job], regex: j, action: drop}',
  // Rules that read only what a group's targets share (targets/group-prefix.ts runs them once per group).
  '{source_labels: [__meta_g], regex: "a|true", action: keep}',
  '{source_labels: [g, __meta_g], regex: ";.*", action: drop}',
  '{source_labels: [__meta_g], target_label: __tmp_g, replacement: "t$1"}',
  '{source_labels: [__tmp_g, __param_module], regex: "ta;(.*)", action: drop}',
  '{source_labels: [__param_module], target_label: z}',
];

const valueArb = fc.oneof({ arbitrary: fc.constantFrom(...VALUES), weight: 8 }, { arbitrary: fc.constant(''), weight: 1 });
const labelsArb = (names: string[], min = 0) =>
  fc.uniqueArray(fc.tuple(fc.constantFrom(...names), valueArb), { minLength: min, maxLength: 6, selector: ([k]) => k }).map((entries) => {
    const o: Labels = {};
    for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
    return o;
  });
// Targets of a group: often the same names in the same order (so the template path is taken), sometimes not.
// Names a discovered target or group carries (no job default, no "__proto__"), so the layered path is taken often.
const SAFE_TARGET = ['__address__', '__meta_a', '__meta_b', 'x'];
const groupArb = fc.record({
  labels: fc.oneof(labelsArb(['__meta_g', 'g', '__meta_a', '__proto__', 'job', '__param_module']), labelsArb(['__meta_g', 'g'])),
  shape: fc.oneof(labelsArb(NAMES, 1), labelsArb(SAFE_TARGET, 1)),
  targets: fc.array(fc.tuple(fc.boolean(), fc.oneof({ arbitrary: labelsArb(NAMES, 1), weight: 9 }, { arbitrary: fc.constant({}), weight: 1 }), fc.array(valueArb, { minLength: 6, maxLength: 6 })), { minLength: 1, maxLength: 5 }),
  // Pod labels under the targets (TargetGroup.under): shared by several targets, sometimes clashing with a target's,
  // the group's or a job default name (then the group is read whole).
  under: fc.option(fc.tuple(fc.array(fc.oneof(labelsArb(['__meta_p', '__meta_q']), labelsArb(['__meta_p', '__meta_a', 'g', 'job', '__param_module'])), { minLength: 1, maxLength: 2 }), fc.array(fc.nat(), { minLength: 5, maxLength: 5 }))),
});

function summary(jt: JobTargets): unknown[] {
  const all: Target[] = [...jt.active, ...jt.dropped, ...jt.failed, ...jt.duplicates];
  return all.map((t) => [t.id, t.state, Object.entries(t.discoveredLabels), t.labels && Object.entries(t.labels), t.internalLabels && Object.entries(t.internalLabels), t.scrapeUrl, t.reason, t.scrapePool, t.address, t.error]);
}

/** Targets whose discovered labels are not built yet. */
const unbuilt = (jt: JobTargets) => [...jt.active, ...jt.dropped, ...jt.failed, ...jt.duplicates].filter((t) => discoveredLabelsUnbuilt(t));

describe('one discovered label without the set (populate.ts discoveredLabel)', () => {
  for (const profileId of ['prometheus-3.14', 'prometheus-2.42'] as const) {
    it(`${profileId}: the value the built set has, for any target, pod and group labels, params and name`, () => {
      const profile = getProfile(profileId)!;
      fc.assert(
        fc.property(labelsArb(NAMES), fc.option(labelsArb(['__meta_p', 'x', 'job', '__meta_a'])), labelsArb([...NAMES, '__meta_g']), fc.constantFrom('', '  params: {module: [m]}\n', '  params: {module: [""]}\n'), (target, under, group, params) => {
          const { config } = parseConfig(ingest([{ name: 'c.yml', text: `scrape_configs:\n- job_name: j\n  scheme: https\n${params}` }]).configs, profile);
          const input = { target, under: under ?? undefined, group, job: config.scrapeConfigs[0]!, global: config.global, profile };
          const built = discoveredLabels(input);
          for (const n of [...NAMES, '__meta_g', '__meta_p', '__scrape_timeout__', '__scrape_native_histograms__', 'toString', 'nope']) {
            expect([n, discoveredLabelOf(input, n)]).toEqual([n, Object.prototype.hasOwnProperty.call(built, n) ? built[n] : undefined]);
          }
        }),
        { numRuns: 1500, seed: 20261125 },
      );
    });
  }
});

describe('discovered labels: fast path (untraced) = key-by-key path (traced)', () => {
  for (const profileId of ['prometheus-3.14', 'prometheus-2.42', 'vmagent-1.150', 'vmagent-1.79'] as const) {
    it(`${profileId}: same targets for any groups and rules`, () => {
      let layeredTargets = 0;
      let layeredUnder = 0;
      let groupDropped = 0;
      const profile = getProfile(profileId)!;
      fc.assert(
        fc.property(fc.array(groupArb, { minLength: 1, maxLength: 3 }), fc.subarray(RULES, { maxLength: 4 }), fc.constantFrom('', '{module: [m]}', '{module: [""]}', '{module: [a], x: [v, w]}', '{x: []}'), (groups, rules, params) => {
          const yaml = `scrape_configs:\n- job_name: j\n${params ? `  params: ${params}\n` : ''}  relabel_configs: [${rules.join(', ')}]\n`;
          const { config } = parseConfig(ingest([{ name: 'c.yml', text: yaml }]).configs, profile);
          const job = config.scrapeConfigs[0]!;
          const tgs = groups.map((g, i) => ({
            source: `pod/ns/p${i}`,
            labels: g.labels,
            ...(g.under ? { under: g.targets.map((_, j) => g.under![0][g.under![1][j]! % (g.under![0].length + 1)]) } : {}),
            // Same-shaped targets: the shape's names with new values.
            targets: g.targets.map(([same, own, vals]) => {
              if (!same) return own;
              const t: Labels = {};
              Object.keys(g.shape).forEach((k, j) => Object.defineProperty(t, k, { value: vals[j % vals.length]!, writable: true, enumerable: true, configurable: true }));
              return t;
            }),
          }));
          const fast = buildJobTargets(job, [{ sdIndex: 0, groups: tgs }], config.global, profile, false);
          const slow = buildJobTargets(job, [{ sdIndex: 0, groups: tgs }], config.global, profile, true);
          const lazy = unbuilt(fast);
          for (const g of tgs) if ((profile.engine === 'vmagent' ? groupDropVm(g, job, config.global, profile) : groupPrefix(g, job, profile).droppedBy)) groupDropped += g.targets.length;
          layeredTargets += lazy.length;
          layeredUnder += lazy.filter((t) => tgs.find((g) => g.source === t.source)?.under?.[t.index] !== undefined).length;
          const seen = new WeakMap<Labels, boolean>();
          for (const t of lazy.slice(0, 3)) {
            // Read without building: each label, any label passing a test, a copy — still unbuilt afterwards, and
            // the same answers the built set gives.
            const peeked = peekDiscoveredLabels(t);
            const names = [...NAMES, '__meta_g', 'g', '__meta_p', '__meta_q', 'nope'];
            const values = names.map((n) => discoveredLabel(t, n));
            const hasA = someDiscoveredLabel(t, (_k, v) => v === 'a', seen);
            const hasG = someDiscoveredLabel(t, (k) => k.endsWith('g'));
            expect(discoveredLabelsUnbuilt(t)).toBe(true);
            const d = t.discoveredLabels;
            expect(Object.entries(peeked)).toEqual(Object.entries(d));
            expect(values).toEqual(names.map((n) => (Object.prototype.hasOwnProperty.call(d, n) ? d[n] : undefined)));
            expect(hasA).toBe(Object.values(d).includes('a'));
            expect(hasG).toBe(Object.keys(d).some((k) => k.endsWith('g')));
          }
          // JSON sees the labels and the id as plain properties (TargetRecord.toJSON), and reading them builds the set.
          for (const t of lazy.slice(3, 5)) {
            const j = JSON.parse(JSON.stringify(t));
            expect(discoveredLabelsUnbuilt(t)).toBe(false);
            expect(Object.entries(t.discoveredLabels)).toEqual(Object.entries(j.discoveredLabels));
            expect(j.id).toBe(t.id);
            expect(j.seq).toBeUndefined();
          }
          expect(summary(fast)).toEqual(summary(slow));
          // Twice over the same groups (the templates are kept between runs): the same again.
          expect(summary(buildJobTargets(job, [{ sdIndex: 0, groups: tgs }], config.global, profile, false))).toEqual(summary(slow));
        }),
        { numRuns: 700, seed: 20261125 },
      );
      // The layered path was taken (a test that never reaches it would prove nothing).
      expect(layeredTargets).toBeGreaterThan(300);
      // Targets with labels under them (their pod's; for vmagent also the object's) took the layered path too.
      expect(layeredUnder).toBeGreaterThan(50);
      // Whole groups were dropped by their shared-label rules, once per group.
      expect(groupDropped).toBeGreaterThan(100);
    });
  }
});
