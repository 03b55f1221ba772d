// The diagnosis stage's public shapes: why an expected target is missing, as data. Every reason is one tag
// of a closed union (tests and the UI switch on `kind`, never on the sentence); every diagnosis names the
// objects involved, the manifest field to change (file:line:col) and, where the engine can, a concrete
// textual change that it re-ran the pipeline with. Plain data only: it crosses the worker boundary.
import type { SourceRange } from '../diagnostics.ts';
import type { RunOptions } from '../run.ts';
import type { RuleRef } from '../trace.ts';

/** The link of the chain a reason belongs to, in pipeline order. */
export type DiagnosisFamily =
  | 'selection' // the operator never turned the monitor into a job
  | 'namespaces' // the job watches other namespaces
  | 'service-selector' // the monitor's selector, the Service's selector
  | 'readiness' // pods not running / not ready
  | 'ports' // port names and numbers between monitor, Service and containers
  | 'relabel' // a user (or generated) keep/drop rule
  | 'failed' // target built but invalid after relabeling
  | 'duplicates' // two targets collapsed into one
  | 'ok'; // "why not?" answered with: it is scraped

export type DiagnosisKind =
  // selection.ts
  | 'operator-unmanaged'
  | 'monitor-selector-nil'
  | 'monitor-labels-not-selected'
  | 'monitor-namespace-not-selected'
  | 'monitor-daemonset-mode'
  | 'monitor-rejected'
  | 'monitor-not-selected'
  // namespaces.ts
  | 'job-wrong-namespaces'
  | 'role-selector-matches-nothing'
  | 'nothing-discovered'
  // service-selector.ts
  | 'selector-matches-no-service'
  | 'selector-matches-pod-labels'
  | 'service-selects-no-pods'
  | 'pod-not-selected-by-service'
  // readiness.ts
  | 'pod-not-running'
  | 'pod-not-ready'
  // ports.ts
  | 'port-name-not-in-service'
  | 'target-port-name-not-declared'
  | 'target-port-number-not-declared'
  | 'service-target-port-unresolved'
  // relabel.ts
  | 'relabel-keep-mismatch'
  | 'relabel-drop-match'
  | 'relabel-label-absent'
  | 'sharded-elsewhere'
  // failed.ts
  | 'target-failed'
  // duplicates.ts
  | 'duplicate-target'
  // whynot.ts
  | 'target-active'
  | 'no-job-for-object';

export const FAMILY_OF: Record<DiagnosisKind, DiagnosisFamily> = {
  'operator-unmanaged': 'selection',
  'monitor-selector-nil': 'selection',
  'monitor-labels-not-selected': 'selection',
  'monitor-namespace-not-selected': 'selection',
  'monitor-daemonset-mode': 'selection',
  'monitor-rejected': 'selection',
  'monitor-not-selected': 'selection',
  'job-wrong-namespaces': 'namespaces',
  'role-selector-matches-nothing': 'namespaces',
  'nothing-discovered': 'namespaces',
  'selector-matches-no-service': 'service-selector',
  'selector-matches-pod-labels': 'service-selector',
  'service-selects-no-pods': 'service-selector',
  'pod-not-selected-by-service': 'service-selector',
  'pod-not-running': 'readiness',
  'pod-not-ready': 'readiness',
  'port-name-not-in-service': 'ports',
  'target-port-name-not-declared': 'ports',
  'target-port-number-not-declared': 'ports',
  'service-target-port-unresolved': 'ports',
  'relabel-keep-mismatch': 'relabel',
  'relabel-drop-match': 'relabel',
  'relabel-label-absent': 'relabel',
  'sharded-elsewhere': 'relabel',
  'target-failed': 'failed',
  'duplicate-target': 'duplicates',
  'target-active': 'ok',
  'no-job-for-object': 'selection',
};

/** An object a diagnosis involves, and what part it plays. */
export interface DiagObject {
  kind: string;
  namespace?: string;
  name: string;
  /** e.g. 'monitor', 'owner', 'service', 'pod', 'workload', 'namespace', 'config'. */
  role: string;
  /** Where the object is written (absent for objects the input does not hold). */
  pos?: SourceRange;
  /** A part of the object, e.g. `container audit`. */
  part?: string;
}

/** A field that matters to the diagnosis besides the one to change (e.g. the monitor's targetPort). */
export interface RelatedField {
  /** `VMServiceScrape default/audit endpoints[0].targetPort: 10299`. */
  label: string;
  pos?: SourceRange;
}

/** One textual change: replace `length` characters at `offset` of `file` by `text` (an insert when `length`
 * is 0, a delete when `text` is ""). Offsets are UTF-16 units into the file as the user wrote it; the edits
 * of one suggestion never overlap and all refer to the original text. */
export interface TextEdit {
  file: string;
  offset: number;
  length: number;
  text: string;
  /** Line/column of `offset`, for display. */
  line: number;
  col: number;
}

export interface Suggestion {
  description: string;
  edits: TextEdit[];
  /** The change as the user would type it, e.g. `- containerPort: 10299`. */
  yamlSnippet?: string;
  /** True only when the pipeline, re-run with `edits` applied, produced the expected target(s). */
  verified: boolean;
  /** Active targets the expectation matched after the change (set when verification ran). */
  resultingTargets?: number;
  /** When the change is not enough: the first reason the re-run still reports. */
  afterChange?: string;
}

/** What a keep/drop rule saw and what would have passed it. */
export interface RuleEvidence {
  /** The source labels, joined with the separator (as the rule reads them). */
  sourceLabels: string[];
  /** The value this target gave the rule ("" when the labels are absent). */
  seen: string;
  /** Other values the rule saw in this job / the cluster that pass it (at most a few). */
  passing: string[];
  /** The passing (or literal) value closest to `seen` by edit distance. */
  nearest?: string;
  /** The regex the rule matched against. */
  regex: string;
}

export interface Diagnosis {
  kind: DiagnosisKind;
  family: DiagnosisFamily;
  severity: 'error' | 'warning' | 'info';
  /** A short headline. */
  title: string;
  /** Plain words: what is wrong and what to change. */
  sentence: string;
  objects: DiagObject[];
  /** The field to change (for simulated objects: the workload field they came from). */
  location?: SourceRange;
  /** The same field in words, e.g. `Deployment default/audit spec.template.spec.containers[0].ports`. */
  locationField?: string;
  related?: RelatedField[];
  /** The scraper (RunResult.instances[].name) and job this is about. */
  instance?: string;
  job?: string;
  /** Target id (Target.id) this diagnosis explains. */
  target?: string;
  rule?: RuleRef;
  evidence?: RuleEvidence;
  suggestion?: Suggestion;
  /** Other changes that would also work (each verified on its own). */
  alternatives?: Suggestion[];
  /** The upstream behaviour this reason explains (file → function, and an issue where one is known). */
  upstream: string;
  notes?: string[];
}

export interface DiagnoseOptions {
  /** Re-run the pipeline for every suggestion and mark the ones that yield the target (default true). */
  verify?: boolean;
  /** The options the result was produced with (verification re-runs with the same ones). */
  runOptions?: RunOptions;
  /** Most pipeline re-runs verification may spend (default 40); suggestions beyond stay unverified. */
  maxRuns?: number;
}

export interface WhyNotQuery {
  kind: 'Pod' | 'Service';
  namespace: string;
  name: string;
  /** A container port / Service port: number, or a port name. */
  port?: number | string;
}
