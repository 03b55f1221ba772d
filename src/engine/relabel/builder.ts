// The mutable label set one relabel run works on, with Prometheus labels.Builder
// semantics: Get of an absent label is "", Set with "" deletes. Like Prometheus' Builder
// it keeps the input untouched and records changes in an overlay (added/changed labels,
// deleted names); the result object is built once at the end. Read-only rules (keep,
// drop, …) never allocate, and V8 is spared the slow path of adding keys one by one to
// a large object during the run.
import type { Labels } from '../labels.ts';

/** What an action reads and writes. LabelBuilder (Prometheus labels.Builder) and the vmagent label list
 * (relabel/vmagent/labels.ts, promrelabel's []Label) both provide it. */
export interface LabelAccess {
  /** The value, "" when absent. */
  get(n: string): string;
  has(n: string): boolean;
  /** Prometheus: "" deletes. vmagent: "" is stored and removed after the last rule. */
  set(n: string, v: string): void;
  del(n: string): void;
  /** The current label names, in the engine's iteration order. */
  names(): string[];
  /** names() that pass the test (a snapshot: the caller may change the labels while walking it). */
  matching(test: (name: string) => boolean, memo?: LayerMemo): string[];
  /** A fresh copy of the current labels (for trace steps). */
  snapshot(): Labels;
  /** The current labels. */
  labels(): Labels;
}

export class LabelBuilder implements LabelAccess {
  // Added or changed labels as parallel arrays, searched linearly: like Prometheus' Builder
  // (slices), this beats a Map for the handful of labels a rule list writes.
  private addK: string[] = [];
  private addV: string[] = [];
  /** Names present in the base that were deleted (and not set again). */
  private deleted: Set<string> | null = null;

  /**
   * @param base the labels the rules start from.
   * @param under optional further layers of the base: the base then reads as `{...base, ...under[0], ...under[1], …}`
   *   without that object being built, and with `skipEmpty` a "" value in a layer reads as absent (as Prometheus 3.x
   *   leaves empty discovered labels out). The caller guarantees the layers share no name and hold no own "__proto__"
   *   key (targets/populate.ts checks it), so a name is in at most one layer.
   */
  constructor(
    private base: Labels,
    private under: Labels[] | null = null,
    private skipEmpty = false,
  ) {}

  /** Starts over on a new base, as a new builder would (one builder serves every target of a run: see
   * targets/populate.ts). The previous labels() result is not affected: it is a copy or the previous base. */
  reset(base: Labels, under: Labels[] | null = null, skipEmpty = false): this {
    this.base = base;
    this.under = under;
    this.skipEmpty = skipEmpty;
    if (this.addK.length) {
      this.addK.length = 0;
      this.addV.length = 0;
    }
    this.deleted = null;
    return this;
  }

  /** Takes over another builder's changes (added, changed and deleted labels), for a base that reads like that
   * builder's for every name those changes touch (targets/group-prefix.ts). */
  adopt(from: LabelBuilder): this {
    // Copied into this builder's own arrays (one builder serves every target: see reset).
    const k = this.addK;
    const v = this.addV;
    k.length = 0;
    v.length = 0;
    for (let i = 0; i < from.addK.length; i++) {
      k.push(from.addK[i] as string);
      v.push(from.addV[i] as string);
    }
    this.deleted = from.deleted === null ? null : new Set(from.deleted);
    return this;
  }

  /** The base's value (over its layers), undefined when absent. typeof skips inherited members such as
   * "constructor": Object.prototype has no string values. */
  private baseGet(n: string): string | undefined {
    let v = this.base[n];
    const under = this.under;
    if (under === null) return typeof v === 'string' ? v : undefined;
    for (let i = 0; typeof v !== 'string'; i++) {
      if (i === under.length) return undefined;
      v = (under[i] as Labels)[n];
    }
    return v === '' && this.skipEmpty ? undefined : v;
  }

  get(n: string): string {
    const i = this.addK.indexOf(n);
    if (i >= 0) return this.addV[i] as string;
    if (this.deleted !== null && this.deleted.has(n)) return '';
    return this.baseGet(n) ?? '';
  }

  has(n: string): boolean {
    if (this.addK.includes(n)) return true;
    return this.baseGet(n) !== undefined && !(this.deleted !== null && this.deleted.has(n));
  }

  set(n: string, v: string): void {
    if (v === '') {
      this.del(n);
      return;
    }
    const i = this.addK.indexOf(n);
    if (i >= 0) {
      this.addV[i] = v;
      return;
    }
    this.addK.push(n);
    this.addV.push(v);
    if (this.deleted !== null) this.deleted.delete(n);
  }

  /** Builder.Del. */
  del(n: string): void {
    const i = this.addK.indexOf(n);
    if (i >= 0) {
      this.addK.splice(i, 1);
      this.addV.splice(i, 1);
    }
    if (this.baseGet(n) !== undefined) (this.deleted ??= new Set()).add(n);
  }

  /** The base's names in order: each layer's keys in turn (without the "" ones when they read as absent). */
  private baseNames(): string[] {
    if (this.under === null) return Object.keys(this.base);
    const keys: string[] = [];
    const skip = this.skipEmpty;
    for (let i = -1; i < this.under.length; i++) {
      const layer = i < 0 ? this.base : (this.under[i] as Labels);
      for (const k in layer) if (!skip || layer[k] !== '') keys.push(k);
    }
    return keys;
  }

  /** The current label names (unordered): a snapshot for labelmap/labeldrop/labelkeep. */
  names(): string[] {
    const names: string[] = [];
    const del = this.deleted;
    const addK = this.addK;
    for (const k of this.baseNames()) {
      if ((del === null || !del.has(k)) && (addK.length === 0 || !addK.includes(k))) names.push(k);
    }
    for (let i = 0; i < addK.length; i++) names.push(addK[i] as string);
    return names;
  }

  /** names().filter(test) without building names(): labelmap, labeldrop and labelkeep test every name, and few pass.
   * `memo` keeps, per shared layer (under the base: a pod's or group's labels, the job defaults — objects many targets
   * share and nobody writes), the names of that layer that pass; the caller keeps one per test. */
  matching(test: (name: string) => boolean, memo?: LayerMemo): string[] {
    const out: string[] = [];
    const del = this.deleted;
    const addK = this.addK;
    const under = this.under;
    const skipEmpty = this.skipEmpty;
    for (let li = -1; li < (under === null ? 0 : under.length); li++) {
      const layer = li < 0 ? this.base : ((under as Labels[])[li] as Labels);
      if (li >= 0 && memo !== undefined) {
        for (const k of layerNames(memo, layer, skipEmpty, test)) if (current(k, del, addK)) out.push(k);
        continue;
      }
      if (li < 0 && under === null) {
        for (const k of Object.keys(layer)) if (test(k) && current(k, del, addK)) out.push(k);
        continue;
      }
      for (const k in layer) {
        if (skipEmpty && layer[k] === '') continue;
        if (test(k) && current(k, del, addK)) out.push(k);
      }
    }
    for (let i = 0; i < addK.length; i++) if (test(addK[i] as string)) out.push(addK[i] as string);
    return out;
  }

  /** A fresh copy of the current labels (for trace steps). */
  snapshot(): Labels {
    const cur = this.build();
    return cur === this.base ? Object.assign({}, cur) : cur;
  }

  /** The current labels; the input object itself when nothing changed (and the base has one layer). */
  labels(): Labels {
    return this.build();
  }

  /** labels() without the names starting with `skip`: the same keys, order and values as copying labels() and leaving
   * those out, without building the full set first. Always a fresh object. */
  labelsWithout(skip: string): Labels {
    const del = this.deleted !== null && this.deleted.size > 0 ? this.deleted : null;
    const addK = this.addK;
    const addV = this.addV;
    const o: Labels = {};
    const under = this.under;
    if (under === null) {
      const base = this.base;
      for (const k of Object.keys(base)) {
        if (del !== null && del.has(k)) continue;
        if (k.startsWith(skip)) continue;
        const i = addK.length === 0 ? -1 : addK.indexOf(k);
        put(o, k, i >= 0 ? (addV[i] as string) : (base[k] as string));
      }
    } else {
      // Each layer's keys in turn, read in place (no name is in two layers, none is "__proto__"). The shared layers'
      // names without `skip` are kept per layer (most of a pod's or group's labels are __meta_ ones).
      const skipEmpty = this.skipEmpty;
      const base = this.base;
      for (const k in base) {
        const v = base[k] as string;
        if ((skipEmpty && v === '') || (del !== null && del.has(k)) || k.startsWith(skip)) continue;
        const i = addK.length === 0 ? -1 : addK.indexOf(k);
        o[k] = i >= 0 ? (addV[i] as string) : v;
      }
      const memo = withoutMemo(skip);
      for (let li = 0; li < under.length; li++) {
        const layer = under[li] as Labels;
        for (const k of layerNames(memo, layer, skipEmpty, (n) => !n.startsWith(skip))) {
          if (del !== null && del.has(k)) continue;
          const i = addK.length === 0 ? -1 : addK.indexOf(k);
          o[k] = i >= 0 ? (addV[i] as string) : (layer[k] as string);
        }
      }
    }
    for (let i = 0; i < addK.length; i++) {
      const k = addK[i] as string;
      if (k.startsWith(skip) || this.baseOwn(k)) continue;
      put(o, k, addV[i] as string);
    }
    return o;
  }

  /** Whether a name is among baseNames(). Layers hold no inherited string value and no "__proto__" key, so
   * there a present value is an own one. */
  private baseOwn(k: string): boolean {
    return this.under === null ? Object.prototype.hasOwnProperty.call(this.base, k) : this.baseGet(k) !== undefined;
  }

  private build(): Labels {
    const del = this.deleted !== null && this.deleted.size > 0 ? this.deleted : null;
    const layered = this.under !== null;
    if (del === null && this.addK.length === 0 && !layered) return this.base;
    let o: Labels;
    // Object.assign would route an own "__proto__" key through the prototype setter and lose it (layers hold none).
    if (del === null && !layered && typeof this.base['__proto__'] !== 'string') {
      o = Object.assign({}, this.base);
    } else {
      o = {};
      for (const k of this.baseNames()) if (del === null || !del.has(k)) put(o, k, this.baseGet(k) as string);
    }
    for (let i = 0; i < this.addK.length; i++) put(o, this.addK[i] as string, this.addV[i] as string);
    return o;
  }
}

/** Whether a base name is still a current label: not deleted, and not set again (then it is among the added ones). */
function current(k: string, del: Set<string> | null, addK: string[]): boolean {
  return (del === null || !del.has(k)) && (addK.length === 0 || !addK.includes(k));
}

/** Names of shared layers that pass one test, per layer object; an entry is for one skipEmpty setting. */
export type LayerMemo = WeakMap<Labels, { skipEmpty: boolean; names: string[] }>;

/** The names of a layer that pass `test`, in the layer's order, leaving out "" values when they read as absent. */
function layerNames(memo: LayerMemo, layer: Labels, skipEmpty: boolean, test: (name: string) => boolean): string[] {
  const hit = memo.get(layer);
  if (hit !== undefined && hit.skipEmpty === skipEmpty) return hit.names;
  const names: string[] = [];
  for (const k in layer) if (!(skipEmpty && layer[k] === '') && test(k)) names.push(k);
  memo.set(layer, { skipEmpty, names });
  return names;
}

/** labelsWithout's memo, by the prefix it leaves out. */
const WITHOUT = new Map<string, LayerMemo>();
function withoutMemo(skip: string): LayerMemo {
  let m = WITHOUT.get(skip);
  if (m === undefined) WITHOUT.set(skip, (m = new WeakMap()));
  return m;
}

function put(o: Labels, k: string, v: string): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}
