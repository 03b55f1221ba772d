// Re-records fixtures with the real vmagent and compares each recording with the checked-in golden
// (expected/vmagent.json). Used by verify-all.ts (CLI) and test/recorder/verify-all.test.ts.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { formatRecording, renormalize, semanticDiff, textDiff, type Recording } from './normalize.ts';
import { EXIT_OK, recordFixture, sandboxPrefix, type RecordResult } from './sandbox.ts';
import { REPO_ROOT, ensureVmagent, type Vmagent } from './vmagent.ts';

export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'conformance', 'fixtures');

/** Fixture directories (those with objects.yaml, scrape.yaml and expected/vmagent.json), sorted. */
export function listFixtures(root = FIXTURES_DIR): string[] {
  return readdirSync(root)
    .filter((n) => existsSync(join(root, n, 'objects.yaml')) && existsSync(join(root, n, 'scrape.yaml')))
    .sort()
    .map((n) => join(root, n));
}

export type Verdict =
  /** byte-identical to the golden */
  | 'identical'
  /** equal on what fixtures/README.md says to compare; informational fields differ */
  | 'equivalent'
  /** vmagent disagrees with the golden */
  | 'mismatch'
  /** the recorder could not produce a valid recording (did not settle, crashed, timed out) */
  | 'harness-error';

export interface FixtureReport {
  fixture: string;
  verdict: Verdict;
  /** attempts made (a recording that is not byte-identical is made once more before it counts) */
  attempts: number;
  seconds: number;
  /** README-level differences (mismatch) */
  diffs: string[];
  /** line differences against the golden file (equivalent / mismatch) */
  textDiffs: string[];
  /** the recorder's own log, for harness errors */
  log?: string;
  /** the verdict of earlier attempts, when there was a retry */
  earlier?: Verdict[];
}

export interface VerifyOptions {
  fixtures?: string[];
  jobs?: number;
  /** keep each fixture's artefacts under WORK/<fixture>/ */
  workDir?: string;
  timeoutS?: number;
  /** extra attempts for a fixture whose recording is not byte-identical to its golden (default 1) */
  retries?: number;
  onResult?: (r: FixtureReport, done: number, total: number) => void;
  vmagent?: Vmagent;
}

export interface VerifyReport {
  vmagent: string;
  jobs: number;
  seconds: number;
  results: FixtureReport[];
  ok: boolean;
}

/**
 * How many fixtures to record at once. A recording mostly waits (discovery is complete within ~0.3 s; the
 * rest is the settle window), so 4 per core, at most 8: on 2 cores that is ~19 s for 45 fixtures, against
 * ~34 s with 4 at a time. Settling is decided by observation, not by timing, so load only makes it slower.
 */
export function defaultJobs(): number {
  return Math.max(2, Math.min(8, availableParallelism() * 4));
}

function judge(fixture: string, r: RecordResult): Omit<FixtureReport, 'attempts' | 'fixture'> {
  const goldenText = readFileSync(join(fixture, 'expected', 'vmagent.json'), 'utf8');
  if (r.text == null || r.exitCode !== EXIT_OK) {
    const why = r.timedOut ? 'runner timed out' : `runner exit ${r.exitCode ?? r.signal}`;
    return { verdict: 'harness-error', seconds: r.seconds, diffs: [why], textDiffs: [], log: r.log.slice(-4000) };
  }
  if (r.text === goldenText) return { verdict: 'identical', seconds: r.seconds, diffs: [], textDiffs: [] };
  const got = JSON.parse(r.text) as Recording;
  const want = renormalize(JSON.parse(goldenText));
  const diffs = semanticDiff(got, want);
  const textDiffs = textDiff(r.text, formatRecording(want));
  return { verdict: diffs.length ? 'mismatch' : 'equivalent', seconds: r.seconds, diffs, textDiffs, log: r.log.slice(-4000) };
}

/** Records every fixture (in parallel) and compares it with its golden. Throws only when vmagent or the sandbox is unavailable. */
export async function verifyFixtures(o: VerifyOptions = {}): Promise<VerifyReport> {
  const started = Date.now();
  const vmagent = o.vmagent ?? ensureVmagent();
  const prefix = sandboxPrefix();
  const fixtures = o.fixtures ?? listFixtures();
  const jobs = Math.max(1, o.jobs ?? defaultJobs());
  const retries = o.retries ?? 1;
  const results: FixtureReport[] = new Array(fixtures.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < fixtures.length) {
      const i = next++;
      const fixture = fixtures[i]!;
      const earlier: Verdict[] = [];
      let rep: FixtureReport | null = null;
      for (let attempt = 1; attempt <= 1 + retries; attempt++) {
        const r = await recordFixture({
          fixtureDir: fixture,
          vmagent,
          prefix,
          ...(o.timeoutS != null ? { timeoutS: o.timeoutS } : {}),
          ...(o.workDir ? { workDir: join(o.workDir, basename(fixture)) } : {}),
        });
        rep = { fixture: basename(fixture), attempts: attempt, ...judge(fixture, r) };
        if (rep.verdict === 'identical') break;
        earlier.push(rep.verdict);
      }
      if (earlier.length && rep!.attempts > 1) rep!.earlier = earlier.slice(0, rep!.attempts - 1);
      results[i] = rep!;
      o.onResult?.(rep!, ++done, fixtures.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, fixtures.length) }, worker));
  const ok = results.every((r) => r.verdict === 'identical' || r.verdict === 'equivalent');
  return { vmagent: vmagent.versionLabel, jobs, seconds: (Date.now() - started) / 1000, results, ok };
}

export function formatReport(rep: VerifyReport): string {
  const lines: string[] = [];
  const count = (v: Verdict) => rep.results.filter((r) => r.verdict === v).length;
  for (const r of rep.results) {
    if (r.verdict === 'identical' && !r.earlier) continue;
    lines.push(`${r.fixture}: ${r.verdict}${r.earlier ? ` (after ${r.earlier.join(', ')})` : ''}`);
    for (const d of r.diffs.slice(0, 20)) lines.push(`    ${d}`);
    for (const d of r.textDiffs.slice(0, 20)) lines.push(`    ${d}`);
    if (r.verdict === 'harness-error' && r.log) lines.push(r.log.split('\n').slice(-15).map((l) => `    | ${l}`).join('\n'));
  }
  lines.push(
    `verify: ${rep.results.length} fixtures against real vmagent ${rep.vmagent}: ${count('identical')} byte-identical, ` +
      `${count('equivalent')} equivalent, ${count('mismatch')} mismatched, ${count('harness-error')} recorder errors; ` +
      `${rep.jobs} at a time, ${rep.seconds.toFixed(1)} s total`,
  );
  return lines.join('\n');
}
