// The label set one vmagent relabel run works on: promrelabel's []prompbmarshal.Label, an ordered list.
// Setting an existing name changes it in place (setLabelValue), a new name is appended, "" is stored as a
// value (removeEmptyLabels drops such labels after the last rule), reads take the first label of a name
// (GetLabelByName), and labelmap_all can rename in place (duplicates are possible, as in vmagent).
import type { Labels } from '../../labels.ts';
import type { LabelAccess } from '../builder.ts';
import { sortGo } from '../../labels.ts';

export class VmLabels implements LabelAccess {
  ns: string[];
  vs: string[];
  /** Nothing changed since construction and no value is "": labels() may hand back the input. */
  private pristine: boolean;

  /** Labels already merged and sorted (targets/populate-vmagent.ts vmMergedLists): `ns` is the caller's own copy;
   * labels() then builds the object when asked. */
  static fromLists(ns: string[], vs: string[]): VmLabels {
    return new VmLabels(null, ns, vs);
  }

  /** The input object, handed back by labels() while nothing changed (null: made from lists). */
  private base: Labels | null;

  /** vmagent sorts the merged labels by name before relabeling (mergeLabels: SortLabelsStable). */
  constructor(base: Labels | null, listNames: string[] = [], listValues: string[] = []) {
    this.base = base;
    if (base === null) {
      // (Fields set in the same order on both paths: one hidden class.)
      this.ns = listNames;
      this.vs = listValues;
      this.pristine = false;
      return;
    }
    const keys = Object.keys(base);
    // Discovered labels arrive sorted (populate-vmagent builds them so); sort otherwise, in Go byte order.
    let sorted = true;
    for (let i = 1; i < keys.length; i++) {
      if ((keys[i - 1] as string) >= (keys[i] as string)) {
        sorted = false;
        break;
      }
    }
    if (!sorted) sortGo(keys);
    this.ns = keys;
    const vs: string[] = new Array(keys.length);
    let empty = false;
    for (let i = 0; i < keys.length; i++) {
      const v = base[keys[i] as string] as string;
      if (v === '') empty = true;
      vs[i] = v;
    }
    this.vs = vs;
    this.pristine = !empty;
  }

  get size(): number {
    return this.ns.length;
  }

  get(n: string): string {
    const i = this.ns.indexOf(n);
    return i < 0 ? '' : (this.vs[i] as string);
  }

  has(n: string): boolean {
    return this.ns.includes(n);
  }

  set(n: string, v: string): void {
    const i = this.ns.indexOf(n);
    if (i >= 0) {
      if (this.vs[i] === v) return;
      this.vs[i] = v;
    } else {
      this.ns.push(n);
      this.vs.push(v);
    }
    this.pristine = false;
  }

  /** Removes every label with that name (labeldrop/labelkeep filter the list). */
  del(n: string): void {
    this.filter((name) => name !== n);
  }

  /** Keeps the labels for which `keep(name)` is true, in order. */
  filter(keep: (name: string) => boolean): void {
    const ns: string[] = [];
    const vs: string[] = [];
    for (let i = 0; i < this.ns.length; i++) {
      const n = this.ns[i] as string;
      if (keep(n)) {
        ns.push(n);
        vs.push(this.vs[i] as string);
      }
    }
    if (ns.length !== this.ns.length) this.pristine = false;
    this.ns = ns;
    this.vs = vs;
  }

  rename(i: number, n: string): void {
    this.ns[i] = n;
    this.pristine = false;
  }

  names(): string[] {
    return this.ns.slice();
  }

  matching(test: (name: string) => boolean): string[] {
    return this.ns.filter(test);
  }

  /** The labels as an object: empty values left out (they read as absent), the first of duplicate names wins. */
  snapshot(): Labels {
    return this.labelsWithout(undefined);
  }

  /** snapshot() without the names starting with `skip`, always a fresh object: the same keys, order and values as
   * copying labels() and leaving those out, without building the whole set (most of a target's labels are __meta_
   * ones, which vmagent removes after relabeling). */
  labelsWithout(skip: string | undefined): Labels {
    const o: Labels = {};
    for (let i = 0; i < this.ns.length; i++) {
      const n = this.ns[i] as string;
      const v = this.vs[i] as string;
      if (v === '' || n === '' || (skip !== undefined && n.startsWith(skip)) || Object.prototype.hasOwnProperty.call(o, n)) continue;
      if (n === '__proto__') Object.defineProperty(o, n, { value: v, writable: true, enumerable: true, configurable: true });
      else o[n] = v;
    }
    return o;
  }

  /** removeEmptyLabels, then the labels as an object (the input object itself when nothing changed). */
  labels(): Labels {
    return this.pristine && this.base !== null ? this.base : this.snapshot();
  }
}
