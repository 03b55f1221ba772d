// The one message protocol between the page and the engine worker. Both sides import only
// this module for message shapes: one discriminated union per direction, every message
// carrying the protocol version, every request an id. Everything here is structured-clone
// safe (no classes, no Maps, no functions).
//
// Evolving it: add a new `type` (old pages ignore unknown ones); change a shape only together
// with PROTOCOL_VERSION — a page and a worker of different versions refuse each other's
// messages (the worker answers with an `error` naming both versions).
import type { Diagnosis, InputFile, ProfileId, RunOptions, whyNot } from '../engine/index.ts';
import type { TraceView } from './trace-view.ts';
import type { ListKind, ListsView, RunView, TargetView } from './view.ts';
import type { StripKind, StripReport } from './strip-kinds.ts';
import type { Session } from '../ui/permalink/codec.ts';

// 2: runs carry what-if knobs; diagnoses and "why not?" answers are separate requests after a run.
// 3: target lists in pages (per-job counts, the first rows, `rows` / `target` / `filter` requests for more),
//    objects as columns, progress with named phases, links made in the worker.
export const PROTOCOL_VERSION = 3;

/** A what-if knob: put a Pod (or every Pod of a workload) into another lifecycle state before the
 * endpoint controllers run (the engine's RunOptions.whatIf entry). */
export type WhatIf = NonNullable<RunOptions['whatIf']>[number];
export type PodStateChoice = WhatIf['state'];
export const POD_STATES: readonly PodStateChoice[] = ['ready', 'not-ready', 'pending', 'failed', 'succeeded'];

/** "Why is this Pod / Service (port) not scraped?" */
export type WhyNotQuery = Parameters<typeof whyNot>[2];

/** `auto`: the worker picks the profile from the input (VictoriaMetrics objects → vmagent, else Prometheus 3.14). */
export type ProfileChoice = ProfileId | 'auto';

/** An input file as a run request carries it: its text, or the Blob it was read from (a dropped big file: cloning a
 * Blob is free, cloning a 100 MiB string blocks the page; the worker decodes it as `Blob.text()` would). */
export type WireFile = InputFile | { name: string; blob: Blob };

export interface RunRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'run';
  id: number;
  files: WireFile[];
  profile: ProfileChoice;
  ownNamespace?: string;
  /** What-if knobs, applied in order (a later one wins for the same Pod). */
  whatIf?: WhatIf[];
  /** The page's filter: the result's lists are filtered with it. */
  filter?: string;
  /** The page's selected target: the result says whether the run still has it (`RunView.selected`). */
  select?: string;
}

/** Rows of a list of the latest run (the page asks for the rows it scrolls to). */
export interface RowsRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'rows';
  id: number;
  runId: number;
  kind: ListKind;
  /** Row numbers in the unfiltered list (`TargetView.row`). */
  rows: number[];
}

/** One target of the latest run by id (a selection from a link, a diagnosis' target). */
export interface TargetRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'target';
  id: number;
  runId: number;
  targetId: string;
}

/** The latest run's lists under another filter. */
export interface FilterRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'filter';
  id: number;
  runId: number;
  filter: string;
}

/** The step-by-step trace of one target of an earlier run (traces are sent on demand, not with every result). */
export interface TraceRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'trace';
  id: number;
  /** The id of the run the target belongs to; a trace of an older run is refused. */
  runId: number;
  targetId: string;
}

/** Remove private values before a permalink is made (parsing happens here, never on the page's thread). */
export interface StripRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'strip';
  id: number;
  files: WireFile[];
  /** The kinds of value to remove; the others are kept. */
  remove: StripKind[];
  /** Also make the link's fragment of this session with the stripped files (compressing a big input takes a while:
   * never on the page's thread). */
  session?: Omit<Session, 'files'>;
}

/** Phase two of a run: why expected targets are missing (sent after the result, so targets render first). */
export interface DiagnoseRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'diagnose';
  id: number;
  /** The run to diagnose; a diagnosis of an older run is refused (`stale`). */
  runId: number;
  /** Diagnose even a big input (which is otherwise skipped: diagnosis cost grows fast with dropped targets). */
  force?: boolean;
}

/** The "why not?" chain for one Pod (optionally a port) or Service of a run, even with no target for it. */
export interface WhyNotRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'whyNot';
  id: number;
  runId: number;
  query: WhyNotQuery;
}

export type ToWorker = RunRequest | TraceRequest | StripRequest | DiagnoseRequest | WhyNotRequest | RowsRequest | TargetRequest | FilterRequest;

/** Sent once when the worker has loaded: which profiles the engine has registered. */
export interface ReadyMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'ready';
  profiles: { id: ProfileId; title: string }[];
}

/**
 * Where a run is: `started` (the worker has the input), `engine` (the pipeline runs: ingest, cluster simulation,
 * discovery, relabeling), `view` (the result is being prepared for the page). `detail` says more (sizes, counts).
 */
export type RunPhase = 'started' | 'engine' | 'view';
export const RUN_PHASES: readonly RunPhase[] = ['started', 'engine', 'view'];

export interface ProgressMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'progress';
  id: number;
  phase: RunPhase;
  detail?: string;
}

export interface ResultMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'result';
  id: number;
  view: RunView;
}

export interface TraceMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'trace';
  id: number;
  targetId: string;
  /** null: the target is unknown (e.g. the run was replaced meanwhile). */
  trace: TraceView | null;
}

export interface StrippedMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'stripped';
  id: number;
  /** The stripped files; when a link was made (`fragment`), their texts are left out (the link holds them: sending
   * 20 MiB back to the page would block it) and `sizes` says how long each one is. */
  files: InputFile[];
  report: StripReport;
  /** The link's fragment (`v1/…`) when the request had a session. */
  fragment?: string;
  sizes?: number[];
}

export interface RowsMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'rows';
  id: number;
  runId: number;
  kind: ListKind;
  /** `stale`: the run is no longer the worker's latest (no rows). */
  status: 'done' | 'stale';
  rows: TargetView[];
}

export interface TargetMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'target';
  id: number;
  runId: number;
  status: 'done' | 'stale';
  /** null: the run has no such target. */
  target: TargetView | null;
}

export interface FilteredMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'filtered';
  id: number;
  runId: number;
  status: 'done' | 'stale';
  lists: ListsView | null;
}

export interface DiagnosesMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'diagnoses';
  id: number;
  runId: number;
  /** `skipped`: the input is big; `force` diagnoses it anyway. `stale`: the run is no longer the worker's latest. */
  status: 'done' | 'skipped' | 'stale';
  diagnoses: Diagnosis[];
  /** Why it was skipped. */
  note?: string;
  ms: number;
}

export interface WhyNotMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'whyNot';
  id: number;
  runId: number;
  status: 'done' | 'stale';
  diagnoses: Diagnosis[];
  ms: number;
}

/** The engine threw (a bug: user input never makes it throw) or the request was malformed. */
export interface ErrorMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'error';
  /** The request that failed, or null when no request could be identified. */
  id: number | null;
  message: string;
}

export type FromWorker =
  | ReadyMessage
  | ProgressMessage
  | ResultMessage
  | TraceMessage
  | StrippedMessage
  | DiagnosesMessage
  | WhyNotMessage
  | RowsMessage
  | TargetMessage
  | FilteredMessage
  | ErrorMessage;

/** Requests whose answer is advice about a run (cheap to lose: a newer run may cut them short). */
export const ADVICE_REQUESTS: readonly ToWorker['type'][] = ['diagnose', 'whyNot'];

/** Requests for more of a run's result (rows, a target, a filter): cheap to lose as well (a newer run replaces them). */
export const VIEW_REQUESTS: readonly ToWorker['type'][] = ['rows', 'target', 'filter'];

/** Narrow an unknown `MessageEvent.data` to a message of this protocol version. */
export function isProtocolMessage<T extends { v: number; type: string }>(data: unknown): data is T {
  return typeof data === 'object' && data !== null && (data as { v?: unknown }).v === PROTOCOL_VERSION && typeof (data as { type?: unknown }).type === 'string';
}
