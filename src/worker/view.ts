// RunResult → the plain view model the page renders. RunResult holds a class-based
// ObjectStore and per-target traces; neither crosses the worker boundary: the store becomes a
// flat object list, traces stay in the worker and are sent one target at a time (TraceView).
// Everything returned here is structured-clone safe.
import type {
  Diagnostic,
  DropReason,
  ImplicitStepKind,
  JobTargets,
  Labels,
  ObjectRef,
  ProfileId,
  RuleRef,
  RunResult,
  SourcePos,
  SourceRange,
  Target,
  TargetState,
  TraceStep,
} from '../engine/index.ts';

/** The parts of a Pod and a Service read here (the engine's index exports only KubeObject). */
interface PodLike {
  spec?: { containers?: { ports?: { containerPort?: unknown; name?: string }[] }[] };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}
interface ServiceLike {
  spec?: { ports?: { port?: unknown; name?: string }[] };
}

export interface TargetView {
  id: string;
  job: string;
  /** Target group source, e.g. `endpoints/default/audit`. */
  source: string;
  index: number;
  sdIndex: number;
  state: TargetState;
  discoveredLabels: Labels;
  labels?: Labels;
  scrapeUrl?: string;
  reason?: DropReason;
  error?: string;
  object?: ObjectRef;
}

export interface JobView {
  job: string;
  /** The scraper the job belongs to (`prometheus.yml`, `VMAgent default/vmagent`, …). */
  instance?: string;
  active: TargetView[];
  dropped: TargetView[];
  failed: TargetView[];
  /** Collapsed into an active target (Prometheus lists them nowhere; vmagent lists them as dropped). */
  duplicates: TargetView[];
}

export interface ObjectView {
  kind: string;
  namespace?: string;
  name: string;
  file: string;
  line: number;
  col: number;
  /** Made by the cluster simulation, not present in the input. */
  simulated?: { controller: string; kind: string; namespace?: string; name: string };
  /** The API server would have made it (e.g. a Namespace referenced but not declared). */
  implied?: string;
  /** Pods: the lifecycle state the engine ran with (after what-if knobs). */
  podState?: PodStateView;
  /** Pods: declared container ports; Services: service ports (for the "why not?" port choice). */
  ports?: { port: number; name?: string }[];
}

/** A Pod's state as discovery sees it: phase, and for running Pods the Ready condition. */
export type PodStateView = 'ready' | 'not-ready' | 'pending' | 'failed' | 'succeeded' | 'unknown';

export interface IgnoredView {
  kind: string;
  namespace?: string;
  name?: string;
  file: string;
  line: number;
  reason: string;
}

/** Scrape config text the operator layer generated for one Prometheus / PrometheusAgent / VMAgent object. */
export interface GeneratedConfigView {
  /** The scraper, e.g. `VMAgent default/vmagent`. */
  instance: string;
  /** The operator's output, as the operator writes it. */
  text: string;
  /** The owner object was not in the input; a permissive one was assumed. */
  assumed: boolean;
  shard: number;
  shards: number;
  /** The operator does not manage this owner's config (every selector unset): no jobs. */
  unmanaged: boolean;
}

/** One scraper of the run. */
export interface InstanceView {
  name: string;
  source: 'pasted' | 'operator';
  profile: ProfileId;
  configRejected: boolean;
  jobs: number;
}

/** Whether a Prometheus / VMAgent object picked up a monitor (ServiceMonitor, VMServiceScrape, …), and why not. */
export interface SelectionView {
  monitor: { kind: string; namespace: string; name: string; pos?: SourcePos };
  owner: string;
  outcome: 'selected' | 'not-selected' | 'rejected';
  reason?: string;
  /** The field to change, with its position when known. */
  field?: { kind: string; namespace?: string; name: string; path: string; pos?: SourceRange };
  convertedFrom?: { kind: string; namespace: string; name: string };
}

export interface RunSummary {
  objects: number;
  jobs: number;
  active: number;
  dropped: number;
  failed: number;
  duplicates: number;
  /** Objects the cluster simulation added. */
  simulated: number;
  bytes: number;
  /** Wall time of the engine run inside the worker. */
  ms: number;
}

export interface RunView {
  profile: ProfileId;
  /** True when the worker chose the profile from the input. */
  profileAuto: boolean;
  /** Set when the profile the input asks for is not available (yet) and another one was used. */
  profileNote?: string;
  configRejected: boolean;
  jobs: JobView[];
  diagnostics: Diagnostic[];
  objects: ObjectView[];
  ignored: IgnoredView[];
  summary: RunSummary;
  instances: InstanceView[];
  /** One per operator-managed scraper (empty without operator objects). */
  generated: GeneratedConfigView[];
  /** Monitor selection by the operator layer (empty without operator objects). */
  selection: SelectionView[];
  /** Traces were recorded in this run (false for big inputs: a trace request then re-runs with traces). */
  traced: boolean;
}

export interface TraceStepView {
  rule?: RuleRef;
  implicit?: ImplicitStepKind;
  note?: string;
  keep: boolean;
  added: [string, string][];
  changed: [string, string, string][];
  removed: [string, string][];
  /** The labels after this step (the labels before step 0 are `before`). */
  after: Labels;
}

export interface TraceView {
  targetId: string;
  before: Labels;
  steps: TraceStepView[];
}

function targetView(t: Target): TargetView {
  const v: TargetView = {
    id: t.id,
    job: t.job,
    source: t.source,
    index: t.index,
    sdIndex: t.sdIndex,
    state: t.state,
    discoveredLabels: t.discoveredLabels,
  };
  if (t.labels) v.labels = t.labels;
  if (t.scrapeUrl !== undefined) v.scrapeUrl = t.scrapeUrl;
  if (t.reason) v.reason = t.reason;
  if (t.error !== undefined) v.error = t.error;
  if (t.object) v.object = t.object;
  return v;
}

function jobView(j: JobTargets): JobView {
  return {
    job: j.job,
    ...(j.instance ? { instance: j.instance } : {}),
    active: j.active.map(targetView),
    dropped: j.dropped.map(targetView),
    failed: j.failed.map(targetView),
    duplicates: j.duplicates.map(targetView),
  };
}

/** Phase, then (for running Pods) the Ready condition, as the endpoints controller reads them. */
export function podStateOf(pod: PodLike): PodStateView {
  const phase = pod.status?.phase;
  if (phase === 'Pending') return 'pending';
  if (phase === 'Failed') return 'failed';
  if (phase === 'Succeeded') return 'succeeded';
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (phase === 'Running' || ready) return ready?.status === 'True' ? 'ready' : 'not-ready';
  return 'unknown';
}

function podPorts(pod: PodLike): { port: number; name?: string }[] {
  const out: { port: number; name?: string }[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (typeof p.containerPort !== 'number') continue;
      out.push(p.name ? { port: p.containerPort, name: p.name } : { port: p.containerPort });
    }
  }
  return out;
}

function servicePorts(svc: ServiceLike): { port: number; name?: string }[] {
  const out: { port: number; name?: string }[] = [];
  for (const p of svc.spec?.ports ?? []) {
    if (typeof p.port !== 'number') continue;
    out.push(p.name ? { port: p.port, name: p.name } : { port: p.port });
  }
  return out;
}

export interface ViewOptions {
  profileAuto: boolean;
  profileNote?: string;
  ms: number;
  traced: boolean;
}

/** The page's view of one run. */
export function toRunView(res: RunResult, opts: ViewOptions): RunView {
  const jobs = res.jobs.map(jobView);
  const objects: ObjectView[] = res.store.all().map((o) => {
    const v: ObjectView = {
      kind: o.obj.kind,
      name: o.obj.metadata.name,
      file: o.origin.file,
      line: o.origin.pos.line,
      col: o.origin.pos.col,
    };
    if (o.obj.metadata.namespace) v.namespace = o.obj.metadata.namespace;
    if (o.origin.simulated) v.simulated = { ...o.origin.simulated };
    if (o.origin.implied) v.implied = o.origin.implied;
    if (o.obj.kind === 'Pod') {
      v.podState = podStateOf(o.obj as PodLike);
      const ports = podPorts(o.obj as PodLike);
      if (ports.length) v.ports = ports;
    } else if (o.obj.kind === 'Service') {
      const ports = servicePorts(o.obj as ServiceLike);
      if (ports.length) v.ports = ports;
    }
    return v;
  });
  const ignored: IgnoredView[] = res.ignored.map((i) => {
    const v: IgnoredView = { kind: i.kind, file: i.pos.file, line: i.pos.line, reason: i.reason };
    if (i.namespace) v.namespace = i.namespace;
    if (i.name) v.name = i.name;
    return v;
  });
  const count = (f: (j: JobView) => number) => jobs.reduce((n, j) => n + f(j), 0);
  const view: RunView = {
    profile: res.profile,
    profileAuto: opts.profileAuto,
    configRejected: res.configRejected,
    jobs,
    diagnostics: res.diagnostics.map((d) => ({ ...d })),
    objects,
    ignored,
    summary: {
      objects: objects.length,
      jobs: jobs.length,
      active: count((j) => j.active.length),
      dropped: count((j) => j.dropped.length),
      failed: count((j) => j.failed.length),
      duplicates: count((j) => j.duplicates.length),
      simulated: res.simulated.length,
      bytes: res.bytes,
      ms: opts.ms,
    },
    instances: res.instances.map((i) => ({ name: i.name, source: i.source, profile: i.profile, configRejected: i.configRejected, jobs: i.jobs.length })),
    generated: res.instances.flatMap((i) =>
      i.generated
        ? [{ instance: i.name, text: i.generated.yaml, assumed: i.generated.owner.assumed, shard: i.generated.shard, shards: i.generated.shards, unmanaged: i.generated.unmanaged ?? false }]
        : [],
    ),
    selection: res.selection.map((m) => {
      const v: SelectionView = { monitor: { ...m.monitor }, owner: `${m.owner.kind} ${m.owner.namespace}/${m.owner.name}`, outcome: m.outcome };
      if (m.reason) v.reason = m.reason;
      if (m.field) v.field = { ...m.field };
      if (m.convertedFrom) v.convertedFrom = { ...m.convertedFrom };
      return v;
    }),
    traced: opts.traced,
  };
  if (opts.profileNote) view.profileNote = opts.profileNote;
  return view;
}

/** Every target of a run by id (active, dropped, failed and collapsed duplicates). */
export function findTarget(res: RunResult, id: string): Target | undefined {
  for (const j of res.jobs) {
    for (const list of [j.active, j.dropped, j.failed, j.duplicates]) {
      const t = list.find((x) => x.id === id);
      if (t) return t;
    }
  }
  return undefined;
}

/** Labels added, changed and removed between two label sets, keys sorted. */
export function diffLabels(before: Labels, after: Labels): Pick<TraceStepView, 'added' | 'changed' | 'removed'> {
  const added: [string, string][] = [];
  const changed: [string, string, string][] = [];
  const removed: [string, string][] = [];
  for (const k of Object.keys(after).sort()) {
    const b = before[k];
    const a = after[k] as string;
    if (b === undefined) added.push([k, a]);
    else if (b !== a) changed.push([k, b, a]);
  }
  for (const k of Object.keys(before).sort()) if (!(k in after)) removed.push([k, before[k] as string]);
  return { added, changed, removed };
}

export function traceView(targetId: string, steps: TraceStep[]): TraceView {
  const first = steps[0];
  return {
    targetId,
    before: first ? first.before : {},
    steps: steps.map((s) => {
      const v: TraceStepView = { keep: s.keep, after: s.after, ...diffLabels(s.before, s.after) };
      if (s.rule) v.rule = s.rule;
      if (s.implicit) v.implicit = s.implicit;
      if (s.note) v.note = s.note;
      return v;
    }),
  };
}
