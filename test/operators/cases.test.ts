// One test per case of the shared operator-cases suite (test/operators/cases, see PROVENANCE.md):
// generate from input.yaml, compare with expected.yaml per its `compare:` mode, and check the
// selection verdicts against the header's `skipped:` list.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { convertedObject, expectedData, familyConfig, listCases, normalizeConverted, runCase, selectionProblems } from './case-harness.ts';

const cases = listCases();

describe('operator-cases', () => {
  it('has all 118 cases', () => {
    expect(cases.length).toBe(118);
  });

  for (const c of cases) {
    const compare = (c.header.get('compare') ?? ['full'])[0];
    const source = (c.header.get('test') ?? [''])[0];
    it(`${c.operator}/${c.name} [${compare}] (${source})`, () => {
      const res = runCase(c);
      const expected = expectedData(c);
      if (compare === 'converted-object') {
        expect(normalizeConverted(convertedObject(c, res.env))).toEqual(normalizeConverted(expected));
        return;
      }
      const cfg = familyConfig(c, res.configs);
      expect(cfg, 'a config for the operator family').toBeDefined();
      const ours = parse(cfg!.yaml) as Record<string, unknown>;
      if (compare === 'kubernetes_sd_configs') {
        const jobs = ours.scrape_configs as Record<string, unknown>[];
        expect(jobs.length).toBe(1);
        const want = (expected.scrape_configs as Record<string, unknown>[])[0]!.kubernetes_sd_configs;
        expect(jobs[0]!.kubernetes_sd_configs).toEqual(want);
      } else {
        expect(ours.scrape_configs).toEqual(expected.scrape_configs);
        if (expected.global) expect(ours.global).toEqual(expected.global);
      }
      expect(selectionProblems(c, res.selection)).toEqual([]);
    });
  }
});
