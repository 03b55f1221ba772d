// The one message protocol between the page and the engine worker. Both sides import only
// this module for message shapes: one discriminated union per direction, every message
// carrying the protocol version, every request an id. Everything here is structured-clone
// safe (no classes, no Maps, no functions).
//
// Evolving it: add a new `type` (old pages ignore unknown ones); change a shape only together
// with PROTOCOL_VERSION — a page and a worker of different versions refuse each other's
// messages (the worker answers with an `error` naming both versions).
import type { Diagnosis, InputFile, ProfileId, RunOptions, whyNot } from '../engine/index.ts';
import type { RunView, TraceView } from './view.ts';
import type { StripKind, StripReport } from './strip-kinds.ts';

// 2: runs carry what-if knobs; diagnoses and "why not?" answers are separate requests after a run.
export const PROTOCOL_VERSION = 2;

/** A what-if knob: put a Pod (or every Pod of a workload) into another lifecycle state before the
 * endpoint controllers run (the engine's RunOptions.whatIf entry). */
export type WhatIf = NonNullable<RunOptions['whatIf']>[number];
export type PodStateChoice = WhatIf['state'];
export const POD_STATES: readonly PodStateChoice[] = ['ready', 'not-ready', 'pending', 'failed', 'succeeded'];

/** "Why is this Pod / Service (port) not scraped?" */
export type WhyNotQuery = Parameters<typeof whyNot>[2];

/** `auto`: the worker picks the profile from the input (VictoriaMetrics objects → vmagent, else Prometheus 3.14). */
export type ProfileChoice = ProfileId | 'auto';

export interface RunRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'run';
  id: number;
  files: InputFile[];
  profile: ProfileChoice;
  ownNamespace?: string;
  /** What-if knobs, applied in order (a later one wins for the same Pod). */
  whatIf?: WhatIf[];
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
  files: InputFile[];
  /** The kinds of value to remove; the others are kept. */
  remove: StripKind[];
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

export type ToWorker = RunRequest | TraceRequest | StripRequest | DiagnoseRequest | WhyNotRequest;

/** Sent once when the worker has loaded: which profiles the engine has registered. */
export interface ReadyMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'ready';
  profiles: { id: ProfileId; title: string }[];
}

/** A run has started (and later phases, when the engine reports them). */
export interface ProgressMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'progress';
  id: number;
  phase: string;
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
  files: InputFile[];
  report: StripReport;
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

export type FromWorker = ReadyMessage | ProgressMessage | ResultMessage | TraceMessage | StrippedMessage | DiagnosesMessage | WhyNotMessage | ErrorMessage;

/** Requests whose answer is advice about a run (cheap to lose: a newer run may cut them short). */
export const ADVICE_REQUESTS: readonly ToWorker['type'][] = ['diagnose', 'whyNot'];

/** Narrow an unknown `MessageEvent.data` to a message of this protocol version. */
export function isProtocolMessage<T extends { v: number; type: string }>(data: unknown): data is T {
  return typeof data === 'object' && data !== null && (data as { v?: unknown }).v === PROTOCOL_VERSION && typeof (data as { type?: unknown }).type === 'string';
}
