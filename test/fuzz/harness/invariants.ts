// The properties every engine run must have, whatever the input:
//   1. run() returns (no exception, for any text, any mix of files, any options);
//   2. every diagnostic is well formed and has a location (file, line ≥ 1, col ≥ 1, inside the file it names),
//      except the few the engine documents as belonging to no file (see LOCATIONLESS);
//   3. the result can be rendered (toApiTargets, formatDiagnostic) without an exception.
// Violations are thrown as plain Errors (usable from vitest and from scripts/fuzz-long.ts alike); the message
// says which property broke and carries what is needed to reproduce it.
import { formatDiagnostic, getProfile, run, toApiTargets, type Diagnostic, type InputFile, type RunOptions, type RunResult } from '../../../src/engine/index.ts';

export class InvariantViolation extends Error {
  constructor(
    readonly property: 'throws' | 'location' | 'malformed' | 'render' | 'isolation' | 'limit',
    message: string,
  ) {
    super(`[${property}] ${message}`);
    this.name = 'InvariantViolation';
  }
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** Diagnostics without a position that the engine emits on purpose — each one a fact about the whole run, not about
 * a place in a file (diagnostics.ts: `pos` is "absent only for problems that belong to no file"). Each is allowed only
 * when the run's result shows the condition that causes it, so a positioned diagnostic that lost its position is
 * still caught. The sites: run.ts (nothing to discover; unknown profile), operators/generate.ts (assumed
 * Prometheus / VMAgent; converter disabled without a Prometheus), cluster/whatif.ts (what-if names nothing). */
const LOCATIONLESS: Partial<Record<Diagnostic['code'], (r: RunResult, opts: RunOptions) => boolean>> = {
  UNCLASSIFIED_INPUT: (r) => r.instances.length === 0,
  CONFIG_WARNING: (_r, o) => o.profile !== undefined && getProfile(o.profile) === undefined,
  OPERATOR_ASSUMED: (r) => r.store.list('Prometheus').length + r.store.list('PrometheusAgent').length === 0 || r.store.list('VMAgent').length === 0,
  OPERATOR_NOT_SELECTED: (r) => r.store.list('Prometheus').length + r.store.list('PrometheusAgent').length === 0,
  SIMULATED: (_r, o) => (o.whatIf?.length ?? 0) > 0,
};

/** Location-less diagnostics that are open bugs, reported with a failing regression case (regressions/*.json, status
 * "open"). Tolerated here so that the fuzzers keep looking for other bugs; each entry goes when its bug is fixed (the
 * regression case then passes and its `it.fails` fails, which is the signal). Keep each predicate narrow. */
export const KNOWN_OPEN: { id: string; matches: (d: Diagnostic, r: RunResult) => boolean }[] = [
  // targets/vmagent-run.ts: "vmagent would crash" names a job and a target but carries no position.

];

/** Line count and line lengths of a text, for bounds checks. */
function lineLengths(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    out.push(i - start);
    start = i + 1;
  }
  out.push(text.length - start);
  return out;
}

function describe(d: Diagnostic): string {
  return JSON.stringify({ code: d.code, severity: d.severity, pos: d.pos, message: d.message.slice(0, 200) });
}

/** Checks properties 2 and 3 of a run's result. */
export function checkResult(files: InputFile[], opts: RunOptions, r: RunResult, tolerateKnown = true): void {
  const texts = new Map<string, string>();
  for (const f of files) texts.set(f.name, f.text);
  // Configs the operator layer generated are shown as files too (run.ts parses them as `generated/...`).
  for (const i of r.instances) {
    if (i.generated && i.owner) texts.set(`generated/${i.owner.kind}/${i.owner.namespace}/${i.owner.name}.yaml`, i.generated.runtimeYaml);
  }
  const lines = new Map<string, number[]>();
  for (const d of r.diagnostics) {
    if (!d || typeof d.code !== 'string' || !SEVERITIES.has(d.severity) || typeof d.message !== 'string' || d.message.length === 0) {
      throw new InvariantViolation('malformed', `malformed diagnostic ${JSON.stringify(d)?.slice(0, 300)}`);
    }
    const p = d.pos;
    if (!p) {
      const allowed = LOCATIONLESS[d.code];
      if (allowed?.(r, opts)) continue;
      if (tolerateKnown && KNOWN_OPEN.some((k) => k.matches(d, r))) continue;
      throw new InvariantViolation('location', `diagnostic without a location: ${describe(d)}`);
      continue;
    }
    if (typeof p.file !== 'string' || !Number.isInteger(p.line) || !Number.isInteger(p.col) || p.line < 1 || p.col < 1) {
      throw new InvariantViolation('location', `diagnostic with a bad location: ${describe(d)}`);
    }
    const text = texts.get(p.file);
    if (text === undefined) {
      if (p.file.startsWith('generated/')) continue; // a generated config we could not name; positions are its own
      throw new InvariantViolation('location', `diagnostic in a file that is not in the input: ${describe(d)}`);
    }
    let ll = lines.get(p.file);
    if (!ll) lines.set(p.file, (ll = lineLengths(text)));
    // line:col may point just past the last character (an error "at end of input").
    const lineLen = ll[p.line - 1];
    if (lineLen === undefined || p.col > lineLen + 1) {
      throw new InvariantViolation('location', `diagnostic outside its file (${ll.length} lines; line ${p.line} has ${lineLen ?? 'no'} chars): ${describe(d)}`);
    }
    if (p.offset !== undefined && (!Number.isInteger(p.offset) || p.offset < 0 || p.offset > text.length)) {
      throw new InvariantViolation('location', `diagnostic with an offset outside its file (${text.length} chars): ${describe(d)}`);
    }
  }
  try {
    for (const d of r.diagnostics) formatDiagnostic(d);
    toApiTargets(r);
  } catch (e) {
    throw new InvariantViolation('render', `rendering the result threw: ${errorText(e)}`);
  }
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 8).join('\n')}`;
  return String(e);
}

/** Property 1, then 2 and 3: runs the engine and checks the result. Returns the result for further checks.
 * `tolerateKnown`: let KNOWN_OPEN bugs pass (the regression cases turn it off). */
export function checkRun(files: InputFile[], opts: RunOptions = {}, tolerateKnown = true): RunResult {
  let r: RunResult;
  try {
    r = run(files, opts);
  } catch (e) {
    throw new InvariantViolation('throws', `run() threw: ${errorText(e)}`);
  }
  checkResult(files, opts, r, tolerateKnown);
  return r;
}

/** What "the targets" of a run are, for comparing two runs: every active, dropped and failed target as the API
 * shows it (scrape pool, URL, labels, discovered labels), in a canonical order. */
export function targetsFingerprint(r: RunResult): string {
  const api = toApiTargets(r);
  const canon = (list: unknown[]) => list.map((x) => JSON.stringify(x)).sort();
  return JSON.stringify({ active: canon(api.activeTargets), dropped: canon(api.droppedTargets), failed: canon(api.failedTargets), error: api.error !== null });
}
