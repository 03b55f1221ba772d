// The selected target of the page, when its view is known (the lists hold only the rows in view; the
// store keeps the selected one).
import type { TargetView } from '../../worker/view.ts';
import type { AppState } from '../state/app-state.ts';

export function selectedTargetView(s: Pick<AppState, 'selected' | 'selectedTarget'>): TargetView | undefined {
  return s.selected && s.selected.id === s.selectedTarget ? s.selected : undefined;
}
