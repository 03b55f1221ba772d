// The engine types the triage harness uses (one import point for the catalog's tests).
export type { InputFile, ProfileId, RunOptions } from '../../src/engine/index.ts';
export type { Diagnosis, Suggestion } from '../../src/engine/diagnose/index.ts';
