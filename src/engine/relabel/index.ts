// Public surface of the relabel module.
export type { CompiledRegex, NameValidation, PromRelabelAction, RelabelResult, RelabelRule } from './types.ts';
export { PROM_RELABEL_ACTIONS } from './types.ts';
export { applyRelabel, sourceValue } from './apply.ts';
export { compileRegex, mustCompile, type CompileResult } from './regex.ts';
export { goExpand, goReplaceAll, type ExpandMatch } from './expand.ts';
export { hashmodMd5 } from './hashmod.ts';
export { md5, md5Hex, utf8Bytes } from './md5.ts';
export { goToLower, goToUpper } from './case.ts';
export { isValidLabelName, isValidLegacyName, isValidLegacyTemplate } from './names.ts';
export { goQuote } from './goquote.ts';
export { ruleRef, ruleSummary } from './summary.ts';
export { registerRelabelAction, type ActionContext, type ActionFn } from './actions/index.ts';
export { LabelBuilder } from './builder.ts';
export { validateRule, type RuleFields, type RuleProblem } from './validate.ts';
