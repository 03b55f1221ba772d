// The one app store (zustand). It holds view state only — input files, choices, the last run's
// view model — and reaches the engine through the worker client it is given (a fake one in
// unit tests). Edits re-run the engine after a short pause; a run result that a newer input
// has superseded never reaches the store (the client drops it).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Diagnosis, InputFile, ProfileId } from '../../engine/index.ts';
import type { AdviceOutcome, RunExtras, RunOutcome } from '../../worker/client.ts';
import type { PodStateChoice, ProfileChoice, WhatIf, WhyNotQuery } from '../../worker/protocol.ts';
import type { StripKind, StripReport } from '../../worker/strip-kinds.ts';
import type { RunView, TraceView } from '../../worker/view.ts';
import type { Session, SessionFile } from '../permalink/codec.ts';
import {
  addFile,
  checkFix,
  emptyFiles,
  filesFromSession,
  inputFiles,
  mergeFiles,
  nextUntitled,
  removeFile,
  renameFile,
  setText,
  setWhatIf,
  toSession,
  type EditorFile,
  type TextEdit,
  type WhatIfRef,
} from './transitions.ts';
import type { ViewId } from './views.ts';

/** What the store needs from the engine client (EngineClient implements it; tests pass a fake). */
export interface EngineLike {
  run(files: InputFile[], profile: ProfileChoice, extras?: RunExtras): Promise<RunOutcome>;
  diagnose(runId: number, force?: boolean): Promise<AdviceOutcome>;
  whyNot(runId: number, query: WhyNotQuery): Promise<AdviceOutcome>;
  trace(targetId: string): Promise<TraceView | null>;
  strip(files: InputFile[], remove: StripKind[]): Promise<{ files: InputFile[]; report: StripReport }>;
  cancel(): void;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface RunState {
  status: RunStatus;
  /** The newest result; kept (dimmed) while the next run is under way. */
  view?: RunView;
  error?: string;
  /** Increments with every delivered result. */
  seq: number;
  /** The engine client's id of the run `view` came from (advice requests name it). */
  id?: number;
  /** The input that run read (suggested edits refer to it). */
  input?: SessionFile[];
}

/** The engine's diagnoses of a run (phase two: they arrive after the targets). */
export interface AdviceState {
  /** `loading`: the newest run is being diagnosed (the previous run's diagnoses stay shown meanwhile). */
  status: 'idle' | 'loading' | 'done' | 'skipped' | 'error';
  /** The run the diagnoses are about, and the input it read (fix offsets refer to that text). */
  runId: number;
  input: SessionFile[];
  diagnoses: Diagnosis[];
  ms?: number;
  /** Why it was skipped, or what failed. */
  note?: string;
}

/** A "why not?" question about one Pod (port) or Service, and the engine's answer for the newest run. */
export interface QueryState {
  query: WhyNotQuery;
  status: 'loading' | 'done' | 'error';
  runId: number;
  input: SessionFile[];
  diagnoses: Diagnosis[];
  message?: string;
}

/** What the editor offers the store: apply edits as undoable edit operations (false: could not). */
export interface EditorBridge {
  /** `originals`: the text of every edited file the edits refer to (the editor must hold exactly that). */
  applyEdits(edits: readonly TextEdit[], originals: ReadonlyMap<string, string>): boolean;
}

export interface TraceState {
  targetId: string;
  status: 'loading' | 'done' | 'missing';
  trace?: TraceView;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export type DialogId = 'share' | 'examples' | 'help';

/** A request to show a position in the editor (each request a new object, so the same place can be shown twice). */
export interface RevealRequest {
  file: string;
  line: number;
  col: number;
  endLine?: number;
  endCol?: number;
}

export interface AppState {
  files: EditorFile[];
  activeFileId: string;
  profile: ProfileChoice;
  /** Profiles the engine has registered; null until the worker has said. */
  registered: { id: ProfileId; title: string }[] | null;
  view: ViewId;
  selectedTarget: string | undefined;
  filter: string;
  run: RunState;
  trace: TraceState | null;
  notice: Notice | null;
  dialog: DialogId | null;
  reveal: RevealRequest | null;
  exampleId: string | undefined;
  /** The input was edited since it was loaded from a link (the link no longer describes it). */
  dirty: boolean;
  /** ms from page start to the first rendered result (for the e2e report). */
  firstResultMs: number | undefined;
  /** What-if knobs the engine runs with (part of the session and the link). */
  whatIf: WhatIf[];
  advice: AdviceState;
  query: QueryState | null;
  /** A diagnosis to scroll to in the "Why not?" view (index into advice.diagnoses; a new object per request). */
  whyFocus: { index: number } | null;

  loadSession(session: Session, opts?: { exampleId?: string; notes?: string[] }): void;
  setFileText(id: string, text: string): void;
  newFile(): void;
  addFiles(files: SessionFile[]): void;
  renameFile(id: string, name: string): void;
  closeFile(id: string): void;
  selectFile(id: string): void;
  setProfile(p: ProfileChoice): void;
  setRegistered(list: { id: ProfileId; title: string }[]): void;
  setView(v: ViewId): void;
  selectTarget(id: string | undefined): void;
  openTrace(id: string): void;
  setFilter(q: string): void;
  runNow(): void;
  cancelRun(): void;
  revealPos(r: RevealRequest): void;
  setNotice(n: Notice | null): void;
  openDialog(d: DialogId | null): void;
  session(): Session;
  strip(remove: StripKind[]): Promise<{ files: InputFile[]; report: StripReport }>;
  engineCrashed(message: string): void;
  /** The address bar now holds a link to exactly this input (after Share). */
  markClean(): void;
  /** Sets (or with undefined removes) the what-if knob on a Pod or workload, and re-runs. */
  setWhatIf(ref: WhatIfRef, state: PodStateChoice | undefined): void;
  clearWhatIf(): void;
  /** Diagnoses the current run even when it is big. */
  diagnoseNow(): void;
  /** Asks "why not?" about one object (re-asked after every run); null forgets the question. */
  askWhyNot(query: WhyNotQuery | null): void;
  /** Applies a suggested change to the editor text(s) and re-runs. `from` says which answer it came from. */
  applyFix(s: NonNullable<Diagnosis['suggestion']>, from: 'advice' | 'query'): boolean;
  focusDiagnosis(index: number): void;
  attachEditor(bridge: EditorBridge | null): void;
}

export interface StoreDeps {
  engine: EngineLike;
  /** Pause after an edit before the engine re-runs. */
  debounceMs?: number;
  now?: () => number;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(deps: StoreDeps): AppStore {
  const debounceMs = deps.debounceMs ?? 300;
  const now = deps.now ?? (() => (typeof performance !== 'undefined' ? performance.now() : Date.now()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let bridge: EditorBridge | null = null;

  return createStore<AppState>()((set, get) => {
    const askQuery = (runId: number, input: SessionFile[], query: WhyNotQuery): void => {
      set({ query: { query, status: 'loading', runId, input, diagnoses: get().query?.diagnoses ?? [] } });
      void deps.engine.whyNot(runId, query).then((o) => {
        const q = get().query;
        if (!q || q.query !== query || get().run.id !== runId) return; // another question or a newer run
        if (o.status === 'done') set({ query: { query, status: 'done', runId, input, diagnoses: o.diagnoses } });
        else if (o.status === 'error') set({ query: { query, status: 'error', runId, input, diagnoses: [], message: o.message } });
        // stale / cancelled: a newer run is on its way and asks again.
      });
    };

    const diagnoseRun = (runId: number, input: SessionFile[], force: boolean): void => {
      set({ advice: { ...get().advice, status: 'loading' } });
      void deps.engine.diagnose(runId, force).then((o) => {
        if (get().run.id !== runId) return; // a newer run replaced this one
        if (o.status === 'done') set({ advice: { status: 'done', runId, input, diagnoses: o.diagnoses, ms: o.ms } });
        else if (o.status === 'skipped') set({ advice: { status: 'skipped', runId, input, diagnoses: [], note: o.note } });
        else if (o.status === 'error') set({ advice: { status: 'error', runId, input, diagnoses: [], note: o.message } });
        else set({ advice: { ...get().advice, status: 'idle' } });
      });
    };

    const loadTrace = (targetId: string): void => {
      const cur = get().trace;
      if (cur && cur.targetId === targetId && cur.status !== 'missing') return;
      set({ trace: { targetId, status: 'loading' } });
      void deps.engine.trace(targetId).then((trace) => {
        if (get().trace?.targetId !== targetId) return; // another target was chosen meanwhile
        set({ trace: trace ? { targetId, status: 'done', trace } : { targetId, status: 'missing' } });
      });
    };

    const runNow = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const s = get();
      set({ run: { ...s.run, status: 'running' } });
      const input = inputFiles(s.files);
      void deps.engine.run(input, s.profile, s.whatIf.length ? { whatIf: s.whatIf } : {}).then((o) => {
        if (o.status === 'stale') return; // a newer run is on its way
        const st = get();
        if (o.status === 'done') {
          const exists = st.selectedTarget !== undefined && targetExists(o.view, st.selectedTarget);
          set({
            run: { status: 'done', view: o.view, seq: st.run.seq + 1, id: o.id, input },
            selectedTarget: exists ? st.selectedTarget : undefined,
            trace: null,
            firstResultMs: st.firstResultMs ?? Math.round(now()),
            whyFocus: null,
          });
          const sel = get().selectedTarget;
          if (sel && get().view === 'trace') loadTrace(sel);
          diagnoseRun(o.id, input, false);
          const q = get().query;
          if (q) askQuery(o.id, input, q.query);
        } else if (o.status === 'cancelled') {
          set({ run: { ...st.run, status: 'cancelled' } });
        } else {
          set({ run: { ...st.run, status: 'error', error: o.message } });
        }
      });
    };

    const schedule = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(runNow, debounceMs);
    };

    return {
      ...emptyFiles(),
      profile: 'auto',
      registered: null,
      view: 'targets',
      selectedTarget: undefined,
      filter: '',
      run: { status: 'idle', seq: 0 },
      trace: null,
      notice: null,
      dialog: null,
      reveal: null,
      exampleId: undefined,
      dirty: false,
      firstResultMs: undefined,
      whatIf: [],
      advice: { status: 'idle', runId: 0, input: [], diagnoses: [] },
      query: null,
      whyFocus: null,

      loadSession(session, opts) {
        set({
          ...filesFromSession(session),
          profile: session.profile,
          view: session.view,
          selectedTarget: session.target,
          filter: session.filter ?? '',
          whatIf: session.whatIf ? [...session.whatIf] : [],
          trace: null,
          exampleId: opts?.exampleId,
          dirty: false,
          notice: opts?.notes?.length ? { kind: 'info', text: `Opened with changes: ${opts.notes.join('; ')}.` } : null,
        });
        runNow();
      },
      setFileText(id, text) {
        const s = get();
        const next = setText(s, id, text);
        if (next.files === s.files || next.files.every((f, i) => f === s.files[i])) return;
        set({ files: next.files, dirty: true });
        schedule();
      },
      newFile() {
        const s = get();
        set(addFile(s, nextUntitled(s.files)));
      },
      addFiles(files) {
        set({ ...mergeFiles(get(), files), exampleId: undefined, dirty: true });
        runNow();
      },
      renameFile(id, name) {
        set({ files: renameFile(get(), id, name).files, dirty: true });
        schedule();
      },
      closeFile(id) {
        set({ ...removeFile(get(), id), dirty: true });
        runNow();
      },
      selectFile(id) {
        if (get().files.some((f) => f.id === id)) set({ activeFileId: id });
      },
      setProfile(p) {
        set({ profile: p });
        runNow();
      },
      setRegistered(list) {
        set({ registered: list });
      },
      setView(v) {
        set({ view: v });
        const sel = get().selectedTarget;
        if (v === 'trace' && sel && get().run.view) loadTrace(sel);
      },
      selectTarget(id) {
        set({ selectedTarget: id });
        if (id && get().view === 'trace') loadTrace(id);
      },
      openTrace(id) {
        set({ selectedTarget: id, view: 'trace' });
        loadTrace(id);
      },
      setFilter(q) {
        set({ filter: q });
      },
      runNow,
      cancelRun() {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        deps.engine.cancel();
        set({ run: { ...get().run, status: 'cancelled' } });
      },
      revealPos(r) {
        const f = get().files.find((x) => x.name === r.file);
        set({ reveal: { ...r }, ...(f ? { activeFileId: f.id } : {}) });
      },
      setNotice(n) {
        set({ notice: n });
      },
      openDialog(d) {
        set({ dialog: d });
      },
      session() {
        const s = get();
        return toSession({ files: s.files, profile: s.profile, view: s.view, selectedTarget: s.selectedTarget, filter: s.filter, whatIf: s.whatIf });
      },
      strip(remove) {
        return deps.engine.strip(inputFiles(get().files), remove);
      },
      markClean() {
        set({ dirty: false });
      },
      engineCrashed(message) {
        set({ run: { ...get().run, status: 'error', error: message } });
      },
      setWhatIf(ref, state) {
        const next = setWhatIf(get().whatIf, ref, state);
        set({ whatIf: next, dirty: true });
        runNow();
      },
      clearWhatIf() {
        if (!get().whatIf.length) return;
        set({ whatIf: [], dirty: true });
        runNow();
      },
      diagnoseNow() {
        const { run } = get();
        if (run.id === undefined || !run.input) return;
        diagnoseRun(run.id, run.input, true);
      },
      askWhyNot(query) {
        if (!query) {
          set({ query: null });
          return;
        }
        const { run } = get();
        if (run.id === undefined || !run.input) return;
        askQuery(run.id, run.input, query);
      },
      applyFix(sug, from) {
        const st = get();
        const input = from === 'query' ? st.query?.input : st.advice.input;
        const check = checkFix(st.files, input, sug.edits);
        if (!check.ok) {
          set({ notice: { kind: 'error', text: `The change was not applied: ${check.why}.` } });
          return false;
        }
        const first = sug.edits[0] as TextEdit;
        const target = st.files.find((f) => f.name === first.file);
        if (target) set({ activeFileId: target.id });
        // Monaco applies the edits as one undoable step (and shows them); the store gets the same texts.
        const originals = new Map(st.files.filter((f) => check.texts.has(f.name)).map((f) => [f.name, f.text]));
        const applied = bridge?.applyEdits(sug.edits, originals) ?? false;
        set({
          files: get().files.map((f) => (check.texts.has(f.name) && f.text !== check.texts.get(f.name) ? { ...f, text: check.texts.get(f.name) as string } : f)),
          dirty: true,
          notice: { kind: 'info', text: `Applied: ${sug.description}.${applied ? ' Ctrl+Z in the editor undoes it.' : ''}` },
        });
        if (!applied) get().revealPos({ file: first.file, line: first.line, col: first.col });
        runNow();
        return true;
      },
      focusDiagnosis(index) {
        set({ view: 'why', whyFocus: { index } });
      },
      attachEditor(b) {
        bridge = b;
      },
    };
  });
}

export function targetExists(view: RunView, id: string): boolean {
  return view.jobs.some((j) => j.active.some((t) => t.id === id) || j.dropped.some((t) => t.id === id) || j.failed.some((t) => t.id === id) || j.duplicates.some((t) => t.id === id));
}
