// The left-hand side: file tabs and the editor (Monaco, loaded after the first paint).
import { Suspense, lazy } from 'react';
import { FileTabs } from './FileTabs.tsx';

const MonacoEditor = lazy(() => import('./MonacoEditor.tsx'));

export function EditorPane() {
  return (
    <div className="editor-pane">
      <FileTabs />
      <Suspense fallback={<div className="monaco-host loading" data-testid="editor-loading">Loading the editor…</div>}>
        <MonacoEditor />
      </Suspense>
    </div>
  );
}
