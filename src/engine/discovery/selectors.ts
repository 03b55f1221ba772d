// Kubernetes label selectors (apimachinery labels.Parse, Requirement.Matches) as the API server
// applies them to `kubernetes_sd_configs[].selectors`; field selectors live in fields.ts and are
// re-exported here. Not Prometheus code: Prometheus only forwards the strings to list/watch.
export { matchFieldSelector, parseFieldSelector, validateFieldSelector, type FieldSelector, type FieldTerm } from './fields.ts';

/** Label requirement operators; `!` is "does not exist", `gt`/`lt` compare integers. */
export type LabelOp = 'exists' | '!' | '=' | '==' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

/** One comma-separated term of a label selector. */
export interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}

/** A parsed label selector: every requirement must match (comma = AND). Empty = everything. */
export interface LabelSelector {
  text: string;
  requirements: LabelRequirement[];
}

/** A parse result: the selector, or the API server's error text. */
export type Parsed<T> = { ok: true; sel: T } | { ok: false; message: string };

type Tok = { t: 'id' | 'op' | 'end'; v: string };
const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const OPERATORS = new Set(['!', '!=', '(', ')', ',', '=', '==', '>', '<']);
const WS = new Set([' ', '\t', '\r', '\n']);

/** apimachinery's selector lexer: identifiers run until whitespace or a special symbol; a run of special
 * symbols is split into the longest known operators. */
function lex(text: string): Tok[] | string {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (WS.has(c)) {
      i++;
      continue;
    }
    if (SPECIAL.has(c)) {
      let buf = '';
      let last = '';
      while (i < text.length && SPECIAL.has(text[i] as string)) {
        if (OPERATORS.has(buf + text[i])) {
          buf += text[i];
          last = buf;
          i++;
        } else if (last) break;
        else {
          buf += text[i];
          i++;
        }
      }
      if (!last) return `error expected: keyword found '${buf}'`;
      out.push({ t: 'op', v: last });
      continue;
    }
    let j = i;
    while (j < text.length && !WS.has(text[j] as string) && !SPECIAL.has(text[j] as string)) j++;
    out.push({ t: 'id', v: text.slice(i, j) });
    i = j;
  }
  out.push({ t: 'end', v: '' });
  return out;
}

/** Parses a Kubernetes label selector (`k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`,
 * `k>1`, `k<1`), with the API server's key/value validation. */
export function parseLabelSelector(text: string): Parsed<LabelSelector> {
  const toks = lex(text);
  if (typeof toks === 'string') return { ok: false, message: `unable to parse requirement: ${toks}` };
  let p = 0;
  const peek = (): Tok => toks[p] as Tok;
  const next = (): Tok => toks[p++] as Tok;
  const reqs: LabelRequirement[] = [];
  const fail = (m: string): Parsed<LabelSelector> => ({ ok: false, message: m });
  for (;;) {
    const t = peek();
    if (t.t === 'end') return { ok: true, sel: { text, requirements: reqs } };
    if (t.t !== 'id' && t.v !== '!') return fail(`found '${t.v}', expected: !, identifier, or 'end of string'`);
    const r = parseRequirement(next, peek);
    if (typeof r === 'string') return fail(`unable to parse requirement: ${r}`);
    reqs.push(r);
    const after = next();
    if (after.t === 'end') return { ok: true, sel: { text, requirements: reqs } };
    if (after.v !== ',' || after.t !== 'op') return fail(`found '${after.v}', expected: ',' or 'end of string'`);
    const n = peek();
    if (n.t !== 'id' && n.v !== '!') return fail(`found '${n.v}', expected: identifier after ','`);
  }
}

function parseRequirement(next: () => Tok, peek: () => Tok): LabelRequirement | string {
  let t = next();
  let op: LabelOp | undefined;
  if (t.t === 'op' && t.v === '!') {
    op = '!';
    t = next();
  }
  if (t.t !== 'id') return `found '${t.v}', expected: identifier`;
  const key = t.v;
  const keyErr = validateLabelKey(key);
  if (keyErr) return keyErr;
  const la = peek();
  if (op === '!' || la.t === 'end' || (la.t === 'op' && la.v === ',')) return { key, op: op ?? 'exists', values: [] };
  const o = next();
  const opMap: Record<string, LabelOp> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' };
  const parsedOp = opMap[o.v];
  if (!parsedOp || (o.t === 'id' && o.v !== 'in' && o.v !== 'notin')) return `found '${o.v}', expected: in, notin, =, ==, !=, gt, lt`;
  const values = parsedOp === 'in' || parsedOp === 'notin' ? parseValueSet(next, peek) : parseExactValue(next, peek);
  if (typeof values === 'string') return values;
  return newRequirement(key, parsedOp, values);
}

function parseValueSet(next: () => Tok, peek: () => Tok): string[] | string {
  const open = next();
  if (open.v !== '(' || open.t !== 'op') return `found '${open.v}' expected: '('`;
  const set = new Set<string>();
  const first = peek();
  if (first.t === 'op' && first.v === ')') {
    next();
    return [''];
  }
  if (first.t !== 'id' && first.v !== ',') return `found '${first.v}', expected: ',', ')' or identifier`;
  for (;;) {
    const t = next();
    if (t.t === 'id') {
      set.add(t.v);
      const la = peek();
      if (la.t === 'op' && la.v === ',') continue;
      if (la.t === 'op' && la.v === ')') break;
      return `found '${la.v}', expected: ',' or ')'`;
    }
    if (t.t === 'op' && t.v === ',') {
      if (set.size === 0) set.add(''); // "(,": an empty value
      const la = peek();
      if (la.t === 'op' && la.v === ')') {
        set.add(''); // ",)"
        break;
      }
      if (la.t === 'op' && la.v === ',') {
        next();
        set.add(''); // ",,"
      }
      continue;
    }
    return `found '${t.v}', expected: ',', or identifier`;
  }
  const close = next();
  if (close.v !== ')') return `found '${close.v}', expected: ')'`;
  return [...set].sort();
}

function parseExactValue(next: () => Tok, peek: () => Tok): string[] | string {
  const la = peek();
  if (la.t === 'end' || (la.t === 'op' && la.v === ',')) return [''];
  const t = next();
  if (t.t === 'id') return [t.v];
  return `found '${t.v}', expected: identifier`;
}

/** labels.NewRequirement: operator arity and the key/value syntax rules. */
function newRequirement(key: string, op: LabelOp, values: string[]): LabelRequirement | string {
  if ((op === 'gt' || op === 'lt') && (values.length !== 1 || parseInt64(values[0] as string) === undefined)) {
    return `for 'Gt', 'Lt' operators, the value must be an integer`;
  }
  for (const v of values) {
    const e = validateLabelValue(key, v);
    if (e) return e;
  }
  return { key, op, values };
}

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** validation.IsQualifiedName: `[prefix/]name`, name ≤ 63 alphanumerics plus `-_.` inside, prefix a DNS subdomain. */
function validateLabelKey(key: string): string | undefined {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (!prefix) return `invalid label key "${key}": prefix part must be non-empty`;
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return `invalid label key "${key}": prefix part must be a lowercase RFC 1123 subdomain`;
  } else if (parts.length > 2) {
    return `invalid label key "${key}": a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/'`;
  }
  if (!name) return `invalid label key "${key}": name part must be non-empty`;
  if (name.length > 63) return `invalid label key "${key}": name part must be no more than 63 characters`;
  if (!NAME_RE.test(name)) return `invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  return undefined;
}

function validateLabelValue(key: string, v: string): string | undefined {
  if (v === '') return undefined;
  if (v.length > 63) return `invalid label value: "${v}": at key: "${key}": must be no more than 63 characters`;
  if (!NAME_RE.test(v)) return `invalid label value: "${v}": at key: "${key}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  return undefined;
}

/** Go strconv.ParseInt(s, 10, 64). */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** labels.Requirement.Matches for every requirement; `!=` and `notin` also match an absent label. */
export function matchLabelSelector(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const ls = labels ?? {};
  return sel.requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(ls, r.key);
    const v = has ? (ls[r.key] as string) : '';
    switch (r.op) {
      case 'exists':
        return has;
      case '!':
        return !has;
      case '=':
      case '==':
      case 'in':
        return has && r.values.includes(v);
      case '!=':
      case 'notin':
        return !has || !r.values.includes(v);
      case 'gt':
      case 'lt': {
        const a = has ? parseInt64(v) : undefined;
        const b = parseInt64(r.values[0] ?? '');
        if (a === undefined || b === undefined) return false;
        return r.op === 'gt' ? a > b : a < b;
      }
    }
  });
}
