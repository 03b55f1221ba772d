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
  expect: 'invariants' | 'isolation' | 'bounded-output';
  found: Record<string, unknown>;
  options?: RunOptions;
  base?: InputFile[];
  files: InputFile[];
  /** Set on open cases that cannot fail fast (they hang or exhaust memory until fixed): skipped, with the reason. */
  skip?: string;
}

const DIR = import.meta.dirname;
const cases: Regression[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Regression);

function check(c: Regression): void {
  // Known open bugs are not tolerated here: these cases are the ones that track them.
  const r = checkRun(c.files, c.options ?? {}, false);
  if (c.expect === 'bounded-output') {
    // Work in proportion to the input: what the engine makes up (simulated objects, generated configs) stays within
    // a constant factor of what it was given. Generous factors; real inputs are far below them.
    const input = c.files.reduce((n, f) => n + f.text.length, 0);
    const generated = r.instances.reduce((n, i) => n + (i.generated?.runtimeYaml.length ?? 0), 0);
    expect(r.simulated.length, 'simulated objects').toBeLessThanOrEqual(8 * input + 1000);
    expect(generated, 'characters of generated config').toBeLessThanOrEqual(64 * input + 65_536);
  }
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
    const name = `${c.status === 'open' ? `[open, ${c.owner ?? 'unassigned'}] ` : ''}${c.id}${c.skip ? ` (skipped: ${c.skip})` : ''}`;
    (c.skip ? it.skip : c.status === 'open' ? it.fails : it)(name, () => check(c));
  }
});
