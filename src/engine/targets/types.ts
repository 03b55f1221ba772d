// What target building produces: every discovered target ends in exactly one state,
// with the reason and (optionally) the step-by-step trace.
import type { Labels } from '../labels.ts';
import type { RuleRef, TraceStep } from '../trace.ts';

export type TargetState = 'active' | 'dropped' | 'failed' | 'duplicate';

/** Why a target is not active — typed, never a bare string. */
export type DropReason =
  | { kind: 'relabel'; rule: RuleRef }
  | { kind: 'duplicate'; of: number; note: string }
  | { kind: 'invalid'; code: FailCode; message: string };

export type FailCode =
  | 'NO_ADDRESS'
  | 'ADDRESS_HAS_PATH'
  | 'INVALID_SCHEME'
  | 'BAD_INTERVAL'
  | 'BAD_TIMEOUT'
  | 'ZERO_INTERVAL'
  | 'ZERO_TIMEOUT'
  | 'TIMEOUT_GT_INTERVAL'
  | 'BAD_BOOL_LABEL'
  | 'INVALID_LABEL_VALUE'
  | 'INVALID_URL'
  /** A relabel rule would build a label value past the engine's size limit (relabel/expand.ts). */
  | 'LABEL_TOO_LARGE';

/** The Kubernetes object a target was discovered from (for the UI and the diagnosis). */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface Target {
  /** Stable id within one run: `<job>#<n>`. */
  id: string;
  job: string;
  /** Target group source, e.g. `endpoints/default/audit`. */
  source: string;
  /** Index of the target inside its group (Prometheus' "instance N in group …"). */
  index: number;
  /** Index of the kubernetes_sd_configs entry (or -1 for static_configs). */
  sdIndex: number;
  state: TargetState;
  /** Labels before relabeling, as the API shows them. */
  discoveredLabels: Labels;
  /** Public labels (active targets). */
  labels?: Labels;
  /** Every label after relabeling and meta removal, including hidden `__` ones (identity for dedup). */
  internalLabels?: Labels;
  scrapeUrl?: string;
  /** For the API's scrapePool. */
  scrapePool: string;
  reason?: DropReason;
  /** Prometheus' log text for failed targets: `instance N in group SRC: msg`. */
  error?: string;
  trace?: TraceStep[];
  object?: ObjectRef;
  /** vmagent failed targets: the discovered address its "cannot create … target" log line names. */
  address?: string;
  /** vmagent: starting this target's scraper would crash the process (see targets/vmagent-run.ts). */
  crash?: string;
}

export interface JobTargets {
  job: string;
  /** The scraper this job belongs to (see RunResult.instances). */
  instance?: string;
  active: Target[];
  dropped: Target[];
  failed: Target[];
  /** Targets collapsed into an active one (Prometheus shows them nowhere). */
  duplicates: Target[];
}
