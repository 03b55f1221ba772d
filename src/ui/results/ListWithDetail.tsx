// A target list with the selected target's details under it (a vertical split), or what an empty list means.
import { useMemo } from 'react';
import type { ListKind } from '../../worker/view.ts';
import { useApp } from '../state/context.ts';
import { EmptyState } from './EmptyState.tsx';
import { listModel } from './groups.ts';
import { TargetDetail } from './TargetDetail.tsx';
import { TargetList } from './TargetList.tsx';

export function ListWithDetail({ kind }: { kind: ListKind }) {
  const view = useApp((s) => s.run.view);
  const lists = useApp((s) => s.lists);
  const selectedId = useApp((s) => s.selectedTarget);
  const selected = useApp((s) => s.selected);
  const model = useMemo(() => (view && lists ? listModel(view, lists, kind) : undefined), [view, lists, kind]);
  const shown = selected && selected.id === selectedId ? selected : undefined;
  return (
    <div className={`list-detail${shown ? ' has-detail' : ''}`}>
      <div className="list-area">{!model || model.shown === 0 ? <EmptyState kind={kind} total={model?.total ?? 0} /> : <TargetList model={model} />}</div>
      {shown ? <TargetDetail t={shown} /> : null}
    </div>
  );
}
