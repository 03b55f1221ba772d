// The CLI's default output: per job, active targets with their scrape URLs, dropped
// targets with the rule that dropped them (index, action, config line), failed targets
// with their error; with --trace, every step of every target.
import { formatLabels, type Labels, type RunResult, type Target, type TraceStep } from '../engine/index.ts';

export interface TableOptions {
  trace: boolean;
  /** Show at most this many dropped targets per job (0 = all). */
  maxDropped: number;
}

function where(t: Target): string {
  const r = t.reason;
  if (!r) return '';
  if (r.kind === 'relabel') {
    const p = r.rule.pos ? ` (${r.rule.pos.file}:${r.rule.pos.line}:${r.rule.pos.col})` : '';
    const o = r.rule.origin ? ` from ${r.rule.origin.kind} ${r.rule.origin.namespace ? r.rule.origin.namespace + '/' : ''}${r.rule.origin.name}, ${r.rule.origin.field}` : '';
    return `relabel_configs[${r.rule.index}] ${r.rule.summary}${p}${o}`;
  }
  if (r.kind === 'duplicate') return r.note;
  return r.message;
}

function diffLine(before: Labels, after: Labels): string {
  const parts: string[] = [];
  for (const k of Object.keys(after).sort()) {
    if (!(k in before)) parts.push(`+${k}=${JSON.stringify(after[k])}`);
    else if (before[k] !== after[k]) parts.push(`~${k}=${JSON.stringify(after[k])}`);
  }
  for (const k of Object.keys(before).sort()) if (!(k in after)) parts.push(`-${k}`);
  return parts.length ? parts.join(' ') : '(no change)';
}

export function formatTrace(steps: TraceStep[], indent: string): string[] {
  return steps.map((s, i) => {
    const head = s.rule ? `rule ${s.rule.index} ${s.rule.summary}` : `[${s.implicit}]${s.note ? ' ' + s.note : ''}`;
    const verdict = s.keep ? '' : '  => DROPPED';
    return `${indent}${String(i + 1).padStart(2)}. ${head}: ${diffLine(s.before, s.after)}${verdict}`;
  });
}

export function formatTable(res: RunResult, opts: TableOptions): string {
  const lines: string[] = [];
  lines.push(`profile ${res.profile}; ${res.store.size()} objects; ${res.jobs.length} job(s)`);
  if (res.configRejected) lines.push('!! the real engine would refuse to load this config (see errors); targets below are what the valid jobs would give');
  for (const j of res.jobs) {
    lines.push('');
    lines.push(`job ${j.job}: ${j.active.length} active, ${j.dropped.length} dropped, ${j.failed.length} failed${j.duplicates.length ? `, ${j.duplicates.length} collapsed as duplicates` : ''}`);
    for (const t of j.active) {
      lines.push(`  ACTIVE ${t.scrapeUrl}  ${formatLabels(t.labels ?? {})}  <- ${t.source}`);
      if (opts.trace && t.trace) lines.push(...formatTrace(t.trace, '         '));
    }
    const dropped = opts.maxDropped > 0 ? j.dropped.slice(0, opts.maxDropped) : j.dropped;
    for (const t of dropped) {
      lines.push(`  DROP   ${t.discoveredLabels['__address__'] ?? '(no address)'}  <- ${t.source}  by ${where(t)}`);
      if (opts.trace && t.trace) lines.push(...formatTrace(t.trace, '         '));
    }
    if (dropped.length < j.dropped.length) lines.push(`  … ${j.dropped.length - dropped.length} more dropped (use --all)`);
    for (const t of j.failed) {
      lines.push(`  FAIL   ${t.discoveredLabels['__address__'] ?? ''}  <- ${t.source}  ${t.error}`);
      if (opts.trace && t.trace) lines.push(...formatTrace(t.trace, '         '));
    }
    for (const t of j.duplicates) lines.push(`  DUP    ${t.discoveredLabels['__address__'] ?? ''}  <- ${t.source}  ${where(t)}`);
  }
  return lines.join('\n') + '\n';
}
