// Active targets with the same labels (hidden ones included) and URL are one target (scrape/scrape.go sync). The
// target stage finds them by URL, then by comparing labels (targets/active-index.ts; a hash of the labels, labels.ts
// labelsHash, once many targets share a URL): for any
// targets, exactly the distinct (labels, URL) pairs stay active, and the hash does not depend on key order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config/scrape-config.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { labelsEqual, labelsHash, labelsKey, type Labels } from '../../src/engine/labels.ts';
import { getProfile } from '../../src/engine/profiles/index.ts';
import { buildJobTargets } from '../../src/engine/targets/build.ts';

describe('duplicate targets', () => {
  it('labelsHash ignores key order and sees every name and value', () => {
    expect(labelsHash({ a: '1', b: '2' }, 'u')).toBe(labelsHash({ b: '2', a: '1' }, 'u'));
    expect(labelsHash({ a: '1', b: '2' }, 'u')).not.toBe(labelsHash({ a: '2', b: '1' }, 'u'));
    expect(labelsHash({ a: '1' }, 'u')).not.toBe(labelsHash({ a: '1' }, 'v'));
    expect(labelsHash({ ab: '' }, '')).not.toBe(labelsHash({ a: 'b' }, ''));
  });

  it('labelsEqual: same names with the same values, in any order', () => {
    expect(labelsEqual({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(labelsEqual({}, {})).toBe(true);
    expect(labelsEqual({ a: '1' }, { a: '1', b: '' })).toBe(false);
    expect(labelsEqual({ a: '1', b: '' }, { a: '1' })).toBe(false);
    expect(labelsEqual({ a: '1', b: '2' }, { a: '1', c: '2' })).toBe(false);
    expect(labelsEqual({ a: '' }, { b: '' })).toBe(false);
    // Names that are Object.prototype members on the other side.
    expect(labelsEqual({ constructor: 'x' }, { toString: 'x' })).toBe(false);
    expect(labelsEqual({ constructor: 'x', a: '1' }, { a: '1', b: '2' })).toBe(false);
  });

  for (const profileId of ['prometheus-3.14', 'prometheus-2.42'] as const) {
    it(`${profileId}: the distinct (labels, URL) pairs stay active, the others are duplicates`, () => {
      const profile = getProfile(profileId)!;
      const yaml = 'scrape_configs:\n- job_name: j\n  relabel_configs: [{source_labels: [__meta_x], target_label: x}, {action: labeldrop, regex: __meta_y}]\n';
      const { config } = parseConfig(ingest([{ name: 'c.yml', text: yaml }]).configs, profile);
      const job = config.scrapeConfigs[0]!;
      const target = fc.record({ __address__: fc.constantFrom('a:1', 'b:2'), __meta_x: fc.constantFrom('1', '2'), __meta_y: fc.constantFrom('p', 'q'), x: fc.constantFrom('1', '3') }, { requiredKeys: ['__address__'] });
      fc.assert(
        fc.property(fc.array(fc.array(target, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }), (groups) => {
          const tgs = groups.map((targets, i) => ({ source: `pod/ns/p${i}`, labels: {} as Labels, targets: targets as Labels[] }));
          const jt = buildJobTargets(job, [{ sdIndex: 0, groups: tgs }], config.global, profile, false);
          const key = (t: { internalLabels?: Labels; scrapeUrl?: string }) => labelsKey(t.internalLabels!) + ' ' + t.scrapeUrl;
          const all = [...jt.active, ...jt.duplicates, ...jt.dropped.filter((t) => t.state === 'duplicate')];
          expect(new Set(jt.active.map(key)).size).toBe(jt.active.length);
          expect(new Set(all.map(key))).toEqual(new Set(jt.active.map(key)));
        }),
        { numRuns: 300, seed: 20261125 },
      );
    });
  }
});
