// A target's life as a list of steps a person can follow: the defaults the job adds,
// every relabel rule in order (with the labels before and after it), and the implicit
// steps after relabeling (port handling, validation, meta-label removal, instance,
// URL). Modelled on Prometheus' /api/v1/targets/relabel_steps and vmagent's relabel debug.
import type { SourceRange } from './diagnostics.ts';
import type { Labels } from './labels.ts';

/** Where a generated rule came from (operator layer): "VMServiceScrape default/audit, endpoints[0].targetPort". */
export interface RuleOrigin {
  kind: string;
  namespace?: string;
  name: string;
  field: string;
  pos?: SourceRange;
}

/** The rule a step applied, as the user wrote it (or as an operator generated it). */
export interface RuleRef {
  /** 0-based index in the job's relabel_configs. */
  index: number;
  action: string;
  /** One-line rendering, e.g. `keep __meta_kubernetes_pod_container_port_number =~ "10299"`. */
  summary: string;
  pos?: SourceRange;
  origin?: RuleOrigin;
}

export type ImplicitStepKind =
  | 'job-defaults' // job, __scheme__, __metrics_path__, __scrape_interval__, … added before relabeling
  | 'params' // __param_* from the job's params
  | 'default-port' // 2.x / vmagent: :80 / :443 added
  | 'validate' // address / interval / timeout checks
  | 'drop-meta' // __meta_* removed
  | 'instance' // instance defaulted to __address__
  | 'drop-internal' // __-prefixed labels hidden from the public label set
  | 'scrape-url' // URL built
  | 'duplicate'; // collapsed into another target

export interface TraceStep {
  /** The rule, for rule steps; absent for implicit steps. */
  rule?: RuleRef;
  implicit?: ImplicitStepKind;
  /** Plain-words description of what happened in this step. */
  note?: string;
  before: Labels;
  after: Labels;
  /** False when this step dropped (or failed) the target. */
  keep: boolean;
}
