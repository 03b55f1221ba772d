// Pods that are not running or not ready. Runtime state, not a manifest field: these reasons point at the
// workload and explain, but suggest no edit (there is nothing to type that makes a pod ready).
//  - Kubernetes endpoints/endpointslice controllers (pkg/controller/endpoint, endpointslice
//    ShouldPodBeInEndpoints): a pod without an IP, or Succeeded/Failed, is in no endpoint; an unready pod
//    goes to notReadyAddresses / conditions.ready=false.
//  - prometheus discovery/kubernetes/endpoints.go: notReadyAddresses are targets too, with
//    __meta_kubernetes_endpoint_ready="false" (prometheus#10257) — scraped unless a rule filters them.
//  - prometheus-operator promcfg.go generateRunningFilter: drop __meta_kubernetes_pod_phase =~
//    (Failed|Succeeded) (filterRunning); prometheus#4823.
import type { Pod, StoredObject } from '../ingest/kinds.ts';
import { ruleRef } from '../relabel/summary.ts';
import type { RelabelRule } from '../relabel/types.ts';
import type { Target } from '../targets/types.ts';
import { describeObj, labelsBefore, list, objRef, podOfLabels, podSource, quote, valueFor, type Ctx, type JobCtx } from './context.ts';
import { keepDropEvidence, monitorObject, ruleLocation, ruleRelated, targetObjects } from './relabel.ts';
import { FAMILY_OF, type Diagnosis, type DiagnosisKind } from './types.ts';

const UPSTREAM_ENDPOINTS = 'Kubernetes endpoints/endpointslice controllers ShouldPodBeInEndpoints (no IP or Succeeded/Failed → no endpoint; unready → notReadyAddresses); prometheus discovery/kubernetes/endpoints.go (__meta_kubernetes_endpoint_ready); prometheus#10257';

/** Why a pod is not Ready, in words (phase, conditions, container readiness). */
export function podState(p: Pod): { running: boolean; ready: boolean; words: string } {
  const s = p.status ?? {};
  const phase = s.phase ?? 'Pending';
  const ip = s.podIP ?? s.podIPs?.[0]?.ip;
  const ready = (s.conditions ?? []).find((c) => c.type === 'Ready');
  if (!ip) return { running: false, ready: false, words: `has no IP (phase ${phase}${reasonOf(p) ? `: ${reasonOf(p)}` : ''})` };
  if (phase === 'Succeeded' || phase === 'Failed') return { running: false, ready: false, words: `has finished (phase ${phase})` };
  if (ready && ready.status !== 'True') {
    const notReady = (s.containerStatuses ?? []).filter((c) => c.ready === false).map((c) => c.name);
    return { running: true, ready: false, words: `is not Ready (condition Ready=${ready.status}${notReady.length ? `; containers not ready: ${list(notReady)}` : ''})` };
  }
  return { running: true, ready: true, words: `is ${phase} and Ready` };
}

function reasonOf(p: Pod): string | undefined {
  const c = (p.status?.conditions ?? []).find((x) => x.type === 'PodScheduled' && x.status !== 'True') as { message?: string } | undefined;
  return c?.message;
}

function diag(kind: DiagnosisKind, severity: Diagnosis['severity'], title: string, sentence: string, upstream: string): Diagnosis {
  return { kind, family: FAMILY_OF[kind], severity, title, sentence, objects: [], upstream };
}

/** A readiness/phase rule dropped the target. */
export function readinessDrop(ctx: Ctx, jc: JobCtx, t: Target, rule: RelabelRule): Diagnosis {
  const seen = valueFor(rule, labelsBefore(jc, t, rule.index));
  const pod = podOfLabels(ctx, t.discoveredLabels);
  const phase = (rule.sourceLabels ?? []).includes('__meta_kubernetes_pod_phase');
  const who = pod ? `${describeObj({ kind: 'Pod', namespace: pod.obj.metadata.namespace, name: pod.obj.metadata.name })} ${podState(pod.obj).words}` : `the target's pod reports ${quote(seen)}`;
  const kind: DiagnosisKind = phase ? 'pod-not-running' : 'pod-not-ready';
  const sentence = phase
    ? `${who}; rule ${rule.index} (${ruleRef(rule).summary}) drops finished pods${rule.origin ? ` (${rule.origin.kind} filterRunning, on by default; set filterRunning: false to keep them)` : ''}`
    : `${who}; rule ${rule.index} (${ruleRef(rule).summary}) keeps only ready endpoints`;
  const d = diag(kind, 'error', phase ? 'Pod has finished' : 'Pod is not ready', sentence, phase ? 'prometheus-operator promcfg.go generateRunningFilter (filterRunning); prometheus#4823' : UPSTREAM_ENDPOINTS);
  d.objects = [...monitorObject(jc), ...targetObjects(ctx, t)];
  const where = ruleLocation(rule);
  const src = pod && podSource(ctx.result.store, pod);
  d.location = src ? src.so.locate?.(src.specPath) ?? { ...src.so.origin.pos } : where.pos;
  if (src) d.locationField = `${src.desc} ${src.specPath.join('.')}`;
  d.related = ruleRelated(rule, ctx);
  d.instance = jc.inst.name;
  d.job = jc.job.jobName;
  d.target = t.id;
  d.rule = ruleRef(rule);
  d.evidence = keepDropEvidence(ctx, jc, rule, seen);
  return d;
}

/** Active targets whose endpoint is not ready: scraped, but their pods are not serving (info, one per job). */
export function notReadyActive(ctx: Ctx, jc: JobCtx): Diagnosis[] {
  const ts = jc.targets.active.filter((t) => t.discoveredLabels.__meta_kubernetes_endpoint_ready === 'false' || t.discoveredLabels.__meta_kubernetes_endpointslice_endpoint_conditions_ready === 'false');
  if (!ts.length) return [];
  const t = ts[0] as Target;
  const pod = podOfLabels(ctx, t.discoveredLabels);
  const pods = [...new Set(ts.map((x) => x.discoveredLabels.__meta_kubernetes_pod_name).filter((x): x is string => !!x))];
  const state = pod ? `${describeObj({ kind: 'Pod', namespace: pod.obj.metadata.namespace, name: pod.obj.metadata.name })} ${podState(pod.obj).words}` : 'its endpoint is not ready';
  const d = diag(
    'pod-not-ready',
    'info',
    'Scraped although the pod is not ready',
    `${ts.length} active target${ts.length > 1 ? 's' : ''} of job ${jc.job.jobName} come${ts.length > 1 ? '' : 's'} from not-ready endpoints (${pods.length ? `pods ${list(pods)}` : t.scrapeUrl ?? t.id}; ${state}): Prometheus and vmagent scrape not-ready endpoints too — keep on __meta_kubernetes_endpoint_ready if you do not want that`,
    UPSTREAM_ENDPOINTS,
  );
  d.objects = [...monitorObject(jc), ...targetObjects(ctx, t)];
  const src = pod && podSource(ctx.result.store, pod);
  if (src) {
    d.location = src.so.locate?.(src.specPath) ?? { ...src.so.origin.pos };
    d.locationField = `${src.desc} ${src.specPath.join('.')}`;
  }
  d.instance = jc.inst.name;
  d.job = jc.job.jobName;
  d.target = t.id;
  return [d];
}

/** A Service's selected pods exist but none is in its endpoints (no IP, finished, or every pod unready on a
 * role that only sees ready ones). */
export function podsNotRunning(ctx: Ctx, jc: JobCtx | undefined, svcName: string, pods: StoredObject<Pod>[]): Diagnosis | undefined {
  const down = pods.filter((p) => !podState(p.obj).running);
  if (!down.length || down.length < pods.length) return undefined;
  const first = down[0] as StoredObject<Pod>;
  const d = diag('pod-not-running', 'error', 'Selected pods are not running', `${svcName} selects ${list(down.map((p) => p.obj.metadata.name))}, but ${down.length === 1 ? `it ${podState(first.obj).words}` : `they are down (${first.obj.metadata.name} ${podState(first.obj).words})`}; a pod without an IP (or finished) is in no endpoint, so there is no target`, UPSTREAM_ENDPOINTS);
  d.objects = down.slice(0, 3).map((p) => objRef(p, 'pod'));
  const src = podSource(ctx.result.store, first);
  if (src) {
    if (src.so !== first) d.objects.push(objRef(src.so, 'workload'));
    d.location = src.so.locate?.(src.specPath) ?? { ...src.so.origin.pos };
    d.locationField = `${src.desc} ${src.specPath.join('.')}`;
  }
  if (jc) {
    d.objects.unshift(...monitorObject(jc));
    d.instance = jc.inst.name;
    d.job = jc.job.jobName;
  }
  return d;
}
