// One vitest test per fuzz property (see properties.ts): runs it with its `npm test` budget and fails with
// fast-check's report (seed, path, shrunk input as a regression case).
import { it } from 'vitest';
import { PROPERTIES, runProperty } from './properties.ts';

export function fuzzTest(name: string, what: string): void {
  const p = PROPERTIES.find((x) => x.name === name);
  if (!p) throw new Error(`no fuzz property ${name}`);
  it(`${what} (${p.name}, ${p.runs} runs)`, () => {
    const o = runProperty(p);
    if (o.failed) throw new Error(o.report);
  });
}
