// Label-name checks used by relabel validation and the replace action.
//   legacy: prometheus/common ValidationScheme.IsValidLabelName(LegacyValidation), [a-zA-Z_][a-zA-Z0-9_]*
//   utf8:   non-empty and valid UTF-8 (in JS: no lone surrogate)
// and relabel.go's relabelTargetLegacy, `^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$`, written
// as a linear scan: the language is "a first token that is a letter, `_` or a $-variable,
// then any mix of word characters and $-variables". (A backtracking JS RegExp of that
// pattern is exponential on inputs like "aaaa…!".)
import type { NameValidation } from './types.ts';

function isWord(x: number): boolean {
  return (x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a) || x === 0x5f;
}

export function isValidLegacyName(n: string): boolean {
  if (n.length === 0) return false;
  const c0 = n.charCodeAt(0);
  if (c0 >= 0x30 && c0 <= 0x39) return false;
  for (let i = 0; i < n.length; i++) if (!isWord(n.charCodeAt(i))) return false;
  return true;
}

/** Well-formed UTF-16, i.e. it encodes to valid UTF-8. */
export function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    i++;
  }
  return true;
}

export function isValidLabelName(n: string, scheme: NameValidation): boolean {
  return scheme === 'legacy' ? isValidLegacyName(n) : n.length > 0 && isWellFormed(n);
}

/** relabel.go relabelTargetLegacy.MatchString. */
export function isValidLegacyTemplate(s: string): boolean {
  if (s.length === 0) return false;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 0x24 /* $ */) {
      if (s.charCodeAt(i + 1) === 0x7b /* { */) {
        let j = i + 2;
        while (j < s.length && isWord(s.charCodeAt(j))) j++;
        if (j === i + 2 || s.charCodeAt(j) !== 0x7d /* } */) return false;
        i = j + 1;
      } else {
        let j = i + 1;
        while (j < s.length && isWord(s.charCodeAt(j))) j++;
        if (j === i + 1) return false;
        i = j;
      }
      continue;
    }
    if (!isWord(c) || (i === 0 && c >= 0x30 && c <= 0x39)) return false;
    i++;
  }
  return true;
}
