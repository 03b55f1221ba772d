// Parsing a `relabel_configs` sequence the way Prometheus loads it: yaml.v2 UnmarshalStrict
// into relabel.Config (defaults from DefaultRelabelConfig, unknown or repeated keys
// rejected, scalars kept as source text), then Config.Validate. Every problem becomes a
// RELABEL_INVALID diagnostic with Prometheus' own text; a broken rule is left out and the
// others are still parsed, so one pass reports everything.
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { diag, type Diagnostic, type SourceRange } from '../diagnostics.ts';
import type { Profile } from '../profiles/types.ts';
import { goQuote } from '../relabel/goquote.ts';
import { isValidLabelName } from '../relabel/names.ts';
import { compileRegex, mustCompile } from '../relabel/regex.ts';
import { PROM_RELABEL_ACTIONS, type CompiledRegex, type NameValidation, type RelabelRule } from '../relabel/types.ts';
import { validateRule } from '../relabel/validate.ts';
import { decodeUint64, resolvePlain, typeErrorText } from '../relabel/yaml-v2.ts';
import { isNullNode, mapPairs, pairKey, rangeOf, seqItems, type YamlSource } from './yaml-nodes.ts';

export interface RelabelParseOptions {
  /** The job's metric_name_validation_scheme (3.x); defaults to the profile's. */
  nameValidation?: NameValidation;
  /** Which list this is, for the null-entry message. Default 'target'. */
  kind?: 'target' | 'metric';
}

const KNOWN = new Set(['source_labels', 'separator', 'regex', 'modulus', 'target_label', 'replacement', 'action']);
const ACTIONS = new Set<string>(PROM_RELABEL_ACTIONS);

/** yaml.v2 skips a custom unmarshaler for these (decoder.prepare), leaving the Go zero value. */
function v2PrepareNull(n: unknown): boolean {
  if (n === null || n === undefined) return true;
  if (!isScalar(n)) return false;
  const v = String(n.value ?? '');
  return v === 'null' || v === '~' || (v === '' && n.type === 'PLAIN');
}

/** Any null spelling for a plain string field (resolve() gives nil, the field gets ""). */
function plainNull(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && n.type === 'PLAIN' && resolvePlain(String(n.value ?? '')).tag === '!!null');
}

class RuleReader {
  readonly diags: Diagnostic[] = [];
  constructor(readonly src: YamlSource) {}

  pos(n: unknown, fallback?: SourceRange): SourceRange {
    return n && typeof n === 'object' && 'range' in n ? rangeOf(this.src, n as Node) : (fallback ?? rangeOf(this.src, null));
  }

  err(message: string, at: SourceRange): void {
    this.diags.push(diag('RELABEL_INVALID', 'error', message, at));
  }

  /** A yaml.v2 TypeError line: "line N: cannot unmarshal …". */
  typeErr(n: unknown, into: string, at: SourceRange): void {
    this.err(`line ${at.line}: ${typeErrorText(n, into)}`, at);
  }

  /** A string field; undefined after reporting a type error. */
  str(n: unknown, at: SourceRange): string | undefined {
    if (plainNull(n)) return '';
    if (isScalar(n)) return String(n.value ?? '');
    if (isAlias(n)) {
      // parseConfig resolved every alias it could (yaml-nodes.ts resolveAliases); this one names no anchor before it.
      this.err(`yaml: unknown anchor '${n.source}' referenced`, at);
      return undefined;
    }
    this.typeErr(n, 'string', at);
    return undefined;
  }
}

export function parseRelabelConfigs(
  node: unknown,
  src: YamlSource,
  profile: Profile,
  opts?: RelabelParseOptions,
): { rules: RelabelRule[]; diagnostics: Diagnostic[] } {
  const rules: RelabelRule[] = [];
  const r = new RuleReader(src);
  if (isNullNode(node)) return { rules, diagnostics: r.diags };
  const listPos = r.pos(node);
  if (!isSeq(node)) {
    r.typeErr(node, '[]*relabel.Config', listPos);
    return { rules, diagnostics: r.diags };
  }
  seqItems(node).forEach((item, index) => {
    const rule = parseRule(item, index, r, profile, opts, listPos);
    if (rule) rules.push(rule);
  });
  return { rules, diagnostics: r.diags };
}

function parseRule(item: unknown, index: number, r: RuleReader, profile: Profile, opts: RelabelParseOptions | undefined, listPos: SourceRange): RelabelRule | undefined {
  const pos = r.pos(item, listPos);
  if (plainNull(item)) {
    // ScrapeConfig.Validate: a nil *relabel.Config in the list.
    r.err(`empty or null ${opts?.kind === 'metric' ? 'metric' : 'target'} relabeling rule in scrape config`, pos);
    return undefined;
  }
  if (!isMap(item)) {
    r.typeErr(item, 'relabel.plain', pos);
    return undefined;
  }
  const rp = profile.relabel;
  const before = r.diags.length;
  const fieldPos: Partial<Record<string, SourceRange>> = {};
  let action = 'replace';
  let sourceLabels: string[] | undefined;
  let separator = ';';
  let regexText = '(.*)';
  let regexIsDefault = true;
  let regex: CompiledRegex | undefined;
  let modulus = 0n;
  let targetLabel = '';
  let replacement = '$1';
  const seen = new Set<string>();

  for (const pair of mapPairs(item)) {
    const key = pairKey(pair);
    const keyPos = r.pos(pair.key);
    const v = pair.value;
    if (!KNOWN.has(key)) {
      r.err(`line ${keyPos.line}: field ${key} not found in type relabel.plain`, keyPos);
      continue;
    }
    if (seen.has(key)) {
      r.err(`line ${keyPos.line}: field ${key} already set in type relabel.plain`, keyPos);
      continue;
    }
    seen.add(key);
    const at = v ? r.pos(v) : keyPos;
    fieldPos[key] = at;
    switch (key) {
      case 'source_labels':
        sourceLabels = readSourceLabels(v, r, at, rp.defaultNameValidation) ?? sourceLabels;
        break;
      case 'separator':
        separator = r.str(v, at) ?? separator;
        break;
      case 'target_label':
        targetLabel = r.str(v, at) ?? targetLabel;
        break;
      case 'replacement':
        replacement = r.str(v, at) ?? replacement;
        break;
      case 'modulus': {
        const m = decodeUint64(v);
        if (m === null) r.typeErr(v, 'uint64', at);
        else modulus = m;
        break;
      }
      case 'regex': {
        // A null regex leaves Regexp nil, which Config.UnmarshalYAML turns into the empty regex.
        const text = v2PrepareNull(v) ? '' : r.str(v, at);
        if (text === undefined) break;
        regexIsDefault = false;
        regexText = text;
        const c = compileRegex(text, profile);
        if (c.ok) regex = c.re;
        else r.err(c.message, at);
        break;
      }
      case 'action': {
        if (v2PrepareNull(v)) {
          action = '';
          break;
        }
        const s = r.str(v, at);
        if (s === undefined) break;
        const a = rp.actionCaseInsensitive ? s.toLowerCase() : s;
        if (ACTIONS.has(a)) action = a;
        else r.err(`unknown relabel action ${goQuote(s)}`, at);
        break;
      }
    }
  }
  if (r.diags.length > before) return undefined;

  // 2.42 validated against the global (legacy) scheme; 3.x against the job's.
  const scheme: NameValidation = rp.caseActionsDollarAwareCheck ? rp.defaultNameValidation : (opts?.nameValidation ?? rp.defaultNameValidation);
  const problem = validateRule(
    { action, modulus, targetLabel, replacement, separator, regexIsDefault, sourceLabelsSet: sourceLabels !== undefined },
    scheme,
    rp,
  );
  if (problem) {
    r.err(problem.message, (problem.field && fieldPos[problem.field]) || pos);
    return undefined;
  }
  const big = modulus > BigInt(Number.MAX_SAFE_INTEGER);
  const rule: RelabelRule = {
    index,
    action,
    sourceLabels,
    separator,
    regex: regex ?? mustCompile('(.*)', profile),
    regexText,
    regexIsDefault,
    modulus: Number(modulus),
    targetLabel,
    replacement,
    nameValidation: scheme,
    pos,
    fieldPos,
  };
  if (big) rule.modulusBig = modulus;
  return rule;
}

/** `source_labels` (model.LabelNames): each name is checked by LabelName.UnmarshalYAML against the
 * global scheme (UTF-8 in 3.x, legacy in 2.x). A null item is a zero LabelName, never checked. */
function readSourceLabels(v: unknown, r: RuleReader, at: SourceRange, scheme: NameValidation): string[] | undefined {
  if (plainNull(v)) return undefined;
  if (!isSeq(v)) {
    r.typeErr(v, 'model.LabelNames', at);
    return undefined;
  }
  const out: string[] = [];
  for (const it of seqItems(v)) {
    const ip = r.pos(it, at);
    if (v2PrepareNull(it)) {
      out.push('');
      continue;
    }
    const s = r.str(it, ip);
    if (s === undefined) continue;
    if (!isValidLabelName(s, scheme)) {
      r.err(`${goQuote(s)} is not a valid label name`, ip);
      continue;
    }
    out.push(s);
  }
  return out;
}
