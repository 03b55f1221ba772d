// Go's Regexp.Expand and ReplaceAllString (grafana/regexp regexp.go: expand, extract,
// replaceAll), written from their documented behaviour. JS String.replace templates
// differ on almost every edge ($1x, $10, ${1}, $name), so nothing here uses them.
import type { CompiledRegex } from './types.ts';
import { matchesWholeInputOnly } from './regex.ts';

/** What Expand needs from a match: group texts (undefined = took no part) and Go SubexpNames. */
export interface ExpandMatch {
  groups: ReadonlyArray<string | undefined>;
  names?: ReadonlyArray<string>;
}

// Go unicode.IsLetter / IsDigit (category Nd) / '_', for names past ASCII.
const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;

/** Go `extract`: after a `$`, the name (`name` or `{name}`), its group number (-1 = a name) and the
 * offset after it; null when malformed (the `$` is then literal). */
function extract(t: string, i: number): { name: string; num: number; end: number } | null {
  let brace = false;
  if (t[i] === '{') {
    brace = true;
    i++;
  }
  const start = i;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c < 0x80) {
      if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f)) break;
      i++;
      continue;
    }
    const ch = String.fromCodePoint(t.codePointAt(i) as number);
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === start) return null;
  const name = t.slice(start, i);
  if (brace) {
    if (t[i] !== '}') return null;
    i++;
  }
  // Go: all ASCII digits and still below 1e8 before each step; no leading zero.
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const d = name.charCodeAt(k) - 0x30;
    if (d < 0 || d > 9 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + d;
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, end: i };
}

/** Go `Regexp.Expand(template, match)`. */
/** Largest label value a template may build (16 Mi characters). Go would build anything memory allows; a
 * chain of `$1$1…` rules can double a value per rule, and JavaScript strings top out around 512 Mi
 * characters — long before that, a browser tab runs out of memory. Past this size the target fails with a
 * clear message (see targets/populate.ts) instead of the engine throwing. */
export const MAX_EXPANDED_LENGTH = 16 * 1024 * 1024;

/** Thrown (and caught by target population) when a template would build a value past MAX_EXPANDED_LENGTH. */
export class ExpansionTooLarge extends Error {
  constructor(readonly length: number) {
    super(`a relabel replacement would build a label value of ${length} characters (limit ${MAX_EXPANDED_LENGTH})`);
  }
}

export function goExpand(template: string, match: ExpandMatch): string {
  if (template.indexOf('$') < 0) return template;
  const { groups, names } = match;
  if (template === '$1') return groups[1] ?? ''; // the default replacement
  let out = '';
  let i = 0;
  for (;;) {
    const d = template.indexOf('$', i);
    if (d < 0) break;
    out += template.slice(i, d);
    i = d + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const ref = i < template.length ? extract(template, i) : null;
    if (!ref) {
      out += '$';
      continue;
    }
    i = ref.end;
    if (ref.num >= 0) {
      const g = groups[ref.num] ?? '';
      if (out.length + g.length > MAX_EXPANDED_LENGTH) throw new ExpansionTooLarge(out.length + g.length);
      out += g;
    } else if (names) {
      // The first group with that name that took part in the match.
      for (let k = 0; k < names.length; k++) {
        if (names[k] === ref.name && groups[k] !== undefined) {
          if (out.length + groups[k]!.length > MAX_EXPANDED_LENGTH) throw new ExpansionTooLarge(out.length + groups[k]!.length);
          out += groups[k];
          break;
        }
      }
    }
  }
  return out + template.slice(i);
}

function groupsFromIndex(s: string, idx: number[]): (string | undefined)[] {
  const g: (string | undefined)[] = new Array(idx.length / 2);
  for (let k = 0; k < g.length; k++) {
    const a = idx[2 * k] as number;
    g[k] = a < 0 ? undefined : s.slice(a, idx[2 * k + 1] as number);
  }
  return g;
}

/** Go `Regexp.ReplaceAllString(src, repl)` (labelmap's name rewrite). */
export function goReplaceAll(re: CompiledRegex, src: string, repl: string): string {
  if (matchesWholeInputOnly(re)) {
    const g = re.exec(src);
    return g ? goExpand(repl, { groups: g, names: re.subexpNames }) : src;
  }
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    const a = re.execIndex(src, searchPos);
    if (!a) break;
    const a0 = a[0] as number;
    const a1 = a[1] as number;
    out += src.slice(lastMatchEnd, a0);
    // No replacement for an empty match right after the previous match.
    if (a1 > lastMatchEnd || a0 === 0) out += goExpand(repl, { groups: groupsFromIndex(src, a), names: re.subexpNames });
    lastMatchEnd = a1;
    // Advance at least one rune (a surrogate pair is one rune).
    const c = src.charCodeAt(searchPos);
    const width = searchPos >= src.length ? 0 : c >= 0xd800 && c <= 0xdbff && searchPos + 1 < src.length ? 2 : 1;
    if (searchPos + width > a1) searchPos += width;
    else if (searchPos + 1 > a1) searchPos++;
    else searchPos = a1;
  }
  return out + src.slice(lastMatchEnd);
}
