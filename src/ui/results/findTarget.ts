// A target of the current view model by id (any state).
import type { RunView, TargetView } from '../../worker/view.ts';

export function findTargetView(view: RunView | undefined, id: string | undefined): TargetView | undefined {
  if (!view || !id) return undefined;
  for (const j of view.jobs) for (const list of [j.active, j.dropped, j.failed, j.duplicates]) for (const t of list) if (t.id === id) return t;
  return undefined;
}
