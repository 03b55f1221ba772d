// vmagent's label-name actions (lib/promrelabel/relabel.go): labelmap, labelmap_all, labeldrop, labelkeep.
// They walk the label list in its order (sorted discovered labels, then labels added by earlier rules in the
// order they were added); a later source that maps onto the same name overwrites an earlier one.
import type { ActionFn } from '../actions/context.ts';
import { q } from '../actions/context.ts';
import type { LabelAccess } from '../builder.ts';
import { goExpand } from '../expand.ts';
import { boundedMemo } from '../../memo.ts';
import type { RelabelRule } from '../types.ts';
import { vmOf } from './actions-filter.ts';
import { replaceAllSubmatches } from './actions-set.ts';
import { VmLabels } from './labels.ts';

/** replaceFullString (1.79) / replaceFullStringFast (newest): the new name, or null when the regex misses. */
export function mapName(rule: RelabelRule, s: string, promRegex: boolean): string | null {
  const vm = vmOf(rule);
  const repl = rule.replacement;
  if (vm.prefixComplete && !vm.hasDollarInReplacement) return s === vm.prefix ? repl : null;
  if (!s.startsWith(vm.prefix)) return null;
  if (repl === '$1' && vm.originalText.startsWith(vm.prefix)) {
    const suffix = s.slice(vm.prefix.length);
    const reSuffix = vm.originalText.slice(vm.prefix.length);
    if (reSuffix === '(.*)') return suffix;
    if (reSuffix === '(.+)') return suffix.length > 0 ? suffix : null;
  }
  if (promRegex && !vm.matcher.test(s)) return null;
  const groups = rule.regex.exec(s);
  if (!groups) return null;
  return goExpand(repl, { groups, names: rule.regex.subexpNames });
}

/** mapName's answers per rule and regex mode: every target of a job carries mostly the same label names (a pod's,
 * a Service's), so each name is mapped once. */
const MAPPED = new WeakMap<RelabelRule, { promRegex: boolean; map: (name: string) => string | null }>();
function mappedName(rule: RelabelRule, name: string, promRegex: boolean): string | null {
  let m = MAPPED.get(rule);
  if (m === undefined || m.promRegex !== promRegex) MAPPED.set(rule, (m = { promRegex, map: boundedMemo((n) => mapName(rule, n, promRegex), 4096) }));
  return m.map(name);
}

export const vmLabelmap: ActionFn = (rule, ll, _val, ctx) => {
  const promRegex = ctx.profile.regexMatch === 'vm-promregex';
  const names = ll.names();
  for (const name of names) {
    const to = mappedName(rule, name, promRegex);
    // Newest sets only when the name changes; 1.79 also "sets" a name onto itself, which changes nothing.
    if (to === null || to === name) continue;
    ll.set(to, ll.get(name));
    if (ctx.notes) ctx.notes.push(`${name} → ${to}`);
  }
  return true;
};

export const vmLabelmapAll: ActionFn = (rule, ll, _val, ctx) => {
  const names = ll.names();
  names.forEach((name, i) => {
    const to = replaceAllSubmatches(rule, name);
    if (to === null || to === name) return;
    renameAt(ll, i, name, to);
    if (ctx.notes) ctx.notes.push(`${name} → ${to}`);
  });
  return true;
};

/** labelmap_all renames in place (label.Name = …), even onto a name that already exists. */
function renameAt(ll: LabelAccess, i: number, from: string, to: string): void {
  if (ll instanceof VmLabels) {
    ll.rename(i, to);
    return;
  }
  const v = ll.get(from);
  ll.del(from);
  ll.set(to, v);
}

function filterNames(keepMatching: boolean): ActionFn {
  return (rule, ll, _val, ctx) => {
    const m = vmOf(rule).matcher;
    const dropped: string[] = [];
    const keep = (n: string): boolean => {
      const k = m.test(n) === keepMatching;
      if (!k) dropped.push(n);
      return k;
    };
    if (ll instanceof VmLabels) ll.filter(keep);
    else for (const n of ll.names()) if (!keep(n)) ll.del(n);
    if (ctx.notes) for (const n of dropped) ctx.notes.push(`${n} dropped`);
    if (ctx.notes && ll instanceof VmLabels && ll.size === 0) ctx.notes.push(`no labels left: the target is dropped (${q(rule.regexText)})`);
    return true;
  };
}

export const vmLabeldrop = filterNames(false);
export const vmLabelkeep = filterNames(true);
