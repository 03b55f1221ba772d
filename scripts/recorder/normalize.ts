// The normalized recording shape of test/conformance/fixtures/NN-*/expected/vmagent.json and how it is
// derived from what vmagent shows: its /api/v1/targets?state=any answer, its log, its exit.
//
//   {engine, version, settled, error, configWarnings, logProblems, activeTargets, droppedTargets, failedTargets}
//
// - label maps have their keys sorted (UTF-16 code-unit order, like JS `<`);
// - activeTargets {scrapePool, scrapeUrl, labels, discoveredLabels} sorted by scrapePool, scrapeUrl, then the
//   JSON of labels and of discoveredLabels;
// - droppedTargets {discoveredLabels} sorted by job, __address__, then the JSON of the labels;
// - failedTargets {scrapePool, address, error} from vmagent's "cannot create kubernetes_sd_config target" log
//   lines (its API lists these targets nowhere), de-duplicated, sorted by scrapePool, address, error;
// - logProblems: vmagent's error/warn/fatal log lines and Go runtime crashes, without the timestamp column,
//   minus scrape/remote-write/shutdown noise, cut at 400 UTF-16 units, de-duplicated and sorted;
// - the recorder's temporary directory is written as $TMP and ISO timestamps are removed from messages.
// The file is JSON.stringify(recording, null, 2) plus a newline.
export type Labels = Record<string, string>;

export interface ActiveTarget {
  scrapePool: string;
  scrapeUrl: string;
  labels: Labels;
  discoveredLabels: Labels;
}
export interface DroppedTarget {
  discoveredLabels: Labels;
}
export interface FailedTarget {
  scrapePool: string;
  address: string;
  error: string;
}
export interface Recording {
  engine: 'vmagent';
  version: string;
  settled: boolean;
  error: string | null;
  configWarnings: string[];
  logProblems: string[];
  activeTargets: ActiveTarget[];
  droppedTargets: DroppedTarget[];
  failedTargets: FailedTarget[];
}

export const LOG_LINE_LIMIT = 400;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function sortLabels(m: Labels | undefined | null): Labels {
  const out: Labels = {};
  for (const k of Object.keys(m ?? {}).sort(cmp)) out[k] = (m as Labels)[k]!;
  return out;
}

export function compareActive(a: ActiveTarget, b: ActiveTarget): number {
  return cmp(a.scrapePool, b.scrapePool) || cmp(a.scrapeUrl, b.scrapeUrl) || cmp(JSON.stringify(a.labels), JSON.stringify(b.labels)) || cmp(JSON.stringify(a.discoveredLabels), JSON.stringify(b.discoveredLabels));
}

export function compareDropped(a: DroppedTarget, b: DroppedTarget): number {
  const x = a.discoveredLabels;
  const y = b.discoveredLabels;
  return cmp(x.job ?? '', y.job ?? '') || cmp(x.__address__ ?? '', y.__address__ ?? '') || cmp(JSON.stringify(x), JSON.stringify(y));
}

export function compareFailed(a: FailedTarget, b: FailedTarget): number {
  return cmp(a.scrapePool, b.scrapePool) || cmp(a.address, b.address) || cmp(a.error, b.error);
}

/** Normalizes the `data` of vmagent's /api/v1/targets answer. */
export function normalizeTargets(data: any): { activeTargets: ActiveTarget[]; droppedTargets: DroppedTarget[] } {
  const activeTargets: ActiveTarget[] = (data?.activeTargets ?? []).map((t: any) => ({
    scrapePool: String(t.scrapePool ?? ''),
    scrapeUrl: String(t.scrapeUrl ?? ''),
    labels: sortLabels(t.labels),
    discoveredLabels: sortLabels(t.discoveredLabels),
  }));
  const droppedTargets: DroppedTarget[] = (data?.droppedTargets ?? []).map((t: any) => ({ discoveredLabels: sortLabels(t.discoveredLabels) }));
  activeTargets.sort(compareActive);
  droppedTargets.sort(compareDropped);
  return { activeTargets, droppedTargets };
}

const ISO_TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\s*/g;

/** Removes what differs between runs from a message: the temp dir and timestamps. */
export function scrub(s: string, tmpDir: string | null): string {
  let out = s;
  if (tmpDir) out = out.split(tmpDir).join('$TMP');
  return out.replace(ISO_TIMESTAMP, '');
}

export function truncate(line: string, limit = LOG_LINE_LIMIT): string {
  return line.length > limit ? `${line.slice(0, limit)} …[truncated]` : line;
}

/**
 * vmagent's log format is `TIMESTAMP\tLEVEL\tFILE:LINE\tMESSAGE`. Keeps error/warn/fatal/panic lines and Go
 * runtime crash headlines (`panic: …`, `fatal error: …`), as `LEVEL\tFILE:LINE\tMESSAGE`.
 */
export function problemLines(logText: string): string[] {
  const out: string[] = [];
  for (const raw of logText.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (/^(panic|fatal error): /.test(line)) { out.push(line); continue; }
    const cols = line.split('\t');
    if (cols.length >= 3 && /^\d{4}-\d\d-\d\dT/.test(cols[0]!) && /^(error|warn|fatal|panic)$/.test(cols[1]!)) out.push(cols.slice(1).join('\t'));
  }
  return out;
}

/**
 * Problems that are about the run, not about the config: scraping the (unreachable) pod addresses,
 * the remote-write sink, shutdown. Lines about targets or relabeling are never noise.
 */
export function isRuntimeNoise(line: string): boolean {
  if (/target|relabel/i.test(line)) return false;
  return /scrape|context canceled|Error on ingesting|connection refused|network is unreachable|Stopping|received SIGTERM|remote ?write|cannot send a block/i.test(line);
}

export function logProblems(logText: string, tmpDir: string | null): string[] {
  const lines = problemLines(logText)
    .filter((l) => !isRuntimeNoise(l))
    .map((l) => truncate(scrub(l, tmpDir)));
  return [...new Set(lines)].sort(cmp);
}

const FAILED_TARGET = /cannot create kubernetes_sd_config target ("(?:[^"\\]|\\.)*") for job_name ("(?:[^"\\]|\\.)*"): (.*)$/;

/** Go %q strings as vmagent prints them; falls back to the raw text (quotes stripped) when not JSON-compatible. */
function unquote(q: string): string {
  try {
    return JSON.parse(q);
  } catch {
    return q.slice(1, -1);
  }
}

/** Targets vmagent could not create (e.g. an unparsable __scrape_interval__): error lines in its log. */
export function failedTargets(logText: string): FailedTarget[] {
  const seen = new Map<string, FailedTarget>();
  for (const line of logText.split('\n')) {
    const m = line.match(FAILED_TARGET);
    if (!m) continue;
    const t: FailedTarget = { scrapePool: unquote(m[2]!), address: unquote(m[1]!), error: m[3]!.trim() };
    seen.set(JSON.stringify(t), t);
  }
  return [...seen.values()].sort(compareFailed);
}

/** The configWarnings entry for a failed strict dry run (`-promscrape.config.dryRun`, strict parsing). */
export function dryRunWarning(stderr: string, tmpDir: string | null): string {
  const lines = stderr.trim().split('\n').filter((l) => l.trim() !== '');
  const text = scrub(lines.slice(-3).join(' | '), tmpDir);
  return `vmagent strict dry run failed (run continues with -promscrape.config.strictParse=false): ${text}`;
}

export function formatRecording(r: Recording): string {
  const ordered: Recording = {
    engine: r.engine,
    version: r.version,
    settled: r.settled,
    error: r.error,
    configWarnings: r.configWarnings,
    logProblems: r.logProblems,
    activeTargets: r.activeTargets,
    droppedTargets: r.droppedTargets,
    failedTargets: r.failedTargets,
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

/** Re-normalizes a recording (e.g. a golden read from disk): a fixed point for files this module wrote. */
export function renormalize(r: any): Recording {
  const { activeTargets, droppedTargets } = normalizeTargets(r);
  return {
    engine: 'vmagent',
    version: r.version,
    settled: r.settled,
    error: r.error ?? null,
    configWarnings: [...(r.configWarnings ?? [])],
    logProblems: [...new Set<string>(r.logProblems ?? [])].sort(cmp),
    activeTargets,
    droppedTargets,
    failedTargets: [...(r.failedTargets ?? [])].map((t: FailedTarget) => ({ scrapePool: t.scrapePool, address: t.address, error: t.error })).sort(compareFailed),
  };
}

// ------------------------------------------------------------------ comparison

/**
 * Compares a fresh recording with a golden the way test/conformance/fixtures/README.md defines "equals":
 * activeTargets on {scrapePool, scrapeUrl, labels, discoveredLabels}, droppedTargets on {discoveredLabels}
 * (as multisets), vmagent failedTargets on count and addresses, and a config rejection (error non-null) on
 * both sides. Returns the differences (empty = equal). Informational fields are not compared here.
 */
export function semanticDiff(got: Recording, want: Recording): string[] {
  const diffs: string[] = [];
  if ((got.error == null) !== (want.error == null)) {
    diffs.push(`error: got ${JSON.stringify(got.error)}, golden ${JSON.stringify(want.error)}`);
  }
  const multiset = (name: string, a: unknown[], b: unknown[]) => {
    const count = (xs: unknown[]) => {
      const m = new Map<string, number>();
      for (const x of xs) {
        const k = JSON.stringify(x);
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      return m;
    };
    const ca = count(a);
    const cb = count(b);
    for (const [k, n] of ca) if ((cb.get(k) ?? 0) < n) diffs.push(`${name}: only in the recording: ${k}`);
    for (const [k, n] of cb) if ((ca.get(k) ?? 0) < n) diffs.push(`${name}: only in the golden: ${k}`);
  };
  const act = (r: Recording) => normalizeTargets(r).activeTargets;
  multiset('activeTargets', act(got), act(want));
  const drop = (r: Recording) => normalizeTargets(r).droppedTargets;
  multiset('droppedTargets', drop(got), drop(want));
  const failed = (r: Recording) => (r.failedTargets ?? []).map((t) => ({ scrapePool: t.scrapePool, address: t.address }));
  multiset('failedTargets', failed(got), failed(want));
  return diffs;
}

/** Line-level differences of two formatted recordings (for reports), at most `max` lines. */
export function textDiff(got: string, want: string, max = 20): string[] {
  const a = got.split('\n');
  const b = want.split('\n');
  const out: string[] = [];
  const setA = new Set(a);
  const setB = new Set(b);
  for (const l of b) if (!setA.has(l) && out.length < max) out.push(`- ${l.trim()}`);
  for (const l of a) if (!setB.has(l) && out.length < max) out.push(`+ ${l.trim()}`);
  if (!out.length && got !== want) out.push('(same lines, different order or count)');
  return out;
}
