// Running a vmagent rule list over one label set (lib/promrelabel ParsedConfigs.Apply): each rule first checks
// its `if:` selector (a mismatch skips the rule, except that `action: keep` drops the target), then acts on the
// ordered label list; a rule that leaves no labels drops the target; after the last rule labels with empty
// values are removed (removeEmptyLabels).
import type { Labels } from '../../labels.ts';
import type { Profile } from '../../profiles/types.ts';
import type { TraceStep } from '../../trace.ts';
import type { ActionContext, ActionFn } from '../actions/context.ts';
import { ruleRef } from '../summary.ts';
import type { RelabelResult, RelabelRule } from '../types.ts';
import { vmDrop, vmDropEqual, vmDropIfContains, vmDropIfEqual, vmKeep, vmKeepEqual, vmKeepIfContains, vmKeepIfEqual } from './actions-filter.ts';
import { vmLabeldrop, vmLabelkeep, vmLabelmap, vmLabelmapAll } from './actions-names.ts';
import { vmGraphite, vmHashmod, vmLowercase, vmReplace, vmReplaceAll, vmUppercase } from './actions-set.ts';
import { VmLabels } from './labels.ts';

/** Every vmagent action by its (parsed) name; keep_metrics/drop_metrics arrive as keep/drop. */
export const VM_ACTIONS: ReadonlyMap<string, ActionFn> = new Map<string, ActionFn>([
  ['replace', vmReplace],
  ['replace_all', vmReplaceAll],
  ['keep', vmKeep],
  ['drop', vmDrop],
  ['keep_if_equal', vmKeepIfEqual],
  ['drop_if_equal', vmDropIfEqual],
  ['keep_if_contains', vmKeepIfContains],
  ['drop_if_contains', vmDropIfContains],
  ['keepequal', vmKeepEqual],
  ['dropequal', vmDropEqual],
  ['hashmod', vmHashmod],
  ['labelmap', vmLabelmap],
  ['labelmap_all', vmLabelmapAll],
  ['labeldrop', vmLabeldrop],
  ['labelkeep', vmLabelkeep],
  ['uppercase', vmUppercase],
  ['lowercase', vmLowercase],
  ['graphite', vmGraphite],
]);

/** concatLabelValues: source values joined by the separator, an absent label read as "". (Prometheus'
 * sourceValue does the same; a copy keeps that hot call site monomorphic.) */
function concatLabelValues(rule: RelabelRule, ll: VmLabels): string {
  const src = rule.sourceLabels;
  if (!src || src.length === 0) return '';
  let v = ll.get(src[0] as string);
  for (let i = 1; i < src.length; i++) v += rule.separator + ll.get(src[i] as string);
  return v;
}

/** Applies `rules` the vmagent way. `labels` are the discovered labels (empty values included). */
export function applyRelabelVm(labels: Labels, rules: RelabelRule[], profile: Profile, opts?: { trace?: boolean }): RelabelResult {
  const ll = new VmLabels(labels);
  const steps: TraceStep[] | undefined = opts?.trace ? [] : undefined;
  const ctx: ActionContext = { profile: profile.relabel, notes: null };
  for (const rule of rules) {
    const before = steps ? ll.snapshot() : undefined;
    if (steps) ctx.notes = [];
    let keep = true;
    const cond = rule.vm?.if;
    if (cond && !cond.match(ll)) {
      keep = rule.action !== 'keep';
      ctx.notes?.push(keep ? `if ${cond.text} does not match: rule skipped` : `if ${cond.text} does not match: action keep drops the target`);
    } else {
      if (cond) ctx.notes?.push(`if ${cond.text} matches`);
      const fn = VM_ACTIONS.get(rule.action);
      keep = fn ? fn(rule, ll, concatLabelValues(rule, ll), ctx) : true;
      if (keep && ll.size === 0) keep = false; // "all the labels have been removed"
    }
    if (steps && before) {
      const step: TraceStep = { rule: ruleRef(rule), before, after: keep ? ll.snapshot() : before, keep };
      if (ctx.notes?.length) step.note = ctx.notes.join('; ');
      steps.push(step);
    }
    if (!keep) {
      const r: RelabelResult = { labels: ll.labels(), dropped: true, droppedBy: rule };
      if (steps) r.steps = steps;
      return r;
    }
  }
  const r: RelabelResult = { labels: ll.labels(), dropped: false };
  if (steps) r.steps = steps;
  return r;
}

/** The rules over a label list (changed in place), without a trace: the dropping rule, if any (applyRelabelVm's
 * loop; the result labels are read from the list by the caller). */
export function runVmRules(ll: VmLabels, rules: RelabelRule[], profile: Profile): RelabelRule | undefined {
  const ctx: ActionContext = { profile: profile.relabel, notes: null };
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as RelabelRule;
    const cond = rule.vm?.if;
    if (cond && !cond.match(ll)) {
      if (rule.action === 'keep') return rule;
      continue;
    }
    const fn = VM_ACTIONS.get(rule.action);
    const keep = fn ? fn(rule, ll, concatLabelValues(rule, ll), ctx) : true;
    if (!keep || ll.size === 0) return rule;
  }
  return undefined;
}
