// keep / drop / keepequal / dropequal (relabel.go relabel(): the first four cases).
// They only read labels; a false return drops the target and stops the run.
import type { ActionFn } from './context.ts';
import { q } from './context.ts';

export const keep: ActionFn = (rule, _lb, val, ctx) => {
  const ok = rule.regex.test(val);
  if (ctx.notes) ctx.notes.push(ok ? `${q(val)} matches ${q(rule.regexText)}: kept` : `${q(val)} does not match ${q(rule.regexText)}: dropped`);
  return ok;
};

export const drop: ActionFn = (rule, _lb, val, ctx) => {
  const hit = rule.regex.test(val);
  if (ctx.notes) ctx.notes.push(hit ? `${q(val)} matches ${q(rule.regexText)}: dropped` : `${q(val)} does not match ${q(rule.regexText)}: kept`);
  return !hit;
};

export const keepequal: ActionFn = (rule, lb, val, ctx) => {
  const t = lb.get(rule.targetLabel);
  if (ctx.notes) ctx.notes.push(`${rule.targetLabel}=${q(t)} ${t === val ? '==' : '!='} ${q(val)}: ${t === val ? 'kept' : 'dropped'}`);
  return t === val;
};

export const dropequal: ActionFn = (rule, lb, val, ctx) => {
  const t = lb.get(rule.targetLabel);
  if (ctx.notes) ctx.notes.push(`${rule.targetLabel}=${q(t)} ${t === val ? '==' : '!='} ${q(val)}: ${t === val ? 'dropped' : 'kept'}`);
  return t !== val;
};
