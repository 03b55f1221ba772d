// Boot: theme, the engine worker and its client, the store, the session from the link, React.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EngineClient } from '../worker/client.ts';
import { spawnEngineWorker } from '../worker/spawn.ts';
import { App } from './App.tsx';
import { exampleSession } from './examples/meta.ts';
import { findExample } from './examples/index.ts';
import { decodeHash } from './permalink/codec.ts';
import { StoreContext } from './state/context.ts';
import { createAppStore, type AppStore } from './state/store.ts';
import { applyTheme } from './theme.ts';
import './styles/app.css';

applyTheme();

let store: AppStore | undefined;
const client = new EngineClient(spawnEngineWorker, {
  onReady: (profiles) => store?.getState().setRegistered(profiles),
  onCrash: (message) => store?.getState().engineCrashed(message),
  onProgress: (_id, phase, detail) => store?.getState().runProgress(phase, detail),
});
store = createAppStore({ engine: client });

/** Opens whatever the address bar's #fragment says; a bad link leaves an empty, working page. */
function openFromHash(s: AppStore): void {
  const d = decodeHash(location.hash);
  const st = s.getState();
  if (d.kind === 'session') st.loadSession(d.session, { notes: d.notes });
  else if (d.kind === 'example') {
    const e = findExample(d.id);
    if (e) st.loadSession(exampleSession(e), { exampleId: e.id });
    else st.setNotice({ kind: 'error', text: `There is no example named "${d.id}". Open the Examples gallery to see them all.` });
  } else if (d.kind === 'error') {
    st.loadSession({ files: [], profile: 'auto', view: 'targets' });
    st.setNotice({ kind: 'error', text: d.message });
  }
}

openFromHash(store);
window.addEventListener('hashchange', () => store && openFromHash(store));
// Once the input is edited, the link in the address bar no longer describes it: drop it, so a reload
// does not silently bring back the old input (Share makes a new link).
store.subscribe((s, prev) => {
  if (s.dirty && !prev.dirty && location.hash) history.replaceState(null, '', location.pathname + location.search);
});

// A read-only look at the session for power users and the browser tests.
(window as unknown as { ksdPlayground: unknown }).ksdPlayground = {
  session: () => store?.getState().session(),
  view: () => store?.getState().run.view,
};

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
