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
//
// One reader in three layers, each a class over the one before: yaml-scan-scalars.ts (where a scalar ends and its
// value), yaml-scan-flow.ts (flow collections), and here the block structure and the entry points.
import { FlowScanner } from './yaml-scan-flow.ts';
import { MAX_KEY, type Obj } from './yaml-scan-scalars.ts';
import { BAIL, bail, unfoldLines } from './yaml-scalar-values.ts';
import type { PlainValue } from './yaml-value.ts';

// Character codes (yaml-scan-scalars.ts's values) and hasOwn, local to each file of the reader: run unbundled (tsx: the
// CLI, the bench), an imported binding is a module-variable load in the hot loops, not a constant (YAML ingest was
// ~10% slower with them imported).
const hasOwn = Object.prototype.hasOwnProperty;
const SP = 32, NL = 10, HASH = 35, COLON = 58, DQ = 34, SQ = 39, LBR = 91, LBC = 123, PIPE = 124, GT = 62, BSL = 92;

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

/** The block structure (mappings, sequences, multi-line plain scalars) over the flow and scalar readers. */
class Scanner extends FlowScanner {
  /** Start of the line the current entry began on (the column base of a `- key: v` item's mapping). */
  private ls = 0;
  /** Where the value value() returned starts when it is a mapping (for List item positions); -2 when it was the
   * `items:` sequence being collected; -1 otherwise. */
  private mapAt = -1;
  private items: ListItems | undefined;
  /** Just past the key key() read last (its `:`). */
  private after = 0;

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

  /** Skips blank and comment lines from `this.p`; returns the indentation of the next content line (this.p is then
   * its start), or -1 where the document ends. */
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
