// vmagent `relabel_configs` / `metric_relabel_configs`: yaml.v2 decoding into promrelabel.RelabelConfig
// (config.go: MultiLineRegex, stringValue; if_expression.go: IfExpression.UnmarshalYAML) and the checks of
// parseRelabelConfig, per profile version. Any error refuses the whole config, as vmagent does; the messages
// are vmagent's (the "cannot parse Prometheus config from <file>" head left out).
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { diag, type SourceRange } from '../diagnostics.ts';
import type { Profile } from '../profiles/types.ts';
import type { RelabelRule } from '../relabel/types.ts';
import { graphiteRule } from '../relabel/vmagent/graphite.ts';
import { parseIfExpression } from '../relabel/vmagent/if-expression.ts';
import { compileVmRegex } from '../relabel/vmagent/regex.ts';
import type { VmIfExpression, VmRuleExtras } from '../relabel/vmagent/types.ts';
import { resolvePlain } from '../relabel/yaml-v2.ts';
import type { VmReader } from './vm-read.ts';
import { isNullNode, mapPairs, pairKey, seqItems } from './yaml-nodes.ts';

const RULE_KEYS = ['if', 'action', 'source_labels', 'separator', 'target_label', 'regex', 'modulus', 'replacement', 'match', 'labels'];

export interface VmRelabelOptions {
  /** For messages: the job, and which list this is. */
  jobName: string;
  kind: 'relabel_configs' | 'metric_relabel_configs';
  /** Rules of `global.relabel_configs` (vmagent 1.150), named as such in messages. */
  global?: boolean;
}

/** MultiLineRegex.UnmarshalYAML → stringValue: yaml.v2 resolves plain scalars (ints, floats, bools, null)
 * and vmagent prints them back; lists are joined with `|`. */
function regexText(n: Node | null, r: VmReader): string | undefined {
  if (isSeq(n)) {
    const parts: string[] = [];
    for (const it of seqItems(n)) {
      const p = isNullNode(it) ? 'null' : regexText(it, r);
      if (p === undefined) return undefined;
      parts.push(p);
    }
    return parts.join('|');
  }
  if (isScalar(n)) {
    const text = String(n.value ?? '');
    if (n.type !== 'PLAIN') return text;
    const res = resolvePlain(text);
    switch (res.tag) {
      case '!!null':
        return 'null';
      case '!!bool':
        return /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(text) ? 'true' : 'false';
      case '!!int': {
        const v = res.num as bigint;
        if (v >= 2n ** 63n) {
          r.error(`cannot unmarshal data: unexpected type for \`regex\`: uint64; want string or []string`, r.pos(n));
          return undefined;
        }
        return v.toString();
      }
      case '!!float':
        return formatFloat(res.num as number);
      default:
        return text;
    }
  }
  r.error(`cannot unmarshal data: unexpected type for \`regex\`: map[interface {}]interface {}; want string or []string`, r.pos(n));
  return undefined;
}

/** strconv.FormatFloat(x, 'f', -1, 64). */
function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (Object.is(x, -0)) return '-0';
  const s = String(x);
  if (!/e/.test(s)) return s;
  // Expand exponent notation without losing the shortest digits.
  const [mant, expText] = s.split('e') as [string, string];
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const point = (mant.replace('-', '').indexOf('.') < 0 ? mant.replace('-', '').length : mant.replace('-', '').indexOf('.')) + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}

/** IfExpression.UnmarshalYAML: a string (1.79), or a string or list of strings (1.92+). */
function readIf(n: Node | null, r: VmReader, profile: Profile): VmIfExpression | undefined {
  const list = profile.relabel.ifSelector === 'list';
  let selectors: string[];
  if (isScalar(n)) selectors = [String(n.value ?? '')];
  else if (isSeq(n) && list) {
    selectors = [];
    for (const it of seqItems(n)) {
      if (!isScalar(it)) {
        r.error(`cannot unmarshal data: unexpected \`match\` item type; got ${isMap(it) ? 'map[interface {}]interface {}' : '[]interface {}'}; want string`, r.pos(it));
        return undefined;
      }
      selectors.push(String(it.value ?? ''));
    }
  } else if (list) {
    r.error(`cannot unmarshal data: unexpected \`match\` type; got map[interface {}]interface {}; want string or an array of strings`, r.pos(n));
    return undefined;
  } else {
    const at = r.pos(n);
    r.error(`cannot unmarshal data: cannot unmarshal \`if\` option: yaml: unmarshal errors:\n  line ${at.line}: cannot unmarshal !!${isSeq(n) ? 'seq' : 'map'} into string`, at, isSeq(n) ? ['a list of selectors under `if` needs vmagent 1.92+'] : undefined);
    return undefined;
  }
  const p = parseIfExpression(selectors, profile);
  if (!p.ok) {
    r.error(list ? `cannot unmarshal data: unexpected \`match\` option: ${p.message}` : `cannot unmarshal data: cannot parse \`if\` series selector: ${p.message}`, r.pos(n));
    return undefined;
  }
  return p.value;
}

interface RawRule {
  ifExpr?: VmIfExpression;
  hasIf: boolean;
  action: string;
  sourceLabels: string[] | undefined;
  separator: string | undefined;
  targetLabel: string;
  regex: string | undefined;
  modulus: bigint;
  replacement: string | undefined;
  match: string;
  labels: [string, string][] | undefined;
}

/** Decodes one list item into a RelabelConfig; undefined after a decoding error. */
function decodeRule(item: Node | null, r: VmReader, profile: Profile): RawRule | undefined {
  const before = r.out.length;
  const raw: RawRule = { hasIf: false, action: '', sourceLabels: undefined, separator: undefined, targetLabel: '', regex: undefined, modulus: 0n, replacement: undefined, match: '', labels: undefined };
  if (isNullNode(item)) return raw; // a null item decodes to the zero RelabelConfig
  if (!isMap(item)) {
    r.typeError(item, 'promrelabel.RelabelConfig');
    return undefined;
  }
  r.checkKeys(item, 'promrelabel.RelabelConfig', RULE_KEYS);
  raw.action = r.str(item, 'action');
  raw.sourceLabels = r.strList(item, 'source_labels');
  raw.separator = r.ptrStr(item, 'separator');
  raw.targetLabel = r.str(item, 'target_label');
  raw.replacement = r.ptrStr(item, 'replacement');
  raw.modulus = r.uint64(item, 'modulus');
  raw.match = r.str(item, 'match');
  raw.labels = r.strMap(item, 'labels');
  const re = r.node(item, 'regex');
  if (re !== undefined && !isNullNode(re)) raw.regex = regexText(re, r);
  const cond = r.node(item, 'if');
  if (cond !== undefined && !isNullNode(cond)) {
    raw.hasIf = true;
    raw.ifExpr = readIf(cond, r, profile);
  }
  return r.out.slice(before).some((d) => d.severity === 'error') ? undefined : raw;
}

const q = (s: string): string => JSON.stringify(s);
const qList = (l: string[] | undefined): string => `[${(l ?? []).map(q).join(' ')}]`;

/** parseRelabelConfig's per-action checks (config.go), in vmagent's order. Returns the error text or ''. */
function check(raw: RawRule, action: string, profile: Profile): string {
  const strict = profile.relabel.strictActionFields;
  const src = raw.sourceLabels ?? [];
  const docs = strict ? 'https://docs.victoriametrics.com/victoriametrics/vmagent/#graphite-relabeling' : 'https://docs.victoriametrics.com/vmagent.html#graphite-relabeling';
  switch (action) {
    case 'graphite':
      if (raw.match === '') return `missing \`match\` for \`action=graphite\`; see ${docs}`;
      if (!raw.labels || raw.labels.length === 0) return `missing \`labels\` for \`action=graphite\`; see ${docs}`;
      if (src.length > 0) return `\`source_labels\` cannot be used with \`action=graphite\`; see ${docs}`;
      if (raw.targetLabel !== '') return `\`target_label\` cannot be used with \`action=graphite\`; see ${docs}`;
      if (raw.replacement !== undefined) return `\`replacement\` cannot be used with \`action=graphite\`; see ${docs}`;
      if (raw.regex !== undefined) return `\`regex\` cannot be used ${strict ? 'for' : 'with'} \`action=graphite\`; see ${docs}`;
      return '';
    case 'replace':
      return raw.targetLabel === '' ? 'missing `target_label` for `action=replace`' : '';
    case 'replace_all':
      if (src.length === 0) return 'missing `source_labels` for `action=replace_all`';
      return raw.targetLabel === '' ? 'missing `target_label` for `action=replace_all`' : '';
    case 'keep_if_contains':
    case 'drop_if_contains':
      if (raw.targetLabel === '') return `\`target_label\` must be set for \`action=${action}\``;
      if (src.length === 0) return `\`source_labels\` must contain at least a single entry for \`action=${action}\``;
      return raw.regex !== undefined ? `\`regex\` cannot be used for \`action=${action}\`` : '';
    case 'keep_if_equal':
    case 'drop_if_equal':
      if (src.length < 2) return `\`source_labels\` must contain at least two entries for \`action=${action}\`; got ${qList(raw.sourceLabels)}`;
      if (strict && raw.targetLabel !== '') return `\`target_label\` cannot be used for \`action=${action}\``;
      if (strict && raw.regex !== undefined) return `\`regex\` cannot be used for \`action=${action}\``;
      return '';
    case 'keepequal':
    case 'dropequal':
      if (raw.targetLabel === '') return `missing \`target_label\` for \`action=${action}\``;
      return raw.regex !== undefined ? `\`regex\` cannot be used for \`action=${action}\`` : '';
    case 'keep':
    case 'drop':
      return src.length === 0 && !raw.hasIf ? `missing \`source_labels\` for \`action=${action}\`` : '';
    case 'hashmod':
      if (src.length === 0) return 'missing `source_labels` for `action=hashmod`';
      if (raw.targetLabel === '') return 'missing `target_label` for `action=hashmod`';
      return raw.modulus < 1n ? `unexpected \`modulus\` for \`action=hashmod\`: ${raw.modulus}; must be greater than 0` : '';
    case 'keep_metrics':
    case 'drop_metrics':
      if ((raw.regex === undefined || raw.regex === '') && !raw.hasIf) return `\`regex\` must be non-empty for \`action=${action}\``;
      return src.length > 0 ? `\`source_labels\` must be empty for \`action=${action}\`; got ${qList(raw.sourceLabels)}` : '';
    case 'uppercase':
    case 'lowercase':
      if (src.length === 0) return `missing \`source_labels\` for \`action=${action}\``;
      return raw.targetLabel === '' ? `missing \`target_label\` for \`action=${action}\`` : '';
    case 'labelmap':
    case 'labelmap_all':
    case 'labeldrop':
    case 'labelkeep':
      return '';
    default:
      return `unknown \`action\` ${q(action)}`;
  }
}

/** Parses a vmagent relabel list. Problems become error diagnostics (the config is refused); valid rules are
 * returned so the UI can still show them. */
export function parseVmRelabelConfigs(node: unknown, r: VmReader, profile: Profile, opts: VmRelabelOptions): RelabelRule[] {
  const rules: RelabelRule[] = [];
  if (node === undefined || isNullNode(node)) return rules;
  if (!isSeq(node)) {
    r.typeError(node, '[]promrelabel.RelabelConfig');
    return rules;
  }
  const rp = profile.relabel;
  const listName = opts.global ? `global \`${opts.kind}\`` : `\`${opts.kind}\` for \`job_name\` ${q(opts.jobName)}`;
  seqItems(node).forEach((item, index) => {
    const pos = r.pos(item, r.pos(node));
    const raw = decodeRule(item, r, profile);
    if (!raw) return;
    const fail = (msg: string, notes?: string[]): void => {
      r.out.push(diag('RELABEL_INVALID', 'error', `cannot parse \`scrape_config\`: cannot parse ${listName}: error when parsing \`relabel_config\` #${index + 1}: ${msg}`, pos, notes));
    };
    // The regex compiles first (config.go parseRelabelConfig), anchored unless the action *as written* is
    // replace_all / labelmap_all.
    const re = compileVmRegex(raw.regex, raw.action, profile);
    if (!re.ok) {
      fail(re.message);
      return;
    }
    let action = rp.actionCaseInsensitive ? raw.action.toLowerCase() : raw.action;
    if (action === '') action = 'replace';
    // The action set of this version (a valid name of a later version is "unknown" here).
    const known = rp.actions.includes(action);
    if (!known) {
      const lower = action.toLowerCase();
      const notes: string[] = [];
      if (!rp.actionCaseInsensitive && rp.actions.includes(lower)) {
        notes.push(`vmagent before 1.81 compares action names as written: "${raw.action}" is not "${lower}", so vmagent refuses the whole config and scrapes nothing (operators copy prometheus-operator's capitalised actions verbatim)`);
      } else if (['keepequal', 'dropequal', 'keep_if_contains', 'drop_if_contains'].includes(lower)) {
        notes.push(`${lower} exists since vmagent ${lower.includes('contains') ? '1.96' : '1.86'}; this version refuses the whole config and scrapes nothing`);
      } else notes.push('vmagent refuses the whole config and scrapes nothing');
      fail(`unknown \`action\` ${q(action)}`, notes);
      return;
    }
    const problem = check(raw, action, profile);
    if (problem) {
      fail(problem);
      return;
    }
    let sourceLabels = raw.sourceLabels;
    if (action === 'keep_metrics' || action === 'drop_metrics') {
      sourceLabels = ['__name__'];
      action = action === 'keep_metrics' ? 'keep' : 'drop';
    }
    if (action !== 'graphite') {
      if (raw.match !== '') return fail(`\`match\` config cannot be applied to \`action=${action}\`; it is applied only to \`action=graphite\``);
      if (raw.labels && raw.labels.length > 0) return fail(`\`labels\` config cannot be applied to \`action=${action}\`; it is applied only to \`action=graphite\``);
    }
    const replacement = raw.replacement ?? '$1';
    const vm: VmRuleExtras = {
      matcher: re.re.matcher,
      original: re.re.original,
      prefix: re.re.prefix,
      prefixComplete: re.re.prefixComplete,
      originalText: re.re.originalText,
      defaultRegexObject: re.re.defaultObject,
      hasDollarInTarget: raw.targetLabel.includes('$'),
      hasDollarInReplacement: replacement.includes('$'),
      hasLabelRefs: replacement.includes('{{'),
    };
    if (raw.ifExpr) vm.if = raw.ifExpr;
    if (action === 'graphite') vm.graphite = graphiteRule(raw.match, raw.labels ?? []);
    const fieldPos: Partial<Record<string, SourceRange>> = {};
    for (const p of mapPairs(item)) fieldPos[pairKey(p)] = r.pos(p.value ?? p.key);
    const rule: RelabelRule = {
      index,
      action,
      sourceLabels,
      separator: raw.separator ?? ';',
      regex: re.re.anchored,
      regexText: raw.regex ?? '(.*)',
      regexIsDefault: re.re.defaultObject,
      modulus: Number(raw.modulus),
      targetLabel: raw.targetLabel,
      replacement,
      pos,
      fieldPos,
      vm,
    };
    if (raw.modulus > BigInt(Number.MAX_SAFE_INTEGER)) rule.modulusBig = raw.modulus;
    rules.push(rule);
  });
  return rules;
}
