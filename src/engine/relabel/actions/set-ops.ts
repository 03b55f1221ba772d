// hashmod / lowercase / uppercase (relabel.go relabel()): each writes target_label with
// Builder.Set, so an empty result deletes it.
import { goToLower, goToUpper } from '../case.ts';
import { hashmodMd5 } from '../hashmod.ts';
import type { ActionFn } from './context.ts';
import { q } from './context.ts';

export const hashmod: ActionFn = (rule, lb, val, ctx) => {
  const v = hashmodMd5(val, rule.modulusBig ?? rule.modulus);
  lb.set(rule.targetLabel, v);
  if (ctx.notes) ctx.notes.push(`md5(${q(val)}) mod ${rule.modulusBig ?? rule.modulus} = ${v}`);
  return true;
};

function caseAction(fn: (s: string) => string): ActionFn {
  return (rule, lb, val, ctx) => {
    const v = fn(val);
    lb.set(rule.targetLabel, v);
    if (ctx.notes) ctx.notes.push(v === '' ? `empty result: ${rule.targetLabel} deleted` : `${rule.targetLabel} set to ${q(v)}`);
    return true;
  };
}

export const lowercase = caseAction(goToLower);
export const uppercase = caseAction(goToUpper);
