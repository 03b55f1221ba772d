// CI's "N passed, N failed" line (scripts/summarize-tests.mjs): vitest's report plus the long fuzz run's counts, and a
// run that left no report is a failure, never a silent zero.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '..', '..', 'scripts', 'summarize-tests.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ksd-summary-'));
const file = (name: string, v: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(v));
  return p;
};

function summarize(...args: string[]): { line: string; code: number } {
  try {
    return { line: execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(), code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; status?: number };
    return { line: String(err.stdout ?? '').trim(), code: err.status ?? -1 };
  }
}

describe('scripts/summarize-tests.mjs', () => {
  const vitest = file('vitest.json', { numPassedTests: 40, numFailedTests: 0, numPendingTests: 2 });
  it("adds the fuzz run's property runs to vitest's tests", () => {
    expect(summarize(vitest, file('fuzz-ok.json', { passed: 20, failed: 0 }))).toEqual({ line: '60 passed, 0 failed, 2 skipped', code: 0 });
  });
  it('fails on a failing fuzz run', () => {
    expect(summarize(vitest, file('fuzz-bad.json', { passed: 19, failed: 1 }))).toEqual({ line: '59 passed, 1 failed, 2 skipped', code: 1 });
  });
  it('counts a missing or empty report as a failure', () => {
    expect(summarize(vitest, join(dir, 'absent.json'))).toEqual({ line: '40 passed, 1 failed, 2 skipped', code: 1 });
    expect(summarize(vitest, file('empty.json', {}))).toEqual({ line: '40 passed, 1 failed, 2 skipped', code: 1 });
    expect(summarize(join(dir, 'no-vitest.json'))).toEqual({ line: '0 passed, 1 failed', code: 1 });
  });
  it('reads vitest alone as before', () => {
    expect(summarize(vitest)).toEqual({ line: '40 passed, 0 failed, 2 skipped', code: 0 });
    expect(summarize(file('suite-broken.json', { numPassedTests: 3, numFailedTests: 0, numFailedTestSuites: 1 }))).toEqual({ line: '3 passed, 1 failed', code: 1 });
  });
});
