// What an action implementation receives. Actions return false to drop the target.
// Other engines (vmagent) register their extra actions here instead of editing apply.ts.
import type { RelabelProfile } from '../../profiles/types.ts';
import type { LabelAccess } from '../builder.ts';
import type { RelabelRule } from '../types.ts';

export interface ActionContext {
  profile: RelabelProfile;
  /** Non-null only when tracing: plain-words notes about what the rule did. */
  notes: string[] | null;
}

/** Runs one rule. `val` is the source labels joined with the separator (absent = ""). */
export type ActionFn = (rule: RelabelRule, lb: LabelAccess, val: string, ctx: ActionContext) => boolean;

const extra = new Map<string, ActionFn>();

/** Registers an action that is not a Prometheus one (e.g. vmagent's `keep_if_equal`). */
export function registerRelabelAction(name: string, fn: ActionFn): void {
  extra.set(name, fn);
}

export function extraAction(name: string): ActionFn | undefined {
  return extra.get(name);
}

/** `"…"` with Go %q-like quoting, for notes. */
export function q(s: string): string {
  return JSON.stringify(s);
}
