// vmagent's value-setting actions (lib/promrelabel/relabel.go parsedRelabelConfig.apply): replace (with its
// default-regex fast paths and, since v1.81.0, `{{label}}` references), replace_all, hashmod (xxhash64),
// uppercase / lowercase and graphite. Target label names are never validated: `app_${1}` may create
// `app_billing-api`, and an empty value is stored and removed after the last rule.
import type { ActionFn } from '../actions/context.ts';
import { q } from '../actions/context.ts';
import type { LabelAccess } from '../builder.ts';
import { goToLower, goToUpper } from '../case.ts';
import { goExpand, goReplaceAll } from '../expand.ts';
import type { RelabelRule } from '../types.ts';
import { vmOf } from './actions-filter.ts';
import { hashmodXxhash } from './xxhash64.ts';

/** relabel.go fillLabelReferences: `{{name}}` → the label's current value; an unclosed `{{` stays. */
export function fillLabelReferences(replacement: string, ll: LabelAccess): string {
  let out = '';
  let s = replacement;
  for (;;) {
    const n = s.indexOf('{{');
    if (n < 0) return out + s;
    out += s.slice(0, n);
    s = s.slice(n + 2);
    const m = s.indexOf('}}');
    if (m < 0) return out + '{{' + s;
    out += ll.get(s.slice(0, m));
    s = s.slice(m + 2);
  }
}

function expandWith(rule: RelabelRule, template: string, groups: (string | undefined)[] | null): string {
  // Go ExpandString with a nil match expands every group reference to "".
  return goExpand(template, { groups: groups ?? [], names: rule.regex.subexpNames });
}

export const vmReplace: ActionFn = (rule, ll, val, ctx) => {
  const vm = vmOf(rule);
  let replacement = rule.replacement;
  if (ctx.profile.labelReferences && vm.hasLabelRefs) replacement = fillLabelReferences(replacement, ll);
  if (vm.defaultRegexObject && !vm.hasDollarInTarget) {
    if (replacement === '$1') {
      ll.set(rule.targetLabel, val);
      if (ctx.notes) ctx.notes.push(val === '' ? `empty value: ${rule.targetLabel} removed` : `${rule.targetLabel} set to ${q(val)} (copied without running a regex)`);
      return true;
    }
    if (!vm.hasDollarInReplacement) {
      ll.set(rule.targetLabel, replacement);
      if (ctx.notes) ctx.notes.push(replacement === '' ? `empty replacement: ${rule.targetLabel} removed` : `${rule.targetLabel} set to ${q(replacement)} (constant, no regex run)`);
      return true;
    }
  }
  let value: string;
  let name = rule.targetLabel;
  if (ctx.profile.regexMatch === 'vm-promregex') {
    if (!vm.matcher.test(val)) {
      if (ctx.notes) ctx.notes.push(`${q(val)} does not match ${q(rule.regexText)}: nothing changed`);
      return true;
    }
    const groups = rule.regex.exec(val);
    // replaceFullStringSlow: when the anchored regex (no DotNL) misses what PromRegex matched, the value is the
    // source string itself.
    value = replacement === rule.replacement && groups === null ? val : expandWith(rule, replacement, groups);
    if (vm.hasDollarInTarget) name = expandWith(rule, name, groups);
  } else {
    const groups = rule.regex.exec(val);
    if (!groups) {
      if (ctx.notes) ctx.notes.push(`${q(val)} does not match ${q(rule.regexText)}: nothing changed`);
      return true;
    }
    if (vm.hasDollarInTarget) name = expandWith(rule, name, groups);
    value = expandWith(rule, replacement, groups);
  }
  ll.set(name, value);
  if (ctx.notes) ctx.notes.push(value === '' ? `empty result: ${name} removed` : `${name} set to ${q(value)}`);
  return true;
};

/** replaceStringSubmatches / replaceStringSubmatchesFast: every match of the unanchored regex replaced; a
 * literal regex without `$` in the replacement is a plain string replacement. Returns null when nothing matched. */
export function replaceAllSubmatches(rule: RelabelRule, s: string): string | null {
  const vm = vmOf(rule);
  if (vm.prefixComplete && !vm.hasDollarInReplacement && vm.prefix !== '') {
    return s.includes(vm.prefix) ? s.split(vm.prefix).join(rule.replacement) : null;
  }
  if (!vm.original.test(s)) return null;
  return goReplaceAll(vm.original, s, rule.replacement);
}

export const vmReplaceAll: ActionFn = (rule, ll, val, ctx) => {
  const r = replaceAllSubmatches(rule, val);
  // 1.79 sets the label whenever something matched; newer versions only when the value changed. Setting an
  // unchanged value is invisible, so one rule serves both.
  if (r === null || r === val) {
    if (ctx.notes) ctx.notes.push(`${q(val)}: no match of ${q(rule.regexText)}, nothing changed`);
    return true;
  }
  ll.set(rule.targetLabel, r);
  if (ctx.notes) ctx.notes.push(`${rule.targetLabel} set to ${q(r)}`);
  return true;
};

export const vmHashmod: ActionFn = (rule, ll, val, ctx) => {
  const v = hashmodXxhash(val, rule.modulusBig ?? rule.modulus);
  ll.set(rule.targetLabel, v);
  if (ctx.notes) ctx.notes.push(`xxhash64(${q(val)}) mod ${rule.modulusBig ?? rule.modulus} = ${v}`);
  return true;
};

function caseAction(fn: (s: string) => string): ActionFn {
  return (rule, ll, val, ctx) => {
    const v = fn(val);
    ll.set(rule.targetLabel, v);
    if (ctx.notes) ctx.notes.push(v === '' ? `empty result: ${rule.targetLabel} removed` : `${rule.targetLabel} set to ${q(v)}`);
    return true;
  };
}

export const vmUppercase = caseAction(goToUpper);
export const vmLowercase = caseAction(goToLower);

export const vmGraphite: ActionFn = (rule, ll, _val, ctx) => {
  const g = vmOf(rule).graphite;
  if (!g) return true;
  const name = ll.get('__name__');
  const m = g.match(name);
  if (!m) {
    if (ctx.notes) ctx.notes.push(`__name__=${q(name)} does not match the graphite template: nothing changed`);
    return true;
  }
  for (const l of g.labels) ll.set(l.target, l.expand(m));
  if (ctx.notes) ctx.notes.push(`__name__=${q(name)} matched: ${g.labels.map((l) => l.target).join(', ')} set`);
  return true;
};
