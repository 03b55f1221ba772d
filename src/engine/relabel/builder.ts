// The mutable label set one relabel run works on, with Prometheus labels.Builder
// semantics: Get of an absent label is "", Set with "" deletes. Like Prometheus' Builder
// it keeps the input untouched and records changes in an overlay (added/changed labels,
// deleted names); the result object is built once at the end. Read-only rules (keep,
// drop, …) never allocate, and V8 is spared the slow path of adding keys one by one to
// a large object during the run.
import { compareStrings, type Labels } from '../labels.ts';

export class LabelBuilder {
  private add: Map<string, string> | null = null;
  /** Names present in the base that were deleted (and not set again). */
  private del: Set<string> | null = null;

  constructor(private readonly base: Labels) {}

  get(n: string): string {
    if (this.add !== null) {
      const v = this.add.get(n);
      if (v !== undefined) return v;
    }
    if (this.del !== null && this.del.has(n)) return '';
    return this.baseGet(n);
  }

  has(n: string): boolean {
    return this.get(n) !== '' || (typeof this.base[n] === 'string' && !this.del?.has(n));
  }

  set(n: string, v: string): void {
    if (v === '') {
      this.delete(n);
      return;
    }
    (this.add ??= new Map()).set(n, v);
    if (this.del !== null) this.del.delete(n);
  }

  /** Builder.Del. */
  delete(n: string): void {
    if (this.add !== null) this.add.delete(n);
    if (typeof this.base[n] === 'string') (this.del ??= new Set()).add(n);
  }

  /** Name/value pairs in Go byte order: what labelmap/labeldrop/labelkeep iterate over (a snapshot). */
  sortedEntries(): [string, string][] {
    const cur = this.build();
    return Object.keys(cur)
      .sort(compareStrings)
      .map((k) => [k, cur[k] as string]);
  }

  /** A fresh copy of the current labels (for trace steps). */
  snapshot(): Labels {
    const cur = this.build();
    return cur === this.base ? Object.assign({}, cur) : cur;
  }

  /** The current labels; the input object itself when nothing changed. */
  labels(): Labels {
    return this.build();
  }

  private baseGet(n: string): string {
    // typeof skips inherited members such as "constructor": Object.prototype has no string values.
    const v = this.base[n];
    return typeof v === 'string' ? v : '';
  }

  private build(): Labels {
    const changed = (this.add !== null && this.add.size > 0) || (this.del !== null && this.del.size > 0);
    if (!changed) return this.base;
    let o: Labels;
    if (this.del === null || this.del.size === 0) {
      o = Object.assign({}, this.base);
    } else {
      o = {};
      for (const k of Object.keys(this.base)) if (!this.del.has(k)) put(o, k, this.base[k] as string);
    }
    if (this.add !== null) for (const [k, v] of this.add) put(o, k, v);
    return o;
  }
}

function put(o: Labels, k: string, v: string): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}
