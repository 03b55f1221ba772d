// The worker client against a fake Worker: one run in flight plus the newest waiting one, stale
// results dropped, cancel = terminate and start a fresh worker, crashes reported and replaced.
import { describe, expect, it } from 'vitest';
import { EngineClient, type RunOutcome } from '../../src/worker/client.ts';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from '../../src/worker/protocol.ts';
import type { RunView } from '../../src/worker/view.ts';

class FakeWorker {
  static all: FakeWorker[] = [];
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(m: ToWorker) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(m: FromWorker) {
    this.onmessage?.({ data: m } as MessageEvent);
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

const v = { summary: { active: 1 } } as unknown as RunView;
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  FakeWorker.all = [];
  const crashes: string[] = [];
  const c = new EngineClient(() => new FakeWorker() as unknown as Worker, { onCrash: (m) => crashes.push(m) });
  return { c, crashes, w: () => FakeWorker.all[FakeWorker.all.length - 1]! };
}

describe('EngineClient', () => {
  it('sends versioned requests with increasing ids', () => {
    const { c, w } = setup();
    void c.run([{ name: 'a', text: 'x' }], 'auto');
    expect(w().sent[0]).toMatchObject({ v: PROTOCOL_VERSION, type: 'run', id: 1, profile: 'auto' });
  });

  it('keeps one run in flight; older waiting runs are answered stale without reaching the worker', async () => {
    const { c, w } = setup();
    const out: RunOutcome[] = [];
    for (const t of ['1', '2', '3']) void c.run([{ name: 'a', text: t }], 'auto').then((o) => out.push(o));
    expect(w().sent.map((m) => m.id)).toEqual([1]);
    await flush();
    expect(out).toEqual([{ status: 'stale', id: 2 }]);
    w().reply({ v: PROTOCOL_VERSION, type: 'result', id: 1, view: v });
    await flush();
    // Run 1's result is stale (run 3 waits); run 3 goes out now.
    expect(out[1]).toEqual({ status: 'stale', id: 1 });
    expect(w().sent.map((m) => m.id)).toEqual([1, 3]);
    w().reply({ v: PROTOCOL_VERSION, type: 'result', id: 3, view: v });
    await flush();
    expect(out[2]).toEqual({ status: 'done', id: 3, view: v });
    expect(c.lastRunId).toBe(3);
  });

  it('ignores messages of another protocol version and answers for unknown ids', async () => {
    const { c, w } = setup();
    const p = c.run([], 'auto');
    w().reply({ v: 99, type: 'result', id: 1, view: v } as unknown as FromWorker);
    w().reply({ v: PROTOCOL_VERSION, type: 'result', id: 42, view: v });
    w().reply({ v: PROTOCOL_VERSION, type: 'result', id: 1, view: v });
    expect(await p).toEqual({ status: 'done', id: 1, view: v });
  });

  it('cancel terminates the worker, starts a fresh one and answers pending runs', async () => {
    const { c, w } = setup();
    const first = w();
    const p = c.run([], 'auto');
    c.cancel();
    expect(first.terminated).toBe(true);
    expect(FakeWorker.all).toHaveLength(2);
    expect(await p).toEqual({ status: 'cancelled', id: 1 });
    const q = c.run([], 'auto');
    expect(w().sent[0]).toMatchObject({ type: 'run', id: 2 });
    w().reply({ v: PROTOCOL_VERSION, type: 'result', id: 2, view: v });
    expect((await q).status).toBe('done');
  });

  it('a crash (exception, out of memory) answers with an error and replaces the worker', async () => {
    const { c, w, crashes } = setup();
    const p = c.run([], 'auto');
    w().crash('RangeError: out of memory');
    expect(await p).toEqual({ status: 'error', id: 1, message: 'RangeError: out of memory' });
    expect(crashes).toEqual(['RangeError: out of memory']);
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('an engine exception for a request is an error outcome', async () => {
    const { c, w } = setup();
    const p = c.run([], 'auto');
    w().reply({ v: PROTOCOL_VERSION, type: 'error', id: 1, message: 'TypeError: boom' });
    expect(await p).toEqual({ status: 'error', id: 1, message: 'TypeError: boom' });
  });

  it('forwards what-if knobs with a run (and only when there are some)', async () => {
    const { c, w } = setup();
    void c.run([], 'auto', { whatIf: [{ kind: 'Pod', namespace: 'default', name: 'p', state: 'failed' }] });
    expect(w().sent[0]).toMatchObject({ type: 'run', whatIf: [{ kind: 'Pod', namespace: 'default', name: 'p', state: 'failed' }] });
    w().reply({ v: PROTOCOL_VERSION, type: 'result', id: 1, view: v });
    await flush();
    void c.run([], 'auto', { whatIf: [] });
    expect(w().sent[1]).toMatchObject({ type: 'run', id: 2 });
    expect(w().sent[1]).not.toHaveProperty('whatIf');
  });

  it('asks for diagnoses and "why not?" answers of a run and reads the answers', async () => {
    const { c, w } = setup();
    const d = c.diagnose(5);
    const f = c.diagnose(5, true);
    const q = c.whyNot(5, { kind: 'Service', namespace: 'default', name: 's' });
    expect(w().sent).toMatchObject([
      { type: 'diagnose', id: 1, runId: 5 },
      { type: 'diagnose', id: 2, runId: 5, force: true },
      { type: 'whyNot', id: 3, runId: 5, query: { kind: 'Service', namespace: 'default', name: 's' } },
    ]);
    expect(w().sent[0]).not.toHaveProperty('force');
    w().reply({ v: PROTOCOL_VERSION, type: 'diagnoses', id: 1, runId: 5, status: 'skipped', diagnoses: [], note: 'big', ms: 0 });
    w().reply({ v: PROTOCOL_VERSION, type: 'diagnoses', id: 2, runId: 5, status: 'done', diagnoses: [], ms: 4 });
    w().reply({ v: PROTOCOL_VERSION, type: 'whyNot', id: 3, runId: 5, status: 'stale', diagnoses: [], ms: 0 });
    expect(await d).toEqual({ status: 'skipped', note: 'big' });
    expect(await f).toEqual({ status: 'done', diagnoses: [], ms: 4 });
    expect(await q).toEqual({ status: 'stale' });
  });

  it('a new run cuts advice short: the worker is replaced and the run starts at once', async () => {
    const { c, w, crashes } = setup();
    const first = w();
    const d = c.diagnose(1);
    const r = c.run([{ name: 'a', text: 'x' }], 'auto');
    expect(first.terminated).toBe(true);
    expect(await d).toEqual({ status: 'cancelled' });
    expect(w().sent).toMatchObject([{ type: 'run' }]);
    w().reply({ v: PROTOCOL_VERSION, type: 'result', id: 2, view: v });
    expect((await r).status).toBe('done');
    expect(crashes).toEqual([]);
  });

  it('advice does not cut short other work: a run waits behind a pending trace or strip', () => {
    const { c, w } = setup();
    void c.diagnose(1);
    void c.trace('j#0');
    void c.run([], 'auto');
    expect(FakeWorker.all).toHaveLength(1);
    expect(w().sent.map((m) => m.type)).toEqual(['diagnose', 'trace', 'run']);
  });

  it('a worker dying during advice fails the advice, not the run', async () => {
    const { c, w, crashes } = setup();
    const d = c.diagnose(1);
    w().crash('RangeError: out of memory');
    expect(await d).toEqual({ status: 'error', message: 'RangeError: out of memory' });
    expect(crashes).toEqual([]);
    expect(FakeWorker.all).toHaveLength(2);
  });
});
