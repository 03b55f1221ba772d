// When the worker diagnoses a run on its own, and how much verification it may spend. Diagnosis runs
// after the result is on screen (phase two), but its cost grows fast with the number of targets that
// did not make it (every dropped group is examined, every suggestion re-runs the pipeline), so a big
// input is diagnosed only when the user asks.
import type { RunResult } from '../engine/index.ts';

/** Inputs above either limit are not diagnosed automatically. */
export const AUTO_DIAGNOSE_BYTES = 2 * 1024 * 1024;
export const AUTO_DIAGNOSE_TARGETS = 3000;

export function targetCount(res: Pick<RunResult, 'jobs'>): number {
  let n = 0;
  for (const j of res.jobs) n += j.active.length + j.dropped.length + j.failed.length + j.duplicates.length;
  return n;
}

/** Why a run is not diagnosed automatically, or undefined when it is. */
export function skipReason(bytes: number, targets: number): string | undefined {
  if (bytes > AUTO_DIAGNOSE_BYTES) return `the input is ${(bytes / 1024 / 1024).toFixed(1)} MiB; big inputs are diagnosed on request`;
  if (targets > AUTO_DIAGNOSE_TARGETS) return `the run has ${targets.toLocaleString('en')} targets; big runs are diagnosed on request`;
  return undefined;
}

/** Pipeline re-runs verification may spend: each one costs a whole run, so fewer for big inputs. */
export function verifyBudget(bytes: number): number {
  if (bytes <= 256 * 1024) return 40;
  if (bytes <= 2 * 1024 * 1024) return 10;
  return 3;
}
