// "Why not?": the chain for one object the user points at — a Pod (optionally a port) or a Service — even
// when no target for it exists anywhere. Every scraper's jobs are asked how far the object got: scraped;
// dropped (at which rule, with which fix); not discovered (namespaces, no Service, pods not running); or
// only turned away by selectors. Monitors no scraper selected are included when their selector would
// have matched the object. The answer is the furthest any job got, since that is the link to fix.
import type { InputFile } from '../ingest/documents.ts';
import type { Pod, Service, StoredObject } from '../ingest/kinds.ts';
import { matchSelector, readSelector } from '../operators/label-selector.ts';
import type { RunResult } from '../run.ts';
import type { Target } from '../targets/types.ts';
import { allTargets, describeObj, newCtx, objRef, type Ctx, type JobCtx } from './context.ts';
import { failingRules, finish, groupDiagnosis, nextSuggestions } from './diagnose.ts';
import { duplicateDiagnoses } from './duplicates.ts';
import { failedDiagnoses } from './failed.ts';
import { counterfactual, pastSelection, watchedNamespaces, wrongNamespaces } from './namespaces.ts';
import { podState, podsNotRunning } from './readiness.ts';
import { selectionDiagnosis } from './selection.ts';
import { emptyService, podsSelectedBy, serviceMatchesJob } from './service-selector.ts';
import { FAMILY_OF, type Diagnosis, type DiagnoseOptions, type WhyNotQuery } from './types.ts';
import { verifyOffers } from './verify.ts';

export function whyNot(files: InputFile[], result: RunResult, query: WhyNotQuery, opts: DiagnoseOptions = {}): Diagnosis[] {
  let out: Diagnosis[] = [];
  try {
    const ctx = newCtx(files, result, opts);
    out = answer(ctx, query);
    // Verify only what is returned.
    const kept = new Set(out);
    ctx.offers = ctx.offers.filter((o) => kept.has(o.diagnosis));
    if (opts.verify !== false) verifyOffers(ctx, nextSuggestions(opts));
  } catch {
    // Advice only: never take the caller down.
  }
  return finish(out);
}

interface Scored {
  d: Diagnosis;
  score: number;
}

function answer(ctx: Ctx, q: WhyNotQuery): Diagnosis[] {
  const store = ctx.result.store;
  const obj = store.get(q.kind, q.namespace, q.name);
  const label = `${q.kind} ${q.namespace}/${q.name}${q.port !== undefined ? ` port ${q.port}` : ''}`;
  if (!obj) return [plain('no-job-for-object', 'error', 'No such object', `there is no ${q.kind} ${q.namespace}/${q.name} in the input (nor simulated from it)`)];
  const pods: StoredObject<Pod>[] = q.kind === 'Pod' ? [obj as StoredObject<Pod>] : podsSelectedBy(ctx, (obj as StoredObject<Service>).obj);
  const services: StoredObject<Service>[] =
    q.kind === 'Service' ? [obj as StoredObject<Service>] : store.list<Service>('Service', q.namespace).filter((s) => podsSelectedBy(ctx, s.obj).some((p) => p === obj));
  const matches = matcher(q);
  const found: Scored[] = [];
  const active: Diagnosis[] = [];
  for (const jc of ctx.jobs) {
    const ts = allTargets(jc.targets).filter(matches);
    const on = ts.filter((t) => t.state === 'active');
    if (on.length) {
      for (const t of on) active.push(scraped(jc, t, label));
      continue;
    }
    if (ts.length) {
      const failed = ts.filter((t) => t.state === 'failed' || t.state === 'duplicate');
      if (failed.length) {
        const sub = { ...jc, targets: { ...jc.targets, failed: failed.filter((t) => t.state === 'failed'), duplicates: failed.filter((t) => t.state === 'duplicate'), dropped: [] } };
        for (const d of [...failedDiagnoses(ctx, sub), ...duplicateDiagnoses(ctx, sub)]) found.push({ d, score: 3 });
        continue;
      }
      const r = groupDiagnosis(ctx, jc, ts, true);
      if (r.d) {
        const best = Math.min(...ts.map((t) => failingRules(jc, t).length));
        const past = r.family !== 'selection' && r.family !== 'sharding';
        found.push({ d: r.d, score: past ? 2 : 1 - best / 100 });
      }
      continue;
    }
    const why = notDiscovered(ctx, jc, q, pods, services, matches);
    if (why) found.push(why);
  }
  if (active.length) return active;
  // Monitors nobody selected whose selector would have matched this object.
  for (const s of ctx.result.selection) {
    if (s.outcome === 'selected' || ctx.result.selection.some((x) => x.outcome === 'selected' && x.monitor.kind === s.monitor.kind && x.monitor.namespace === s.monitor.namespace && x.monitor.name === s.monitor.name)) continue;
    const m = store.get(s.convertedFrom?.kind ?? s.monitor.kind, s.convertedFrom?.namespace ?? s.monitor.namespace, s.convertedFrom?.name ?? s.monitor.name);
    const sel = readSelector((m?.obj.spec as Record<string, unknown> | undefined)?.selector);
    if (!m || !sel) continue;
    const byPods = /Pod/.test(m.obj.kind);
    const ns = new Set((byPods ? pods : services).map((o) => o.obj.metadata.namespace));
    if (!(byPods ? pods : services).some((o) => matchSelector(sel, o.obj.metadata.labels))) continue;
    if (!ns.size) continue;
    found.push({ d: selectionDiagnosis(ctx, s), score: 2.5 });
  }
  if (!found.length) {
    return [plain('no-job-for-object', 'error', 'No job looks at this object', `no job of any scraper discovers ${label}, and no monitor selects it${ctx.jobs.length ? '' : ' (the input has no scrape config and no operator-managed monitor)'}`, [objRef(obj, q.kind === 'Pod' ? 'pod' : 'service')])];
  }
  const top = Math.max(...found.map((f) => f.score));
  // The links that got furthest; when only selectors turned the object away, the three closest jobs.
  const best = found.filter((f) => (top >= 1 ? f.score >= Math.min(top, 1.5) : true)).sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  return (top < 1.5 ? best.slice(0, 3) : best)
    .map((f) => f.d)
    .filter((d) => {
      const k = `${d.kind}\u0000${d.location ? `${d.location.file}:${d.location.line}:${d.location.col}` : d.sentence}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

function matcher(q: WhyNotQuery): (t: Target) => boolean {
  const port = q.port === undefined ? undefined : String(q.port);
  return (t) => {
    const l = t.discoveredLabels;
    if (l.__meta_kubernetes_namespace !== q.namespace) return false;
    if (q.kind === 'Pod' && l.__meta_kubernetes_pod_name !== q.name) return false;
    if (q.kind === 'Service' && l.__meta_kubernetes_service_name !== q.name) return false;
    if (port === undefined) return true;
    const addrPort = /:(\d+)$/.exec(l.__address__ ?? '')?.[1];
    return [l.__meta_kubernetes_pod_container_port_number, l.__meta_kubernetes_pod_container_port_name, l.__meta_kubernetes_endpoint_port_name, l.__meta_kubernetes_endpointslice_port_name, l.__meta_kubernetes_service_port_name, l.__meta_kubernetes_service_port_number, addrPort].includes(port);
  };
}

function plain(kind: Diagnosis['kind'], severity: Diagnosis['severity'], title: string, sentence: string, objects: Diagnosis['objects'] = []): Diagnosis {
  return { kind, family: FAMILY_OF[kind], severity, title, sentence, objects, upstream: 'ksd-playground: the whole pipeline, asked about one object' };
}

function scraped(jc: JobCtx, t: Target, label: string): Diagnosis {
  const d = plain('target-active', 'info', 'It is scraped', `${label} is scraped: ${t.scrapeUrl ?? t.id} is an active target of job ${jc.job.jobName} (${jc.inst.name})`);
  d.instance = jc.inst.name;
  d.job = jc.job.jobName;
  d.target = t.id;
  if (jc.monitor) d.objects.push(objRef(jc.monitor, 'monitor'));
  const loc = jc.monitor ? { ...jc.monitor.origin.pos } : jc.job.pos;
  d.location = loc;
  return d;
}

/** The object has no target in this job: is it outside the job's namespaces, without a Service, not running? */
function notDiscovered(ctx: Ctx, jc: JobCtx, q: WhyNotQuery, pods: StoredObject<Pod>[], services: StoredObject<Service>[], matches: (t: Target) => boolean): Scored | undefined {
  const roles = new Set(jc.job.sdConfigs.map((s) => s.role));
  const fits = q.kind === 'Pod' ? roles.has('pod') || roles.has('endpoints') || roles.has('endpointslice') : roles.has('service') || roles.has('endpoints') || roles.has('endpointslice');
  if (!fits) return undefined;
  const watched = new Set(jc.job.sdConfigs.flatMap((sd) => watchedNamespaces(ctx, sd)));
  if (!watched.has('') && !watched.has(q.namespace)) {
    for (const sd of jc.job.sdConfigs) {
      const jt = counterfactual(ctx, jc, { ...sd, namespaces: [], ownNamespace: false });
      if (jt && pastSelection(jc, jt).some(matches)) {
        const d = wrongNamespaces(ctx, jc);
        if (d) return { d, score: 2 };
      }
    }
    return undefined;
  }
  const serviceRole = roles.has('endpoints') || roles.has('endpointslice');
  if (q.kind === 'Pod') {
    const pod = pods[0] as StoredObject<Pod>;
    if (!podState(pod.obj).running) {
      const d = podsNotRunning(ctx, jc, describeObj({ kind: 'Pod', namespace: q.namespace, name: q.name }), [pod]);
      if (d) return { d, score: 1.6 };
    }
    if (serviceRole && !services.length) {
      const d = plain('pod-not-selected-by-service', 'error', 'No Service selects this Pod', `job ${jc.job.jobName} discovers endpoints of Services, and no Service in ${q.namespace} selects Pod ${q.name} (labels ${JSON.stringify(pod.obj.metadata.labels ?? {})}); add a Service, or scrape the Pod with a pod-role job / PodMonitor`, [objRef(pod, 'pod')]);
      d.instance = jc.inst.name;
      d.job = jc.job.jobName;
      d.upstream = 'Kubernetes endpoints controller (only Pods a Service selects get endpoints); prometheus discovery/kubernetes/endpoints.go';
      return { d, score: 0.6 };
    }
  }
  if (serviceRole) {
    for (const s of services) {
      if (!serviceMatchesJob(jc, s.obj)) continue;
      const d = emptyService(ctx, jc, s);
      if (d) return { d, score: 1.6 };
    }
  }
  return undefined;
}
