// Full conformance against real Prometheus 2.42.0 and 3.14.0 outputs (see PROVENANCE.md).
// Compared as the fixtures' README says: activeTargets on {scrapePool, scrapeUrl, labels,
// discoveredLabels}, droppedTargets on {discoveredLabels}, failedTargets on {discoveredLabels,
// error}, each as a multiset. No skip list.
//
// One recorder artifact: every failed target in the goldens says "instance 0 in group …", also where the
// target is not the first of its group (05 and 20: the host-less ingress rule is target 3 of
// ingress/web/shop). Prometheus' TargetsFromGroup (scrape/target.go, 2.42 and 3.14) prints the target's
// index in its group (`for i, tLabels := range tg.Targets` … "instance %d in group %s"); the recorder
// evidently rebuilt each failed target on its own. We print the real index, so the index is masked when
// the error texts are compared; everything else in the message is compared exactly.
import { describe, expect, it } from 'vitest';
import { canon, expected, fixtureNames, runFixture } from '../helpers/fixtures.ts';

const cases: [string, 'prometheus' | 'prometheus3', 'prometheus-2.42' | 'prometheus-3.14'][] = [];
for (const f of fixtureNames()) {
  cases.push([f, 'prometheus3', 'prometheus-3.14']);
  cases.push([f, 'prometheus', 'prometheus-2.42']);
}

describe('conformance: real Prometheus outputs', () => {
  it('has fixtures', () => expect(fixtureNames().length).toBeGreaterThanOrEqual(45));
  it.each(cases)('%s (%s)', (name, golden, profile) => {
    const want = expected(name, golden);
    const got = runFixture(name, profile);
    expect(got.error, 'config rejection').toBe(want.error);
    expect(canon(got.activeTargets.map(({ scrapePool, scrapeUrl, labels, discoveredLabels }) => ({ scrapePool, scrapeUrl, labels, discoveredLabels }))), 'activeTargets').toEqual(
      canon(want.activeTargets.map(({ scrapePool, scrapeUrl, labels, discoveredLabels }: any) => ({ scrapePool, scrapeUrl, labels, discoveredLabels }))),
    );
    expect(canon(got.droppedTargets.map((t) => t.discoveredLabels)), 'droppedTargets').toEqual(canon(want.droppedTargets.map((t: any) => t.discoveredLabels)));
    const maskIndex = (e: string) => e.replace(/^instance \d+ in group /, 'instance N in group ');
    expect(canon(got.failedTargets.map(({ discoveredLabels, error }) => ({ discoveredLabels, error: maskIndex(error) }))), 'failedTargets').toEqual(
      canon((want.failedTargets ?? []).map(({ discoveredLabels, error }: any) => ({ discoveredLabels, error: maskIndex(error) }))),
    );
  });
});
