// vmagent relabeling: the actions Prometheus lacks are registered with the shared hook (so any rule list can
// name them), and applyRelabelVm runs a list with vmagent's semantics for every action.
import { registerRelabelAction } from '../actions/context.ts';
import { VM_ACTIONS } from './apply.ts';

const PROMETHEUS_NAMES = new Set(['replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'lowercase', 'uppercase', 'labelmap', 'labeldrop', 'labelkeep']);
for (const [name, fn] of VM_ACTIONS) if (!PROMETHEUS_NAMES.has(name)) registerRelabelAction(name, fn);

export { applyRelabelVm, runVmRules, VM_ACTIONS } from './apply.ts';
export { VmLabels } from './labels.ts';
export { xxhash64, hashmodXxhash } from './xxhash64.ts';
export type { VmRuleExtras, VmIfExpression, VmMatcher } from './types.ts';
