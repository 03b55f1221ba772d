// Shapes of relabel regexes common enough to deserve a matcher that skips the regex
// engine, each provably equivalent to the anchored RE2 match:
//   * literal alternations `a|b|c`, optionally as one group `(a|b)` — match iff the whole
//     input equals one alternative (the wrap anchors the whole alternation);
//   * `PRE(a|b|c)SUF`, literals around one group of literal alternatives (prometheus-operator writes
//     `(app);true` for every matchLabels entry) — match iff the input is PRE + an alternative + SUF;
//     the group is that alternative (the lengths of PRE and SUF pin it down);
//   * `LIT.*`, `LIT.+`, `LIT(.*)`, `LIT(.+)` (LIT may be empty, so `(.*)` is here) — match iff
//     the input starts with LIT, the rest is non-empty for `+`, and (without the `s` flag)
//     the rest has no "\n", the only rune Go's `.` refuses;
//   * `([^:]+)(?::\d+)?;(\d+)` and `(.+?)(?::\d+)?;(\d+)`, the address rewrite of the kubernetes-pods job in
//     Prometheus' example config and in the community Helm chart (source `__address__;<port annotation>`): see
//     hostPortSplit for why the backtracking order reduces to a few searches.
// Anything else goes to re2js, with an optional required literal prefix as a cheap reject.
// test/relabel/regex-fast.test.ts checks every shape against re2js on many inputs.

export type FastShape =
  | { kind: 'set'; values: ReadonlySet<string>; group: boolean }
  /** Whole input → its group 1. */
  | { kind: 'groupset'; groups: ReadonlyMap<string, string> }
  | { kind: 'prefix'; prefix: string; group: boolean; nonEmpty: boolean }
  /** Whole input → [host, port] (hostPortSplit). */
  | { kind: 'hostport'; lazy: boolean };

/** The host:port rewrite texts, and whether group 1 is lazy. */
const HOST_PORT = new Map([
  ['([^:]+)(?::\\d+)?;(\\d+)', false],
  ['(.+?)(?::\\d+)?;(\\d+)', true],
]);

const META = new Set(['\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$']);

function isAsciiPunct(c: string): boolean {
  const x = c.charCodeAt(0);
  return (x >= 0x21 && x <= 0x2f) || (x >= 0x3a && x <= 0x40) || (x >= 0x5b && x <= 0x60) || (x >= 0x7b && x <= 0x7e);
}

/** Reads literal characters from `i` while they are literal; returns the text and the stop offset.
 * `\` + ASCII punctuation is the punctuation itself (Go allows escaping any of it). */
export function readLiteral(text: string, i: number): { lit: string; end: number; lastLen: number } {
  let lit = '';
  let lastLen = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\') {
      const n = text[i + 1];
      if (n === undefined || !isAsciiPunct(n)) break;
      lit += n;
      lastLen = 1;
      i += 2;
      continue;
    }
    if (META.has(c)) break;
    const code = c.charCodeAt(0);
    const wide = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    lastLen = wide ? 2 : 1;
    lit += text.slice(i, i + lastLen);
    i += lastLen;
  }
  return { lit, end: i, lastLen };
}

function literalSet(text: string): Set<string> | null {
  const values = new Set<string>();
  let i = 0;
  for (;;) {
    const { lit, end } = readLiteral(text, i);
    values.add(lit);
    if (end === text.length) return values;
    if (text[end] !== '|') return null;
    i = end + 1;
  }
}

const TAILS: Record<string, { group: boolean; nonEmpty: boolean }> = {
  '.*': { group: false, nonEmpty: false },
  '.+': { group: false, nonEmpty: true },
  '(.*)': { group: true, nonEmpty: false },
  '(.+)': { group: true, nonEmpty: true },
};

export function fastShape(text: string): FastShape | null {
  const set = literalSet(text);
  if (set) return { kind: 'set', values: set, group: false };
  if (text.length >= 2 && text[0] === '(' && text[text.length - 1] === ')') {
    const inner = literalSet(text.slice(1, -1));
    if (inner) return { kind: 'set', values: inner, group: true };
  }
  const { lit, end } = readLiteral(text, 0);
  const tail = TAILS[text.slice(end)];
  if (tail) return { kind: 'prefix', prefix: lit, ...tail };
  const groups = groupedSet(text);
  if (groups) return { kind: 'groupset', groups };
  const lazy = HOST_PORT.get(text);
  if (lazy !== undefined) return { kind: 'hostport', lazy };
  return null;
}

/** Where group 1 ends when `s` matches the whole of `G1(?::\d+)?;(\d+)` — G1 being `([^:]+)` (greedy) or `(.+?)`
 * (lazy) — in Go's leftmost-first order, or -1 (group 2 is then the digits after the last `;`). `\d` is ASCII in RE2, so after G1 the text must
 * read `:digits;digits` (the optional group, tried first) or `;digits`, digits running to the end; a shorter `\d+`
 * never helps, as `;` is not a digit.
 *   * Greedy: G1 ends at the latest place that works, and cannot pass the first `:`. With a `:` there, only G1 up to
 *     it can work (the optional group), since a `;` before it leaves the `:` among the final digits. Without one, G1
 *     ends at the last `;`.
 *   * Lazy: G1 ends at the earliest place that works; `.` refuses "\n" without the `s` flag, so G1 stops at one.
 * G1 ends before `:` or `;`, never inside a surrogate pair, so the offsets are rune boundaries. */
function hostPortSplit(s: string, lazy: boolean, dotNL: boolean): number {
  if (!lazy) {
    const p = s.indexOf(':');
    if (p === 0) return -1;
    if (p > 0) {
      const k = digitsEnd(s, p + 1);
      return k > p + 1 && s.charCodeAt(k) === 0x3b && digitsToEnd(s, k + 1) ? p : -1;
    }
    const e = s.lastIndexOf(';');
    return e >= 1 && digitsToEnd(s, e + 1) ? e : -1;
  }
  for (let e = 1; e < s.length; e++) {
    if (!dotNL && s.charCodeAt(e - 1) === 0x0a) return -1;
    const c = s.charCodeAt(e);
    if (c === 0x3a) {
      const k = digitsEnd(s, e + 1);
      if (k > e + 1 && s.charCodeAt(k) === 0x3b && digitsToEnd(s, k + 1)) return e;
    } else if (c === 0x3b && digitsToEnd(s, e + 1)) return e;
  }
  return -1;
}

/** The end of the run of ASCII digits starting at `i`. */
function digitsEnd(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    i++;
  }
  return i;
}

/** Whether `s` from `i` is one or more ASCII digits to its end. */
function digitsToEnd(s: string, i: number): boolean {
  return i < s.length && digitsEnd(s, i) === s.length;
}

/** `PRE(a|b)SUF` with literal PRE, alternatives and SUF: every whole input it matches, with its group 1. */
function groupedSet(text: string): Map<string, string> | null {
  const pre = readLiteral(text, 0);
  if (text[pre.end] !== '(') return null;
  const alts: string[] = [];
  let i = pre.end + 1;
  for (;;) {
    const { lit, end } = readLiteral(text, i);
    alts.push(lit);
    i = end + 1;
    if (text[end] === '|') continue;
    if (text[end] !== ')') return null;
    break;
  }
  const suf = readLiteral(text, i);
  if (suf.end !== text.length) return null;
  const groups = new Map<string, string>();
  for (const a of alts) groups.set(pre.lit + a + suf.lit, a);
  return groups;
}

/** A literal every match must start with (empty when unknown). Only for patterns without `|`,
 * where the anchored match starts at offset 0 with the leading literal run; the last literal
 * rune is dropped when a quantifier may apply to it. */
export function requiredPrefix(text: string): string {
  if (text.includes('|')) return '';
  const { lit, end, lastLen } = readLiteral(text, 0);
  const next = text[end];
  if (next === '*' || next === '+' || next === '?' || next === '{') return lit.slice(0, lit.length - lastLen);
  return lit;
}

/** Runs a fast shape. Returns the groups (as Go FindStringSubmatch would) or null. */
export function fastExec(shape: FastShape, s: string, dotNL: boolean): (string | undefined)[] | null {
  if (shape.kind === 'set') {
    if (!shape.values.has(s)) return null;
    return shape.group ? [s, s] : [s];
  }
  if (shape.kind === 'groupset') {
    const g = shape.groups.get(s);
    return g === undefined ? null : [s, g];
  }
  if (shape.kind === 'hostport') {
    const e = hostPortSplit(s, shape.lazy, dotNL);
    // The port is the digits after the last `;` (the text ends with `;digits`).
    return e < 0 ? null : [s, s.slice(0, e), s.slice(s.lastIndexOf(';') + 1)];
  }
  if (!fastTest(shape, s, dotNL)) return null;
  return shape.group ? [s, s.slice(shape.prefix.length)] : [s];
}

export function fastTest(shape: FastShape, s: string, dotNL: boolean): boolean {
  if (shape.kind === 'set') return shape.values.has(s);
  if (shape.kind === 'groupset') return shape.groups.has(s);
  if (shape.kind === 'hostport') return hostPortSplit(s, shape.lazy, dotNL) >= 0;
  const p = shape.prefix;
  if (p.length > 0 && !s.startsWith(p)) return false;
  if (shape.nonEmpty && s.length <= p.length) return false;
  return dotNL || s.indexOf('\n', p.length) < 0;
}
