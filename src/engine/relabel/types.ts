// The relabel rule after parsing (config/relabel-config.ts) and the result of running a
// list of rules over one label set (apply.ts). Field names follow Prometheus'
// relabel.Config (model/relabel/relabel.go) so a reader can map one onto the other.
import type { SourceRange } from '../diagnostics.ts';
import type { Labels } from '../labels.ts';
import type { RuleOrigin, TraceStep } from '../trace.ts';
import type { VmRuleExtras } from './vmagent/types.ts';

export type PromRelabelAction =
  | 'replace'
  | 'keep'
  | 'drop'
  | 'keepequal'
  | 'dropequal'
  | 'hashmod'
  | 'labelmap'
  | 'labeldrop'
  | 'labelkeep'
  | 'lowercase'
  | 'uppercase';

export const PROM_RELABEL_ACTIONS: readonly PromRelabelAction[] = [
  'replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase', 'keepequal', 'dropequal',
];

export type NameValidation = 'utf8' | 'legacy';

/** A regex compiled the way Prometheus does it: the user's text wrapped as `prefix + text + suffix`
 * (textually, so unbalanced input can escape the anchors), Go RE2 syntax and semantics. */
export interface CompiledRegex {
  /** The user's text (what `Regexp.String()` shows). */
  readonly text: string;
  /** The wrapped text that was compiled. */
  readonly source: string;
  /** Number of capture groups (Go `NumSubexp`). */
  readonly numSubexp: number;
  /** Go `SubexpNames`: index 0 is "", unnamed groups are "". Duplicate names are allowed (as in Go). */
  readonly subexpNames: readonly string[];
  /** Go `MatchString`: an unanchored search over the wrapped pattern. */
  test(s: string): boolean;
  /** Go `FindStringSubmatch`: [whole, g1, …], `undefined` for a group that took no part; null = no match. */
  exec(s: string): (string | undefined)[] | null;
  /** Go `FindStringSubmatchIndex` starting the search at `from` (UTF-16 offsets; -1 for unset groups). */
  execIndex(s: string, from: number): number[] | null;
}

export interface RelabelRule {
  /** 0-based position in the list. */
  index: number;
  /** Normalized (lowercased) action name. Open string so other engines can add their own actions. */
  action: string;
  /** undefined = `source_labels` not written (matters for labeldrop/labelkeep validation). */
  sourceLabels: string[] | undefined;
  separator: string;
  regex: CompiledRegex;
  regexText: string;
  /** True when `regex` was not written: Prometheus compares against the default regex *object*
   * (replace fast path, keepequal/dropequal validation), so an explicit `(.*)` is not default. */
  regexIsDefault: boolean;
  modulus: number;
  /** Set when `modulus` does not fit a JS number exactly (Go uint64). */
  modulusBig?: bigint;
  targetLabel: string;
  replacement: string;
  /** The label-name scheme the rule validates with at runtime (`replace` target). Defaults to the profile's. */
  nameValidation?: NameValidation;
  /** The rule (sequence item) position. */
  pos: SourceRange;
  /** Per-key value positions, e.g. fieldPos.regex. */
  fieldPos: Partial<Record<string, SourceRange>>;
  origin?: RuleOrigin;
  /** vmagent rules only (config/relabel-config-vmagent.ts): `if`, graphite and vmagent's matching state. */
  vm?: VmRuleExtras;
}

export interface RelabelResult {
  /** The labels after the rules. When no rule changed anything this is the input object itself: treat as read-only. */
  labels: Labels;
  dropped: boolean;
  droppedBy?: RelabelRule;
  steps?: TraceStep[];
}
