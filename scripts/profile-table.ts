// Prints the profile switch table that ARCHITECTURE.md carries (test/project/architecture.test.ts checks
// it is current): every switch of every profile, one row each. Run: npx tsx scripts/profile-table.ts
import { listProfiles } from '../src/engine/profiles/index.ts';

export function profileTable(): string {
  const profiles = listProfiles();
  const rows: string[] = [];
  rows.push(`| switch | ${profiles.map((p) => p.id).join(' | ')} |`);
  rows.push(`|---|${profiles.map(() => '---').join('|')}|`);
  const first = profiles[0]!;
  for (const section of ['discovery', 'relabel', 'targets', 'config'] as const) {
    const keys = Object.keys((first as unknown as Record<string, Record<string, unknown>>)[section] ?? {});
    for (const k of keys) {
      const cells = profiles.map((p) => fmt((p as unknown as Record<string, Record<string, unknown>>)[section]?.[k]));
      rows.push(`| \`${section}.${k}\` | ${cells.join(' | ')} |`);
    }
  }
  return rows.join('\n');
}

function fmt(v: unknown): string {
  if (v === true) return 'yes';
  if (v === false) return 'no';
  if (v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const short = s.length > 60 ? s.slice(0, 57) + '…' : s;
  return short.replace(/\|/g, '\\|');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(profileTable());
