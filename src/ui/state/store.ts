// The one app store (zustand). It holds view state only — input files, choices, the last run's
// view model — and reaches the engine through the worker client it is given (a fake one in
// unit tests). Edits re-run the engine after a short pause; a run result that a newer input
// has superseded never reaches the store (the client drops it).
//
// Target lists come in pages: a result holds per-job counts and the first rows of each list; the rows
// the page scrolls to are asked for (`needRows`) and kept in a cache for the run on screen (`rowAt`;
// `rowsVersion` changes when rows arrive). Filtering happens in the worker: `filter` is what was typed,
// `lists` what the lists show (its `filter` catches up a moment later). The state's shape is in app-state.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunExtras } from '../../worker/client.ts';
import type { WhyNotQuery } from '../../worker/protocol.ts';
import { LIST_KINDS, type ListKind, type TargetView } from '../../worker/view.ts';
import type { SessionFile } from '../permalink/codec.ts';
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
} from './transitions.ts';
import type { AppState, EditorBridge, EngineLike } from './app-state.ts';


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
  /** Rows of the run on screen (by list and row number; null: asked, but the worker no longer has the run). */
  let cache = { runId: -1, rows: emptyRows(), pending: emptyPending() };
  /** Files read from disk, by file id: the text read and its Blob (sent instead of the text while it is unchanged). */
  const sources = new Map<string, { text: string; blob: Blob; head?: string }>();

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

    /** The files whose text is still exactly what was read from their Blob, by name (undefined: none). */
    const blobsOf = (files: readonly EditorFile[]): Record<string, Blob> | undefined => {
      let out: Record<string, Blob> | undefined;
      for (const f of files) {
        const src = sources.get(f.id);
        if (!src) continue;
        if (src.text === f.text) (out ??= {})[f.name] = src.blob;
        else sources.delete(f.id); // edited: the Blob no longer says what the file holds
      }
      return out;
    };

    const keepRows = (list: readonly TargetView[]): void => {
      for (const t of list) cache.rows[listOf(t)].set(t.row, t);
    };

    /** The selected target's view: from the cache, else from the worker (the selection goes when the run has no such target). */
    const resolveSelected = (id: string): void => {
      const runId = get().run.id;
      if (runId === undefined) return;
      const known = findCached(cache.rows, id);
      if (known) {
        set({ selected: known });
        return;
      }
      void deps.engine.target(runId, id).then((o) => {
        if (o.status !== 'done' || get().run.id !== runId || get().selectedTarget !== id) return;
        if (o.value) {
          keepRows([o.value]);
          set({ selected: o.value, rowsVersion: get().rowsVersion + 1 });
        } else set({ selectedTarget: undefined, selected: undefined });
      });
    };

    /** Brings the lists in line with the filter typed (one request at a time; the newest filter wins). */
    const applyFilter = (): void => {
      const s = get();
      const runId = s.run.id;
      // `filtering` is also the lock: one request at a time.
      if (s.filtering || runId === undefined || !s.lists || s.lists.filter === s.filter) return;
      set({ filtering: true });
      const q = s.filter;
      void deps.engine.filter(runId, q).then((o) => {
        // The new run's result carries the filter it was asked with; a stale answer leaves that to the next run.
        if (get().run.id !== runId || o.status !== 'done') {
          set({ filtering: false });
          return;
        }
        keepRows([...o.value.active.first, ...o.value.dropped.first, ...o.value.failed.first]);
        set({ lists: o.value, rowsVersion: get().rowsVersion + 1, filtering: false });
        applyFilter();
      });
    };

    const runNow = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const s = get();
      set({ run: { ...s.run, status: 'running', phase: 'waiting', phaseDetail: undefined } });
      const input = inputFiles(s.files);
      const select = s.selectedTarget;
      const extras: RunExtras = {};
      if (s.whatIf.length) extras.whatIf = s.whatIf;
      if (s.filter.trim()) extras.filter = s.filter;
      if (select) extras.select = select;
      const blobs = blobsOf(s.files);
      if (blobs) extras.blobs = blobs;
      void deps.engine.run(input, s.profile, extras).then((o) => {
        if (o.status === 'stale') return; // a newer run is on its way
        const st = get();
        if (o.status === 'done') {
          const v = o.view;
          cache = { runId: o.id, rows: emptyRows(), pending: emptyPending() };
          keepRows([...v.lists.active.first, ...v.lists.dropped.first, ...v.lists.failed.first]);
          if (v.selected) keepRows([v.selected]);
          // The selection stays while the run has its target (asked with the run; a newer selection is looked up).
          const sel = st.selectedTarget;
          const selected = sel === undefined ? undefined : sel === select ? v.selected : st.selected?.id === sel ? st.selected : undefined;
          const keep = sel !== undefined && (sel !== select || v.selected !== undefined);
          set({
            run: { status: 'done', view: v, seq: st.run.seq + 1, id: o.id, input },
            lists: v.lists,
            rowsVersion: st.rowsVersion + 1,
            selectedTarget: keep ? sel : undefined,
            selected: keep ? selected : undefined,
            trace: null,
            firstResultMs: st.firstResultMs ?? Math.round(now()),
            whyFocus: null,
          });
          if (keep && sel !== select) resolveSelected(sel);
          const now2 = get().selectedTarget;
          if (now2 && get().view === 'trace') loadTrace(now2);
          applyFilter();
          diagnoseRun(o.id, input, false);
          const q = get().query;
          if (q) askQuery(o.id, input, q.query);
        } else if (o.status === 'cancelled') {
          set({ run: { ...st.run, status: 'cancelled', phase: undefined, phaseDetail: undefined } });
        } else {
          set({ run: { ...st.run, status: 'error', error: o.message, phase: undefined, phaseDetail: undefined } });
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
      selected: undefined,
      filter: '',
      run: { status: 'idle', seq: 0 },
      lists: undefined,
      filtering: false,
      rowsVersion: 0,
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
          selected: undefined,
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
        const merged = mergeFiles(get(), files);
        for (const inc of files) {
          const f = merged.files.find((x) => x.name === inc.name);
          if (!f) continue;
          if (inc.blob) sources.set(f.id, inc.head !== undefined ? { text: inc.text, blob: inc.blob, head: inc.head } : { text: inc.text, blob: inc.blob });
          else sources.delete(f.id);
        }
        set({ ...merged, exampleId: undefined, dirty: true });
        runNow();
      },
      fileHead(id) {
        const src = sources.get(id);
        // Only while the file holds the text read (the same string: no comparison of contents).
        return src !== undefined && get().files.some((f) => f.id === id && f.text === src.text) ? src.head : undefined;
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
      selectTarget(id, t) {
        set({ selectedTarget: id, selected: id !== undefined && t?.id === id ? t : get().selected?.id === id ? get().selected : undefined });
        if (id && !get().selected) resolveSelected(id);
        if (id && get().view === 'trace') loadTrace(id);
      },
      openTrace(id, t) {
        set({ selectedTarget: id, selected: t?.id === id ? t : get().selected?.id === id ? get().selected : undefined, view: 'trace' });
        if (!get().selected) resolveSelected(id);
        loadTrace(id);
      },
      setFilter(q) {
        set({ filter: q });
        applyFilter();
      },
      rowAt(kind, row) {
        return get().run.id === cache.runId ? cache.rows[kind].get(row) : undefined;
      },
      needRows(kind, rows) {
        const runId = get().run.id;
        if (runId === undefined || runId !== cache.runId) return;
        const have = cache.rows[kind];
        const pending = cache.pending[kind];
        const want = rows.filter((r) => !have.has(r) && !pending.has(r));
        if (!want.length) return;
        for (const r of want) pending.add(r);
        const mine = cache;
        void deps.engine.rows(runId, kind, want).then((o) => {
          if (cache !== mine) return; // another run's rows are on screen now
          for (const r of want) pending.delete(r);
          if (o.status === 'done') keepRows(o.value);
          else for (const r of want) if (!have.has(r)) have.set(r, null);
          set({ rowsVersion: get().rowsVersion + 1 });
        });
      },
      runProgress(phase, detail) {
        const r = get().run;
        if (r.status === 'running') set({ run: { ...r, phase, phaseDetail: detail } });
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
      strip(remove, link) {
        const s = get();
        const blobs = blobsOf(s.files);
        const { files: _files, ...rest } = s.session();
        return deps.engine.strip(inputFiles(s.files), remove, link ? rest : undefined, blobs);
      },
      markClean() {
        set({ dirty: false });
      },
      engineCrashed(message) {
        set({ run: { ...get().run, status: 'error', error: message, phase: undefined, phaseDetail: undefined } });
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

type RowMaps = Record<ListKind, Map<number, TargetView | null>>;

function emptyRows(): RowMaps {
  return { active: new Map(), dropped: new Map(), failed: new Map() };
}

function emptyPending(): Record<ListKind, Set<number>> {
  return { active: new Set(), dropped: new Set(), failed: new Set() };
}

/** The list a target is in: active, dropped (with the collapsed duplicates) or failed. */
export function listOf(t: Pick<TargetView, 'state'>): ListKind {
  return t.state === 'active' ? 'active' : t.state === 'failed' ? 'failed' : 'dropped';
}

function findCached(rows: RowMaps, id: string): TargetView | undefined {
  for (const kind of LIST_KINDS) for (const t of rows[kind].values()) if (t && t.id === id) return t;
  return undefined;
}
