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
}

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

/** One explanation of why something is not scraped, as the engine's diagnosis stage words it. */
export interface DiagnosisView {
  title: string;
  detail?: string;
  fix?: string;
  targetId?: string;
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
  /** Present only when the engine produced diagnoses; the page never invents any. */
  diagnoses?: DiagnosisView[];
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

/** Fields later engine versions add to RunResult; read defensively so the page works before and after. */
interface LaterEngineFields {
  diagnoses?: unknown;
}

function str(x: unknown): string | undefined {
  return typeof x === 'string' && x ? x : undefined;
}

function diagnosesOf(x: unknown): DiagnosisView[] | undefined {
  if (!Array.isArray(x)) return undefined;
  const out: DiagnosisView[] = [];
  for (const d of x) {
    if (!d || typeof d !== 'object') continue;
    const o = d as Record<string, unknown>;
    const title = str(o.title) ?? str(o.summary) ?? str(o.message);
    if (!title) continue;
    const v: DiagnosisView = { title };
    const detail = str(o.detail) ?? (title !== str(o.message) ? str(o.message) : undefined);
    const fix = str(o.fix) ?? str(o.suggestion);
    const targetId = str(o.targetId);
    if (detail) v.detail = detail;
    if (fix) v.fix = fix;
    if (targetId) v.targetId = targetId;
    out.push(v);
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
  const later = res as RunResult & LaterEngineFields;
  const diagnoses = diagnosesOf(later.diagnoses);
  if (diagnoses && diagnoses.length) view.diagnoses = diagnoses;
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
