// npm run conformance:verify [-- [FIXTURE_DIR...] [--jobs N] [--keep DIR] [--timeout S] [--retries N] [--json FILE] [--strict]]
//
// Re-records every fixture in test/conformance/fixtures (or the given ones) with the real vmagent 1.79.5 and
// compares each recording with the checked-in expected/vmagent.json. Exit 0 when every golden is reproduced
// (byte-identical, or with --strict unset also "equivalent": equal on what fixtures/README.md compares);
// exit 1 when a golden no longer matches real vmagent or the recorder failed; exit 2 when vmagent or the
// network sandbox cannot be had (never a silent skip).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, verifyFixtures } from './verify.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    jobs: { type: 'string' },
    keep: { type: 'string' },
    timeout: { type: 'string' },
    retries: { type: 'string' },
    json: { type: 'string' },
    strict: { type: 'boolean', default: false },
  },
});

try {
  const rep = await verifyFixtures({
    ...(positionals.length ? { fixtures: positionals.map((p) => resolve(p)) } : {}),
    ...(values.jobs ? { jobs: Number(values.jobs) } : {}),
    ...(values.keep ? { workDir: resolve(values.keep) } : {}),
    ...(values.timeout ? { timeoutS: Number(values.timeout) } : {}),
    ...(values.retries ? { retries: Number(values.retries) } : {}),
    onResult: (r, done, total) => process.stderr.write(`[${String(done).padStart(2)}/${total}] ${r.fixture}: ${r.verdict} (${r.seconds.toFixed(1)} s${r.attempts > 1 ? `, attempt ${r.attempts}` : ''})\n`),
  });
  console.log(formatReport(rep));
  if (values.json) {
    mkdirSync(dirname(resolve(values.json)), { recursive: true });
    writeFileSync(resolve(values.json), JSON.stringify(rep, null, 2) + '\n');
  }
  const ok = values.strict ? rep.results.every((r) => r.verdict === 'identical') : rep.ok;
  process.exit(ok ? 0 : 1);
} catch (e) {
  console.error(`verify: ${(e as Error).message}`);
  process.exit(2);
}
