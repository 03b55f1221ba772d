// vmagent's filtering actions (lib/promrelabel/relabel.go parsedRelabelConfig.apply): keep, drop (with the
// default regex they keep / drop everything, which makes an `if`-only rule a pure filter), keep_if_equal,
// drop_if_equal, keep_if_contains, drop_if_contains, keepequal, dropequal. keep_metrics / drop_metrics are
// keep / drop on `__name__` (config.go rewrites them while parsing).
import type { ActionFn } from '../actions/context.ts';
import { q } from '../actions/context.ts';
import type { LabelAccess } from '../builder.ts';
import type { RelabelRule } from '../types.ts';
import type { VmRuleExtras } from './types.ts';

export function vmOf(rule: RelabelRule): VmRuleExtras {
  if (!rule.vm) throw new Error(`relabel: rule ${rule.index} was not parsed for vmagent`);
  return rule.vm;
}

export const vmKeep: ActionFn = (rule, _ll, val, ctx) => {
  const vm = vmOf(rule);
  if (vm.defaultRegexObject) {
    if (ctx.notes) ctx.notes.push('no regex: keeps every target (vmagent fast path)');
    return true;
  }
  const ok = vm.matcher.test(val);
  if (ctx.notes) ctx.notes.push(ok ? `${q(val)} matches ${q(rule.regexText)}: kept` : `${q(val)} does not match ${q(rule.regexText)}: dropped`);
  return ok;
};

export const vmDrop: ActionFn = (rule, _ll, val, ctx) => {
  const vm = vmOf(rule);
  if (vm.defaultRegexObject) {
    if (ctx.notes) ctx.notes.push('no regex: drops every target (vmagent fast path)');
    return false;
  }
  const hit = vm.matcher.test(val);
  if (ctx.notes) ctx.notes.push(hit ? `${q(val)} matches ${q(rule.regexText)}: dropped` : `${q(val)} does not match ${q(rule.regexText)}: kept`);
  return !hit;
};

/** areEqualLabelValues: every source label has the first one's value (absent = ""). */
function allEqual(rule: RelabelRule, ll: LabelAccess): boolean {
  const src = rule.sourceLabels ?? [];
  const first = ll.get(src[0] ?? '');
  for (let i = 1; i < src.length; i++) if (ll.get(src[i] as string) !== first) return false;
  return true;
}

function describeValues(rule: RelabelRule, ll: LabelAccess): string {
  return (rule.sourceLabels ?? []).map((n) => `${n}=${q(ll.get(n))}`).join(', ');
}

export const vmKeepIfEqual: ActionFn = (rule, ll, _val, ctx) => {
  const eq = allEqual(rule, ll);
  if (ctx.notes) ctx.notes.push(`${describeValues(rule, ll)}: ${eq ? 'all equal, kept' : 'not all equal, dropped'}`);
  return eq;
};

export const vmDropIfEqual: ActionFn = (rule, ll, _val, ctx) => {
  const eq = allEqual(rule, ll);
  if (ctx.notes) ctx.notes.push(`${describeValues(rule, ll)}: ${eq ? 'all equal, dropped' : 'not all equal, kept'}`);
  return !eq;
};

/** containsAllLabelValues: target_label's value contains every source value ("" is always contained). */
function containsAll(rule: RelabelRule, ll: LabelAccess): boolean {
  const t = ll.get(rule.targetLabel);
  return (rule.sourceLabels ?? []).every((n) => t.includes(ll.get(n)));
}

export const vmKeepIfContains: ActionFn = (rule, ll, _val, ctx) => {
  const c = containsAll(rule, ll);
  if (ctx.notes) ctx.notes.push(`${rule.targetLabel}=${q(ll.get(rule.targetLabel))} ${c ? 'contains' : 'does not contain'} every one of ${describeValues(rule, ll)}: ${c ? 'kept' : 'dropped'}`);
  return c;
};

export const vmDropIfContains: ActionFn = (rule, ll, _val, ctx) => {
  const c = containsAll(rule, ll);
  if (ctx.notes) ctx.notes.push(`${rule.targetLabel}=${q(ll.get(rule.targetLabel))} ${c ? 'contains' : 'does not contain'} every one of ${describeValues(rule, ll)}: ${c ? 'dropped' : 'kept'}`);
  return !c;
};

export const vmKeepEqual: ActionFn = (rule, ll, val, ctx) => {
  const t = ll.get(rule.targetLabel);
  if (ctx.notes) ctx.notes.push(`${rule.targetLabel}=${q(t)} ${t === val ? '==' : '!='} ${q(val)}: ${t === val ? 'kept' : 'dropped'}`);
  return t === val;
};

export const vmDropEqual: ActionFn = (rule, ll, val, ctx) => {
  const t = ll.get(rule.targetLabel);
  if (ctx.notes) ctx.notes.push(`${rule.targetLabel}=${q(t)} ${t === val ? '==' : '!='} ${q(val)}: ${t === val ? 'dropped' : 'kept'}`);
  return t !== val;
};
