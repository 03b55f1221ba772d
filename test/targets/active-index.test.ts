// ActiveIndex finds the active target equal in labels and URL, through URL buckets that turn into label-hash maps
// past BUCKET_MAX targets. Checked against a plain scan over every active target, with few URLs so that buckets grow
// well past BUCKET_MAX.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Labels } from '../../src/engine/labels.ts';
import { ActiveIndex, BUCKET_MAX } from '../../src/engine/targets/active-index.ts';

/** What build.ts does with each active target: keep it unless an equal one is active already. */
function dedupe(targets: { labels: Labels; url: string }[], find: (t: { labels: Labels; url: string }, active: { labels: Labels; url: string }[]) => number | undefined) {
  const active: { labels: Labels; url: string }[] = [];
  const outcome: (number | 'new')[] = [];
  for (const t of targets) {
    const prev = find(t, active);
    if (prev === undefined) {
      outcome.push('new');
      active.push(t);
    } else outcome.push(prev);
  }
  return outcome;
}

const same = (a: Labels, b: Labels) => Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);

describe('ActiveIndex', () => {
  it('finds exactly the active target a plain scan finds, in buckets of any size', () => {
    // Few names and values: equal sets are common, and a URL's bucket passes BUCKET_MAX distinct sets.
    const labels = fc.dictionary(fc.constantFrom('a', 'b', 'instance'), fc.constantFrom('1', '12'), { maxKeys: 3 });
    const target = fc.record({ labels, url: fc.constantFrom('http://e:9115/probe', 'http://a:1/metrics', 'http://b:2/metrics') });
    fc.assert(
      fc.property(fc.array(target, { minLength: 20, maxLength: 120, size: 'max' }), (targets) => {
        const index = new ActiveIndex();
        const got = dedupe(targets, (t, active) => index.lookupOrAdd(t.labels, t.url, active.length, (i) => active[i]!.labels));
        const want = dedupe(targets, (t, active) => {
          const i = active.findIndex((a) => a.url === t.url && same(a.labels, t.labels));
          return i < 0 ? undefined : i;
        });
        expect(got).toEqual(want);
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it('keeps a bucket past BUCKET_MAX targets with the same URL correct (one exporter for every target)', () => {
    const index = new ActiveIndex();
    const active: Labels[] = [];
    const n = BUCKET_MAX * 20;
    for (let i = 0; i < n; i++) {
      const l = { instance: `t${i}` };
      expect(index.lookupOrAdd(l, 'http://blackbox:9115/probe', active.length, (k) => active[k]!)).toBeUndefined();
      active.push(l);
    }
    // Every one of them again (copies, not the same objects): each is found, at its own index.
    for (let i = 0; i < n; i++) expect(index.lookupOrAdd({ instance: `t${i}` }, 'http://blackbox:9115/probe', active.length, (k) => active[k]!)).toBe(i);
    // The same labels under another URL are another target.
    expect(index.lookupOrAdd({ instance: 't0' }, 'http://other:9115/probe', active.length, (k) => active[k]!)).toBeUndefined();
  });
});
