// The page: toolbar, the input editor on the left, results on the right, dialogs on top.
import { ExamplesDialog } from './dialogs/ExamplesDialog.tsx';
import { HelpDialog } from './dialogs/HelpDialog.tsx';
import { ShareDialog } from './dialogs/ShareDialog.tsx';
import { EditorPane } from './editor/EditorPane.tsx';
import { Header } from './components/Header.tsx';
import { NoticeBar } from './components/NoticeBar.tsx';
import { DropOverlay } from './input/DropOverlay.tsx';
import { usePasteAnywhere } from './input/usePasteAnywhere.ts';
import { ResultsPane } from './results/ResultsPane.tsx';
import { useShortcuts } from './shortcuts.ts';
import { useCallback, useContext } from 'react';
import { StoreContext, useApp } from './state/context.ts';

export function App() {
  const store = useContext(StoreContext);
  useShortcuts(useCallback(() => store?.getState().run.view, [store]));
  usePasteAnywhere();
  const dialog = useApp((s) => s.dialog);
  const firstMs = useApp((s) => s.firstResultMs);
  return (
    <div className="app" data-first-result-ms={firstMs}>
      <Header />
      <NoticeBar />
      <main className="split">
        <section className="editor-col" aria-label="Input">
          <EditorPane />
        </section>
        <section className="results-col" aria-label="Results">
          <ResultsPane />
        </section>
      </main>
      <DropOverlay />
      {dialog === 'share' ? <ShareDialog /> : null}
      {dialog === 'examples' ? <ExamplesDialog /> : null}
      {dialog === 'help' ? <HelpDialog /> : null}
    </div>
  );
}
