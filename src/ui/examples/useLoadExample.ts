// Loads a shipped example and points the address bar at it (#example/<id>), so the page can be
// reloaded or the short link shared.
import { useActions } from '../state/context.ts';
import { exampleSession } from './meta.ts';
import { findExample } from './index.ts';

export function useLoadExample(): (id: string) => void {
  const { loadSession, openDialog } = useActions();
  return (id: string) => {
    const e = findExample(id);
    if (!e) return;
    history.replaceState(null, '', `#example/${e.id}`);
    loadSession(exampleSession(e), { exampleId: e.id });
    openDialog(null);
  };
}
