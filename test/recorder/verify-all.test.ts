// Live conformance: every fixture in test/conformance/fixtures is re-recorded with the REAL vmagent 1.79.5
// (Debian package victoria-metrics, fetched into .cache/victoria-metrics) against the recorder's fake API
// server, inside a loopback-only network namespace, and must reproduce its checked-in expected/vmagent.json
// byte for byte (and therefore on everything fixtures/README.md compares).
//
// Never skipped: when vmagent cannot be obtained or the sandbox cannot be created, every test here fails
// and says why.
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, listFixtures, verifyFixtures, type VerifyReport } from '../../scripts/recorder/verify.ts';

const fixtures = listFixtures();
let report: VerifyReport | null = null;
let unavailable: Error | null = null;

beforeAll(async () => {
  try {
    report = await verifyFixtures({ fixtures });
  } catch (e) {
    unavailable = e as Error;
  }
}, 900_000);

afterAll(() => {
  if (report) console.log(formatReport(report));
});

function result(name: string) {
  if (unavailable) throw new Error(`the live recorder could not run real vmagent: ${unavailable.message}`);
  const r = report!.results.find((x) => x.fixture === name);
  if (!r) throw new Error(`no recording for ${name}`);
  return r;
}

describe('live recorder: real vmagent 1.79.5 reproduces every vmagent golden', () => {
  it('has real vmagent and a network sandbox (never skipped)', () => {
    expect(unavailable?.message ?? null).toBeNull();
    expect(report!.vmagent).toMatch(/^1\.79\.5 \(Debian package victoria-metrics 1\.79\.5\+/);
    expect(report!.results).toHaveLength(fixtures.length);
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
  });

  it.each(fixtures.map((f) => basename(f)))('%s', (name) => {
    const r = result(name);
    const details = [...r.diffs, ...r.textDiffs, ...(r.verdict === 'harness-error' && r.log ? [r.log] : [])].join('\n');
    expect(r.verdict === 'harness-error' ? `recorder error: ${details}` : 'recorded').toBe('recorded');
    expect(r.diffs, `real vmagent no longer matches the golden (fixtures/README.md comparison):\n${details}`).toEqual([]);
    expect(r.verdict, `recording is not byte-identical to expected/vmagent.json:\n${details}`).toBe('identical');
  });
});
