// A target list with the selected target's details under it (a vertical split).
import type { ReactNode } from 'react';
import { useApp } from '../state/context.ts';
import { TargetDetail, findTargetView } from './TargetDetail.tsx';

export function ListWithDetail({ list, empty }: { list: ReactNode; empty: ReactNode | null }) {
  const selected = useApp((s) => findTargetView(s.run.view, s.selectedTarget));
  return (
    <div className={`list-detail${selected ? ' has-detail' : ''}`}>
      <div className="list-area">{empty ?? list}</div>
      {selected ? <TargetDetail t={selected} /> : null}
    </div>
  );
}
