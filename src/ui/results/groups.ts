// Per-job target groups for a list, after the filter.
import type { JobView, RunView, TargetView } from '../../worker/view.ts';
import { filterTargets } from './filter.ts';

export interface Group {
  job: string;
  targets: TargetView[];
  total: number;
}

export function groupsOf(view: RunView | undefined, pick: (j: JobView) => TargetView[], filter: string): Group[] {
  if (!view) return [];
  return view.jobs.map((j) => {
    const all = pick(j);
    return { job: j.job, total: all.length, targets: filterTargets(all, filter) };
  });
}

export function countOf(groups: Group[]): { shown: number; total: number } {
  return groups.reduce((a, g) => ({ shown: a.shown + g.targets.length, total: a.total + g.total }), { shown: 0, total: 0 });
}
