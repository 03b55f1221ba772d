// The one message protocol between the page and the engine worker. Both sides import only
// this module for message shapes: one discriminated union per direction, every message
// carrying the protocol version, every request an id. Everything here is structured-clone
// safe (no classes, no Maps, no functions).
//
// Evolving it: add a new `type` (old pages ignore unknown ones); change a shape only together
// with PROTOCOL_VERSION — a page and a worker of different versions refuse each other's
// messages (the worker answers with an `error` naming both versions).
import type { InputFile, ProfileId } from '../engine/index.ts';
import type { RunView, TraceView } from './view.ts';
import type { StripKind, StripReport } from './strip-kinds.ts';

export const PROTOCOL_VERSION = 1;

/** `auto`: the worker picks the profile from the input (VictoriaMetrics objects → vmagent, else Prometheus 3.14). */
export type ProfileChoice = ProfileId | 'auto';

export interface RunRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'run';
  id: number;
  files: InputFile[];
  profile: ProfileChoice;
  ownNamespace?: string;
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

export type ToWorker = RunRequest | TraceRequest | StripRequest;

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

/** The engine threw (a bug: user input never makes it throw) or the request was malformed. */
export interface ErrorMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'error';
  /** The request that failed, or null when no request could be identified. */
  id: number | null;
  message: string;
}

export type FromWorker = ReadyMessage | ProgressMessage | ResultMessage | TraceMessage | StrippedMessage | ErrorMessage;

/** Narrow an unknown `MessageEvent.data` to a message of this protocol version. */
export function isProtocolMessage<T extends { v: number; type: string }>(data: unknown): data is T {
  return typeof data === 'object' && data !== null && (data as { v?: unknown }).v === PROTOCOL_VERSION && typeof (data as { type?: unknown }).type === 'string';
}
