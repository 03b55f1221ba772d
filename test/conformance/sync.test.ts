// The copies of the shared goldens must stay unedited: every file in test/conformance/fixtures and
// test/operators/cases equals its original in ../shared (present beside the checkout in CI and on
// developer machines; see PROVENANCE.md). A missing ../shared is a failure, not a skip.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const shared = join(root, '..', 'shared');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe.each([
  ['test/conformance/fixtures', 'conformance'],
  ['test/operators/cases', 'operator-cases'],
])('%s is an unedited copy of ../shared/%s', (copy, orig) => {
  it('every file is byte-identical, none missing, none extra', () => {
    const o = join(shared, orig);
    expect(existsSync(o), `${o} must exist (CI puts ../shared beside the checkout)`).toBe(true);
    const mine = files(join(root, copy)).filter((f) => !f.endsWith('PROVENANCE.md')).map((f) => relative(join(root, copy), f)).sort();
    const theirs = files(o).map((f) => relative(o, f)).sort();
    expect(mine).toEqual(theirs);
    for (const f of mine) expect(readFileSync(join(root, copy, f)).equals(readFileSync(join(o, f))), f).toBe(true);
  });
});
