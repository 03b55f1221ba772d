// Running a rule list over one label set: Prometheus' ProcessBuilder. Rules run in order
// on one mutable builder, each seeing the previous rules' output; the first drop stops.
import type { Profile } from '../profiles/types.ts';
import type { Labels } from '../labels.ts';
import type { TraceStep } from '../trace.ts';
import { actionFor, type ActionContext } from './actions/index.ts';
import { LabelBuilder, type LabelAccess } from './builder.ts';
import { ruleRef } from './summary.ts';
import type { RelabelResult, RelabelRule } from './types.ts';

/** The input value: source label values joined by the separator, an absent label being "". */
export function sourceValue(rule: RelabelRule, lb: LabelAccess): string {
  const src = rule.sourceLabels;
  if (!src || src.length === 0) return '';
  if (src.length === 1) return lb.get(src[0] as string);
  let v = lb.get(src[0] as string);
  for (let i = 1; i < src.length; i++) v += rule.separator + lb.get(src[i] as string);
  return v;
}

export function applyRelabel(labels: Labels, rules: RelabelRule[], profile: Profile, opts?: { trace?: boolean }): RelabelResult {
  const lb = new LabelBuilder(labels);
  const trace = opts?.trace === true;
  const ctx: ActionContext = { profile: profile.relabel, notes: null };
  const steps: TraceStep[] | undefined = trace ? [] : undefined;
  for (const rule of rules) {
    const fn = actionFor(rule.action);
    const before = steps ? lb.snapshot() : undefined;
    if (steps) ctx.notes = [];
    const val = sourceValue(rule, lb);
    // An action no engine registered changes nothing (Prometheus would have refused the config).
    const keep = fn ? fn(rule, lb, val, ctx) : true;
    if (steps && before) {
      if (!fn) ctx.notes?.push(`unknown action ${JSON.stringify(rule.action)}: nothing changed`);
      const step: TraceStep = { rule: ruleRef(rule), before, after: keep ? lb.snapshot() : before, keep };
      if (ctx.notes?.length) step.note = ctx.notes.join('; ');
      steps.push(step);
    }
    if (!keep) {
      const r: RelabelResult = { labels: lb.labels(), dropped: true, droppedBy: rule };
      if (steps) r.steps = steps;
      return r;
    }
  }
  const r: RelabelResult = { labels: lb.labels(), dropped: false };
  if (steps) r.steps = steps;
  return r;
}

/** applyRelabel without a trace, for the target stage: the builder itself (its labels are read once, by the caller)
 * and the dropping rule, if any. */
export function relabelBuilder(labels: Labels, rules: RelabelRule[], profile: Profile): { lb: LabelBuilder; droppedBy: RelabelRule | undefined } {
  const lb = new LabelBuilder(labels);
  return { lb, droppedBy: runRules(lb, rules, profile) };
}

/** The rules `from` … `to` (exclusive) over a builder (changed in place), without a trace: the dropping rule, if any. */
export function runRules(lb: LabelBuilder, rules: RelabelRule[], profile: Profile, from = 0, to = rules.length): RelabelRule | undefined {
  const ctx: ActionContext = { profile: profile.relabel, notes: null };
  for (let i = from; i < to; i++) {
    const rule = rules[i] as RelabelRule;
    const fn = actionFor(rule.action);
    const val = sourceValue(rule, lb);
    // An action no engine registered changes nothing (Prometheus would have refused the config).
    const keep = fn ? fn(rule, lb, val, ctx) : true;
    if (!keep) return rule;
  }
  return undefined;
}
