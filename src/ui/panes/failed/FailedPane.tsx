// Failed targets: kept by relabeling but invalid afterwards (no address, bad interval, …).
// Prometheus only logs these ("Creating target failed"); here they are listed with the error.
import { useDeferredValue, useMemo } from 'react';
import { useApp } from '../../state/context.ts';
import { countOf, groupsOf } from '../../results/groups.ts';
import { ListWithDetail } from '../../results/ListWithDetail.tsx';
import { TargetList } from '../../results/TargetList.tsx';
import { EmptyState } from '../../results/EmptyState.tsx';

export function FailedPane() {
  const view = useApp((s) => s.run.view);
  const filter = useDeferredValue(useApp((s) => s.filter));
  const groups = useMemo(() => groupsOf(view, (j) => j.failed, filter), [view, filter]);
  const { shown, total } = countOf(groups);
  const empty = shown === 0 ? <EmptyState kind="failed" total={total} /> : null;
  return <ListWithDetail list={<TargetList groups={groups} kind="failed" />} empty={empty} />;
}
