// The page's side of the worker boundary. It owns concurrency: request ids, at most one run
// in flight plus the newest waiting one (older waiting runs are answered `stale` without ever
// reaching the engine), results of superseded runs dropped, cancel = terminate the worker and
// start a fresh one, and a crashed worker (exception, out of memory) reported and replaced
// while the page keeps its input.
import type { InputFile, ProfileId } from '../engine/index.ts';
import { PROTOCOL_VERSION, isProtocolMessage, type FromWorker, type ProfileChoice, type ToWorker } from './protocol.ts';
import type { StripKind, StripReport } from './strip-kinds.ts';
import type { RunView, TraceView } from './view.ts';

export type RunOutcome =
  | { status: 'done'; id: number; view: RunView }
  /** A newer run replaced this one; its result (if any) was dropped. */
  | { status: 'stale'; id: number }
  | { status: 'cancelled'; id: number }
  | { status: 'error'; id: number; message: string };

export interface EngineClientHooks {
  /** The worker loaded and told which profiles the engine has. */
  onReady?(profiles: { id: ProfileId; title: string }[]): void;
  /** A run reached the engine (the page shows progress from here). */
  onRunStarted?(id: number): void;
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
      if (this.inFlight?.id === data.id) this.hooks.onRunStarted?.(data.id);
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
    this.hooks.onCrash?.(message);
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
  run(files: InputFile[], profile: ProfileChoice): Promise<RunOutcome> {
    return new Promise((resolve) => {
      const job: RunJob = { id: this.nextId++, files, profile, resolve };
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
    void this.request({ v: PROTOCOL_VERSION, type: 'run', id: job.id, files: job.files, profile: job.profile }).then((m) => {
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

  /** Files with the chosen kinds of private value removed, and a report of every value found. */
  async strip(files: InputFile[], remove: StripKind[]): Promise<{ files: InputFile[]; report: StripReport }> {
    const m = await this.request({ v: PROTOCOL_VERSION, type: 'strip', id: this.nextId++, files, remove });
    if (m.type === 'stripped') return { files: m.files, report: m.report };
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
