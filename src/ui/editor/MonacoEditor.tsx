// The Monaco bridge: one model per input file, edits flowing into the store, engine diagnostics
// as markers at their line and column, "show me" requests revealing a line, and suggested fixes
// applied as edit operations (one undo step each). Loaded lazily so the first result does not wait
// for the editor bundle. A big file (over BIG_FILE) gets a model of a window of its lines instead of
// all of it (bigFile.ts): editable, spliced back into the file, moved by "earlier"/"later" and jumps.
import { useEffect, useRef, useState } from 'react';
import type * as MonacoNs from 'monaco-editor/editor';
import type { Diagnostic } from '../../engine/index.ts';
import { useActions, useApp } from '../state/context.ts';
import { useTheme } from '../theme.ts';
import { BIG_FILE, firstWindow, nextWindow, sizeText, windowAround, windowAt, type FileWindow } from './bigFile.ts';
import { setupMonaco } from './monacoSetup.ts';

type Editor = MonacoNs.editor.IStandaloneCodeEditor;
type Model = MonacoNs.editor.ITextModel;

/** A big file's window: the file's text the window was cut from (or its edits made), and the window. */
interface Win extends FileWindow {
  known: string;
}

interface Entry {
  model: Model;
  name: string;
  win?: Win;
}

/**
 * The first file Monaco renders pays for compiling its rendering paths and the YAML tokenizer: ~100 ms of one task on
 * a slow machine, which would land on the user's first drop or paste. So once the page is idle after the editor loaded,
 * a sample like this is tokenized and rendered once (in one task; the user's file is put back and rendered again before
 * the browser paints: never seen).
 */
const WARM_UP_YAML = Array.from(
  { length: 60 },
  (_, i) => `- job_name: "warm-up-${i}"
  kubernetes_sd_configs: [{role: pod, namespaces: {names: [default]}}]
  relabel_configs:
    - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape], action: keep, regex: "true"}
    - source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]
      regex: '([^:]+)(?::\\d+)?;(\\d+)'
      replacement: $1:$2 # a comment
      target_label: __address__
`,
).join('');

/** What the bar above the editor says about the active file's window. */
interface WinInfo {
  id: string;
  name: string;
  size: number;
  first: number;
  last: number;
  atStart: boolean;
  atEnd: boolean;
}

/** Big files are read back into the store after a pause instead of on every keystroke. */
const EAGER_LIMIT = 512 * 1024;

function modelUri(monaco: typeof MonacoNs, id: string, name: string) {
  // The id keeps URIs unique across renames; the name gives monaco-yaml a file name to show.
  return monaco.Uri.from({ scheme: 'ksd', path: `/${id}/${name}` });
}

/** A model with bracket pair colouring off. The editor's `bracketPairColorization` option does not reach the models
 * (their options come from the model service), and colouring parses every bracket of the model into a tree on its
 * first render: 20 ms and more on a dropped dump's window, mostly brackets, in the task that first shows the file. */
function newModel(monaco: typeof MonacoNs, text: string, language: string, uri?: MonacoNs.Uri): Model {
  const model = monaco.editor.createModel(text, language, uri);
  model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
  return model;
}

export default function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const models = useRef(new Map<string, Entry>());
  const [winInfo, setWinInfo] = useState<WinInfo | null>(null);
  const monacoRef = useRef<typeof MonacoNs | null>(null);
  /** Files whose latest edits have not reached the store yet (big files, read back after a pause). */
  const pending = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const flushRef = useRef<(() => void) | null>(null);
  const markersRef = useRef<(() => void) | null>(null);
  const refreshMarkers = () => markersRef.current?.();
  /** The line-number function of the window shown (the same function while the window stays, so Monaco keeps its gutter). */
  const lineNumbersRef = useRef<{ start: number; fn: (n: number) => string } | null>(null);
  const files = useApp((s) => s.files);
  const activeId = useApp((s) => s.activeFileId);
  const diagnostics = useApp((s) => s.run.view?.diagnostics);
  const reveal = useApp((s) => s.reveal);
  const theme = useTheme();
  const actions = useActions();

  // Create the editor once.
  useEffect(() => {
    const monaco = setupMonaco();
    monacoRef.current = monaco;
    const editor = monaco.editor.create(host.current as HTMLDivElement, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
      // Colouring bracket pairs builds a tree of every bracket of the model on its first render: ~10 ms on a dropped
      // config of flow-style rules, in the same task as the editor's first frame of the file (past 50 ms with the rest).
      // The 64 KiB window of a dropped JSON dump is mostly brackets. This option alone does not reach the models:
      // newModel turns it off on each.
      bracketPairColorization: { enabled: false },
      // Matching the bracket at the cursor builds the same tree (~7 ms on a dropped file's first frame).
      matchBrackets: 'never',
      guides: { bracketPairs: false, highlightActiveBracketPair: false },
      theme: theme === 'dark' ? 'vs-dark' : 'vs',
      fixedOverflowWidgets: true,
      ariaLabel: 'Input editor: Kubernetes objects or scrape config (YAML or JSON)',
      placeholder: 'Paste Kubernetes manifests, a kubectl dump or a scrape config here — or drop files and folders anywhere on the page.',
    });
    editorRef.current = editor;
    let disposed = false;
    const warmUp = () => {
      if (disposed) return;
      monaco.editor.tokenize(WARM_UP_YAML, 'yaml');
      const model = newModel(monaco, WARM_UP_YAML, 'yaml');
      const current = editor.getModel();
      const state = editor.saveViewState();
      editor.setModel(model);
      editor.render(true);
      editor.setModel(current);
      if (state) editor.restoreViewState(state);
      // setModel builds an empty view that Monaco fills on its next animation frame, after the browser has painted it:
      // without this render the user's file blinks out for one frame (a browser test saw it, and its squiggles, gone).
      if (current) editor.render(true);
      model.dispose();
      host.current?.setAttribute('data-warmed-up', '');
    };
    const idle = (window as { requestIdleCallback?: (f: () => void, o: { timeout: number }) => number }).requestIdleCallback;
    if (idle) idle(warmUp, { timeout: 3000 });
    else setTimeout(warmUp, 500);
    // Keys the editor would otherwise keep for itself.
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
      flush();
      actions.runNow();
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => {
      flush();
      actions.openDialog('share');
    });
    const timers = pending.current;
    /** The file's text as the editor holds it (a window spliced back into the rest of the file). */
    const textOf = (m: Entry): string => {
      const w = m.win;
      if (!w) return m.model.getValue();
      const value = m.model.getValue();
      const full = w.known.slice(0, w.start) + value + w.known.slice(w.end);
      w.known = full;
      w.end = w.start + value.length;
      return full;
    };
    const flush = () => {
      for (const [id, t] of timers) {
        clearTimeout(t);
        const m = models.current.get(id);
        if (m) actions.setFileText(id, textOf(m));
      }
      timers.clear();
    };
    flushRef.current = flush;
    const sub = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (!model) return;
      const found = [...models.current.entries()].find(([, m]) => m.model === model);
      if (!found) return;
      const [id, entry] = found;
      if (!entry.win && model.getValueLength() <= EAGER_LIMIT) {
        actions.setFileText(id, model.getValue());
        return;
      }
      clearTimeout(timers.get(id));
      timers.set(
        id,
        setTimeout(() => {
          timers.delete(id);
          actions.setFileText(id, textOf(entry));
        }, 400),
      );
    });
    // Suggested fixes: the edits of one suggestion refer to the text the engine read; they are applied
    // as one undoable step per file (Ctrl+Z takes the fix back), the first one shown and highlighted.
    actions.attachEditor({
      applyEdits(edits, originals) {
        const byFile = new Map<string, typeof edits[number][]>();
        for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
        const targets: { id: string; model: Model; list: typeof edits[number][] }[] = [];
        for (const [name, list] of byFile) {
          const found = [...models.current.entries()].find(([, m]) => m.name === name);
          // The model must hold exactly the text the offsets were computed on (a big file's window does not: the
          // store then changes the text itself and shows the place).
          if (!found || found[1].win || pending.current.has(found[0]) || found[1].model.getValue() !== originals.get(name)) return false;
          targets.push({ id: found[0], model: found[1].model, list });
        }
        let firstRange: MonacoNs.Range | undefined;
        for (const { id, model, list } of targets) {
          const ops = list.map((e) => {
            const a = model.getPositionAt(e.offset);
            const b = model.getPositionAt(e.offset + e.length);
            return { range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column), text: e.text, forceMoveMarkers: true };
          });
          if (editor.getModel() !== model) editor.setModel(model);
          model.pushStackElement();
          model.pushEditOperations(editor.getSelections() ?? [], ops, () => null);
          model.pushStackElement();
          if (!firstRange) {
            // The lowest edit's start did not move; it now spans its new text.
            const low = [...list].sort((x, y) => x.offset - y.offset)[0] as (typeof list)[number];
            const a = model.getPositionAt(low.offset);
            const b = model.getPositionAt(low.offset + low.text.length);
            firstRange = new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
          }
          // The active model's change listener has told the store; tell it about the others too.
          actions.setFileText(id, model.getValue());
        }
        const first = targets[0];
        if (first) {
          if (editor.getModel() !== first.model) editor.setModel(first.model);
          if (firstRange) {
            // Selection first: it may scroll on its own; the centred reveal then has the last word.
            editor.setSelection(firstRange);
            editor.revealRangeInCenter(firstRange, monaco.editor.ScrollType.Immediate);
            const deco = editor.createDecorationsCollection([{ range: firstRange, options: { className: 'fix-applied', isWholeLine: false } }]);
            setTimeout(() => deco.clear(), 2500);
          }
        }
        return true;
      },
    });
    const all = models.current;
    return () => {
      disposed = true;
      actions.attachEditor(null);
      sub.dispose();
      editor.dispose();
      for (const m of all.values()) m.model.dispose();
      all.clear();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** The model of a file, made now if it has none yet (a big file: a window of its first lines). */
  const ensureModel = (f: { id: string; name: string; text: string }): Entry | undefined => {
    const monaco = monacoRef.current;
    if (!monaco) return undefined;
    let entry = models.current.get(f.id);
    if (entry) return entry;
    if (f.text.length > BIG_FILE) {
      // From the first slice the reader decoded, when the store still has it: not from the text (see firstWindow).
      const head = actions.fileHead(f.id);
      const w = (head !== undefined ? firstWindow(head) : undefined) ?? windowAt(f.text, 0);
      entry = { model: newModel(monaco, w.body, 'plaintext', modelUri(monaco, f.id, f.name)), name: f.name, win: { ...w, known: f.text } };
    } else {
      entry = { model: newModel(monaco, f.text, 'yaml', modelUri(monaco, f.id, f.name)), name: f.name };
    }
    models.current.set(f.id, entry);
    return entry;
  };

  // Keep models in step with the store (new files, renames, texts replaced by a drop or a link). A file gets its model
  // when its tab is first shown (dropping a folder of files makes one model, not one per file), in a task of its own
  // (a drop's page update and the editor's work on the new file do not add up to one long task).
  useEffect(() => {
    const monaco = monacoRef.current;
    const editor = editorRef.current;
    if (!monaco || !editor) return;
    const seen = new Set<string>();
    let create: (typeof files)[number] | undefined;
    for (const f of files) {
      seen.add(f.id);
      let entry = models.current.get(f.id);
      if (entry && entry.name !== f.name) {
        // Renamed: a new URI (so the schema association and marker owner follow the name).
        const viewState = editor.getModel() === entry.model ? editor.saveViewState() : null;
        const fresh = newModel(monaco, entry.model.getValue(), entry.win ? 'plaintext' : 'yaml', modelUri(monaco, f.id, f.name));
        if (editor.getModel() === entry.model) {
          editor.setModel(fresh);
          if (viewState) editor.restoreViewState(viewState);
        }
        entry.model.dispose();
        entry = { ...entry, model: fresh, name: f.name };
        models.current.set(f.id, entry);
      }
      if (entry?.win && !pending.current.has(f.id) && f.text !== entry.win.known) {
        // The text of a big file was replaced (dropped again, a fix applied): cut the window again at the same line,
        // or show the file whole when it is no longer big.
        if (f.text.length > BIG_FILE) {
          entry.win = { ...windowAround(f.text, entry.win.startLine), known: f.text };
          entry.model.setValue(entry.win.body);
        } else {
          if (editor.getModel() === entry.model) editor.setModel(null);
          entry.model.dispose();
          models.current.delete(f.id);
          entry = undefined;
        }
      }
      if (!entry) {
        if (f.id === activeId) create = f;
        continue;
      }
      if (!entry.win && !pending.current.has(f.id) && (entry.model.getValueLength() !== f.text.length || entry.model.getValue() !== f.text)) {
        entry.model.pushEditOperations([], [{ range: entry.model.getFullModelRange(), text: f.text }], () => null);
      }
    }
    for (const [id, m] of models.current) {
      if (!seen.has(id)) {
        m.model.dispose();
        models.current.delete(id);
      }
    }
    const show = () => {
      const active = models.current.get(activeId)?.model;
      if (active && editor.getModel() !== active) editor.setModel(active);
      showWindow();
    };
    show();
    if (!create) return;
    const f = create;
    // After the next frame: the page's own update (tabs, status line) is laid out and painted by then, so the editor's
    // first render of the new file measures its own lines only, not a whole page left to lay out.
    let t: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      t = setTimeout(() => {
        ensureModel(f);
        show();
        refreshMarkers();
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      if (t !== undefined) clearTimeout(t);
    };
  }, [files, activeId]);

  /** Line numbers as in the file, and the bar above the editor, for the active file's window. */
  const showWindow = (): void => {
    const editor = editorRef.current;
    const entry = models.current.get(activeId);
    const w = entry?.win;
    if (!entry || !w) {
      editor?.updateOptions({ lineNumbers: 'on', lineNumbersMinChars: 5 });
      setWinInfo(null);
      return;
    }
    const last = w.startLine + Math.max(0, entry.model.getLineCount() - 1) - (w.body.endsWith('\n') ? 1 : 0);
    // The gutter is as wide as the file's line numbers, not the window's.
    if (lineNumbersRef.current?.start !== w.startLine) lineNumbersRef.current = { start: w.startLine, fn: (n: number) => String(n + w.startLine - 1) };
    editor?.updateOptions({ lineNumbers: lineNumbersRef.current.fn, lineNumbersMinChars: Math.max(5, String(last + 1).length + 1) });
    setWinInfo({ id: activeId, name: entry.name, size: w.known.length, first: w.startLine, last: Math.max(w.startLine, last), atStart: w.start === 0, atEnd: w.end >= w.known.length });
  };

  /** Moves the active big file's window (its pending edits go into the file first). */
  const moveWindow = (to: (text: string, w: Win) => FileWindow): void => {
    const entry = models.current.get(activeId);
    if (!entry?.win) return;
    flushRef.current?.();
    const text = entry.win.known;
    entry.win = { ...to(text, entry.win), known: text };
    entry.model.setValue(entry.win.body);
    editorRef.current?.setScrollTop(0);
    showWindow();
    refreshMarkers();
  };

  // Engine diagnostics → markers, per file (a big file's window: the ones inside it, at their line in the window).
  useEffect(() => {
    const monaco = monacoRef.current;
    if (!monaco) return;
    const update = () => {
      const byFile = new Map<string, Diagnostic[]>();
      for (const d of diagnostics ?? []) {
        if (!d.pos) continue;
        const list = byFile.get(d.pos.file) ?? [];
        list.push(d);
        byFile.set(d.pos.file, list);
      }
      for (const { model, name, win } of models.current.values()) {
        const shift = win ? win.startLine - 1 : 0;
        const lines = model.getLineCount();
        const list = (byFile.get(name) ?? []).filter((d) => !win || (d.pos!.line > shift && d.pos!.line - shift <= lines));
        monaco.editor.setModelMarkers(
          model,
          'ksd',
          list.map((d) => {
            const p = d.pos!;
            const line = p.line - shift;
            const endLine = Math.min((p.endLine ?? p.line) - shift, lines);
            const sameLineEnd = p.endCol ?? model.getLineMaxColumn(Math.min(Math.max(line, 1), lines));
            return {
              severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
              message: d.notes?.length ? `${d.message}\n${d.notes.join('\n')}` : d.message,
              code: d.code,
              source: 'ksd',
              startLineNumber: line,
              startColumn: p.col,
              endLineNumber: endLine,
              endColumn: p.endLine !== undefined && p.endCol === undefined ? model.getLineMaxColumn(Math.min(endLine, lines)) : Math.max(sameLineEnd, p.col + 1),
            };
          }),
        );
      }
    };
    markersRef.current = update;
    update();
  }, [diagnostics, files]);

  // "Show me" requests.
  useEffect(() => {
    const monaco = monacoRef.current;
    const editor = editorRef.current;
    if (!monaco || !editor || !reveal) return;
    const file = files.find((f) => f.name === reveal.file);
    const entry = file ? ensureModel(file) : undefined;
    if (!entry) return;
    if (editor.getModel() !== entry.model) editor.setModel(entry.model);
    let shift = 0;
    if (entry.win) {
      // A big file: move the window to the line unless it shows it already.
      const w = entry.win;
      const inside = reveal.line >= w.startLine && (reveal.endLine ?? reveal.line) < w.startLine + entry.model.getLineCount();
      if (!inside) {
        flushRef.current?.();
        entry.win = { ...windowAround(entry.win.known, reveal.line), known: entry.win.known };
        entry.model.setValue(entry.win.body);
      }
      shift = entry.win.startLine - 1;
      showWindow();
      refreshMarkers();
    }
    const startLine = reveal.line - shift;
    const endLine = Math.min((reveal.endLine ?? reveal.line) - shift, entry.model.getLineCount());
    const range = new monaco.Range(startLine, reveal.col, endLine, reveal.endCol ?? entry.model.getLineMaxColumn(Math.min(endLine, entry.model.getLineCount())));
    // The cursor goes to the start of the range (the field itself), the rest selected after it. Selection
    // first: it may scroll on its own; the centred reveal then has the last word.
    editor.setSelection(monaco.Selection.fromPositions(range.getEndPosition(), range.getStartPosition()));
    editor.revealRangeInCenter(range, monaco.editor.ScrollType.Immediate);
    const deco = editor.createDecorationsCollection([{ range, options: { isWholeLine: true, className: 'reveal-line' } }]);
    editor.focus();
    const t = setTimeout(() => deco.clear(), 1600);
    return () => {
      clearTimeout(t);
      deco.clear();
    };
  }, [reveal]);

  useEffect(() => {
    monacoRef.current?.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  return (
    <>
      {winInfo ? (
        <div className="big-file-bar" data-testid="big-file-bar" data-first={winInfo.first} data-last={winInfo.last} role="status">
          <span>
            <span className="mono">{winInfo.name}</span> is {sizeText(winInfo.size)}: the editor holds lines {winInfo.first.toLocaleString('en')}–{winInfo.last.toLocaleString('en')} of it (plain text). Edits go into the file.
          </span>
          <button type="button" className="btn btn-small" disabled={winInfo.atStart} onClick={() => moveWindow((t, w) => nextWindow(t, w, -1))} data-testid="big-file-earlier">
            ◀ Earlier lines
          </button>
          <button type="button" className="btn btn-small" disabled={winInfo.atEnd} onClick={() => moveWindow((t, w) => nextWindow(t, w, 1))} data-testid="big-file-later">
            Later lines ▶
          </button>
        </div>
      ) : null}
      <div ref={host} className="monaco-host" data-testid="editor" />
    </>
  );
}
