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
  Labels,
  ObjectRef,
  ProfileId,
  RunResult,
  SourcePos,
  SourceRange,
  Target,
  TargetState,
} from '../engine/index.ts';
import { RunLists } from './lists.ts';
import { objectTable, type ObjectTable } from './object-table.ts';

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
    // Ids are `<job>#<n>` (targets/target-record.ts), computed on read: look only in the jobs the id can belong to.
    if (!id.startsWith(`${j.job}#`)) continue;
    for (const list of [j.active, j.dropped, j.failed, j.duplicates]) {
      const t = list.find((x) => x.id === id);
      if (t) return t;
    }
  }
  return undefined;
}
