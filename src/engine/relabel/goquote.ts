// Go's %q (strconv.Quote) for error messages: printable runes as they are, `"` and `\`
// escaped, the usual C escapes, \xNN for other ASCII controls, \uNNNN / \UNNNNNNNN for
// other non-printable runes (unicode.IsPrint: letters, marks, numbers, punctuation,
// symbols and the ASCII space).
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const C_ESC: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };

export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = C_ESC[ch];
    if (esc) {
      out += esc;
      continue;
    }
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) {
      out += cp < 0x20 || cp === 0x7f ? '\\x' + cp.toString(16).padStart(2, '0') : ch;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      out += '\\ufffd'; // a lone surrogate: invalid UTF-8 in Go, shown as the replacement rune
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else {
      out += cp > 0xffff ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0');
    }
  }
  return out + '"';
}
