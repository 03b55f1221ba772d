// The engine's public surface. The worker, the CLI and the UI import from here only.
export { run, type RunOptions, type RunProgress, type RunResult } from './run.ts';
export { toApiTargets, type ApiTargets, type ApiActiveTarget, type ApiDroppedTarget, type ApiFailedTarget } from './targets/api.ts';
export type { Target, JobTargets, DropReason, FailCode, TargetState, ObjectRef } from './targets/types.ts';
export { discoveredLabel, someDiscoveredLabel } from './targets/build.ts';
export type { TraceStep, RuleRef, RuleOrigin, ImplicitStepKind } from './trace.ts';
export { formatDiagnostic, type Diagnostic, type DiagnosticCode, type SourcePos, type SourceRange, type Severity } from './diagnostics.ts';
export { type Labels, formatLabels, sortLabels } from './labels.ts';
export { getProfile, listProfiles, DEFAULT_PROFILE, type Profile, type ProfileId } from './profiles/index.ts';
export type { InputFile } from './ingest/documents.ts';
export type { StoredObject, KubeObject, Origin } from './ingest/kinds.ts';
export { diagnose, whyNot, applyEdits } from './diagnose/index.ts';
export type { Diagnosis, DiagnosisKind, DiagnosisFamily, DiagObject, Suggestion, TextEdit, WhyNotQuery, RuleEvidence } from './diagnose/index.ts';
export type { WhatIf } from './cluster/simulate.ts';
export type { Instance } from './run.ts';
export type { MonitorSelection, GeneratedConfig, OperatorOwner } from './operators/generate.ts';
