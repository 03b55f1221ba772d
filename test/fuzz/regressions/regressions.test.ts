// Every failure the fuzzers found, minimized, one JSON file each (README.md in this directory has the format).
// `status: "fixed"` cases must pass; `status: "open"` cases are bugs reported to their owner and run as `it.fails`:
// when the bug is fixed the case passes, `it.fails` fails, and the case is flipped to "fixed" (and its KNOWN_OPEN
// entry in harness/invariants.ts removed).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputFile, RunOptions } from '../../../src/engine/index.ts';
import { checkRun, targetsFingerprint } from '../harness/invariants.ts';

interface Regression {
  id: string;
  title: string;
  status: 'fixed' | 'open';
  owner?: string;
  expect: 'invariants' | 'isolation';
  found: Record<string, unknown>;
  options?: RunOptions;
  base?: InputFile[];
  files: InputFile[];
}

const DIR = import.meta.dirname;
const cases: Regression[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Regression);

function check(c: Regression): void {
  // Known open bugs are not tolerated here: these cases are the ones that track them.
  const r = checkRun(c.files, c.options ?? {}, false);
  if (c.expect === 'isolation') {
    const base = checkRun(c.base ?? [], c.options ?? {}, false);
    const want = targetsFingerprint(base);
    // The comparison means something only if the good documents have targets.
    expect(base.jobs.some((j) => j.active.length > 0)).toBe(true);
    expect(targetsFingerprint(r)).toBe(want);
  }
}

describe('fuzz regressions', () => {
  it('has cases, each well formed', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.id && c.title && c.found && Array.isArray(c.files), c.id).toBeTruthy();
      expect(['fixed', 'open']).toContain(c.status);
      if (c.expect === 'isolation') expect(Array.isArray(c.base), c.id).toBe(true);
    }
  });
  for (const c of cases) {
    (c.status === 'open' ? it.fails : it)(`${c.status === 'open' ? `[open, ${c.owner ?? 'unassigned'}] ` : ''}${c.id}`, () => check(c));
  }
});
