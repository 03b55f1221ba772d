// A hand-written reader for the YAML that kubectl, `yaml.stringify` and most people write: block mappings and
// sequences (kubectl's `- key: v` items and `- - x` included), plain / single-quoted / double-quoted scalars
// (multi-line too), literal and folded block scalars (tabs in their content too), flow collections of one-line
// scalars (`{name: x, ports: [80, "http"]}`), comments. It reads one document's text straight into the plain value
// yaml-value.ts would build from the `yaml` library's AST (failsafe schema: every scalar is its text; an empty / `~`
// / `null` plain scalar is null), more than ten times faster: the library's Parser + Composer are the floor of YAML
// ingest otherwise (issue #9).
//
// It is only a fast path: at the first thing it does not fully understand — anchors, aliases, tags, `? ` keys, merge
// keys, duplicate keys (a warning today), a tab outside a block scalar, indentation indicators, a root that is not
// a block collection at column 0, odd indentation, a scalar the library would complain about, anything doubtful —
// it gives up on the whole document (returns undefined) and the caller reads that document with the library. Every
// rule below mirrors what the `yaml` library (2.x) does for the accepted subset: its Lexer (parse/lexer.js: where a
// scalar ends, which lines continue it) and its resolvers (compose/resolve-flow-scalar.js, resolve-block-scalar.js:
// the scalar's value). test/ingest/yaml-fast-path.test.ts compares the two readers on every YAML text of the
// repository, on mutations of them and on generated documents. CR LF line breaks are the caller's (yaml-documents.ts).
import { BAIL, bail, blockScalarValue, doubleQuotedValue, singleQuotedValue, unfoldLines } from './yaml-scalar-values.ts';
import type { PlainValue } from './yaml-value.ts';

export interface ScannedDocument {
  /** The document's value; null for a document without content (only comments or blank lines). */
  value: PlainValue;
  /** Offset of the root node's first character (-1: no content). */
  rootAt: number;
  /** For a root mapping with an `items:` block sequence (a List). */
  items?: ListItems;
}

export interface ListItems {
  /** Where each item starts (its mapping's first key, or `{`); -1 for an item that is not a mapping (its position is
   * then left to the library). */
  at: number[];
  /** The text of item i is [from[i], to[i]): from its `-` line to the next item's (scanYamlItem reads it alone). */
  from: number[];
  to: number[];
  /** The column of the items' dashes. */
  ind: number;
}

export interface ScanOptions {
  /** Plain scalars that YAML reads as canonical integers or booleans become numbers and booleans (the `typed`
   * reading of yamlToValue, for custom resources). */
  typed: boolean;
  /** Deepest nesting of maps and lists the fast path reads (deeper: undefined, and the library decides). */
  maxDepth: number;
  /** Offsets of the tabs in the text, in order. A tab is read only as the content of a block scalar line (past its
   * indentation): anywhere else the library gives it meanings of its own (separation, an indentation error). */
  tabs?: number[];
}

/** Reads the document whose text is [from, end) of `t`. `marker`: the text starts with a `---` line. Undefined when
 * the document is outside the subset (the caller then uses the library). */
export function scanYamlDocument(t: string, from: number, end: number, marker: boolean, opts: ScanOptions): ScannedDocument | undefined {
  const s = new Scanner(t, end, opts);
  try {
    return s.document(from, marker);
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/** Item `i` of a List the scanner read (see ListItems) read again on its own — e.g. with YAML types kept — at the
 * cost of that item instead of the whole List. */
export function scanYamlItem(t: string, items: ListItems, i: number, opts: ScanOptions): PlainValue | undefined {
  const from = items.from[i];
  const to = items.to[i];
  if (from === undefined || to === undefined) return undefined;
  const s = new Scanner(t, to, opts);
  try {
    return s.item(from, items.ind);
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}


const SP = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQ = 34;
const SQ = 39;
const LBR = 91;
const RBR = 93;
const LBC = 123;
const RBC = 125;
const PIPE = 124;
const GT = 62;
const QM = 63;
const BSL = 92;

/** Keys longer than this are refused by the library (implicit keys are limited to 1024 characters); stay below. */
const MAX_KEY = 1000;

type Obj = { [k: string]: PlainValue };
const hasOwn = Object.prototype.hasOwnProperty;

class Scanner {
  /** Start of the line being read. */
  private p = 0;
  /** Start of the line the current entry began on (the column base of a `- key: v` item's mapping). */
  private ls = 0;
  /** Where the value value() returned starts when it is a mapping (for List item positions); -2 when it was the
   * `items:` sequence being collected; -1 otherwise. */
  private mapAt = -1;
  private items: ListItems | undefined;
  /** Block scalars read, as (content start, content end, indentation) triples in text order (see checkTabs). */
  private readonly blocks: number[] = [];
  /** Just past the flow collection or flow entry flow() / flowEntry() read last. */
  private fe = 0;
  /** Just past the key key() read last (its `:`). */
  private after = 0;
  /** Just past the closing quote of the scalar quoted() read last, and whether it spans lines. */
  private qe = 0;
  private qml = false;

  constructor(
    private readonly t: string,
    private readonly end: number,
    private readonly opts: ScanOptions,
  ) {}

  document(from: number, marker: boolean): ScannedDocument {
    const t = this.t;
    let p = from;
    if (marker) {
      // `---`, then nothing but spaces and a comment on that line.
      p += 3;
      while (p < this.end && t.charCodeAt(p) === SP) p++;
      if (p < this.end && t.charCodeAt(p) === HASH) p = this.lineEnd(p);
      if (p < this.end && t.charCodeAt(p) !== NL) bail();
      p = p < this.end ? p + 1 : this.end;
    }
    this.p = p;
    const ind = this.skipBlank();
    if (ind < 0) return { value: null, rootAt: -1 };
    if (ind !== 0) bail();
    const at = this.p;
    this.ls = at;
    let value: PlainValue;
    if (this.isDash(at)) value = this.seq(0, 1, undefined);
    else value = this.map(0, at, 1);
    if (this.skipBlank() >= 0) bail(); // more content after the root node
    if (this.opts.tabs?.length) this.checkTabs(this.opts.tabs);
    return this.items ? { value, rootAt: at, items: this.items } : { value, rootAt: at };
  }

  /** The sequence entry whose `-` line starts at `from` (`ind`: the dash's column), alone to the end of the text. */
  item(from: number, ind: number): PlainValue {
    this.p = from;
    this.ls = from;
    const v = this.value(from + ind + 1, ind, 2, true, undefined);
    if (this.skipBlank() >= 0) bail();
    return v;
  }

  /** Every tab must sit in a block scalar's content, at or past the column of its indentation. */
  private checkTabs(tabs: number[]): void {
    const b = this.blocks;
    let k = 0;
    for (const tab of tabs) {
      while (k < b.length && (b[k + 1] as number) <= tab) k += 3;
      if (k >= b.length || tab < (b[k] as number)) bail();
      if (tab - (this.t.lastIndexOf('\n', tab) + 1) < (b[k + 2] as number)) bail();
    }
  }

  /** Offset of the `\n` ending the line that holds `i` (or the end of the text). */
  private lineEnd(i: number): number {
    const nl = this.t.indexOf('\n', i);
    return nl < 0 || nl > this.end ? this.end : nl;
  }

  /** Skips blank and comment lines from `this.p`; returns the indentation of the next content line (this.p is then
   * its start), or -1 at the end of the document. */
  private skipBlank(): number {
    const t = this.t;
    const end = this.end;
    let p = this.p;
    while (p < end) {
      let i = p;
      while (i < end && t.charCodeAt(i) === SP) i++;
      if (i >= end) break;
      const c = t.charCodeAt(i);
      if (c === NL) {
        p = i + 1;
        continue;
      }
      if (c === HASH) {
        const e = this.lineEnd(i);
        p = e < end ? e + 1 : end;
        continue;
      }
      this.p = p;
      return i - p;
    }
    this.p = end;
    return -1;
  }

  /** `-` followed by a space or the end of the line: a block sequence entry. */
  private isDash(i: number): boolean {
    if (this.t.charCodeAt(i) !== DASH) return false;
    if (i + 1 >= this.end) return true;
    const n = this.t.charCodeAt(i + 1);
    return n === SP || n === NL;
  }

  /** The character after `i` is a space, a newline or the end: `:` there is a mapping indicator. */
  private sepAfter(i: number): boolean {
    if (i + 1 >= this.end) return true;
    const n = this.t.charCodeAt(i + 1);
    return n === SP || n === NL;
  }

  /** May a plain scalar start at `i`? (The library rejects `,` `%` `@` and a backquote there, and reads `[`, `{`,
   * `&`, `*`, `!`, `|`, `>`, quotes, `#` and `- ` / `? ` / `: ` as something else.) */
  private plainStart(i: number): boolean {
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

  /** A block mapping whose keys sit at column `ind`; the first key starts at `k` (on the line at this.ls). */
  private map(ind: number, k: number, depth: number): Obj {
    if (depth > this.opts.maxDepth) bail();
    const obj: Obj = {};
    for (;;) {
      const key = this.key(k);
      const after = this.after;
      if (key === '__proto__' || hasOwn.call(obj, key)) bail();
      const collect: ListItems | undefined = depth === 1 && key === 'items' ? { at: [], from: [], to: [], ind: 0 } : undefined;
      const v = this.value(after, ind, depth, false, collect);
      // `<<` with a mapping is a merge (yaml-value.ts); with anything else an ordinary key.
      if (key === '<<' && v !== null && typeof v === 'object' && !Array.isArray(v)) bail();
      obj[key] = v;
      if (collect && this.mapAt === -2) this.items = collect;
      const n = this.skipBlank();
      if (n !== ind) {
        if (n > ind) bail();
        return compact(obj);
      }
      k = this.p + n;
      this.ls = this.p;
      if (this.isDash(k)) bail();
    }
  }

  /** The key starting at `k`; this.after is then just past its `:`. */
  private key(k: number): string {
    const t = this.t;
    const end = this.end;
    const c = t.charCodeAt(k);
    if (c === DQ || c === SQ) {
      const key = this.quoted(k, -1);
      let i = this.qe;
      while (i < end && t.charCodeAt(i) === SP) i++;
      if (i >= end || t.charCodeAt(i) !== COLON || !this.sepAfter(i) || i - k > MAX_KEY) bail();
      this.after = i + 1;
      return key;
    }
    if (!this.plainStart(k)) bail();
    for (let i = k + 1; i < end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === COLON) {
        if (!this.sepAfter(i)) continue;
        if (i - k > MAX_KEY) bail();
        let e = i;
        while (t.charCodeAt(e - 1) === SP) e--;
        this.after = i + 1;
        return t.slice(k, e);
      }
      if (ch === NL || (ch === HASH && t.charCodeAt(i - 1) === SP)) bail();
    }
    return bail();
  }

  /** The value after a mapping's `:` or a sequence entry's `-` at `q`. `ind`: the mapping's key column or the
   * sequence's dash column (continuation lines must be indented more). `collect`: item starts of a root `items:`
   * sequence (this.mapAt is -2 afterwards when the value was that sequence). */
  private value(q: number, ind: number, depth: number, inSeq: boolean, collect: ListItems | undefined): PlainValue {
    const t = this.t;
    const end = this.end;
    this.mapAt = -1;
    let r = q;
    while (r < end && t.charCodeAt(r) === SP) r++;
    const c = r < end ? t.charCodeAt(r) : NL;
    if (c !== NL && c !== HASH) return this.node(r, ind, depth, inSeq, true);
    // Nothing on this line: the value is the node on the next lines, or null.
    const e = this.lineEnd(r);
    this.p = e < end ? e + 1 : end;
    const n = this.skipBlank();
    if (n > ind || (n === ind && !inSeq && this.isDash(this.p + n))) {
      const at = this.p + n;
      this.ls = this.p;
      if (this.isDash(at)) {
        const v = this.seq(n, depth + 1, collect);
        this.mapAt = collect ? -2 : -1;
        return v;
      }
      if (this.keyLine(at)) {
        const v = this.map(n, at, depth + 1);
        this.mapAt = at;
        return v;
      }
      return this.node(at, ind, depth, false, false);
    }
    return null;
  }

  /** Is the line at `k` a mapping entry (a key, then `:` and a space or the line end)? The same reading as key(),
   * without giving up. */
  private keyLine(k: number): boolean {
    const t = this.t;
    const end = this.end;
    const c = t.charCodeAt(k);
    let i = k + 1;
    if (c === DQ || c === SQ) {
      for (; i < end; i++) {
        const ch = t.charCodeAt(i);
        if (ch === NL) return false;
        if (ch === BSL && c === DQ) i++;
        else if (ch === c) {
          if (c === SQ && t.charCodeAt(i + 1) === SQ) i++;
          else break;
        }
      }
      i++;
      while (i < end && t.charCodeAt(i) === SP) i++;
      return i < end && t.charCodeAt(i) === COLON && this.sepAfter(i);
    }
    for (; i < end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === NL || (ch === HASH && t.charCodeAt(i - 1) === SP)) return false;
      if (ch === COLON && this.sepAfter(i)) return true;
    }
    return false;
  }

  /** The node whose text starts at `r` (not a space, not the line end): a scalar or a flow collection, or in a
   * sequence entry (`inSeq`) a mapping or a sequence starting on that line. `inline`: `r` follows the entry's `:`
   * or `-` on its line (else the node starts a line of its own). */
  private node(r: number, ind: number, depth: number, inSeq: boolean, inline: boolean): PlainValue {
    const t = this.t;
    const end = this.end;
    const c = t.charCodeAt(r);
    if (c === DQ || c === SQ) {
      const value = this.quoted(r, ind);
      const qe = this.qe;
      let i = qe;
      while (i < end && t.charCodeAt(i) === SP) i++;
      const d = i < end ? t.charCodeAt(i) : NL;
      if (d === COLON && this.sepAfter(i)) {
        // `- "key": value`: a mapping in a sequence entry.
        if (!inSeq || this.qml) bail();
        const v = this.map(r - this.ls, r, depth + 1);
        this.mapAt = r;
        return v;
      }
      if (d === HASH && i > qe) i = this.lineEnd(i);
      else if (d !== NL) bail();
      this.p = i < end ? i + 1 : end;
      return value;
    }
    if (c === PIPE || c === GT) {
      if (!inline) bail();
      return this.blockScalar(r, ind);
    }
    if (c === LBR || c === LBC) {
      const v = this.flow(r, ind, depth + 1);
      let i = this.fe;
      while (i < end && t.charCodeAt(i) === SP) i++;
      if (i < end && t.charCodeAt(i) === HASH && i > this.fe) i = this.lineEnd(i);
      else if (i < end && t.charCodeAt(i) !== NL) bail(); // `{a: 1}: x`, `[a] b`
      this.p = i < end ? i + 1 : end;
      if (c === LBC) this.mapAt = r; // a List item's position
      return v;
    }
    if (inSeq && this.isDash(r)) {
      // `- - a`: a sequence in a sequence entry.
      const v = this.seq(r - this.ls, depth + 1, undefined);
      this.mapAt = -1;
      return v;
    }
    if (!this.plainStart(r)) bail();
    // A plain scalar — or, in a sequence entry, the first key of a mapping.
    let i = r + 1;
    let comment = -1;
    for (; i < end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === NL) break;
      if (ch === COLON) {
        if (!this.sepAfter(i)) continue;
        if (!inSeq) bail(); // `a: b: c`
        const v = this.map(r - this.ls, r, depth + 1);
        this.mapAt = r;
        return v;
      }
      if (ch === HASH && t.charCodeAt(i - 1) === SP) {
        comment = i;
        break;
      }
    }
    let e = comment >= 0 ? comment : i;
    while (t.charCodeAt(e - 1) === SP) e--;
    if (comment >= 0) {
      // A comment ends the scalar; what follows must not be more indented (the caller checks).
      const le = this.lineEnd(comment);
      this.p = le < end ? le + 1 : end;
      return this.plain(t.slice(r, e));
    }
    this.p = i < end ? i + 1 : end;
    if (this.continues(ind)) return this.plainLines(r, e, ind);
    return this.plain(t.slice(r, e));
  }

  /** Does a plain scalar go on past this.p: is the next non-blank line indented more than `ind` (and no comment)? */
  private continues(ind: number): boolean {
    const t = this.t;
    const end = this.end;
    let p = this.p;
    while (p < end) {
      let i = p;
      while (i < end && t.charCodeAt(i) === SP) i++;
      if (i >= end) return false;
      const c = t.charCodeAt(i);
      if (c === NL) {
        p = i + 1;
        continue;
      }
      return i - p > ind && c !== HASH;
    }
    return false;
  }

  /** A plain scalar from `r` whose first line ends at `e`, continued on the following lines (lexer.js
   * parsePlainScalar / continueScalar: lines indented more than `ind`, blank lines in between). */
  private plainLines(r: number, e: number, ind: number): PlainValue {
    const t = this.t;
    const end = this.end;
    let last = e;
    let p = this.p;
    while (p < end) {
      let i = p;
      while (i < end && t.charCodeAt(i) === SP) i++;
      if (i >= end) break;
      const c = t.charCodeAt(i);
      if (c === NL) {
        p = i + 1;
        continue;
      }
      if (i - p <= ind) break;
      // The lexer reads any character on a continuation line as text, except a comment and `: ` (checked below).
      if (c === HASH) bail();
      let j = i;
      for (; j < end; j++) {
        const ch = t.charCodeAt(j);
        if (ch === NL) break;
        if ((ch === COLON && this.sepAfter(j)) || (ch === HASH && t.charCodeAt(j - 1) === SP)) bail();
      }
      let ce = j;
      while (t.charCodeAt(ce - 1) === SP) ce--;
      last = ce;
      p = j < end ? j + 1 : end;
    }
    const le = this.lineEnd(last);
    this.p = le < end ? le + 1 : end;
    return this.plain(unfoldLines(t.slice(r, last)));
  }

  /** A plain scalar's value: null for the YAML null spellings (yaml-nodes.ts isNullNode), numbers and booleans
   * when typed (yaml-value.ts yamlToValue). */
  private plain(s: string): PlainValue {
    if (s.length <= 4 && (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL')) return null;
    if (this.opts.typed) {
      if (/^-?(0|[1-9]\d*)$/.test(s) && Number.isSafeInteger(Number(s))) return Number(s);
      if (s === 'true' || s === 'True' || s === 'TRUE') return true;
      if (s === 'false' || s === 'False' || s === 'FALSE') return false;
    }
    return s;
  }

  /** A flow collection (`[a, "b", {c: d}]`) at `r` with single-line scalars, its entries separated by commas, line
   * breaks only between them, continuation lines indented more than `ind` (lexer.js parseFlowCollection); this.fe is
   * then just past its closing bracket. Pairs in sequences, keys without values, empty values, comments: bail. */
  private flow(r: number, ind: number, depth: number): PlainValue {
    if (depth > this.opts.maxDepth) bail();
    const t = this.t;
    const isMap = t.charCodeAt(r) === LBC;
    const close = isMap ? RBC : RBR;
    const obj: Obj = {};
    const arr: PlainValue[] = [];
    let i = this.flowSpace(r + 1, ind);
    if (t.charCodeAt(i) === close) {
      this.fe = i + 1;
      return isMap ? obj : arr;
    }
    for (;;) {
      if (isMap) {
        const c = t.charCodeAt(i);
        let key: string;
        if (c === DQ || c === SQ) {
          key = this.quoted(i, -1);
          i = this.qe;
          while (t.charCodeAt(i) === SP) i++;
          if (t.charCodeAt(i) !== COLON) bail();
        } else {
          const k = i;
          key = this.flowPlainText(i);
          i = this.fe;
          while (t.charCodeAt(i) === SP) i++;
          if (t.charCodeAt(i) !== COLON || t.charCodeAt(i + 1) !== SP || i - k > MAX_KEY) bail();
        }
        if (key === '<<' || key === '__proto__' || hasOwn.call(obj, key)) bail();
        i = this.flowSpace(i + 1, ind);
        obj[key] = this.flowEntry(i, ind, depth);
      } else {
        arr.push(this.flowEntry(i, ind, depth));
      }
      i = this.flowSpace(this.fe, ind);
      let d = t.charCodeAt(i);
      if (d === 44 /* , */) {
        i = this.flowSpace(i + 1, ind);
        d = t.charCodeAt(i);
        if (d !== close) continue;
      }
      if (d !== close) bail();
      this.fe = i + 1;
      return isMap ? obj : arr;
    }
  }

  /** A flow collection's entry value at `i`: a nested collection, a quoted or a plain scalar. */
  private flowEntry(i: number, ind: number, depth: number): PlainValue {
    const c = this.t.charCodeAt(i);
    if (c === LBR || c === LBC) return this.flow(i, ind, depth + 1);
    if (c === DQ || c === SQ) {
      const v = this.quoted(i, -1);
      this.fe = this.qe;
      return v;
    }
    return this.plain(this.flowPlainText(i));
  }

  /** A plain scalar inside a flow collection: it ends at a flow indicator, `: `, ` #` or the line end. */
  private flowPlainText(i: number): string {
    const t = this.t;
    const end = this.end;
    if (!this.plainStart(i)) bail();
    const c = t.charCodeAt(i);
    if ((c === DASH || c === QM || c === COLON) && isFlowIndicator(t.charCodeAt(i + 1))) bail();
    let j = i + 1;
    for (; j < end; j++) {
      const ch = t.charCodeAt(j);
      if (ch === NL || isFlowIndicator(ch)) break;
      if (ch === COLON && (this.sepAfter(j) || isFlowIndicator(t.charCodeAt(j + 1)))) break;
      if (ch === HASH && t.charCodeAt(j - 1) === SP) bail();
    }
    this.fe = j;
    while (t.charCodeAt(j - 1) === SP) j--;
    return t.slice(i, j);
  }

  /** Skips spaces and line breaks inside a flow collection; a new line must be indented more than `ind`. */
  private flowSpace(i: number, ind: number): number {
    const t = this.t;
    const end = this.end;
    for (;;) {
      while (i < end && t.charCodeAt(i) === SP) i++;
      if (i >= end) bail();
      if (t.charCodeAt(i) !== NL) return i;
      const ls = i + 1;
      i = ls;
      while (i < end && t.charCodeAt(i) === SP) i++;
      if (i >= end) bail();
      const c = t.charCodeAt(i);
      if (c === NL) continue;
      if (i - ls <= ind || c === HASH) bail();
    }
  }

  /** A block sequence whose dashes sit at column `ind`, starting on the line at this.p. */
  private seq(ind: number, depth: number, collect: ListItems | undefined): PlainValue[] {
    if (depth > this.opts.maxDepth) bail();
    const arr: PlainValue[] = [];
    if (collect) collect.ind = ind;
    for (;;) {
      const from = this.p;
      this.ls = from;
      const v = this.value(from + ind + 1, ind, depth, true, undefined);
      arr.push(v);
      const n = this.skipBlank();
      if (collect) {
        collect.at.push(this.mapAt);
        collect.from.push(from);
        collect.to.push(this.p);
      }
      if (n !== ind) {
        if (n > ind) bail();
        return trim(arr);
      }
      if (!this.isDash(this.p + ind)) return trim(arr);
    }
  }

  /** A quoted scalar starting at `r` (lexer.js parseQuotedScalar); this.qe is then just past its closing quote, and
   * this.qml tells whether it spans lines. `ind` >= 0: continuation lines must be indented more than `ind`
   * (continueScalar); -1: it must end on its line (a key, a flow entry). */
  private quoted(r: number, ind: number): string {
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
  private blockScalar(r: number, ind: number): string {
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

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === LBR || c === RBR || c === LBC || c === RBC;
}

// The values stay in the store for the whole session, so they are made as compact as JSON.parse makes its own: an
// array grown by push keeps room for 16 more elements, and an object built key by key keeps spare property slots (or,
// past ~15 keys, becomes a dictionary ~4× the size). Nothing else holds the originals. (Keys are never "__proto__":
// the scanner hands those to the library.)
function trim(arr: PlainValue[]): PlainValue[] {
  return arr.length <= 16 ? arr.slice() : arr;
}
function compact(obj: Obj): Obj {
  return { ...obj };
}
