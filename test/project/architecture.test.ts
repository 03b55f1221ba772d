// ARCHITECTURE.md stays true: its profile table is the one the profile objects generate, and every
// folder it names exists.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileTable } from '../../scripts/profile-table.ts';

const root = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');

describe('ARCHITECTURE.md', () => {
  it('carries the current profile switch table', () => {
    const m = /<!-- profile-table:begin -->\n([\s\S]*?)\n<!-- profile-table:end -->/.exec(doc);
    expect(m, 'table markers').not.toBeNull();
    expect(m![1]).toBe(profileTable());
  });
  it('names only folders that exist', () => {
    for (const m of doc.matchAll(/`((?:src|test|scripts|bench|examples)\/[\w./-]*?)\/?`/g)) {
      expect(existsSync(join(root, m[1]!)), m[1]).toBe(true);
    }
  });
});
