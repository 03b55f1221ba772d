// npm run conformance:record -- FIXTURE_DIR [--out FILE] [--keep DIR] [--timeout S] [--check]
//
// Records what the real vmagent 1.79.5 does with FIXTURE_DIR (objects.yaml + scrape.yaml) and writes it to
// FIXTURE_DIR/expected/vmagent.json (or --out FILE). --keep DIR keeps vmagent's log, the config it ran,
// the API requests it made and its raw /api/v1/targets answer. --check writes nothing and compares with
// the existing expected/vmagent.json instead (exit 1 when it differs).
//
// A recording is only written when it is one: discovery settled, or vmagent itself refused the config or
// crashed (that is what the golden then records). When the recorder could not get a stable answer in time,
// nothing is written and the exit status is 1.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renormalize, semanticDiff, textDiff, formatRecording } from './normalize.ts';
import { EXIT_OK, recordFixture } from './sandbox.ts';
import { ensureVmagent } from './vmagent.ts';

const USAGE = 'usage: npm run conformance:record -- FIXTURE_DIR [--out FILE] [--keep DIR] [--timeout S] [--check]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    keep: { type: 'string' },
    timeout: { type: 'string' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || positionals.length !== 1) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
const fixture = resolve(positionals[0]!);
for (const f of ['objects.yaml', 'scrape.yaml']) {
  if (!existsSync(join(fixture, f))) {
    console.error(`record: ${join(fixture, f)} is missing\n${USAGE}`);
    process.exit(2);
  }
}
const golden = join(fixture, 'expected', 'vmagent.json');
const out = values.out ? resolve(values.out) : golden;

let vmagent;
try {
  vmagent = ensureVmagent();
} catch (e) {
  console.error(`record: ${(e as Error).message}`);
  process.exit(2);
}
const r = await (async () => {
  try {
    return await recordFixture({
      fixtureDir: fixture,
      vmagent,
      ...(values.keep ? { workDir: resolve(values.keep) } : {}),
      ...(values.timeout ? { timeoutS: Number(values.timeout) } : {}),
    });
  } catch (e) {
    console.error(`record: ${(e as Error).message}`);
    process.exit(2);
  }
})();
process.stderr.write(r.log);
if (r.text == null || r.exitCode !== EXIT_OK) {
  console.error(`record: no valid recording for ${fixture} (${r.timedOut ? 'timed out' : `runner exit ${r.exitCode ?? r.signal}`}); nothing written`);
  process.exit(1);
}
const rec = JSON.parse(r.text);
const summary = `vmagent ${vmagent.versionLabel}: ${rec.error ? `error: ${rec.error}` : `active=${rec.activeTargets.length} dropped=${rec.droppedTargets.length} failed=${rec.failedTargets.length}`} (${r.seconds.toFixed(1)} s)`;

if (values.check) {
  if (!existsSync(golden)) {
    console.error(`record: --check: ${golden} does not exist`);
    process.exit(1);
  }
  const wantText = readFileSync(golden, 'utf8');
  if (wantText === r.text) {
    console.log(`${summary}\nidentical to ${golden}`);
    process.exit(0);
  }
  const want = renormalize(JSON.parse(wantText));
  const diffs = semanticDiff(rec, want);
  console.log(`${summary}\n${diffs.length ? 'DIFFERS from' : 'equivalent to (informational fields differ)'} ${golden}`);
  for (const d of [...diffs, ...textDiff(r.text, formatRecording(want))]) console.log(`  ${d}`);
  process.exit(diffs.length ? 1 : 0);
}

const before = existsSync(out) ? readFileSync(out, 'utf8') : null;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, r.text);
console.log(`${summary}\n${before == null ? 'wrote' : before === r.text ? 'unchanged' : 'UPDATED'} ${out}`);
