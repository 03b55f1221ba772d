// Structured Kubernetes label selectors (metav1.LabelSelector: matchLabels + matchExpressions):
// validation as metav1.LabelSelectorAsSelector does it (the operators reject monitors whose selector
// fails it), matching against labels, and the canonical string form (`k=v,k2 in (a,b),!k3`) the
// operators put into kubernetes_sd_configs.selectors.
import { isObj, type Obj } from './values.ts';

export interface Requirement {
  key: string;
  operator: string;
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: Requirement[];
}

/** Reads a selector field. `null`/absent → undefined (the Go nil selector). */
export function readSelector(v: unknown): LabelSelector | undefined {
  if (!isObj(v)) return undefined;
  const matchLabels: Record<string, string> = {};
  if (isObj(v.matchLabels)) {
    for (const [k, val] of Object.entries(v.matchLabels)) matchLabels[k] = val === null ? '' : String(val);
  }
  const matchExpressions: Requirement[] = [];
  if (Array.isArray(v.matchExpressions)) {
    for (const e of v.matchExpressions) {
      const o: Obj = isObj(e) ? e : {};
      matchExpressions.push({
        key: typeof o.key === 'string' ? o.key : String(o.key ?? ''),
        operator: typeof o.operator === 'string' ? o.operator : String(o.operator ?? ''),
        values: Array.isArray(o.values) ? o.values.map((x) => (typeof x === 'string' ? x : String(x))) : [],
      });
    }
  }
  return { matchLabels, matchExpressions };
}

export const EMPTY_SELECTOR: LabelSelector = { matchLabels: {}, matchExpressions: [] };

export const isEmptySelector = (s: LabelSelector): boolean => Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0;

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** validation.IsQualifiedName: "[prefix/]name". */
function keyError(key: string): string | undefined {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const [prefix, n] = parts as [string, string];
    if (!prefix) return `key: Invalid value: "${key}": prefix part must be non-empty`;
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return `key: Invalid value: "${key}": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
    name = n;
  } else if (parts.length > 2) {
    return `key: Invalid value: "${key}": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/'`;
  }
  if (!name) return `key: Invalid value: "${key}": name part must be non-empty`;
  if (name.length > 63) return `key: Invalid value: "${key}": name part must be no more than 63 characters`;
  if (!NAME.test(name)) return `key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  return undefined;
}

/** validation.IsValidLabelValue. */
function valueError(v: string): string | undefined {
  if (v === '') return undefined;
  if (v.length > 63) return `values[0]: Invalid value: "${v}": must be no more than 63 characters`;
  if (!NAME.test(v)) return `values[0]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  return undefined;
}

const OPS: Record<string, string> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** The error metav1.LabelSelectorAsSelector returns, or undefined when the selector converts. */
export function selectorError(s: LabelSelector): string | undefined {
  for (const [k, v] of Object.entries(s.matchLabels)) {
    const e = keyError(k) ?? valueError(v);
    if (e) return e;
  }
  for (const r of s.matchExpressions) {
    const op = OPS[r.operator];
    if (!op) return `"${r.operator}" is not a valid label selector operator`;
    const e = keyError(r.key);
    if (e) return e;
    if ((op === 'in' || op === 'notin') && r.values.length === 0) return `values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty`;
    if ((op === 'exists' || op === '!') && r.values.length > 0) return `values: Invalid value: ${JSON.stringify(r.values)}: values set must be empty for exists and does not exist`;
    for (const v of r.values) {
      const ve = valueError(v);
      if (ve) return ve;
    }
  }
  return undefined;
}

/** Kubernetes semantics: every matchLabels pair and every expression must hold. */
export function matchSelector(s: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(s.matchLabels)) if (l[k] !== v) return false;
  for (const r of s.matchExpressions) {
    const present = Object.prototype.hasOwnProperty.call(l, r.key);
    const val = l[r.key];
    switch (r.operator) {
      case 'In':
        if (!present || !r.values.includes(val as string)) return false;
        break;
      case 'NotIn':
        if (present && r.values.includes(val as string)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** labels.Selector.String() of LabelSelectorAsSelector: requirements sorted by key (stable; matchLabels
 * first), In/NotIn values sorted. */
export function selectorString(s: LabelSelector): string {
  const reqs: { key: string; text: string }[] = [];
  for (const k of Object.keys(s.matchLabels)) reqs.push({ key: k, text: `${k}=${s.matchLabels[k]}` });
  for (const r of s.matchExpressions) {
    const vals = [...r.values].sort().join(',');
    const text = r.operator === 'In' ? `${r.key} in (${vals})` : r.operator === 'NotIn' ? `${r.key} notin (${vals})` : r.operator === 'Exists' ? r.key : `!${r.key}`;
    reqs.push({ key: r.key, text });
  }
  // matchLabels come from a Go map (random order) but keys are unique there; sort them first.
  const ml = reqs.slice(0, Object.keys(s.matchLabels).length).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const all = [...ml, ...reqs.slice(ml.length)];
  return all
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i))
    .map(({ r }) => r.text)
    .join(',');
}

/** One line for messages: `{group: group1}`, `{}`, `{app In [a b]}`. */
export function describeSelector(s: LabelSelector | undefined): string {
  if (!s) return 'nil';
  const parts = Object.entries(s.matchLabels).map(([k, v]) => `${k}: ${v}`);
  for (const r of s.matchExpressions) parts.push(`${r.key} ${r.operator}${r.values.length ? ' [' + r.values.join(' ') + ']' : ''}`);
  return `{${parts.join(', ')}}`;
}
