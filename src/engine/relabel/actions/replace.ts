// replace (relabel.go relabel(): case Replace), with the version switches of
// reference §7.4: the 3.0 fast path, and ≤ 2.49's deletion of the *unexpanded*
// target_label when the expanded name is invalid or the replacement is empty.
import { goExpand } from '../expand.ts';
import { isValidLabelName } from '../names.ts';
import type { ActionFn } from './context.ts';
import { q } from './context.ts';

export const replace: ActionFn = (rule, lb, val, ctx) => {
  const p = ctx.profile;
  // Fast path: the default regex *object* (regex not written), empty input, no `$` anywhere.
  if (p.replaceFastPath && val === '' && rule.regexIsDefault && !rule.targetLabel.includes('$') && !rule.replacement.includes('$')) {
    lb.set(rule.targetLabel, rule.replacement);
    if (ctx.notes) ctx.notes.push(rule.replacement === '' ? `empty input: ${rule.targetLabel} deleted` : `empty input: ${rule.targetLabel} set to ${q(rule.replacement)}`);
    return true;
  }
  const groups = rule.regex.exec(val);
  if (!groups) {
    if (ctx.notes) ctx.notes.push(`${q(val)} does not match ${q(rule.regexText)}: nothing changed`);
    return true;
  }
  const m = { groups, names: rule.regex.subexpNames };
  const target = goExpand(rule.targetLabel, m);
  if (p.replaceLegacyDelete) {
    // ≤ 2.49: validity is the global (legacy) check, and both failure modes delete the raw target_label.
    if (!isValidLabelName(target, p.defaultNameValidation)) {
      lb.del(rule.targetLabel);
      if (ctx.notes) ctx.notes.push(`target label ${q(target)} is not a valid name: ${q(rule.targetLabel)} deleted`);
      return true;
    }
    const res = goExpand(rule.replacement, m);
    if (res === '') {
      lb.del(rule.targetLabel);
      if (ctx.notes) ctx.notes.push(`empty replacement: ${q(rule.targetLabel)} deleted`);
      return true;
    }
    lb.set(target, res);
    if (ctx.notes) ctx.notes.push(`${target} set to ${q(res)}`);
    return true;
  }
  if (!isValidLabelName(target, rule.nameValidation ?? p.defaultNameValidation)) {
    if (ctx.notes) ctx.notes.push(`target label ${q(target)} is not a valid name: rule skipped`);
    return true;
  }
  const res = goExpand(rule.replacement, m);
  lb.set(target, res);
  if (ctx.notes) ctx.notes.push(res === '' ? `empty replacement: ${target} deleted` : `${target} set to ${q(res)}`);
  return true;
};
