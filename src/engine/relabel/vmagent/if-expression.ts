// The `if:` option of vmagent relabel rules (lib/promrelabel/if_expression.go): a MetricsQL series selector
// `metric{label op "value", …}` with ops = != =~ !~; since v1.92.0 a rule may list several selectors (any
// one matching is enough) and `{a="b" or c="d"}` groups alternatives inside one selector. The selector parser
// below covers what metricsql.Parse accepts for a lone series selector (names, the four operators, single,
// double and back-quoted strings, a trailing comma, `or`); anything else is refused with a message in the
// spirit of metricsql's (the exact texts of metricsql's lexer are not reproduced).
import type { Profile } from '../../profiles/types.ts';
import type { LabelAccess } from '../builder.ts';
import { anchoredGo, promRegex } from './regex.ts';
import type { VmIfExpression, VmMatcher } from './types.ts';

interface Filter {
  label: string; // "" for __name__ (toCanonicalLabelName)
  op: '=' | '!=' | '=~' | '!~';
  value: string;
  re?: VmMatcher;
}

type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

const isIdentStart = (c: string): boolean => /[A-Za-z_:]/.test(c) || c === '\\';
const isIdentChar = (c: string): boolean => /[A-Za-z0-9_:.]/.test(c) || c === '\\';

class Lexer {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i] as string;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '#') {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      } else break;
    }
  }
  peek(): string {
    this.ws();
    return this.s[this.i] ?? '';
  }
  ident(): string | null {
    this.ws();
    if (!isIdentStart(this.s[this.i] ?? '')) return null;
    let out = '';
    while (this.i < this.s.length && isIdentChar(this.s[this.i] as string)) {
      if (this.s[this.i] === '\\') {
        out += this.s[this.i + 1] ?? '';
        this.i += 2;
      } else out += this.s[this.i++];
    }
    return out;
  }
  string(): string | null {
    this.ws();
    const q = this.s[this.i];
    if (q !== '"' && q !== "'" && q !== '`') return null;
    let j = this.i + 1;
    let out = '';
    while (j < this.s.length && this.s[j] !== q) {
      const c = this.s[j] as string;
      if (c === '\\' && q !== '`') {
        const n = this.s[j + 1] ?? '';
        const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
        if (n in esc) {
          out += esc[n];
          j += 2;
          continue;
        }
        if (n === 'x' || n === 'u' || n === 'U') {
          const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
          const hex = this.s.slice(j + 2, j + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return null;
          out += String.fromCodePoint(parseInt(hex, 16));
          j += 2 + len;
          continue;
        }
        return null;
      }
      out += c;
      j++;
    }
    if (j >= this.s.length) return null;
    this.i = j + 1;
    return out;
  }
  op(): Filter['op'] | null {
    this.ws();
    for (const o of ['=~', '!~', '!=', '='] as const) {
      if (this.s.startsWith(o, this.i)) {
        this.i += o.length;
        return o;
      }
    }
    return null;
  }
}

/** Parses one series selector into its `or` groups of filters. */
function parseSelector(s: string): ParseResult<Filter[][]> {
  const lx = new Lexer(s);
  const fail = (m: string): ParseResult<Filter[][]> => ({ ok: false, message: `${m}; unparsed data: ${JSON.stringify(s.slice(lx.i))}` });
  if (lx.peek() === '') return { ok: false, message: 'cannot find the first token: empty selector' };
  const name = lx.ident();
  const groups: Filter[][] = [];
  let cur: Filter[] = [];
  if (name !== null) {
    if (name === 'or' || name === 'and' || name === 'unless') return fail(`unexpected token ${JSON.stringify(name)}`);
    cur.push({ label: '', op: '=', value: name });
  }
  if (lx.peek() === '{') {
    lx.i++;
    for (;;) {
      const c = lx.peek();
      if (c === '}') {
        lx.i++;
        break;
      }
      const label = lx.ident();
      if (label === null) return fail(`labelFilterExpr: unexpected token ${JSON.stringify(c)}; want "ident"`);
      const op = lx.op();
      if (op === null) return fail(`labelFilterExpr: unexpected token ${JSON.stringify(lx.peek())}; want "=", "!=", "=~", "!~"`);
      const value = lx.string();
      if (value === null) return fail(`stringExpr: unexpected token ${JSON.stringify(lx.peek())}; want "string"`);
      cur.push({ label: label === '__name__' ? '' : label, op, value });
      const sep = lx.peek();
      if (sep === ',') {
        lx.i++;
        continue;
      }
      if (sep === '}') continue;
      const save = lx.i;
      if (lx.ident() === 'or') {
        groups.push(cur);
        cur = name !== null ? [{ label: '', op: '=', value: name }] : [];
        continue;
      }
      lx.i = save;
      return fail(`labelFilters: unexpected token ${JSON.stringify(sep)}; want ",", "}"`);
    }
  } else if (name === null) {
    return fail(`unexpected token ${JSON.stringify(lx.peek())}`);
  }
  if (lx.peek() !== '') {
    const rest = s.slice(lx.i).trim();
    return { ok: false, message: /^[[@]|^offset\b/.test(rest) ? `expecting series selector; got ${JSON.stringify(s.trim())}` : `unparsed data left: ${JSON.stringify(rest)}` };
  }
  groups.push(cur);
  return { ok: true, value: groups };
}

/** labelFilter.match: a filter on a label that is absent behaves as if the value were "". */
function matchFilter(f: Filter, ll: LabelAccess): boolean {
  const name = f.label === '' ? '__name__' : f.label;
  const v = ll.get(name);
  switch (f.op) {
    case '=':
      return v === f.value;
    case '!=':
      return v !== f.value;
    case '=~':
      return (f.re as VmMatcher).test(v);
    case '!~':
      return !(f.re as VmMatcher).test(v);
  }
}

export interface IfParseOptions {
  /** Whether `{a="b" or c="d"}` is accepted (metricsql with LabelFilterss, vmagent 1.92+). */
  orGroups: boolean;
}

/** Parses the selectors of one `if:` (one string, or the items of a list). */
export function parseIfExpression(selectors: string[], profile: Profile): ParseResult<VmIfExpression> {
  const alts: Filter[][] = [];
  for (const s of selectors) {
    const p = parseSelector(s);
    if (!p.ok) return p;
    if (p.value.length > 1 && profile.relabel.ifSelector !== 'list') {
      return { ok: false, message: `labelFilters: unexpected token "or"; want ",", "}" (\`or\` inside a selector needs vmagent 1.92+)` };
    }
    for (const group of p.value) {
      for (const f of group) {
        if (f.op !== '=~' && f.op !== '!~') continue;
        if (profile.relabel.regexMatch === 'vm-promregex') {
          const c = anchoredGo(f.value, profile);
          if (!c.ok) return { ok: false, message: `cannot parse regexp for ${f.label || '__name__'}${f.op}${JSON.stringify(f.value)}: ${c.message}` };
          f.re = promRegex(f.value, profile);
        } else {
          // 1.79: regexp.Compile("^(?:" + value + ")$"), Go semantics (no newline in `.`).
          const c = anchoredGo(f.value, profile);
          if (!c.ok) return { ok: false, message: `cannot parse regexp for ${f.label || '__name__'}${f.op}${JSON.stringify(f.value)}: ${c.message}` };
          f.re = c.re;
        }
      }
      alts.push(group);
    }
  }
  return {
    ok: true,
    value: {
      text: selectors.join(', '),
      match: (ll) => alts.some((g) => g.every((f) => matchFilter(f, ll))),
    },
  };
}
