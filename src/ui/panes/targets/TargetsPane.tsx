// Active targets, grouped by job: what will be scraped, at which URL, with which labels.
import { useDeferredValue, useMemo } from 'react';
import { useApp } from '../../state/context.ts';
import { countOf, groupsOf } from '../../results/groups.ts';
import { ListWithDetail } from '../../results/ListWithDetail.tsx';
import { TargetList } from '../../results/TargetList.tsx';
import { EmptyState } from '../../results/EmptyState.tsx';

export function TargetsPane() {
  const view = useApp((s) => s.run.view);
  const filter = useDeferredValue(useApp((s) => s.filter));
  const groups = useMemo(() => groupsOf(view, (j) => j.active, filter), [view, filter]);
  const { shown, total } = countOf(groups);
  const empty = shown === 0 ? <EmptyState kind="active" total={total} /> : null;
  return <ListWithDetail list={<TargetList groups={groups} kind="active" />} empty={empty} />;
}
