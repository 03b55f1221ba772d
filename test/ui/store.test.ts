// The app store with a fake engine: edits re-run after a pause, results of superseded runs never
// reach the page, selection survives a re-run only while its target exists, traces load on demand,
// cancel and crashes keep the input.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Diagnosis, InputFile } from '../../src/engine/index.ts';
import type { AdviceOutcome, RunExtras, RunOutcome, ViewOutcome } from '../../src/worker/client.ts';
import type { ProfileChoice, WhyNotQuery } from '../../src/worker/protocol.ts';
import { objectTable } from '../../src/worker/object-table.ts';
import type { TraceView } from '../../src/worker/trace-view.ts';
import type { ListKind, ListView, ListsView, RunView, TargetView } from '../../src/worker/view.ts';
import type { EngineLike } from '../../src/ui/state/app-state.ts';
import { createAppStore } from '../../src/ui/state/store.ts';

const target = (id: string, row: number): TargetView => ({ id, row, job: 'j', source: 's', index: 0, sdIndex: 0, state: 'active', discoveredLabels: {} });
const listOf = (rows: TargetView[], total = rows.length, first = rows.length): ListView => ({ totals: [total], shown: [rows.length], matches: null, first: rows.slice(0, first) });

/** A run with one job whose active targets are `targetIds` (only the first `first` of them sent with the result). */
function view(targetIds: string[], first = targetIds.length): RunView {
  const rows = targetIds.map(target);
  const v: RunView = {
    profile: 'prometheus-3.14',
    profileAuto: true,
    configRejected: false,
    jobs: [{ job: 'j', active: targetIds.length, dropped: 0, failed: 0, duplicates: 0 }],
    lists: { filter: '', active: listOf(rows, rows.length, first), dropped: listOf([]), failed: listOf([]) },
    diagnostics: [],
    objects: objectTable({ store: { all: () => [] } } as never),
    ignored: [],
    summary: { objects: 0, jobs: 1, active: targetIds.length, dropped: 0, failed: 0, duplicates: 0, simulated: 0, bytes: 0, ms: 1 },
    instances: [],
    generated: [],
    selection: [],
    traced: true,
  };
  allRows.set(v, rows);
  return v;
}
/** Every row of a fake run (the worker keeps them; a result carries the first ones). */
const allRows = new WeakMap<RunView, TargetView[]>();

const DIAG = { kind: 'pod-not-ready', family: 'readiness', severity: 'warning', title: 't', sentence: 's', objects: [], upstream: 'u' } as Diagnosis;

class FakeEngine implements EngineLike {
  runs: { files: InputFile[]; profile: ProfileChoice; extras: RunExtras | undefined; resolve(o: RunOutcome): void }[] = [];
  rowRequests: { runId: number; kind: ListKind; rows: number[]; resolve(o: ViewOutcome<TargetView[]>): void }[] = [];
  targetRequests: { runId: number; targetId: string; resolve(o: ViewOutcome<TargetView | null>): void }[] = [];
  filters: { runId: number; filter: string; resolve(o: ViewOutcome<ListsView>): void }[] = [];
  diagnoses: { runId: number; force: boolean | undefined; resolve(o: AdviceOutcome): void }[] = [];
  questions: { runId: number; query: WhyNotQuery; resolve(o: AdviceOutcome): void }[] = [];
  traces: string[] = [];
  cancelled = 0;
  run(files: InputFile[], profile: ProfileChoice, extras?: RunExtras): Promise<RunOutcome> {
    // Like the worker: the result says whether the run still has the selected target.
    return new Promise((resolve) =>
      this.runs.push({
        files,
        profile,
        extras,
        resolve: (o) => {
          if (o.status === 'done' && extras?.select) {
            const t = allRows.get(o.view)?.find((x) => x.id === extras.select);
            if (t) o.view.selected = t;
          }
          resolve(o);
        },
      }),
    );
  }
  rows(runId: number, kind: ListKind, rows: number[]): Promise<ViewOutcome<TargetView[]>> {
    return new Promise((resolve) => this.rowRequests.push({ runId, kind, rows, resolve }));
  }
  target(runId: number, targetId: string): Promise<ViewOutcome<TargetView | null>> {
    return new Promise((resolve) => this.targetRequests.push({ runId, targetId, resolve }));
  }
  filter(runId: number, filter: string): Promise<ViewOutcome<ListsView>> {
    return new Promise((resolve) => this.filters.push({ runId, filter, resolve }));
  }
  diagnose(runId: number, force?: boolean): Promise<AdviceOutcome> {
    return new Promise((resolve) => this.diagnoses.push({ runId, force, resolve }));
  }
  whyNot(runId: number, query: WhyNotQuery): Promise<AdviceOutcome> {
    return new Promise((resolve) => this.questions.push({ runId, query, resolve }));
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

  it('a big file read from disk: its Blob goes to the engine and its first slice to the editor, until it is edited', () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    const text = 'kind: List\nitems: []\n' + '# padding\n'.repeat(10);
    const blob = new Blob([text]);
    s.getState().addFiles([{ name: 'dump.yaml', text, blob, head: 'kind: List\n' }]);
    const f = s.getState().files.find((x) => x.name === 'dump.yaml')!;
    expect(e.runs.at(-1)!.extras?.blobs).toEqual({ 'dump.yaml': blob });
    expect(s.getState().fileHead(f.id)).toBe('kind: List\n');
    s.getState().setFileText(f.id, text + 'more: 1\n');
    expect(s.getState().fileHead(f.id)).toBeUndefined();
    expect(s.getState().fileHead('no-such-file')).toBeUndefined();
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

  it('a target selected from a link is looked up with the run; one selected later is asked for', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'targets', target: 'j#2' });
    expect(e.runs[0]!.extras).toEqual({ select: 'j#2' });
    e.runs[0]!.resolve({ status: 'done', id: 1, view: view(['j#0', 'j#1', 'j#2'], 1) });
    await flush();
    expect(s.getState().selected).toMatchObject({ id: 'j#2', row: 2 });
    // Selected by id only (a diagnosis' trace button): the worker is asked, and an unknown target is unselected.
    s.getState().selectTarget('j#9');
    expect(s.getState().selected).toBeUndefined();
    expect(e.targetRequests.map((r) => [r.runId, r.targetId])).toEqual([[1, 'j#9']]);
    e.targetRequests[0]!.resolve({ status: 'done', value: null });
    await flush();
    expect(s.getState().selectedTarget).toBeUndefined();
    // Selected from its row: known at once.
    s.getState().selectTarget('j#0', target('j#0', 0));
    expect(s.getState().selected?.id).toBe('j#0');
    expect(e.targetRequests).toHaveLength(1);
  });

  it('rows beyond the first ones are asked for once, and kept for the run on screen', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'targets' });
    e.runs[0]!.resolve({ status: 'done', id: 1, view: view(['a', 'b', 'c', 'd'], 2) });
    await flush();
    expect(s.getState().rowAt('active', 1)?.id).toBe('b');
    expect(s.getState().rowAt('active', 3)).toBeUndefined();
    s.getState().needRows('active', [1, 2, 3]);
    s.getState().needRows('active', [3]); // already asked for
    expect(e.rowRequests.map((r) => [r.runId, r.kind, r.rows])).toEqual([[1, 'active', [2, 3]]]);
    const version = s.getState().rowsVersion;
    e.rowRequests[0]!.resolve({ status: 'done', value: [target('c', 2), target('d', 3)] });
    await flush();
    expect(s.getState().rowAt('active', 3)?.id).toBe('d');
    expect(s.getState().rowsVersion).toBeGreaterThan(version);
    // Rows the worker no longer has (it was restarted) are marked, not asked for again and again.
    s.getState().needRows('dropped', [0]);
    e.rowRequests[1]!.resolve({ status: 'stale' });
    await flush();
    expect(s.getState().rowAt('dropped', 0)).toBeNull();
    s.getState().needRows('dropped', [0]);
    expect(e.rowRequests).toHaveLength(2);
    // A new run starts a new cache.
    s.getState().runNow();
    e.runs[1]!.resolve({ status: 'done', id: 2, view: view(['x'], 1) });
    await flush();
    expect(s.getState().rowAt('active', 0)?.id).toBe('x');
    expect(s.getState().rowAt('active', 3)).toBeUndefined();
  });

  it('the worker filters: one filter request at a time, the newest text wins, runs carry the filter', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'targets' });
    e.runs[0]!.resolve({ status: 'done', id: 1, view: view(['a', 'b']) });
    await flush();
    expect(s.getState().filtering).toBe(false);
    s.getState().setFilter('b');
    s.getState().setFilter('bb');
    expect(s.getState().filter).toBe('bb');
    expect(e.filters.map((f) => [f.runId, f.filter])).toEqual([[1, 'b']]);
    // The page says the worker is filtering until the lists show the newest text.
    expect(s.getState().filtering).toBe(true);
    const filtered = (q: string): ListsView => ({ filter: q, active: { totals: [2], shown: [1], matches: Int32Array.from([1]), first: [target('b', 1)] }, dropped: listOf([]), failed: listOf([]) });
    e.filters[0]!.resolve({ status: 'done', value: filtered('b') });
    await flush();
    expect(s.getState().lists?.filter).toBe('b');
    expect(e.filters.map((f) => f.filter)).toEqual(['b', 'bb']);
    expect(s.getState().filtering).toBe(true);
    e.filters[1]!.resolve({ status: 'done', value: filtered('bb') });
    await flush();
    expect(s.getState().lists?.filter).toBe('bb');
    expect(s.getState().filtering).toBe(false);
    expect(e.filters).toHaveLength(2);
    s.getState().runNow();
    expect(e.runs[1]!.extras).toEqual({ filter: 'bb' });
  });

  it('a filter answer the worker no longer has a run for ends the filtering state; the next run carries the filter', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'targets' });
    e.runs[0]!.resolve({ status: 'done', id: 1, view: view(['a', 'b']) });
    await flush();
    s.getState().setFilter('b');
    expect(s.getState().filtering).toBe(true);
    e.filters[0]!.resolve({ status: 'stale' });
    await flush();
    expect(s.getState().filtering).toBe(false);
    expect(s.getState().lists?.filter).toBe('');
    expect(e.filters).toHaveLength(1);
    s.getState().runNow();
    expect(e.runs[1]!.extras).toEqual({ filter: 'b' });
  });

  it('the status line follows the worker\'s phases while a run is under way', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'targets' });
    expect(s.getState().run.phase).toBe('waiting');
    s.getState().runProgress('engine', 'reading 1 MiB');
    expect(s.getState().run).toMatchObject({ status: 'running', phase: 'engine', phaseDetail: 'reading 1 MiB' });
    e.runs[0]!.resolve({ status: 'done', id: 1, view: view([]) });
    await flush();
    expect(s.getState().run.phase).toBeUndefined();
    s.getState().runProgress('view', 'late');
    expect(s.getState().run.phase).toBeUndefined();
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

  it('a delivered run asks for its diagnoses (phase two); they land only while that run is on screen', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'targets' });
    expect(e.diagnoses).toHaveLength(0);
    e.runs[0]!.resolve({ status: 'done', id: 7, view: view(['j#0']) });
    await flush();
    expect(e.diagnoses.map((d) => [d.runId, d.force])).toEqual([[7, false]]);
    expect(s.getState().advice.status).toBe('loading');
    e.diagnoses[0]!.resolve({ status: 'done', diagnoses: [DIAG], ms: 3 });
    await flush();
    expect(s.getState().advice).toMatchObject({ status: 'done', runId: 7, diagnoses: [DIAG], input: [{ name: 'a', text: 'x' }] });
    // A newer run: its diagnoses replace these; an answer for the older run is dropped.
    s.getState().runNow();
    e.runs[1]!.resolve({ status: 'done', id: 8, view: view(['j#0']) });
    await flush();
    expect(s.getState().advice).toMatchObject({ status: 'loading', runId: 7, diagnoses: [DIAG] }); // shown until replaced
    s.getState().runNow();
    e.runs[2]!.resolve({ status: 'done', id: 9, view: view(['j#0']) });
    await flush();
    e.diagnoses[1]!.resolve({ status: 'done', diagnoses: [], ms: 1 });
    await flush();
    expect(s.getState().advice.runId).toBe(7);
    e.diagnoses[2]!.resolve({ status: 'skipped', note: 'big' });
    await flush();
    expect(s.getState().advice).toMatchObject({ status: 'skipped', runId: 9, note: 'big', diagnoses: [] });
    // Diagnose now: forced, for the run on screen.
    s.getState().diagnoseNow();
    expect(e.diagnoses[3]).toMatchObject({ runId: 9, force: true });
    e.diagnoses[3]!.resolve({ status: 'error', message: 'out of memory' });
    await flush();
    expect(s.getState().advice).toMatchObject({ status: 'error', note: 'out of memory' });
    expect(s.getState().run.status).toBe('done'); // the targets stand
  });

  it('what-if knobs go to the engine, re-run at once, mark the link stale and are part of the session', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'objects', whatIf: [{ kind: 'Pod', namespace: 'default', name: 'p', state: 'pending' }] });
    expect(e.runs[0]!.extras).toEqual({ whatIf: [{ kind: 'Pod', namespace: 'default', name: 'p', state: 'pending' }] });
    expect(s.getState().dirty).toBe(false);
    s.getState().setWhatIf({ kind: 'Deployment', namespace: 'default', name: 'd' }, 'not-ready');
    expect(e.runs).toHaveLength(2);
    expect(e.runs[1]!.extras?.whatIf?.map((w) => w.name)).toEqual(['p', 'd']);
    expect(s.getState().dirty).toBe(true);
    expect(s.getState().session().whatIf).toHaveLength(2);
    s.getState().clearWhatIf();
    expect(e.runs[2]!.extras).toEqual({});
    expect(s.getState().session()).not.toHaveProperty('whatIf');
  });

  it('"why not?" is asked for the run on screen, and again after every run', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a', text: 'x' }], profile: 'auto', view: 'why' });
    e.runs[0]!.resolve({ status: 'done', id: 1, view: view([]) });
    await flush();
    const q = { kind: 'Pod' as const, namespace: 'default', name: 'p', port: 8080 };
    s.getState().askWhyNot(q);
    expect(e.questions.map((x) => [x.runId, x.query])).toEqual([[1, q]]);
    e.questions[0]!.resolve({ status: 'done', diagnoses: [DIAG], ms: 1 });
    await flush();
    expect(s.getState().query).toMatchObject({ status: 'done', diagnoses: [DIAG] });
    s.getState().runNow();
    e.runs[1]!.resolve({ status: 'done', id: 2, view: view([]) });
    await flush();
    expect(e.questions.map((x) => x.runId)).toEqual([1, 2]);
    expect(s.getState().query?.status).toBe('loading');
    s.getState().askWhyNot(null);
    e.questions[1]!.resolve({ status: 'done', diagnoses: [], ms: 1 });
    await flush();
    expect(s.getState().query).toBeNull();
  });

  it('applying a fix without an editor splices the texts, re-runs at once and says how; a changed text is refused', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    const text = 'ports:\n- containerPort: 8080\n';
    s.getState().loadSession({ files: [{ name: 'a.yaml', text }], profile: 'auto', view: 'why' });
    e.runs[0]!.resolve({ status: 'done', id: 1, view: view([]) });
    await flush();
    e.diagnoses[0]!.resolve({ status: 'done', diagnoses: [DIAG], ms: 1 });
    await flush();
    const sug = { description: 'declare it', edits: [{ file: 'a.yaml', offset: text.length - 1, length: 0, text: '\n- containerPort: 10299', line: 2, col: 22 }], verified: true, resultingTargets: 1 };
    expect(s.getState().applyFix(sug, 'advice')).toBe(true);
    expect(s.getState().files[0]!.text).toBe('ports:\n- containerPort: 8080\n- containerPort: 10299\n');
    expect(e.runs).toHaveLength(2); // at once, no pause
    expect(e.runs[1]!.files[0]!.text).toContain('10299');
    expect(s.getState().dirty).toBe(true);
    expect(s.getState().notice?.text).toMatch(/Applied: declare it/);
    expect(s.getState().reveal).toMatchObject({ file: 'a.yaml', line: 2 });
    // The text is no longer what was diagnosed: the same fix is refused.
    expect(s.getState().applyFix(sug, 'advice')).toBe(false);
    expect(s.getState().notice).toMatchObject({ kind: 'error', text: expect.stringMatching(/changed since/) });
    expect(e.runs).toHaveLength(2);
  });

  it('with an editor attached, the editor applies the edits (undoable) on the diagnosed text', async () => {
    const e = new FakeEngine();
    const s = createAppStore({ engine: e });
    s.getState().loadSession({ files: [{ name: 'a.yaml', text: 'abc' }, { name: 'b.yaml', text: 'xyz' }], profile: 'auto', view: 'why' });
    e.runs[0]!.resolve({ status: 'done', id: 1, view: view([]) });
    await flush();
    e.diagnoses[0]!.resolve({ status: 'done', diagnoses: [], ms: 1 });
    await flush();
    const calls: [unknown, Map<string, string>][] = [];
    s.getState().attachEditor({
      applyEdits(edits, originals) {
        calls.push([edits, new Map(originals)]);
        return true;
      },
    });
    const edits = [{ file: 'b.yaml', offset: 1, length: 1, text: 'Y', line: 1, col: 2 }];
    expect(s.getState().applyFix({ description: 'd', edits, verified: false }, 'advice')).toBe(true);
    expect(calls).toEqual([[edits, new Map([['b.yaml', 'xyz']])]]);
    expect(s.getState().files.map((f) => f.text)).toEqual(['abc', 'xYz']);
    expect(s.getState().activeFileId).toBe(s.getState().files[1]!.id);
    expect(s.getState().notice?.text).toMatch(/Ctrl\+Z/);
    expect(s.getState().reveal).toBeNull(); // the editor shows the change itself
  });
});
