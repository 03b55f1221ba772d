// The flow collections of yaml-scan.ts's reader (`[a, "b", {c: d}]` with one-line scalars), on top of its scalar
// half (yaml-scan-scalars.ts); Scanner (yaml-scan.ts) reads the block structure on top of this class.
import { MAX_KEY, ScalarScanner, type Obj } from './yaml-scan-scalars.ts';
import { bail } from './yaml-scalar-values.ts';
import type { PlainValue } from './yaml-value.ts';

// Character codes (yaml-scan-scalars.ts's values) and hasOwn, local to each file of the reader: run unbundled (tsx: the
// CLI, the bench), an imported binding is a module-variable load in the hot loops, not a constant (YAML ingest was
// ~10% slower with them imported).
const hasOwn = Object.prototype.hasOwnProperty;
const SP = 32, NL = 10, HASH = 35, COLON = 58, DASH = 45, DQ = 34, SQ = 39, LBR = 91, RBR = 93, LBC = 123, RBC = 125, QM = 63;

export abstract class FlowScanner extends ScalarScanner {
  /** Just past the flow collection or flow entry flow() / flowEntry() read last. */
  protected fe = 0;

  /** A flow collection (`[a, "b", {c: d}]`) at `r` with single-line scalars, its entries separated by commas, line
   * breaks only between them, continuation lines indented more than `ind` (lexer.js parseFlowCollection); this.fe is
   * then just past its closing bracket. Pairs in sequences, keys without values, empty values, comments: bail. */
  protected flow(r: number, ind: number, depth: number): PlainValue {
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
  protected flowEntry(i: number, ind: number, depth: number): PlainValue {
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
  protected flowPlainText(i: number): string {
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
  protected flowSpace(i: number, ind: number): number {
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
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === LBR || c === RBR || c === LBC || c === RBC;
}
