// The scalar half of yaml-scan.ts's reader: where a plain, quoted or block scalar ends and what its value is, and
// the character tests the rest of the reader shares. Scanner (yaml-scan.ts) reads the block structure and
// FlowScanner (yaml-scan-flow.ts) the flow collections on top of this class; the three are one reader split by what
// they read, and every rule mirrors the `yaml` library as yaml-scan.ts's header says. The character codes are
// declared again in the other two files (see there why).
import type { ScanOptions } from './yaml-scan.ts';
import { bail, blockScalarValue, doubleQuotedValue, singleQuotedValue } from './yaml-scalar-values.ts';
import type { PlainValue } from './yaml-value.ts';

export const SP = 32;
export const NL = 10;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
export const DQ = 34;
export const SQ = 39;
export const LBR = 91;
export const RBR = 93;
export const LBC = 123;
export const RBC = 125;
export const PIPE = 124;
export const GT = 62;
export const QM = 63;
export const BSL = 92;

/** Keys longer than this are refused by the library (implicit keys are limited to 1024 characters); stay below. */
export const MAX_KEY = 1000;

export type Obj = { [k: string]: PlainValue };

export abstract class ScalarScanner {
  /** Start of the line being read. */
  protected p = 0;
  /** Block scalars read, as (content start, content end, indentation) triples in text order (see Scanner.checkTabs, yaml-scan.ts). */
  protected readonly blocks: number[] = [];
  /** Just past the closing quote of the scalar quoted() read last, and whether it spans lines. */
  protected qe = 0;
  protected qml = false;

  constructor(
    protected readonly t: string,
    protected readonly end: number,
    protected readonly opts: ScanOptions,
  ) {}

  /** Offset of the `\n` ending the line that holds `i` (or the end of the text). */
  protected lineEnd(i: number): number {
    const nl = this.t.indexOf('\n', i);
    return nl < 0 || nl > this.end ? this.end : nl;
  }

  /** `-` followed by a space or the end of the line: a block sequence entry. */
  protected isDash(i: number): boolean {
    if (this.t.charCodeAt(i) !== DASH) return false;
    if (i + 1 >= this.end) return true;
    const n = this.t.charCodeAt(i + 1);
    return n === SP || n === NL;
  }

  /** The character after `i` is a space, a newline or the end: `:` there is a mapping indicator. */
  protected sepAfter(i: number): boolean {
    if (i + 1 >= this.end) return true;
    const n = this.t.charCodeAt(i + 1);
    return n === SP || n === NL;
  }

  /** May a plain scalar start at `i`? (The library rejects `,` `%` `@` and a backquote there, and reads `[`, `{`,
   * `&`, `*`, `!`, `|`, `>`, quotes, `#` and `- ` / `? ` / `: ` as something else.) */
  protected plainStart(i: number): boolean {
    switch (this.t.charCodeAt(i)) {
      case DASH:
      case QM:
      case COLON:
        return !this.sepAfter(i);
      case 44: // ,
      case LBR:
      case RBR:
      case LBC:
      case RBC:
      case HASH:
      case 38: // &
      case 42: // *
      case 33: // !
      case PIPE:
      case GT:
      case SQ:
      case DQ:
      case 37: // %
      case 64: // @
      case 96: // `
      case SP:
      case NL:
        return false;
      default:
        return true;
    }
  }

  /** A plain scalar's value: null for the YAML null spellings (yaml-nodes.ts isNullNode), numbers and booleans
   * when typed (yaml-value.ts yamlToValue). */
  protected plain(s: string): PlainValue {
    if (s.length <= 4 && (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL')) return null;
    if (this.opts.typed) {
      if (/^-?(0|[1-9]\d*)$/.test(s) && Number.isSafeInteger(Number(s))) return Number(s);
      if (s === 'true' || s === 'True' || s === 'TRUE') return true;
      if (s === 'false' || s === 'False' || s === 'FALSE') return false;
    }
    return s;
  }

  /** A quoted scalar starting at `r` (lexer.js parseQuotedScalar); this.qe is then just past its closing quote, and
   * this.qml tells whether it spans lines. `ind` >= 0: continuation lines must be indented more than `ind`
   * (continueScalar); -1: it must end on its line (a key, a flow entry). */
  protected quoted(r: number, ind: number): string {
    const t = this.t;
    const end = this.end;
    const q = t.charCodeAt(r);
    let e: number;
    let escapes = false;
    if (q === SQ) {
      e = t.indexOf("'", r + 1);
      while (e !== -1 && e < end && t.charCodeAt(e + 1) === SQ) {
        escapes = true;
        e = t.indexOf("'", e + 2);
      }
    } else {
      e = t.indexOf('"', r + 1);
      while (e !== -1 && e < end) {
        let n = 0;
        while (t.charCodeAt(e - 1 - n) === BSL) n++;
        if (n % 2 === 0) break;
        e = t.indexOf('"', e + 1);
      }
    }
    if (e === -1 || e >= end) bail();
    let nl = t.indexOf('\n', r);
    const multiline = nl !== -1 && nl < e;
    if (multiline) {
      if (ind < 0) bail();
      while (nl !== -1 && nl < e) {
        let i = nl + 1;
        while (i < end && t.charCodeAt(i) === SP) i++;
        if (t.charCodeAt(i) !== NL && i - nl - 1 <= ind) bail(); // the library cuts the scalar there
        nl = t.indexOf('\n', i);
      }
      const src = t.slice(r, e + 1);
      this.qe = e + 1;
      this.qml = true;
      return q === SQ ? singleQuotedValue(src) : doubleQuotedValue(src);
    }
    this.qe = e + 1;
    this.qml = false;
    if (q === SQ) {
      const inner = t.slice(r + 1, e);
      return escapes ? inner.replace(/''/g, "'") : inner;
    }
    for (let i = r + 1; i < e; i++) {
      if (t.charCodeAt(i) === BSL) {
        escapes = true;
        break;
      }
    }
    return escapes ? doubleQuotedValue(t.slice(r, e + 1)) : t.slice(r + 1, e);
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is at `r`, in a node whose continuation lines must be
   * indented more than `ind` (lexer.js parseBlockScalarHeader / parseBlockScalar, then resolve-block-scalar.js). */
  protected blockScalar(r: number, ind: number): string {
    const t = this.t;
    const end = this.end;
    const mode = t.charCodeAt(r);
    let chomp = 0;
    let i = r + 1;
    for (; i < end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === DASH || ch === 43 /* + */) {
        if (chomp) bail();
        chomp = ch;
      } else break;
    }
    // An indentation indicator, or anything but a comment after the header: leave it to the library.
    if (i < end && t.charCodeAt(i) !== SP && t.charCodeAt(i) !== NL) bail();
    while (i < end && t.charCodeAt(i) === SP) i++;
    if (i < end && t.charCodeAt(i) === HASH) i = this.lineEnd(i);
    else if (i < end && t.charCodeAt(i) !== NL) bail();
    const pos = i < end ? i + 1 : end;
    const keep = chomp === 43;
    const indentNext = ind + 1;
    // The first content line sets the indentation.
    let nl = pos - 1;
    let indent = 0;
    let j = pos;
    for (; j < end; j++) {
      const ch = t.charCodeAt(j);
      if (ch === SP) indent++;
      else if (ch === NL) {
        nl = j;
        indent = 0;
      } else break;
    }
    // No content (the next non-blank line is not indented enough, or the text ends): an empty scalar.
    if (j >= end && indent > 0) bail(); // spaces at the end of the text: left to the library
    const empty = j >= end || indent < indentNext;
    if (!empty) {
      // Leading blank lines with more spaces than the first content line: an error in the library.
      for (let k = pos; k < nl; ) {
        const e = t.indexOf('\n', k);
        if (e - k > indent) bail();
        k = e + 1;
      }
      for (;;) {
        // continueScalar(nl + 1): a blank line, or one indented at least `indent`.
        const o = nl + 1;
        let n = 0;
        while (o + n < end && t.charCodeAt(o + n) === SP) n++;
        const ch = o + n < end ? t.charCodeAt(o + n) : -1;
        if (!(ch === NL || n >= indent)) break;
        const next = t.indexOf('\n', o + n);
        if (next === -1 || next >= end) {
          nl = end;
          break;
        }
        nl = next;
      }
    }
    if (!keep) {
      // Trailing blank lines that are not more indented than the content are not part of the scalar.
      for (;;) {
        let k = nl - 1;
        const lastChar = k;
        while (k >= pos && t.charCodeAt(k) === SP) k--;
        if (k >= pos && t.charCodeAt(k) === NL && k + 1 + indent > lastChar) nl = k;
        else break;
      }
    }
    const srcEnd = Math.min(nl + 1, end);
    this.p = srcEnd;
    if (empty) {
      // resolve-block-scalar.js: kept line breaks only.
      const lines = srcEnd > pos ? t.slice(pos, srcEnd).split(/\n */).length : 0;
      return keep && lines > 0 ? '\n'.repeat(Math.max(1, lines - 1)) : '';
    }
    this.blocks.push(pos, srcEnd, indent);
    return blockScalarValue(t.slice(pos, srcEnd), mode === GT, chomp);
  }
}
