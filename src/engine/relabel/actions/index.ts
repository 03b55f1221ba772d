// Action name → implementation. Prometheus' set is fixed here; others come from the registry.
import { extraAction, type ActionFn } from './context.ts';
import { labeldrop, labelkeep, labelmap } from './label-set.ts';
import { drop, dropequal, keep, keepequal } from './match.ts';
import { replace } from './replace.ts';
import { hashmod, lowercase, uppercase } from './set-ops.ts';

const PROM = new Map<string, ActionFn>(Object.entries({
  replace, keep, drop, keepequal, dropequal, hashmod, lowercase, uppercase, labelmap, labeldrop, labelkeep,
}));

export function actionFor(name: string): ActionFn | undefined {
  return PROM.get(name) ?? extraAction(name);
}

export { registerRelabelAction, type ActionContext, type ActionFn } from './context.ts';
