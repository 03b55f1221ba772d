// Full conformance against real vmagent 1.79.5 outputs (expected/vmagent.json, see PROVENANCE.md), through
// the CLI function as `npx ksd --engine vmagent-1.79 --format json` runs it. Compared as the fixtures' README
// says: activeTargets on {scrapePool, scrapeUrl, labels, discoveredLabels}, droppedTargets on
// {discoveredLabels}, each as a multiset; vmagent's failedTargets ({scrapePool, address, error}: its log names
// no labels) on their count and addresses; a refused config (or a crash: fixture 45) as an error and no
// targets. No skip list.
import { describe, expect, it } from 'vitest';
import { canon, expected, fixtureNames, runFixture } from '../helpers/fixtures.ts';

const pick = (l: any[]) => l.map(({ scrapePool, scrapeUrl, labels, discoveredLabels }: any) => ({ scrapePool, scrapeUrl, labels, discoveredLabels }));

describe('conformance: real vmagent 1.79.5 outputs', () => {
  it('has fixtures', () => expect(fixtureNames().length).toBeGreaterThanOrEqual(45));
  it.each(fixtureNames())('%s (vmagent-1.79)', (name) => {
    const want = expected(name, 'vmagent');
    const got = runFixture(name, 'vmagent-1.79');
    if (want.error !== null) {
      // vmagent refused the config (08: keepequal) or crashed (45: a zero per-target interval).
      expect(got.error, 'vmagent would not run: our engine must say so').not.toBeNull();
      expect(got.activeTargets).toEqual([]);
      expect(got.droppedTargets).toEqual([]);
      return;
    }
    expect(got.error, 'config rejection').toBeNull();
    expect(canon(pick(got.activeTargets)), 'activeTargets').toEqual(canon(pick(want.activeTargets)));
    expect(canon(got.droppedTargets.map((t) => t.discoveredLabels)), 'droppedTargets').toEqual(canon(want.droppedTargets.map((t: any) => t.discoveredLabels)));
    const failed = (want.failedTargets ?? []) as { scrapePool: string; address: string }[];
    expect(got.failedTargets.length, 'failedTargets count').toBe(failed.length);
    expect(canon(got.failedTargets.map((t) => ({ scrapePool: t.scrapePool, address: t.address }))), 'failedTargets addresses').toEqual(canon(failed.map((t) => ({ scrapePool: t.scrapePool, address: t.address }))));
  });

  it('08: the refusal is vmagent’s own message (unknown action)', () => {
    const got = runFixture('08-keepequal-dropequal', 'vmagent-1.79');
    expect(got.error).toContain('unknown `action` "keepequal"');
    expect(got.error).toContain('`job_name` "keepequal"');
  });

  it('45: the crash is reported as an error, not as targets', () => {
    const got = runFixture('45-vmagent-zero-interval-crash', 'vmagent-1.79');
    expect(got.error).toMatch(/crash.*integer divide by zero/);
  });

  it('25 and 43: failed targets carry vmagent’s error text', () => {
    const want25 = expected('25-intervals-timeouts', 'vmagent').failedTargets;
    expect(runFixture('25-intervals-timeouts', 'vmagent-1.79').failedTargets.map((t) => t.error)).toEqual(want25.map((t: any) => t.error));
    const want43 = expected('43-scheme-path-per-target', 'vmagent').failedTargets.map((t: any) => t.error).sort();
    expect(runFixture('43-scheme-path-per-target', 'vmagent-1.79').failedTargets.map((t) => t.error).sort()).toEqual(want43);
  });
});

describe('conformance: what strict parsing would refuse', () => {
  it('35: global.evaluation_interval (written by prometheus-operator) is a warning that says vmagent’s default refuses it', () => {
    const want = expected('35-servicemonitor-endpoints', 'vmagent').configWarnings as string[];
    expect(want.join(' ')).toContain('field evaluation_interval not found in type promscrape.GlobalConfig');
    const got = runFixture('35-servicemonitor-endpoints', 'vmagent-1.79');
    expect(got.error).toBeNull();
    expect(got.configWarnings?.join(' ')).toMatch(/field evaluation_interval not found in type promscrape.GlobalConfig.*strict parsing refuses the whole config/);
  });
});
