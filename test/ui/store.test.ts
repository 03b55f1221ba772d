// The app store with a fake engine: edits re-run after a pause, results of superseded runs never
// reach the page, selection survives a re-run only while its target exists, traces load on demand,
// cancel and crashes keep the input.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InputFile } from '../../src/engine/index.ts';
import type { RunOutcome } from '../../src/worker/client.ts';
import type { ProfileChoice } from '../../src/worker/protocol.ts';
import type { RunView, TraceView } from '../../src/worker/view.ts';
import { createAppStore, type EngineLike } from '../../src/ui/state/store.ts';

function view(targetIds: string[]): RunView {
  return {
    profile: 'prometheus-3.14',
    profileAuto: true,
    configRejected: false,
    jobs: [{ job: 'j', active: targetIds.map((id) => ({ id, job: 'j', source: 's', index: 0, sdIndex: 0, state: 'active' as const, discoveredLabels: {} })), dropped: [], failed: [], duplicates: [] }],
    diagnostics: [],
    objects: [],
    ignored: [],
    summary: { objects: 0, jobs: 1, active: targetIds.length, dropped: 0, failed: 0, duplicates: 0, simulated: 0, bytes: 0, ms: 1 },
    instances: [],
    generated: [],
    selection: [],
    traced: true,
  };
}

class FakeEngine implements EngineLike {
  runs: { files: InputFile[]; profile: ProfileChoice; resolve(o: RunOutcome): void }[] = [];
  traces: string[] = [];
  cancelled = 0;
  run(files: InputFile[], profile: ProfileChoice): Promise<RunOutcome> {
    return new Promise((resolve) => this.runs.push({ files, profile, resolve }));
  }
  trace(targetId: string): Promise<TraceView | null> {
    this.traces.push(targetId);
    return Promise.resolve({ targetId, before: {}, steps: [] });
  }
  strip(files: InputFile[]) {
    return Promise.resolve({ files, report: { removals: [], counts: { 'secret-data': 0, 'env-values': 0, 'last-applied': 0, 'config-credentials': 0 }, unreadable: [] } });
  }
  cancel(): void {
    this.cancelled++;
  }
}

// Microtasks only: timers are fake here.
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('app store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('loading a session runs the engine at once with its files and profile', () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'vmagent-1.79', view: 'dropped', target: 'j#0' });
    expect(e.runs).toHaveLength(1);
    expect(e.runs[0]!.files).toEqual([{ name: 'a', text: 'x' }]);
    expect(e.runs[0]!.profile).toBe('vmagent-1.79');
    expect(s.getState().view).toBe('dropped');
    expect(s.getState().run.status).toBe('running');
  });

  it('edits re-run after a pause, once for a burst of edits', () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e, debounceMs: 300 });
    const id = s.getState().activeFileId;
    s.getState().setFileText(id, 'a');
    s.getState().setFileText(id, 'ab');
    vi.advanceTimersByTime(299);
    expect(e.runs).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(e.runs).toHaveLength(1);
    expect(e.runs[0]!.files[0]!.text).toBe('ab');
  });

  it('a stale outcome changes nothing; a delivered one replaces the view and counts', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e, now: () => 123 });
    s.getState().runNow();
    s.getState().runNow();
    e.runs[0]!.resolve({ status: 'stale', id: 1 });
    await flush();
    expect(s.getState().run.view).toBeUndefined();
    e.runs[1]!.resolve({ status: 'done', id: 2, view: view(['j#0']) });
    await flush();
    expect(s.getState().run).toMatchObject({ status: 'done', seq: 1 });
    expect(s.getState().firstResultMs).toBe(123);
  });

  it('keeps the selected target across runs while it exists, and loads traces on demand', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'trace', target: 'j#1' });
    e.runs[0]!.resolve({ status: 'done', id: 1, view: view(['j#0', 'j#1']) });
    await flush();
    expect(s.getState().selectedTarget).toBe('j#1');
    expect(e.traces).toEqual(['j#1']);
    expect(s.getState().trace).toMatchObject({ targetId: 'j#1', status: 'done' });
    s.getState().runNow();
    e.runs[1]!.resolve({ status: 'done', id: 2, view: view(['j#0']) });
    await flush();
    expect(s.getState().selectedTarget).toBeUndefined();
  });

  it('cancel stops the engine and keeps the input and the last result', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'targets' });
    e.runs[0]!.resolve({ status: 'done', id: 1, view: view(['j#0']) });
    await flush();
    s.getState().runNow();
    s.getState().cancelRun();
    expect(e.cancelled).toBe(1);
    e.runs[1]!.resolve({ status: 'cancelled', id: 2 });
    await flush();
    expect(s.getState().run.status).toBe('cancelled');
    expect(s.getState().run.view?.summary.active).toBe(1);
    expect(s.getState().files[0]!.text).toBe('x');
  });

  it('a worker crash is an error the page shows; the input stays', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'targets' });
    e.runs[0]!.resolve({ status: 'error', id: 1, message: 'out of memory' });
    await flush();
    expect(s.getState().run).toMatchObject({ status: 'error', error: 'out of memory' });
    expect(s.getState().session().files).toEqual([{ name: 'a', text: 'x' }]);
  });

  it('session() is what a link holds', () => {
    const s = createAppStore({ engine: new FakeEngine() });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'prometheus-2.42', view: 'failed', filter: 'q' });
    expect(s.getState().session()).toEqual({ files: [{ name: 'a', text: 'x' }], profile: 'prometheus-2.42', view: 'failed', filter: 'q' });
  });
});
