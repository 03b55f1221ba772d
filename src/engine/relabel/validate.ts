// Config-load validation of one relabel rule, with Prometheus' messages:
//   3.x  relabel.go Config.Validate(nameValidationScheme)
//   2.42 the same checks inside Config.UnmarshalYAML, with relabelTarget (the `$`-aware legacy
//        regex) for replace/lowercase/uppercase/keepequal/dropequal targets and the plain legacy
//        check for hashmod (profile switch caseActionsDollarAwareCheck).
// The first failing check wins, as in Go. `field` names the key to point the diagnostic at.
import type { RelabelProfile } from '../profiles/types.ts';
import { goQuote } from './goquote.ts';
import { isValidLabelName, isValidLegacyTemplate } from './names.ts';
import type { NameValidation } from './types.ts';

export interface RuleFields {
  action: string;
  modulus: bigint;
  targetLabel: string;
  replacement: string;
  separator: string;
  regexIsDefault: boolean;
  sourceLabelsSet: boolean;
}

export interface RuleProblem {
  message: string;
  field?: string;
}

const NEEDS_TARGET = new Set(['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal']);
const CASE_OR_EQUAL = new Set(['lowercase', 'uppercase', 'keepequal', 'dropequal']);

export function validateRule(c: RuleFields, scheme: NameValidation, p: RelabelProfile): RuleProblem | null {
  const a = c.action;
  const invalidTarget = (): RuleProblem => ({ message: `${goQuote(c.targetLabel)} is invalid 'target_label' for ${a} action`, field: 'target_label' });
  if (a === '') return { message: 'relabel action cannot be empty', field: 'action' };
  if (c.modulus === 0n && a === 'hashmod') return { message: 'relabel configuration for hashmod requires non-zero modulus', field: 'modulus' };
  if (NEEDS_TARGET.has(a) && c.targetLabel === '') return { message: `relabel configuration for ${a} action requires 'target_label' value`, field: 'target_label' };

  // `$`-aware check (relabelTargetLegacy, or plain UTF-8 validity in utf8 mode).
  const withVar = (v: string): boolean => (scheme === 'utf8' ? isValidLabelName(v, 'utf8') : isValidLegacyTemplate(v));
  if (p.caseActionsDollarAwareCheck) {
    if ((a === 'replace' || CASE_OR_EQUAL.has(a)) && !withVar(c.targetLabel)) return invalidTarget();
  } else {
    const hasVar = c.targetLabel.includes('$');
    if (a === 'replace' && !hasVar && !isValidLabelName(c.targetLabel, scheme)) return invalidTarget();
    if (a === 'replace' && hasVar && !withVar(c.targetLabel)) return invalidTarget();
    if (CASE_OR_EQUAL.has(a) && !isValidLabelName(c.targetLabel, scheme)) return invalidTarget();
  }
  if (CASE_OR_EQUAL.has(a) && c.replacement !== '$1') return { message: `'replacement' can not be set for ${a} action`, field: 'replacement' };
  if (a === 'labelmap' && !withVar(c.replacement)) return { message: `${goQuote(c.replacement)} is invalid 'replacement' for ${a} action`, field: 'replacement' };
  if (a === 'hashmod' && !isValidLabelName(c.targetLabel, scheme)) return invalidTarget();

  if (a === 'keepequal' || a === 'dropequal') {
    const bad = !c.regexIsDefault ? 'regex' : c.modulus !== 0n ? 'modulus' : c.separator !== ';' ? 'separator' : c.replacement !== '$1' ? 'replacement' : '';
    if (bad) return { message: `${a} action requires only 'source_labels' and \`target_label\`, and no other fields`, field: bad };
  }
  if (a === 'labeldrop' || a === 'labelkeep') {
    const bad = c.sourceLabelsSet ? 'source_labels' : c.targetLabel !== '' ? 'target_label' : c.modulus !== 0n ? 'modulus' : c.separator !== ';' ? 'separator' : c.replacement !== '$1' ? 'replacement' : '';
    if (bad) return { message: `${a} action requires only 'regex', and no other fields`, field: bad };
  }
  return null;
}
