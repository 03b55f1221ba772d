// The values of the scalars yaml-scan.ts accepts: the text rules of the `yaml` library's resolvers
// (compose/resolve-flow-scalar.js for plain and quoted scalars, compose/resolve-block-scalar.js for `|` and `>`),
// for the subset the scanner lets through. Anything outside it gives up on the document (bail) and the library
// reads it instead.

/** Thrown (and caught by the scanner's entry points) to give up on a document: recursion makes an exception the
 * cheapest way out. */
export const BAIL = { bail: true };
export function bail(): never {
  throw BAIL;
}

/** resolve-flow-scalar.js unfoldLines (for source without tabs or CR): a multi-line plain or single-quoted scalar's
 * line breaks become spaces, blank lines newlines. */
export function unfoldLines(source: string): string {
  const lines = source.split('\n');
  if (lines.length === 1) return source;
  let res = (lines[0] as string).replace(/ +$/, '');
  let sep = ' ';
  for (let i = 1; i < lines.length - 1; i++) {
    const lm = (lines[i] as string).replace(/^ +| +$/g, '');
    if (lm === '') {
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + lm;
      sep = ' ';
    }
  }
  return res + sep + (lines[lines.length - 1] as string).replace(/^ +/, '');
}

export function singleQuotedValue(source: string): string {
  return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** resolve-flow-scalar.js doubleQuotedValue (for source without tabs or CR); an escape the library reports as an
 * error gives up instead. */
export function doubleQuotedValue(source: string): string {
  let res = '';
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i] as string;
    if (ch === '\n') {
      // foldNewline: one line break is a space, more are N-1 newlines; leading spaces of the next line go.
      let fold = '';
      let c = source[i + 1];
      while (c === ' ' || c === '\n') {
        if (c === '\n') fold += '\n';
        i += 1;
        c = source[i + 1];
      }
      res += fold || ' ';
    } else if (ch === '\\') {
      let next = source[++i] as string;
      const cc = ESCAPES[next];
      if (cc) res += cc;
      else if (next === '\n') {
        next = source[i + 1] as string;
        while (next === ' ') next = source[++i + 1] as string;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const code = source.substr(i + 1, length);
        if (code.length !== length || !/^[0-9a-fA-F]+$/.test(code)) bail();
        const n = parseInt(code, 16);
        if (n > 0x10ffff) bail();
        res += String.fromCodePoint(n);
        i += length;
      } else bail();
    } else if (ch === ' ') {
      // Trailing spaces of a line go.
      const wsStart = i;
      let next = source[i + 1];
      while (next === ' ') next = source[++i + 1];
      if (next !== '\n') res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
    } else {
      res += ch;
    }
  }
  return res;
}

/** resolve-block-scalar.js resolveBlockScalar for a header without an indentation indicator and a source that has
 * content (no tabs, no CR). `chomp`: 0, `-` or `+` as a char code. */
export function blockScalarValue(source: string, folded: boolean, chomp: number): string {
  const split = source.split(/\n( *)/);
  const first = split[0] as string;
  const m = /^( *)/.exec(first);
  const lines: [string, string][] = [m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i] as string, split[i + 1] as string]);
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    if ((lines[i] as [string, string])[1] === '') chompStart = i;
    else break;
  }
  if (chompStart === 0) bail(); // no content (the caller checked; keep the library's shortcut out of it)
  let trimIndent = 0;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i] as [string, string];
    if (content === '') {
      if (indent.length > trimIndent) trimIndent = indent.length;
    } else {
      if (indent.length < trimIndent) bail();
      trimIndent = indent.length;
      contentStart = i;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if ((lines[i] as [string, string])[0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += (lines[i] as [string, string])[0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const [indent, content] = lines[i] as [string, string];
    if (content && indent.length < trimIndent) bail();
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent || content[0] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === 45 /* - */) return value;
  if (chomp === 43) {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + (lines[i] as [string, string])[0].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
    return value;
  }
  return value + '\n';
}
