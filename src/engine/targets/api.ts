// The Prometheus /api/v1/targets?state=any shape (plus failedTargets, which the real
// API never shows), sorted deterministically like the conformance goldens.
import { formatDiagnostic } from '../diagnostics.ts';
import { compareStrings, sortLabels, type Labels } from '../labels.ts';
import type { RunResult } from '../run.ts';
import type { Target } from './types.ts';

export interface ApiActiveTarget {
  scrapePool: string;
  scrapeUrl: string;
  labels: Labels;
  discoveredLabels: Labels;
}

export interface ApiDroppedTarget {
  discoveredLabels: Labels;
  scrapePool?: string;
  /** Ours: which rule (or check) dropped it. */
  droppedBy?: string;
}

export interface ApiFailedTarget {
  scrapePool: string;
  error: string;
  discoveredLabels: Labels;
}

export interface ApiTargets {
  activeTargets: ApiActiveTarget[];
  droppedTargets: ApiDroppedTarget[];
  failedTargets: ApiFailedTarget[];
  /** The whole config refused: the engine's message. */
  error: string | null;
  errors: string[];
}

const key = (o: unknown) => JSON.stringify(o);

function sortBy<T>(list: T[], f: (t: T) => string): T[] {
  return list.map((t) => [f(t), t] as const).sort((a, b) => compareStrings(a[0], b[0])).map((x) => x[1]);
}

function droppedBy(t: Target): string | undefined {
  const r = t.reason;
  if (!r) return undefined;
  if (r.kind === 'relabel') return `relabel_configs[${r.rule.index}] ${r.rule.summary}`;
  if (r.kind === 'duplicate') return r.note;
  return r.message;
}

export function toApiTargets(res: RunResult): ApiTargets {
  const errors = res.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  if (res.configRejected) {
    const first = res.diagnostics.find((d) => d.severity === 'error' && d.code !== 'YAML_PARSE' && d.code !== 'JSON_PARSE' && d.code !== 'INVALID_FIELD');
    return { activeTargets: [], droppedTargets: [], failedTargets: [], error: first?.message ?? 'config rejected', errors };
  }
  const active: ApiActiveTarget[] = [];
  const dropped: ApiDroppedTarget[] = [];
  const failed: ApiFailedTarget[] = [];
  for (const j of res.jobs) {
    for (const t of j.active) {
      active.push({ scrapePool: t.scrapePool, scrapeUrl: t.scrapeUrl ?? '', labels: sortLabels(t.labels ?? {}), discoveredLabels: sortLabels(t.discoveredLabels) });
    }
    for (const t of j.dropped) {
      const d: ApiDroppedTarget = { discoveredLabels: sortLabels(t.discoveredLabels), scrapePool: t.scrapePool };
      const by = droppedBy(t);
      if (by) d.droppedBy = by;
      dropped.push(d);
    }
    for (const t of j.failed) failed.push({ scrapePool: t.scrapePool, error: t.error ?? '', discoveredLabels: sortLabels(t.discoveredLabels) });
  }
  return {
    activeTargets: sortBy(active, (t) => key([t.scrapePool, t.scrapeUrl, t.labels, t.discoveredLabels])),
    droppedTargets: sortBy(dropped, (t) => key(t.discoveredLabels)),
    failedTargets: sortBy(failed, (t) => key([t.scrapePool, t.error, t.discoveredLabels])),
    error: null,
    errors,
  };
}
