// The Monaco bridge: one model per input file, edits flowing into the store, engine diagnostics
// as markers at their line and column, "show me" requests revealing a line, and suggested fixes
// applied as edit operations (one undo step each). Loaded lazily so the first result does not wait
// for the editor bundle.
import { useEffect, useRef } from 'react';
import type * as MonacoNs from 'monaco-editor/editor';
import type { Diagnostic } from '../../engine/index.ts';
import { useActions, useApp } from '../state/context.ts';
import { useTheme } from '../theme.ts';
import { setupMonaco } from './monacoSetup.ts';

type Editor = MonacoNs.editor.IStandaloneCodeEditor;
type Model = MonacoNs.editor.ITextModel;

/** Big files are read back into the store after a pause instead of on every keystroke. */
const EAGER_LIMIT = 512 * 1024;

function modelUri(monaco: typeof MonacoNs, id: string, name: string) {
  // The id keeps URIs unique across renames; the name gives monaco-yaml a file name to show.
  return monaco.Uri.from({ scheme: 'ksd', path: `/${id}/${name}` });
}

export default function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const models = useRef(new Map<string, { model: Model; name: string }>());
  const monacoRef = useRef<typeof MonacoNs | null>(null);
  /** Files whose latest edits have not reached the store yet (big files, read back after a pause). */
  const pending = useRef(new Map<string, ReturnType<typeof setTimeout>>());
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
      theme: theme === 'dark' ? 'vs-dark' : 'vs',
      fixedOverflowWidgets: true,
      ariaLabel: 'Input editor: Kubernetes objects or scrape config (YAML or JSON)',
      placeholder: 'Paste Kubernetes manifests, a kubectl dump or a scrape config here — or drop files and folders anywhere on the page.',
    });
    editorRef.current = editor;
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
    const flush = () => {
      for (const [id, t] of timers) {
        clearTimeout(t);
        const m = models.current.get(id);
        if (m) actions.setFileText(id, m.model.getValue());
      }
      timers.clear();
    };
    const sub = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (!model) return;
      const id = [...models.current.entries()].find(([, m]) => m.model === model)?.[0];
      if (!id) return;
      if (model.getValueLength() <= EAGER_LIMIT) {
        actions.setFileText(id, model.getValue());
        return;
      }
      clearTimeout(timers.get(id));
      timers.set(
        id,
        setTimeout(() => {
          timers.delete(id);
          actions.setFileText(id, model.getValue());
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
          // The model must hold exactly the text the offsets were computed on.
          if (!found || pending.current.has(found[0]) || found[1].model.getValue() !== originals.get(name)) return false;
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
      actions.attachEditor(null);
      sub.dispose();
      editor.dispose();
      for (const m of all.values()) m.model.dispose();
      all.clear();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Keep models in step with the store (new files, renames, texts replaced by a drop or a link).
  useEffect(() => {
    const monaco = monacoRef.current;
    const editor = editorRef.current;
    if (!monaco || !editor) return;
    const seen = new Set<string>();
    for (const f of files) {
      seen.add(f.id);
      let entry = models.current.get(f.id);
      if (entry && entry.name !== f.name) {
        // Renamed: a new URI (so the schema association and marker owner follow the name).
        const viewState = editor.getModel() === entry.model ? editor.saveViewState() : null;
        const fresh = monaco.editor.createModel(entry.model.getValue(), 'yaml', modelUri(monaco, f.id, f.name));
        if (editor.getModel() === entry.model) {
          editor.setModel(fresh);
          if (viewState) editor.restoreViewState(viewState);
        }
        entry.model.dispose();
        entry = { model: fresh, name: f.name };
        models.current.set(f.id, entry);
      }
      if (!entry) {
        entry = { model: monaco.editor.createModel(f.text, 'yaml', modelUri(monaco, f.id, f.name)), name: f.name };
        models.current.set(f.id, entry);
      } else if (!pending.current.has(f.id) && (entry.model.getValueLength() !== f.text.length || entry.model.getValue() !== f.text)) {
        entry.model.pushEditOperations([], [{ range: entry.model.getFullModelRange(), text: f.text }], () => null);
      }
    }
    for (const [id, m] of models.current) {
      if (!seen.has(id)) {
        m.model.dispose();
        models.current.delete(id);
      }
    }
    const active = models.current.get(activeId)?.model;
    if (active && editor.getModel() !== active) editor.setModel(active);
  }, [files, activeId]);

  // Engine diagnostics → markers, per file.
  useEffect(() => {
    const monaco = monacoRef.current;
    if (!monaco) return;
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of diagnostics ?? []) {
      if (!d.pos) continue;
      const list = byFile.get(d.pos.file) ?? [];
      list.push(d);
      byFile.set(d.pos.file, list);
    }
    for (const { model, name } of models.current.values()) {
      const list = byFile.get(name) ?? [];
      monaco.editor.setModelMarkers(
        model,
        'ksd',
        list.map((d) => {
          const p = d.pos!;
          const endLine = p.endLine ?? p.line;
          const sameLineEnd = p.endCol ?? model.getLineMaxColumn(Math.min(Math.max(p.line, 1), model.getLineCount()));
          return {
            severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
            message: d.notes?.length ? `${d.message}\n${d.notes.join('\n')}` : d.message,
            code: d.code,
            source: 'ksd',
            startLineNumber: p.line,
            startColumn: p.col,
            endLineNumber: endLine,
            endColumn: p.endLine !== undefined && p.endCol === undefined ? model.getLineMaxColumn(Math.min(endLine, model.getLineCount())) : Math.max(sameLineEnd, p.col + 1),
          };
        }),
      );
    }
  }, [diagnostics, files]);

  // "Show me" requests.
  useEffect(() => {
    const monaco = monacoRef.current;
    const editor = editorRef.current;
    if (!monaco || !editor || !reveal) return;
    const entry = [...models.current.values()].find((m) => m.name === reveal.file);
    if (!entry) return;
    if (editor.getModel() !== entry.model) editor.setModel(entry.model);
    const endLine = reveal.endLine ?? reveal.line;
    const range = new monaco.Range(reveal.line, reveal.col, endLine, reveal.endCol ?? entry.model.getLineMaxColumn(Math.min(endLine, entry.model.getLineCount())));
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

  return <div ref={host} className="monaco-host" data-testid="editor" />;
}
