// `ksd --explain` (the diagnoses, in words, with file:line:col of the field to change and the suggested
// edit) and `ksd --expect 'job=audit' [--expect-count N]` (label matchers over active targets, for CI).
import type { Diagnosis, Suggestion } from '../engine/diagnose/index.ts';
import type { RunResult } from '../engine/index.ts';

const where = (p: { file: string; line: number; col: number } | undefined): string => (p ? `${p.file}:${p.line}:${p.col}` : '-');

function suggestionLines(s: Suggestion, first: boolean): string[] {
  const status = s.verified ? `verified: ${s.resultingTargets ?? 0} target${s.resultingTargets === 1 ? '' : 's'}` : s.resultingTargets !== undefined ? `not verified: ${s.resultingTargets} targets` : 'not verified';
  const out = [`  ${first ? 'fix' : 'or '} (${status}): ${s.description}`];
  for (const e of s.edits) {
    const what = e.length === 0 ? 'insert' : e.text === '' ? `delete ${e.length} characters` : `replace ${e.length} characters with`;
    out.push(`      ${e.file}:${e.line}:${e.col}: ${what}${e.text ? `\n${e.text.replace(/^\r?\n/, '').split(/\r?\n/).map((l) => `        | ${l}`).join('\n')}` : ''}`);
  }
  if (s.afterChange) out.push(`      (${s.afterChange})`);
  return out;
}

export function formatExplain(ds: Diagnosis[]): string {
  if (!ds.length) return '== Why not?\nnothing to explain: every monitor is selected and every job has active targets\n';
  const lines = [`== Why not? (${ds.length} diagnos${ds.length === 1 ? 'is' : 'es'})`];
  for (const d of ds) {
    lines.push('');
    lines.push(`${d.severity} ${d.kind}  ${where(d.location)}${d.locationField ? `  ${d.locationField}` : ''}`);
    lines.push(`  ${d.sentence}`);
    if (d.job) lines.push(`  job: ${d.job} (${d.instance ?? ''})${d.target ? ` target ${d.target}` : ''}`);
    for (const r of d.related ?? []) lines.push(`  see: ${r.label}${r.pos ? ` at ${where(r.pos)}` : ''}`);
    for (const n of d.notes ?? []) lines.push(`  note: ${n}`);
    if (d.suggestion) lines.push(...suggestionLines(d.suggestion, true));
    for (const a of d.alternatives ?? []) lines.push(...suggestionLines(a, false));
    lines.push(`  upstream: ${d.upstream}`);
  }
  return lines.join('\n') + '\n';
}

export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
  re?: RegExp;
}

/** `job=audit`, `namespace!=kube-system`, `instance=~10\.0\..*` (regexes anchored, as in PromQL). */
export function parseMatcher(text: string): Matcher | string {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/.exec(text);
  if (!m) return `--expect ${JSON.stringify(text)}: want NAME=VALUE, NAME!=VALUE, NAME=~REGEX or NAME!~REGEX`;
  const r: Matcher = { name: m[1] as string, op: m[2] as Matcher['op'], value: m[3] as string };
  if (r.op === '=~' || r.op === '!~') {
    try {
      r.re = new RegExp(`^(?:${r.value})$`, 's');
    } catch (e) {
      return `--expect ${JSON.stringify(text)}: bad regex: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return r;
}

function matches(m: Matcher, labels: Record<string, string>): boolean {
  const v = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return m.re?.test(v) ?? false;
    case '!~':
      return !(m.re?.test(v) ?? false);
  }
}

/** Active targets (public labels) that match every matcher. */
export function countMatching(res: RunResult, ms: Matcher[]): number {
  let n = 0;
  for (const j of res.jobs) for (const t of j.active) if (ms.every((m) => matches(m, t.labels ?? {}))) n++;
  return n;
}

export function formatMatchers(ms: Matcher[]): string {
  return `{${ms.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(', ')}}`;
}
