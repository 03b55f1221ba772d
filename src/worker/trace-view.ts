// One target's relabeling trace as the page shows it: each step with what it added, changed and removed. Traces
// stay in the worker and cross one target at a time.
import type { ImplicitStepKind, Labels, RuleRef, TraceStep } from '../engine/index.ts';

export interface TraceStepView {
  rule?: RuleRef;
  implicit?: ImplicitStepKind;
  note?: string;
  keep: boolean;
  added: [string, string][];
  changed: [string, string, string][];
  removed: [string, string][];
  /** The labels after this step (the labels before step 0 are `before`). */
  after: Labels;
}

export interface TraceView {
  targetId: string;
  before: Labels;
  steps: TraceStepView[];
}

/** Labels added, changed and removed between two label sets, keys sorted. */
export function diffLabels(before: Labels, after: Labels): Pick<TraceStepView, 'added' | 'changed' | 'removed'> {
  const added: [string, string][] = [];
  const changed: [string, string, string][] = [];
  const removed: [string, string][] = [];
  for (const k of Object.keys(after).sort()) {
    const b = before[k];
    const a = after[k] as string;
    if (b === undefined) added.push([k, a]);
    else if (b !== a) changed.push([k, b, a]);
  }
  for (const k of Object.keys(before).sort()) if (!(k in after)) removed.push([k, before[k] as string]);
  return { added, changed, removed };
}

export function traceView(targetId: string, steps: TraceStep[]): TraceView {
  const first = steps[0];
  return {
    targetId,
    before: first ? first.before : {},
    steps: steps.map((s) => {
      const v: TraceStepView = { keep: s.keep, after: s.after, ...diffLabels(s.before, s.after) };
      if (s.rule) v.rule = s.rule;
      if (s.implicit) v.implicit = s.implicit;
      if (s.note) v.note = s.note;
      return v;
    }),
  };
}
