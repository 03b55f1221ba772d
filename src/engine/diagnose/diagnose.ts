// Entry point of the diagnosis stage: every expected-but-absent target gets the first broken link of the
// chain, in pipeline order —
//   monitor never selected → job watches other namespaces → selector matches no Service (or Pod labels) →
//   Service selects no Pods → Pods not running/ready → port names/numbers → a keep/drop rule → invalid
//   after relabeling → collapsed duplicates.
// "Expected" is read from the input itself: a monitor no scraper selected; a job with no active target;
// an object (a Service's endpoints, a Pod) that got past the job's selector rules and was still dropped.
// Objects a selector rule turns away are not expected (hundreds of such drops are normal); the "Why not?"
// query (whynot.ts) asks about any object explicitly.
import type { InputFile } from '../ingest/documents.ts';
import type { RunResult } from '../run.ts';
import { actionFor } from '../relabel/actions/index.ts';
import { sourceValue } from '../relabel/apply.ts';
import { LabelBuilder } from '../relabel/builder.ts';
import type { RelabelRule } from '../relabel/types.ts';
import type { Target } from '../targets/types.ts';
import { allTargets, newCtx, ruleAt, type Ctx, type Expectation, type JobCtx } from './context.ts';
import { duplicateDiagnoses } from './duplicates.ts';
import { failedDiagnoses } from './failed.ts';
import { roleSelectorNothing, watchedNamespaces, wrongNamespaces } from './namespaces.ts';
import { portDiagnosis } from './ports.ts';
import { notReadyActive, podsNotRunning, readinessDrop } from './readiness.ts';
import { relabelDiagnosis, ruleFamily, type RuleFamily } from './relabel.ts';
import { selectionDiagnoses } from './selection.ts';
import { serviceSelectorDiagnoses } from './service-selector.ts';
import { FAMILY_OF, type Diagnosis, type DiagnoseOptions, type DiagnosisFamily, type Suggestion } from './types.ts';
import { verifyOffers, type NextSuggestions } from './verify.ts';

/** Why expected targets are missing. Never throws: an internal failure yields what was found so far. */
export function diagnose(files: InputFile[], result: RunResult, opts: DiagnoseOptions = {}): Diagnosis[] {
  let ctx: Ctx | undefined;
  let out: Diagnosis[] = [];
  try {
    ctx = newCtx(files, result, opts);
    out = collect(ctx);
    if (opts.verify !== false) verifyOffers(ctx, nextSuggestions(opts));
  } catch {
    // Diagnoses are advice: a bug here must never take the run (or the UI) down.
  }
  return finish(out);
}

export function collect(ctx: Ctx): Diagnosis[] {
  const out = selectionDiagnoses(ctx);
  for (const jc of ctx.jobs) out.push(...jobDiagnoses(ctx, jc));
  return dedupe(out);
}

/** How far a target got: failed/duplicate targets passed every rule; a dropped one got to its rule. */
export function progress(t: Target): number {
  if (t.state === 'active') return Infinity;
  if (t.state === 'failed' || t.state === 'duplicate') return 1e6;
  return t.reason?.kind === 'relabel' ? t.reason.rule.index : -1;
}

export function furthest(ts: Target[]): Target | undefined {
  let best: Target | undefined;
  for (const t of ts) if (!best || progress(t) > progress(best)) best = t;
  return best;
}

function groupsOf(jc: JobCtx): Target[][] {
  const m = new Map<string, Target[]>();
  for (const t of allTargets(jc.targets)) {
    const k = `${t.sdIndex}\u0000${t.source}`;
    const g = m.get(k);
    if (g) g.push(t);
    else m.set(k, [t]);
  }
  return [...m.values()];
}

/** The keep/drop rules a target fails, each evaluated on the labels it would see (ignoring that the first
 * failure already dropped it): how far from passing the target is. */
export function failingRules(jc: JobCtx, t: Target): RelabelRule[] {
  const lb = new LabelBuilder(t.discoveredLabels);
  const actx = { profile: jc.profile.relabel, notes: null };
  const out: RelabelRule[] = [];
  for (const rule of jc.job.relabelConfigs) {
    const fn = actionFor(rule.action);
    if (fn && !fn(rule, lb, sourceValue(rule, lb), actx)) out.push(rule);
  }
  return out;
}

const isSelection = (r: RelabelRule): boolean => {
  const f = ruleFamily(r);
  return f === 'selection' || f === 'sharding';
};

/** The reason for one group of targets (one Service's endpoints, one Pod …) none of which is active.
 * The group is meant for the job when one of its targets passes every selector rule; its most promising
 * target (fewest failing rules, then on the right port, then furthest) is diagnosed at the rule that
 * dropped it. Groups a selector turns away give no reason unless `selectionToo`. */
export function groupDiagnosis(ctx: Ctx, jc: JobCtx, group: Target[], selectionToo: boolean): { d?: Diagnosis; family: RuleFamily | 'passed' } {
  const dropped = group.filter((t) => t.state === 'dropped' && t.reason?.kind === 'relabel');
  if (!dropped.length || group.some((t) => t.state === 'active')) return { family: 'passed' };
  const scored = dropped.map((t) => {
    const f = failingRules(jc, t);
    return { t, f, ports: f.filter((r) => ruleFamily(r) === 'port').length, sel: f.some(isSelection) };
  });
  const intended = scored.some((x) => !x.sel);
  scored.sort((a, b) => a.f.length - b.f.length || a.ports - b.ports || progress(b.t) - progress(a.t));
  const t = (scored[0] as (typeof scored)[number]).t;
  if (t.reason?.kind !== 'relabel') return { family: 'passed' };
  const rule = ruleAt(jc, t.reason.rule.index);
  if (!rule) return { family: 'other' };
  const family = ruleFamily(rule);
  if (!intended && !selectionToo) return { family: isSelection(rule) ? family : 'selection' };
  if (family === 'port') return { d: portDiagnosis(ctx, jc, group, t, rule) ?? relabelDiagnosis(ctx, jc, t, rule), family };
  if (family === 'readiness') return { d: readinessDrop(ctx, jc, t, rule), family };
  return { d: relabelDiagnosis(ctx, jc, t, rule), family: intended && isSelection(rule) ? 'other' : family };
}

export function jobDiagnoses(ctx: Ctx, jc: JobCtx): Diagnosis[] {
  const out: Diagnosis[] = [];
  const T = jc.targets;
  let beyond = false;
  for (const g of groupsOf(jc)) {
    if (g.some((t) => t.state === 'active')) continue;
    const r = groupDiagnosis(ctx, jc, g, false);
    if (r.family !== 'selection' && r.family !== 'sharding') beyond = true;
    if (r.d) out.push(r.d);
  }
  if (T.active.length === 0 && !beyond) {
    const d = wrongNamespaces(ctx, jc) ?? roleSelectorNothing(ctx, jc);
    if (d) out.push(d);
    else {
      const svc = serviceSelectorDiagnoses(ctx, jc);
      if (svc.length) out.push(...svc);
      else if (allTargets(T).length) {
        const t = furthest(allTargets(T));
        const rule = t?.reason?.kind === 'relabel' ? ruleAt(jc, t.reason.rule.index) : undefined;
        if (t && rule) out.push(relabelDiagnosis(ctx, jc, t, rule));
      } else {
        const n = nothingDiscovered(ctx, jc);
        if (n) out.push(n);
      }
    }
  }
  out.push(...failedDiagnoses(ctx, jc), ...duplicateDiagnoses(ctx, jc), ...notReadyActive(ctx, jc));
  return out;
}

const ROLE_KIND: Record<string, string> = { pod: 'Pod', service: 'Service', endpoints: 'Service', endpointslice: 'Service', node: 'Node', ingress: 'Ingress' };

/** Discovery found nothing at all: no object of the role in the watched namespaces, or only Pods that are
 * not running. */
function nothingDiscovered(ctx: Ctx, jc: JobCtx): Diagnosis | undefined {
  const sd = jc.job.sdConfigs[0];
  if (!sd) return undefined;
  const nss = watchedNamespaces(ctx, sd);
  const kind = ROLE_KIND[sd.role] ?? 'Pod';
  const objs = ctx.result.store.list(kind).filter((o) => kind === 'Node' || nss.includes('') || nss.includes(o.obj.metadata.namespace ?? ''));
  if (kind === 'Pod' && objs.length) {
    const d = podsNotRunning(ctx, jc, `job ${jc.job.jobName}`, objs as never);
    if (d) return d;
  }
  if (objs.length) return undefined;
  const where = nss.includes('') ? 'any namespace' : `namespace${nss.length > 1 ? 's' : ''} ${nss.join(', ')}`;
  return {
    kind: 'nothing-discovered',
    family: FAMILY_OF['nothing-discovered'],
    severity: 'warning',
    title: 'Nothing to discover',
    sentence: `job ${jc.job.jobName} (role ${sd.role}) discovers nothing: the input has no ${kind} in ${where}`,
    objects: jc.monitor ? [{ kind: jc.monitor.obj.kind, namespace: jc.monitor.obj.metadata.namespace ?? '', name: jc.monitor.obj.metadata.name, role: 'monitor', pos: { ...jc.monitor.origin.pos } }] : [],
    location: sd.pos,
    locationField: `job ${jc.job.jobName} kubernetes_sd_configs[${sd.index}]`,
    instance: jc.inst.name,
    job: jc.job.jobName,
    upstream: 'prometheus discovery/kubernetes/kubernetes.go Discovery.Run (one informer per role and namespace; empty groups are deleted by discovery/manager.go updateGroup)',
  };
}

function dedupe(ds: Diagnosis[]): Diagnosis[] {
  const seen = new Map<string, Diagnosis>();
  for (const d of ds) {
    const k = `${d.kind}\u0000${d.instance ?? ''}\u0000${d.job ?? ''}\u0000${d.location ? `${d.location.file}:${d.location.line}:${d.location.col}` : d.sentence}`;
    const prev = seen.get(k);
    if (!prev) {
      seen.set(k, d);
      continue;
    }
    for (const o of d.objects) if (!prev.objects.some((p) => p.kind === o.kind && p.name === o.name && p.namespace === o.namespace)) prev.objects.push(o);
  }
  return [...seen.values()];
}

const ORDER: DiagnosisFamily[] = ['selection', 'namespaces', 'service-selector', 'readiness', 'ports', 'relabel', 'failed', 'duplicates', 'ok'];
const SEV = { error: 0, warning: 1, info: 2 };

/** Errors first, then in chain order; plain data (structured-clone safe). */
export function finish(ds: Diagnosis[]): Diagnosis[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEV[a.d.severity] - SEV[b.d.severity] || ORDER.indexOf(a.d.family) - ORDER.indexOf(b.d.family) || a.i - b.i)
    .map(({ d }) => JSON.parse(JSON.stringify(d)) as Diagnosis);
}

/** Diagnoses of an edited input that continue the same expectation (same scraper and job, or the monitor). */
export function nextSuggestions(opts: DiagnoseOptions): NextSuggestions {
  return (files, result, expect) => {
    const ctx = newCtx(files, result, { ...opts, verify: false });
    const ds = collect(ctx).filter((d) => d.severity !== 'info' && relevant(d, expect));
    return { suggestions: ds.flatMap((d) => [d.suggestion, ...(d.alternatives ?? [])].filter((s): s is Suggestion => !!s)), remaining: ds };
  };
}

function relevant(d: Diagnosis, e: Expectation): boolean {
  if (d.instance !== e.instance) return false;
  if (e.job !== undefined && d.job === e.job) return true;
  if (e.monitor) {
    const m = e.monitor;
    return d.objects.some((o) => o.role === 'monitor' && o.name === m.name && (o.namespace ?? '') === m.namespace);
  }
  return false;
}
