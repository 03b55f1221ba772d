// The Prometheus /api/v1/targets?state=any shape (plus failedTargets, which the real
// API never shows), sorted deterministically like the conformance goldens.
import { formatDiagnostic } from '../diagnostics.ts';
import { compareStrings, labelsIdentity, sortLabels, type Labels } from '../labels.ts';
import { getProfile } from '../profiles/index.ts';
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
  /** vmagent: the target address its "cannot create … target" log line names (its log names no labels). */
  address?: string;
}

export interface ApiTargets {
  activeTargets: ApiActiveTarget[];
  droppedTargets: ApiDroppedTarget[];
  failedTargets: ApiFailedTarget[];
  /** The whole config refused: the engine's message. */
  error: string | null;
  errors: string[];
  /** vmagent: what its default strict parsing (-promscrape.config.strictParse=true) would refuse; the targets shown
   * are the non-strict run's. Present only when non-empty. */
  configWarnings?: string[];
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
  const strict = res.diagnostics.filter((d) => d.code === 'CONFIG_UNKNOWN_FIELD' && d.severity === 'warning').map(formatDiagnostic);
  const warn = strict.length ? { configWarnings: strict } : {};
  if (res.configRejected) {
    const fatal = res.instances?.find((i) => i.fatal)?.fatal;
    const first = res.diagnostics.find((d) => d.severity === 'error' && d.code !== 'YAML_PARSE' && d.code !== 'JSON_PARSE' && d.code !== 'INVALID_FIELD');
    return { activeTargets: [], droppedTargets: [], failedTargets: [], error: fatal ?? first?.message ?? 'config rejected', errors, ...warn };
  }
  const active: ApiActiveTarget[] = [];
  const dropped: ApiDroppedTarget[] = [];
  const failed: ApiFailedTarget[] = [];
  // vmagent keeps dropped targets in one map keyed by their original labels (targetstatus.go
  // droppedTargets.Register): a label set is listed once.
  const vmInstances = new Set((res.instances ?? []).filter((i) => getProfile(i.profile)?.engine === 'vmagent').map((i) => i.name));
  const vmDropped = new Set<string>();
  for (const j of res.jobs) {
    const vm = j.instance !== undefined ? vmInstances.has(j.instance) : getProfile(res.profile)?.engine === 'vmagent';
    for (const t of j.active) {
      active.push({ scrapePool: t.scrapePool, scrapeUrl: t.scrapeUrl ?? '', labels: sortLabels(t.labels ?? {}), discoveredLabels: sortLabels(t.discoveredLabels) });
    }
    for (const t of j.dropped) {
      if (vm) {
        const k = labelsIdentity(t.discoveredLabels);
        if (vmDropped.has(k)) continue;
        vmDropped.add(k);
      }
      const d: ApiDroppedTarget = { discoveredLabels: sortLabels(t.discoveredLabels), scrapePool: t.scrapePool };
      const by = droppedBy(t);
      if (by) d.droppedBy = by;
      dropped.push(d);
    }
    for (const t of j.failed) {
      const f: ApiFailedTarget = { scrapePool: t.scrapePool, error: t.error ?? '', discoveredLabels: sortLabels(t.discoveredLabels) };
      if (vm && t.address !== undefined) f.address = t.address;
      failed.push(f);
    }
  }
  return {
    activeTargets: sortBy(active, (t) => key([t.scrapePool, t.scrapeUrl, t.labels, t.discoveredLabels])),
    droppedTargets: sortBy(dropped, (t) => key(t.discoveredLabels)),
    failedTargets: sortBy(failed, (t) => key([t.scrapePool, t.error, t.discoveredLabels])),
    error: null,
    errors,
    ...warn,
  };
}
