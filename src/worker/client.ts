// The page's side of the worker boundary. It owns concurrency: request ids, at most one run
// in flight plus the newest waiting one (older waiting runs are answered `stale` without ever
// reaching the engine), results of superseded runs dropped, cancel = terminate the worker and
// start a fresh one, and a crashed worker (exception, out of memory) reported and replaced
// while the page keeps its input.
//
// Advice (diagnoses, "why not?" answers) is asked for after a run's result is shown. It can be
// slow on big inputs and is cheap to lose, so a new run cuts it short: when only advice is in the
// worker, the worker is replaced and the new run starts at once; the advice is answered `cancelled`.
// A worker that dies during advice only (say, out of memory) fails that advice, not the run.
// Requests for more of a result (rows, one target, a filtered list) are treated like advice: a new run
// may cut them short, and they are answered `stale` once a newer run is the worker's latest.
import type { Diagnosis, InputFile, ProfileId } from '../engine/index.ts';
import type { Session } from '../ui/permalink/codec.ts';
import { ADVICE_REQUESTS, PROTOCOL_VERSION, VIEW_REQUESTS, isProtocolMessage, type FromWorker, type ProfileChoice, type RunPhase, type ToWorker, type WhatIf, type WhyNotQuery } from './protocol.ts';
import type { StripKind, StripReport } from './strip-kinds.ts';
import type { TraceView } from './trace-view.ts';
import type { ListKind, ListsView, RunView, TargetView } from './view.ts';

/** Requests that a new run may cut short (their answers are cheap to lose). */
const PREEMPTIBLE: readonly ToWorker['type'][] = [...ADVICE_REQUESTS, ...VIEW_REQUESTS];

export type RunOutcome =
  | { status: 'done'; id: number; view: RunView }
  /** A newer run replaced this one; its result (if any) was dropped. */
  | { status: 'stale'; id: number }
  | { status: 'cancelled'; id: number }
  | { status: 'error'; id: number; message: string };

export type AdviceOutcome =
  | { status: 'done'; diagnoses: Diagnosis[]; ms: number }
  /** The input is big: diagnoses are made on request only. */
  | { status: 'skipped'; note: string }
  /** The run is no longer the worker's latest (or a newer run cut the advice short). */
  | { status: 'stale' }
  | { status: 'cancelled' }
  | { status: 'error'; message: string };

/** Run options besides the files and the profile. */
export interface RunExtras {
  whatIf?: WhatIf[];
  /** Filter the result's lists with this. */
  filter?: string;
  /** Say in the result whether the run still has this target (and send it). */
  select?: string;
  /** Files (by name) whose text is exactly their Blob's: the worker gets the Blob instead of the text. */
  blobs?: Record<string, Blob>;
}

/** An answer about the latest run that a newer run (or a restarted worker) made moot. */
export type ViewOutcome<T> = { status: 'done'; value: T } | { status: 'stale' };

export interface EngineClientHooks {
  /** The worker loaded and told which profiles the engine has. */
  onReady?(profiles: { id: ProfileId; title: string }[]): void;
  /** A run reached the engine (the page shows progress from here). */
  onRunStarted?(id: number): void;
  /** A run in the worker reached another phase. */
  onProgress?(id: number, phase: RunPhase, detail: string | undefined): void;
  /** The worker died outside any request (or during one); it has been replaced. */
  onCrash?(message: string): void;
}

interface Pending {
  kind: ToWorker['type'];
  resolve(m: FromWorker | { type: 'cancelled' } | { type: 'crashed'; message: string }): void;
}

interface RunJob {
  id: number;
  files: InputFile[];
  profile: ProfileChoice;
  extras: RunExtras;
  resolve(o: RunOutcome): void;
}

export class EngineClient {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The run the worker is busy with, and the newest one waiting for it. */
  private inFlight: RunJob | undefined;
  private waiting: RunJob | undefined;
  /** The id of the newest run whose result was delivered (traces refer to it). */
  lastRunId = 0;

  constructor(
    private readonly spawn: () => Worker,
    private readonly hooks: EngineClientHooks = {},
  ) {
    this.worker = this.start();
  }

  private start(): Worker {
    const w = this.spawn();
    w.onmessage = (e: MessageEvent) => this.receive(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crashed(e.message || 'the engine worker stopped (out of memory?)');
    };
    w.onmessageerror = () => this.crashed('a message from the engine worker could not be read');
    return w;
  }

  private receive(data: unknown): void {
    if (!isProtocolMessage<FromWorker>(data)) return;
    if (data.type === 'ready') {
      this.hooks.onReady?.(data.profiles);
      return;
    }
    if (data.type === 'progress') {
      if (this.inFlight?.id === data.id) {
        if (data.phase === 'started') this.hooks.onRunStarted?.(data.id);
        this.hooks.onProgress?.(data.id, data.phase, data.detail);
      }
      return;
    }
    if (data.id === null) {
      this.hooks.onCrash?.(data.type === 'error' ? data.message : 'unexpected message');
      return;
    }
    const p = this.pending.get(data.id);
    if (!p) return; // cancelled or superseded meanwhile
    this.pending.delete(data.id);
    p.resolve(data);
  }

  private crashed(message: string): void {
    this.worker.terminate();
    this.worker = this.start();
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.resolve({ type: 'crashed', message });
    // Advice that failed is reported where it was asked for; the run's result still stands.
    const adviceOnly = all.length > 0 && all.every((p) => PREEMPTIBLE.includes(p.kind));
    if (!adviceOnly) this.hooks.onCrash?.(message);
  }

  /** Only advice is in the worker: replace the worker so a new run does not wait behind it. */
  private preemptAdvice(): void {
    const all = [...this.pending.values()];
    if (!all.length || !all.every((p) => PREEMPTIBLE.includes(p.kind))) return;
    this.worker.terminate();
    this.worker = this.start();
    this.pending.clear();
    for (const p of all) p.resolve({ type: 'cancelled' });
  }

  private send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  private request(msg: ToWorker): Promise<FromWorker | { type: 'cancelled' } | { type: 'crashed'; message: string }> {
    return new Promise((resolve) => {
      this.pending.set(msg.id, { kind: msg.type, resolve });
      this.send(msg);
    });
  }

  /** Runs the engine on `files`. Resolves `stale` when a newer run replaces this one before its result is shown. */
  run(files: InputFile[], profile: ProfileChoice, extras: RunExtras = {}): Promise<RunOutcome> {
    return new Promise((resolve) => {
      const job: RunJob = { id: this.nextId++, files, profile, extras, resolve };
      if (this.waiting) this.waiting.resolve({ status: 'stale', id: this.waiting.id });
      this.waiting = job;
      if (!this.inFlight) this.pump();
    });
  }

  private pump(): void {
    const job = this.waiting;
    this.waiting = undefined;
    this.inFlight = job;
    if (!job) return;
    this.preemptAdvice();
    const blobs = job.extras.blobs;
    const files = blobs ? job.files.map((f) => (blobs[f.name] ? { name: f.name, blob: blobs[f.name] as Blob } : f)) : job.files;
    // (a file sent as its Blob is read by the worker: the page's copy of the text is never cloned)
    const req: ToWorker = { v: PROTOCOL_VERSION, type: 'run', id: job.id, files, profile: job.profile };
    if (job.extras.whatIf?.length) req.whatIf = job.extras.whatIf;
    if (job.extras.filter?.trim()) req.filter = job.extras.filter;
    if (job.extras.select) req.select = job.extras.select;
    void this.request(req).then((m) => {
      if (this.inFlight === job) this.inFlight = undefined;
      let outcome: RunOutcome;
      if (m.type === 'result') {
        // A newer run is already waiting: this result is stale, never shown.
        outcome = this.waiting ? { status: 'stale', id: job.id } : { status: 'done', id: job.id, view: m.view };
        if (outcome.status === 'done') this.lastRunId = job.id;
      } else if (m.type === 'cancelled') outcome = { status: 'cancelled', id: job.id };
      else if (m.type === 'crashed') outcome = { status: 'error', id: job.id, message: m.message };
      else if (m.type === 'error') outcome = { status: 'error', id: job.id, message: m.message };
      else outcome = { status: 'error', id: job.id, message: `unexpected answer ${m.type}` };
      job.resolve(outcome);
      if (!this.inFlight) this.pump();
    });
  }

  /** True while a run is in the worker. */
  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  /** The per-step trace of one target of the latest delivered run; null when it is not known. */
  async trace(targetId: string): Promise<TraceView | null> {
    const m = await this.request({ v: PROTOCOL_VERSION, type: 'trace', id: this.nextId++, runId: this.lastRunId, targetId });
    return m.type === 'trace' ? m.trace : null;
  }

  /** Why expected targets of run `runId` are missing (phase two of a run). */
  async diagnose(runId: number, force = false): Promise<AdviceOutcome> {
    const m = await this.request({ v: PROTOCOL_VERSION, type: 'diagnose', id: this.nextId++, runId, ...(force ? { force: true } : {}) });
    if (m.type === 'diagnoses') {
      if (m.status === 'done') return { status: 'done', diagnoses: m.diagnoses, ms: m.ms };
      if (m.status === 'skipped') return { status: 'skipped', note: m.note ?? 'diagnosed on request' };
      return { status: 'stale' };
    }
    return adviceFailure(m);
  }

  /** The "why not?" chain for one Pod (port) or Service of run `runId`. */
  async whyNot(runId: number, query: WhyNotQuery): Promise<AdviceOutcome> {
    const m = await this.request({ v: PROTOCOL_VERSION, type: 'whyNot', id: this.nextId++, runId, query });
    if (m.type === 'whyNot') return m.status === 'done' ? { status: 'done', diagnoses: m.diagnoses, ms: m.ms } : { status: 'stale' };
    return adviceFailure(m);
  }

  /** Rows of a list of run `runId` (by row number). */
  async rows(runId: number, kind: ListKind, rows: number[]): Promise<ViewOutcome<TargetView[]>> {
    const m = await this.request({ v: PROTOCOL_VERSION, type: 'rows', id: this.nextId++, runId, kind, rows });
    return m.type === 'rows' && m.status === 'done' ? { status: 'done', value: m.rows } : { status: 'stale' };
  }

  /** One target of run `runId` by id (null: the run has none). */
  async target(runId: number, targetId: string): Promise<ViewOutcome<TargetView | null>> {
    const m = await this.request({ v: PROTOCOL_VERSION, type: 'target', id: this.nextId++, runId, targetId });
    return m.type === 'target' && m.status === 'done' ? { status: 'done', value: m.target } : { status: 'stale' };
  }

  /** The lists of run `runId` under another filter. */
  async filter(runId: number, filter: string): Promise<ViewOutcome<ListsView>> {
    const m = await this.request({ v: PROTOCOL_VERSION, type: 'filter', id: this.nextId++, runId, filter });
    return m.type === 'filtered' && m.status === 'done' && m.lists ? { status: 'done', value: m.lists } : { status: 'stale' };
  }

  /** Files with the chosen kinds of private value removed, and a report of every value found; with `session`, also the
   * link fragment of that session holding the stripped files (made in the worker). */
  async strip(files: InputFile[], remove: StripKind[], session?: Omit<Session, 'files'>, blobs?: Record<string, Blob>): Promise<{ files: InputFile[]; report: StripReport; fragment?: string; sizes?: number[] }> {
    const wire = blobs ? files.map((f) => (blobs[f.name] ? { name: f.name, blob: blobs[f.name] as Blob } : f)) : files;
    const m = await this.request({ v: PROTOCOL_VERSION, type: 'strip', id: this.nextId++, files: wire, remove, ...(session ? { session } : {}) });
    if (m.type === 'stripped') return { files: m.files, report: m.report, ...(m.fragment !== undefined ? { fragment: m.fragment } : {}), ...(m.sizes ? { sizes: m.sizes } : {}) };
    throw new Error(m.type === 'error' || m.type === 'crashed' ? m.message : 'cancelled');
  }

  /** Stops whatever the worker is doing: the worker is terminated and a fresh one started. */
  cancel(): void {
    this.worker.terminate();
    this.worker = this.start();
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.resolve({ type: 'cancelled' });
    if (this.waiting) {
      this.waiting.resolve({ status: 'cancelled', id: this.waiting.id });
      this.waiting = undefined;
    }
    this.inFlight = undefined;
  }

  dispose(): void {
    this.cancel();
    this.worker.terminate();
  }
}

function adviceFailure(m: FromWorker | { type: 'cancelled' } | { type: 'crashed'; message: string }): AdviceOutcome {
  if (m.type === 'cancelled') return { status: 'cancelled' };
  if (m.type === 'crashed' || m.type === 'error') return { status: 'error', message: m.message };
  return { status: 'error', message: `unexpected answer ${m.type}` };
}
