// What every reason family reads: the run, its jobs with their scraper, profile and (for operator jobs)
// the monitor they came from, and small helpers to go from a target to the Pod, Service and the workload
// field a simulated Pod came from. Nothing here decides a reason.
import type { SharedGroups } from '../discovery/discover.ts';
import type { ScrapeConfig } from '../config/types.ts';
import type { SourceRange } from '../diagnostics.ts';
import type { InputFile } from '../ingest/documents.ts';
import type { Pod, Service, StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';
import type { Labels } from '../labels.ts';
import { getProfile } from '../profiles/index.ts';
import type { Profile } from '../profiles/types.ts';
import { actionFor } from '../relabel/actions/index.ts';
import { LabelBuilder } from '../relabel/builder.ts';
import { sourceValue } from '../relabel/apply.ts';
import type { RelabelRule } from '../relabel/types.ts';
import type { Instance, RunResult } from '../run.ts';
import type { JobTargets, Target } from '../targets/types.ts';
import { SourceEditor } from './fix.ts';
import type { DiagObject, Diagnosis, DiagnoseOptions, Suggestion } from './types.ts';

export type Path = (string | number)[];

export interface JobCtx {
  inst: Instance;
  job: ScrapeConfig;
  targets: JobTargets;
  profile: Profile;
  /** The monitor the operator generated this job from (the prometheus-operator object for converted ones). */
  monitor?: StoredObject;
}

export interface Ctx {
  files: InputFile[];
  result: RunResult;
  opts: DiagnoseOptions;
  editor: SourceEditor;
  jobs: JobCtx[];
  /** Suggestions waiting for verification, with what they should produce. */
  offers: Offer[];
  /** Groups the counterfactual discoveries of this diagnosis share (namespaces.ts counterfactual). */
  sharedGroups?: SharedGroups;
}

/** What a suggestion should produce: active targets of a scraper's job (or of the jobs a monitor
 * generates), optionally only those of some Services / workloads / a port. */
export interface Expectation {
  instance: string;
  job?: string;
  monitor?: { kind: string; namespace: string; name: string };
  /** `namespace/name` of Services. */
  services?: string[];
  /** PodSource.desc of the workloads (or Pods) the targets must come from. */
  podOwners?: string[];
  /** The target's address port. */
  port?: number;
}

export interface Offer {
  diagnosis: Diagnosis;
  suggestion: Suggestion;
  expect: Expectation;
}

export function newCtx(files: InputFile[], result: RunResult, opts: DiagnoseOptions): Ctx {
  const jobs: JobCtx[] = [];
  for (const inst of result.instances) {
    const profile = getProfile(inst.profile);
    if (!inst.config || !profile) continue;
    inst.jobs.forEach((targets) => {
      const job = inst.config?.scrapeConfigs.find((j) => j.jobName === targets.job);
      if (!job) return;
      const jc: JobCtx = { inst, job, targets, profile };
      const m = monitorOf(result, job);
      if (m) jc.monitor = m;
      jobs.push(jc);
    });
  }
  return { files, result, opts, editor: new SourceEditor(files), jobs, offers: [] };
}

/** The input object a generated job came from: the VM/PO object itself, or (converted objects exist only
 * inside the operator layer) the prometheus-operator object its rules point at. */
function monitorOf(result: RunResult, job: ScrapeConfig): StoredObject | undefined {
  const g = job.generatedFrom;
  if (!g) return undefined;
  const direct = result.store.get(g.kind, g.namespace, g.name);
  if (direct) return direct;
  for (const r of job.relabelConfigs) {
    const o = r.origin;
    if (o && o.name === g.name && o.namespace === g.namespace) {
      const so = result.store.get(o.kind, o.namespace, o.name);
      if (so) return so;
    }
  }
  return undefined;
}

export const allTargets = (t: JobTargets): Target[] => [...t.active, ...t.dropped, ...t.failed, ...t.duplicates];

export function describeObj(o: { kind: string; namespace?: string | undefined; name: string }): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

export function objRef(so: StoredObject, role: string, part?: string): DiagObject {
  const m = so.obj.metadata;
  const r: DiagObject = { kind: so.obj.kind, name: m.name, role };
  if (m.namespace) r.namespace = m.namespace;
  if (!so.origin.simulated) r.pos = { ...so.origin.pos };
  if (part) r.part = part;
  return r;
}

/** Position of a field, or of its nearest existing parent, or of the object. */
export function fieldRange(so: StoredObject, path: Path): SourceRange {
  for (let n = path.length; n > 0; n--) {
    const r = so.locate?.(path.slice(0, n));
    if (r) return r;
  }
  return { ...so.origin.pos };
}

/** True when the exact field exists in the source. */
export const hasField = (so: StoredObject, path: Path): boolean => so.locate?.(path) !== undefined;

/** `spec.template.spec.containers[0].ports` */
export function pathText(p: Path): string {
  let s = '';
  for (const step of p) s += typeof step === 'number' ? `[${step}]` : s ? `.${step}` : step;
  return s;
}

/** `endpoints[0].targetPort` (a RuleOrigin field, relative to spec unless it starts with metadata) → path. */
export function fieldPath(field: string): Path {
  const out: Path = [];
  // A label key after matchLabels may itself contain dots (app.kubernetes.io/name): it is one step.
  const ml = /^(.*?matchLabels)\.(.+)$/.exec(field);
  const head = ml ? (ml[1] as string) : field;
  for (const m of head.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  if (ml) out.push(ml[2] as string);
  return out[0] === 'metadata' || out[0] === 'spec' ? out : ['spec', ...out];
}

// ---- targets → objects ----------------------------------------------------------------------------

export function podOfLabels(ctx: Ctx, l: Labels): StoredObject<Pod> | undefined {
  const ns = l.__meta_kubernetes_namespace;
  const name = l.__meta_kubernetes_pod_name;
  return ns && name ? ctx.result.store.get<Pod>('Pod', ns, name) : undefined;
}

export function serviceOfLabels(ctx: Ctx, l: Labels): StoredObject<Service> | undefined {
  const ns = l.__meta_kubernetes_namespace;
  const name = l.__meta_kubernetes_service_name;
  return ns && name ? ctx.result.store.get<Service>('Service', ns, name) : undefined;
}

/** Where a Pod's spec and labels are written: the Pod itself, or the template of the workload the
 * cluster simulation made it from. */
export interface PodSource {
  so: StoredObject;
  specPath: Path;
  labelsPath: Path;
  /** `Deployment default/audit` */
  desc: string;
}

const TEMPLATE: Record<string, Path> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export function podSource(store: ObjectStore, pod: StoredObject<Pod>): PodSource | undefined {
  const sim = pod.origin.simulated;
  if (!sim) return { so: pod, specPath: ['spec'], labelsPath: ['metadata', 'labels'], desc: describeObj({ kind: 'Pod', namespace: pod.obj.metadata.namespace, name: pod.obj.metadata.name }) };
  const root = store.get(sim.kind, sim.namespace, sim.name);
  const t = TEMPLATE[sim.kind];
  if (!root || !t || root.origin.simulated) return undefined;
  return { so: root, specPath: [...t, 'spec'], labelsPath: [...t, 'metadata', 'labels'], desc: describeObj(sim) };
}

// ---- relabel replay -------------------------------------------------------------------------------

export function ruleAt(jc: JobCtx, index: number): RelabelRule | undefined {
  return jc.job.relabelConfigs[index];
}

/** The labels a target had just before rule `index` (discovered labels include the job defaults, as in
 * Prometheus' PopulateDiscoveredLabels). Earlier drops are ignored, so every target gets a value. */
export function labelsBefore(jc: JobCtx, t: Target, index: number): Labels {
  const lb = new LabelBuilder(t.discoveredLabels);
  const actx = { profile: jc.profile.relabel, notes: null };
  for (const rule of jc.job.relabelConfigs.slice(0, index)) {
    const fn = actionFor(rule.action);
    if (!fn) continue;
    // A keep/drop that would drop changes no label: carry on so later rules still see a value.
    fn(rule, lb, sourceValue(rule, lb), actx);
  }
  return lb.labels();
}

/** The value a rule reads from `labels`. */
export function valueFor(rule: RelabelRule, labels: Labels): string {
  return sourceValue(rule, new LabelBuilder(labels));
}

/** Does `rule` (keep or drop) let a target with source value `v` through? */
export function passes(rule: RelabelRule, v: string): boolean {
  const m = rule.regex.test(v);
  return rule.action === 'drop' ? !m : m;
}

// ---- words ----------------------------------------------------------------------------------------

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The candidate closest to `to` (ties: the first in the given order). */
export function nearest(candidates: Iterable<string>, to: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(c, to);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

export const quote = (s: string): string => JSON.stringify(s);

export function list(items: string[], max = 4): string {
  const shown = items.slice(0, max);
  const more = items.length > max ? ` and ${items.length - max} more` : '';
  if (shown.length <= 1) return shown.join('') + more;
  return `${shown.slice(0, -1).join(', ')}${more ? ', ' : ' and '}${shown[shown.length - 1]}${more}`;
}

/** Attaches a suggestion to a diagnosis (the first one becomes `suggestion`, later ones `alternatives`) and
 * queues it for verification. Suggestions without edits are not offered. */
export function offer(ctx: Ctx, d: Diagnosis, s: Omit<Suggestion, 'verified'>, expect: Expectation): void {
  if (!s.edits.length) return;
  const sug: Suggestion = { ...s, verified: false };
  if (!d.suggestion) d.suggestion = sug;
  else (d.alternatives ??= []).push(sug);
  ctx.offers.push({ diagnosis: d, suggestion: sug, expect });
}

/** The expectation for "this job, from these Pods' workloads". */
export function expectFor(ctx: Ctx, jc: JobCtx, pods: StoredObject<Pod>[] = [], extra: Partial<Expectation> = {}): Expectation {
  const e: Expectation = { instance: jc.inst.name, job: jc.job.jobName, ...extra };
  const owners = [...new Set(pods.map((p) => podSource(ctx.result.store, p)?.desc).filter((x): x is string => !!x))];
  if (owners.length) e.podOwners = owners;
  return e;
}
