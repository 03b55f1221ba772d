// RunResult → the plain view model the page renders. RunResult holds a class-based
// ObjectStore and per-target traces; neither crosses the worker boundary: the store becomes a
// columnar object table, traces stay in the worker and are sent one target at a time (TraceView).
// Target lists cross only in pages: a result carries per-job counts and the first rows of each list
// (`lists.ts`); the page asks for the rows it scrolls to. A 10k-Pod run has ~90k targets with ~40
// labels each — cloning them all would block the page's thread for seconds.
// Everything returned here is structured-clone safe.
import type {
  Diagnostic,
  DropReason,
  ImplicitStepKind,
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
import { RunLists } from './lists.ts';

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
  /** Its place in the run's list of its kind (`ListKind`: jobs in order, within a job in engine order). */
  row: number;
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

/** One job: its name and how many targets it has of each state (the targets come in pages, `ListsView`). */
export interface JobView {
  job: string;
  /** The scraper the job belongs to (`prometheus.yml`, `VMAgent default/vmagent`, …). */
  instance?: string;
  active: number;
  dropped: number;
  failed: number;
  /** Collapsed into an active target (Prometheus lists them nowhere; vmagent lists them as dropped). */
  duplicates: number;
}

/** The page's three target lists: active; dropped with the collapsed duplicates (each job's dropped, then its
 * duplicates); failed. */
export type ListKind = 'active' | 'dropped' | 'failed';
export const LIST_KINDS: readonly ListKind[] = ['active', 'dropped', 'failed'];

/** One target list of a run under a filter. Rows are numbered over the whole unfiltered list, jobs in order. */
export interface ListView {
  /** Targets per job (aligned with `RunView.jobs`), before the filter. */
  totals: number[];
  /** Targets per job that match the filter. */
  shown: number[];
  /** The rows that match, ascending; null when the filter is empty (every row). */
  matches: Int32Array | null;
  /** The first rows of the filtered list (a short list entirely), so a result renders without asking again. */
  first: TargetView[];
}

export interface ListsView {
  /** The filter the lists are for (the text as typed). */
  filter: string;
  active: ListView;
  dropped: ListView;
  failed: ListView;
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

/**
 * Every object of the run as columns (one string per object, the rest numbers), so that 65k objects cross to
 * the page in milliseconds. `objectAt` gives one object as an `ObjectView`.
 */
export interface ObjectTable {
  count: number;
  /** Distinct strings the `*Ref` columns point into (kinds, namespaces, files, port names, …). */
  strings: string[];
  kind: Int32Array;
  /** -1: cluster-scoped. */
  namespace: Int32Array;
  /** Every object's name, one after the other (object i's is `names.slice(nameStart[i], nameStart[i+1])`): one string
   * crosses to the page far faster than 65k. `objectName` reads one. */
  names: string;
  nameStart: Int32Array;
  file: Int32Array;
  line: Int32Array;
  col: Int32Array;
  /** 0: not a Pod; else 1 + the index in POD_STATE_LIST. */
  podState: Uint8Array;
  /** Object i's ports are `port[portStart[i] .. portStart[i+1]]` (names in `portName`, -1: unnamed). */
  portStart: Int32Array;
  port: Int32Array;
  portName: Int32Array;
  /** -1, or `simulated` as strings: controller, kind, namespace (-1: none), name. */
  simController: Int32Array;
  simKind: Int32Array;
  simNamespace: Int32Array;
  simName: Int32Array;
  /** -1, or why the API server would have made it. */
  implied: Int32Array;
}

export const POD_STATE_LIST: readonly PodStateView[] = ['ready', 'not-ready', 'pending', 'failed', 'succeeded', 'unknown'];

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
  /** The target lists under the filter the run was asked with. */
  lists: ListsView;
  /** The target the run was asked to keep selected, when this run still has it. */
  selected?: TargetView;
  diagnostics: Diagnostic[];
  objects: ObjectTable;
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

export function targetView(t: Target, row: number): TargetView {
  const v: TargetView = {
    id: t.id,
    row,
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
  /** The run's target lists (kept by the worker for later pages); made here when not given. */
  lists?: RunLists;
  /** The filter the first rows are for. */
  filter?: string;
  /** A target id to look up (the page's selection, kept when the new run still has it). */
  select?: string;
}

/** The run's objects as columns (see ObjectTable). */
export function objectTable(res: Pick<RunResult, 'store'>): ObjectTable {
  const all = res.store.all();
  const n = all.length;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const t: ObjectTable = {
    count: n,
    strings,
    kind: new Int32Array(n),
    namespace: new Int32Array(n),
    names: '',
    nameStart: new Int32Array(n + 1),
    file: new Int32Array(n),
    line: new Int32Array(n),
    col: new Int32Array(n),
    podState: new Uint8Array(n),
    portStart: new Int32Array(n + 1),
    port: new Int32Array(0),
    portName: new Int32Array(0),
    simController: new Int32Array(n).fill(-1),
    simKind: new Int32Array(n).fill(-1),
    simNamespace: new Int32Array(n).fill(-1),
    simName: new Int32Array(n).fill(-1),
    implied: new Int32Array(n).fill(-1),
  };
  const ports: number[] = [];
  const portNames: number[] = [];
  const names: string[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const o = all[i]!;
    t.kind[i] = ref(o.obj.kind);
    t.namespace[i] = o.obj.metadata.namespace ? ref(o.obj.metadata.namespace) : -1;
    t.nameStart[i] = at;
    names.push(o.obj.metadata.name);
    at += o.obj.metadata.name.length;
    t.file[i] = ref(o.origin.file);
    t.line[i] = o.origin.pos.line;
    t.col[i] = o.origin.pos.col;
    const sim = o.origin.simulated;
    if (sim) {
      t.simController[i] = ref(sim.controller);
      t.simKind[i] = ref(sim.kind);
      t.simNamespace[i] = sim.namespace ? ref(sim.namespace) : -1;
      t.simName[i] = ref(sim.name);
    }
    if (o.origin.implied) t.implied[i] = ref(o.origin.implied);
    t.portStart[i] = ports.length;
    const list = o.obj.kind === 'Pod' ? podPorts(o.obj as PodLike) : o.obj.kind === 'Service' ? servicePorts(o.obj as ServiceLike) : [];
    for (const p of list) {
      ports.push(p.port);
      portNames.push(p.name ? ref(p.name) : -1);
    }
    if (o.obj.kind === 'Pod') t.podState[i] = 1 + POD_STATE_LIST.indexOf(podStateOf(o.obj as PodLike));
  }
  t.portStart[n] = ports.length;
  t.nameStart[n] = at;
  t.names = names.join('');
  t.port = Int32Array.from(ports);
  t.portName = Int32Array.from(portNames);
  return t;
}

/** The name of object `i` of a table. */
export function objectName(t: ObjectTable, i: number): string {
  return t.names.slice(t.nameStart[i], t.nameStart[i + 1]);
}

/** Object `i` of a table. */
export function objectAt(t: ObjectTable, i: number): ObjectView {
  const s = t.strings;
  const v: ObjectView = { kind: s[t.kind[i]!]!, name: objectName(t, i), file: s[t.file[i]!]!, line: t.line[i]!, col: t.col[i]! };
  const ns = t.namespace[i]!;
  if (ns >= 0) v.namespace = s[ns]!;
  const c = t.simController[i]!;
  if (c >= 0) {
    const sns = t.simNamespace[i]!;
    v.simulated = { controller: s[c]!, kind: s[t.simKind[i]!]!, ...(sns >= 0 ? { namespace: s[sns]! } : {}), name: s[t.simName[i]!]! };
  }
  const imp = t.implied[i]!;
  if (imp >= 0) v.implied = s[imp]!;
  const ps = t.podState[i]!;
  if (ps) v.podState = POD_STATE_LIST[ps - 1]!;
  const a = t.portStart[i]!;
  const b = t.portStart[i + 1]!;
  if (b > a) {
    const ports: { port: number; name?: string }[] = [];
    for (let k = a; k < b; k++) {
      const pn = t.portName[k]!;
      ports.push(pn >= 0 ? { port: t.port[k]!, name: s[pn]! } : { port: t.port[k]! });
    }
    v.ports = ports;
  }
  return v;
}

/** Every object of a table (for small runs and tests; the page reads big tables an object at a time). */
export function objectsOf(t: ObjectTable): ObjectView[] {
  const out: ObjectView[] = [];
  for (let i = 0; i < t.count; i++) out.push(objectAt(t, i));
  return out;
}

/** The page's view of one run. */
export function toRunView(res: RunResult, opts: ViewOptions): RunView {
  const lists = opts.lists ?? new RunLists(res);
  const jobs: JobView[] = res.jobs.map((j) => ({
    job: j.job,
    ...(j.instance ? { instance: j.instance } : {}),
    active: j.active.length,
    dropped: j.dropped.length,
    failed: j.failed.length,
    duplicates: j.duplicates.length,
  }));
  const objects = objectTable(res);
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
    lists: lists.view(opts.filter ?? ''),
    diagnostics: res.diagnostics.map((d) => ({ ...d })),
    objects,
    ignored,
    summary: {
      objects: objects.count,
      jobs: jobs.length,
      active: count((j) => j.active),
      dropped: count((j) => j.dropped),
      failed: count((j) => j.failed),
      duplicates: count((j) => j.duplicates),
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
  if (opts.select) {
    const t = lists.find(opts.select);
    if (t) view.selected = t;
  }
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
