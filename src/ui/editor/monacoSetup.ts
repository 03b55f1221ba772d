// Monaco, set up once: only the editor features and the one language we use (tree-shakeable entry
// points of monaco-editor ≥ 0.56), its workers bundled as same-origin module files, and
// monaco-yaml with our bundled JSON schemas.
//
// Version decision (also in vite.config.ts): we use monaco-editor 0.57 and NOT the 0.54 pin.
// Two pitfalls of monaco ≥ 0.55/0.56 with monaco-yaml 5 are handled here instead:
//  1. monaco ≥ 0.56 narrowed its package exports, so monaco-worker-manager's deep import
//     `monaco-editor/esm/vs/editor/editor.worker.js` no longer resolves → aliased in vite.config.ts.
//  2. monaco ≥ 0.55's `editor.createWebWorker` needs the Worker itself (`opts.worker`); monaco-yaml
//     passes only `{moduleId, label, createData}`, and monaco then silently runs the YAML language
//     service on the main thread (logging "falling back to main thread"). We hand monaco-yaml a monaco
//     whose createWebWorker starts our bundled YAML worker and performs monaco's own two-message
//     handshake (see monaco-editor esm/vs/internal/common/workers.js): an ignored first message, then
//     createData.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/documentSymbols/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/placeholderText/register';
import 'monaco-editor/features/quickCommand/register';
import 'monaco-editor/features/quickOutline/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
// The suggest widget itself: in 0.57 `features/suggest/register` only adds the inline-completion glue, and
// the controller comes with editor.main or inlineCompletions — import it directly.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import { registerMetaLabelHover } from './metaLabelHover.ts';
import { SCHEMAS } from './schemas/index.ts';
import YamlWorker from './yaml.worker.ts?worker';

export type Monaco = typeof monaco;

interface MonacoEnv {
  getWorker(workerId: string, label: string): Worker;
}

/** The createWebWorker options monaco-yaml's worker manager passes (monaco < 0.55 style). */
interface LegacyWorkerOptions {
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

function startYamlWorker(createData: unknown): Worker {
  const w = new YamlWorker({ name: 'yaml' });
  // monaco's handshake: the first message only wakes the worker's bootstrap, the second carries createData.
  w.postMessage('ignore');
  w.postMessage(createData);
  return w;
}

let ready: Monaco | undefined;

/** Idempotent: the first call configures Monaco for the page. */
export function setupMonaco(): Monaco {
  if (ready) return ready;
  (globalThis as unknown as { MonacoEnvironment: MonacoEnv }).MonacoEnvironment = {
    getWorker(_id, label) {
      if (label === 'yaml') return new YamlWorker({ name: 'yaml' });
      return new EditorWorker({ name: label || 'editor' });
    },
  };
  const monacoForYaml = {
    ...monaco,
    editor: {
      ...monaco.editor,
      createWebWorker: (opts: LegacyWorkerOptions) =>
        monaco.editor.createWebWorker({
          worker: startYamlWorker(opts.createData),
          ...(opts.host ? { host: opts.host } : {}),
          ...(opts.keepIdleModels !== undefined ? { keepIdleModels: opts.keepIdleModels } : {}),
        }),
    },
  };
  configureMonacoYaml(monacoForYaml as unknown as Parameters<typeof configureMonacoYaml>[0], {
    enableSchemaRequest: false, // schemas are bundled; the language service never fetches
    validate: true,
    completion: true,
    hover: true,
    format: { enable: true }, // `format: true` is a type error in monaco-yaml 5
    schemas: SCHEMAS,
  });
  registerMetaLabelHover(monaco);
  ready = monaco;
  return monaco;
}
