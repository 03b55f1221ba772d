// A small lexer over Go RE2 syntax that finds where groups open. It exists for the two
// places where re2js (Go ≥ 1.22 rules) and the Go we emulate disagree:
//   * Go accepts duplicate capture names (SubexpIndex documents it); re2js rejects them.
//   * Go 1.19 (Prometheus 2.42) rejects `(?<name>…)`.
// It follows Go's parser (regexp/syntax/parse.go) only as far as telling a real `(` from
// an escaped one, one inside a character class, or one inside \Q…\E. Patterns that are
// invalid before a reported position fail in re2js anyway, so this lexer never decides
// validity on its own.

export interface GroupOpen {
  /** Offset of `(` in the scanned text. */
  pos: number;
  /** 'capture' `(`, 'named' `(?P<n>` / `(?<n>`, 'other' any other `(?…`. */
  kind: 'capture' | 'named' | 'other';
  /** For 'named': the name and where it starts. */
  name?: string;
  nameStart?: number;
  /** For 'named': true for the `(?<n>` spelling. */
  angle?: boolean;
  /** For 'other': the character after `(?` (e.g. `<` for lookbehind or Go 1.19's `(?<`). */
  next?: string;
}

/** Offset just past an escape starting at `i` (text[i] === '\\'). */
function skipEscape(text: string, i: number): number {
  const c = text[i + 1];
  if (c === undefined) return i + 1;
  if ((c === 'p' || c === 'P' || c === 'x') && text[i + 2] === '{') {
    const close = text.indexOf('}', i + 3);
    return close < 0 ? text.length : close + 1;
  }
  // A surrogate pair is one escaped rune.
  const code = c.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdbff ? i + 3 : i + 2;
}

/** Offset just past a character class starting at `i` (text[i] === '['), following Go's parseClass:
 * a `]` right after `[` or `[^` is a literal member, and `[:name:]` is one member. */
function skipClass(text: string, i: number): number {
  let j = i + 1;
  if (text[j] === '^') j++;
  let first = true;
  while (j < text.length && (text[j] !== ']' || first)) {
    first = false;
    if (text[j] === '[' && text[j + 1] === ':') {
      const close = text.indexOf(':]', j + 2);
      if (close >= 0) {
        j = close + 2;
        continue;
      }
    }
    j = text[j] === '\\' ? skipEscape(text, j) : j + 1;
  }
  return j + 1;
}

/** Past an escape, a `\Q…\E` literal or a character class starting at `i` (none of them can open or close
 * a group); `i` itself when the text there is none of those. */
function skipNonGroup(text: string, i: number): number {
  const c = text[i];
  if (c === '\\') {
    if (text[i + 1] !== 'Q') return skipEscape(text, i);
    const end = text.indexOf('\\E', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (c === '[') return skipClass(text, i);
  return i;
}

/** True when some `)` in `text` closes more groups than `text` opened, i.e. it closes the wrap's own
 * group (`foo)|(bar`, `ab)*c(`): the rest of the pattern is then outside the anchored group. */
export function closesWrapGroup(text: string): boolean {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const skipped = skipNonGroup(text, i);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return true;
    i++;
  }
  return false;
}

/** Every group opening in `text`, in order. Stops at a named group without `>` (a Go error). */
export function scanGroups(text: string): GroupOpen[] {
  const out: GroupOpen[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const skipped = skipNonGroup(text, i);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    if (c !== '(') {
      i++;
      continue;
    }
    if (text[i + 1] !== '?') {
      out.push({ pos: i, kind: 'capture' });
      i++;
      continue;
    }
    const p = text[i + 2] === 'P' && text[i + 3] === '<';
    const angle = text[i + 2] === '<';
    if (p || angle) {
      const nameStart = i + (p ? 4 : 3);
      const end = text.indexOf('>', nameStart);
      if (end < 0) {
        out.push({ pos: i, kind: 'other', next: text[i + 2] ?? '' });
        return out;
      }
      out.push({ pos: i, kind: 'named', name: text.slice(nameStart, end), nameStart, angle });
      i = end + 1;
      continue;
    }
    out.push({ pos: i, kind: 'other', next: text[i + 2] ?? '' });
    i += 2;
  }
  return out;
}
