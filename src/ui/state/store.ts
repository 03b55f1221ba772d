// The one app store (zustand). It holds view state only — input files, choices, the last run's
// view model — and reaches the engine through the worker client it is given (a fake one in
// unit tests). Edits re-run the engine after a short pause; a run result that a newer input
// has superseded never reaches the store (the client drops it).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { InputFile, ProfileId } from '../../engine/index.ts';
import type { RunOutcome } from '../../worker/client.ts';
import type { ProfileChoice } from '../../worker/protocol.ts';
import type { StripKind, StripReport } from '../../worker/strip-kinds.ts';
import type { RunView, TraceView } from '../../worker/view.ts';
import type { Session, SessionFile } from '../permalink/codec.ts';
import {
  addFile,
  emptyFiles,
  filesFromSession,
  inputFiles,
  mergeFiles,
  nextUntitled,
  removeFile,
  renameFile,
  setText,
  toSession,
  type EditorFile,
} from './transitions.ts';
import type { ViewId } from './views.ts';

/** What the store needs from the engine client (EngineClient implements it; tests pass a fake). */
export interface EngineLike {
  run(files: InputFile[], profile: ProfileChoice): Promise<RunOutcome>;
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

  return createStore<AppState>()((set, get) => {
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
      void deps.engine.run(inputFiles(s.files), s.profile).then((o) => {
        if (o.status === 'stale') return; // a newer run is on its way
        const st = get();
        if (o.status === 'done') {
          const exists = st.selectedTarget !== undefined && targetExists(o.view, st.selectedTarget);
          set({
            run: { status: 'done', view: o.view, seq: st.run.seq + 1 },
            selectedTarget: exists ? st.selectedTarget : undefined,
            trace: null,
            firstResultMs: st.firstResultMs ?? Math.round(now()),
          });
          const sel = get().selectedTarget;
          if (sel && get().view === 'trace') loadTrace(sel);
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

      loadSession(session, opts) {
        set({
          ...filesFromSession(session),
          profile: session.profile,
          view: session.view,
          selectedTarget: session.target,
          filter: session.filter ?? '',
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
        return toSession({ files: s.files, profile: s.profile, view: s.view, selectedTarget: s.selectedTarget, filter: s.filter });
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
    };
  });
}

export function targetExists(view: RunView, id: string): boolean {
  return view.jobs.some((j) => j.active.some((t) => t.id === id) || j.dropped.some((t) => t.id === id) || j.failed.some((t) => t.id === id) || j.duplicates.some((t) => t.id === id));
}
