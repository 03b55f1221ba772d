// Dropped targets with the rule that dropped each one (and collapsed duplicates, which Prometheus
// lists nowhere).
import { useDeferredValue, useMemo } from 'react';
import { useApp } from '../../state/context.ts';
import { countOf, groupsOf } from '../../results/groups.ts';
import { ListWithDetail } from '../../results/ListWithDetail.tsx';
import { TargetList } from '../../results/TargetList.tsx';
import { EmptyState } from '../../results/EmptyState.tsx';

export function DroppedPane() {
  const view = useApp((s) => s.run.view);
  const filter = useDeferredValue(useApp((s) => s.filter));
  const groups = useMemo(() => groupsOf(view, (j) => [...j.dropped, ...j.duplicates], filter), [view, filter]);
  const { shown, total } = countOf(groups);
  const empty = shown === 0 ? <EmptyState kind="dropped" total={total} /> : null;
  return <ListWithDetail list={<TargetList groups={groups} kind="dropped" />} empty={empty} />;
}
