// What a vmagent relabel rule carries besides the fields it shares with Prometheus' (relabel/types.ts):
// lib/promrelabel parsedRelabelConfig's extra state.
import type { CompiledRegex } from '../types.ts';
import type { LabelAccess } from '../builder.ts';

/** A regex as vmagent matches it in keep/drop/labelkeep/labeldrop/`if` (relabel.go matchString at 1.79,
 * regexutil.PromRegex in newer versions). */
export interface VmMatcher {
  test(s: string): boolean;
}

/** The `if:` filter: a series selector, or (1.92+) a list of them; it matches when any alternative matches. */
export interface VmIfExpression {
  /** The selector text(s) as written. */
  text: string;
  match(ll: LabelAccess): boolean;
}

/** `action: graphite`: the `match` glob and the `labels` templates (graphite.go). */
export interface VmGraphite {
  match: (name: string) => string[] | null;
  labels: { target: string; expand: (matches: string[]) => string }[];
}

export interface VmRuleExtras {
  if?: VmIfExpression;
  /** keep/drop/labelkeep/labeldrop matching. */
  matcher: VmMatcher;
  /** regexOriginal: the unanchored regex (replace_all, labelmap_all, labelmap's fast paths). */
  original: CompiledRegex;
  /** Go Regexp.LiteralPrefix() of `original`, and the text `original.String()` returns. */
  prefix: string;
  prefixComplete: boolean;
  originalText: string;
  /** The anchored regex is vmagent's default object `^(.*)$` (regex not written, or newest isDefaultRegex). */
  defaultRegexObject: boolean;
  hasDollarInTarget: boolean;
  hasDollarInReplacement: boolean;
  /** `{{` in replacement (newest fills label references). */
  hasLabelRefs: boolean;
  graphite?: VmGraphite;
}
