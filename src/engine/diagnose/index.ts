// Public surface of the diagnosis stage (the engine's index.ts should re-export this).
export { diagnose } from './diagnose.ts';
export { whyNot } from './whynot.ts';
export { applyEdits } from './fix.ts';
export type {
  DiagObject,
  Diagnosis,
  DiagnosisFamily,
  DiagnosisKind,
  DiagnoseOptions,
  RelatedField,
  RuleEvidence,
  Suggestion,
  TextEdit,
  WhyNotQuery,
} from './types.ts';
export { FAMILY_OF } from './types.ts';
