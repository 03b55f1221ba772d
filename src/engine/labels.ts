// Label sets are plain objects (structured-clone safe, so they cross the worker
// boundary as they are). Discovery may produce "" values; whether those vanish is
// a profile decision made when discovered labels are populated.

export type Labels = Record<string, string>;

/** A copy with keys in sorted (byte-wise, like Go's sort.Strings) order. */
export function sortLabels(l: Labels): Labels {
  const out: Labels = {};
  for (const k of Object.keys(l).sort(compareStrings)) out[k] = l[k] as string;
  return out;
}

/** Go compares strings byte-wise (UTF-8); for code points below U+10000 outside the surrogate
 * range that equals UTF-16 code-unit order, which is what `<` does. Surrogates are rare in
 * label names; handle them by comparing code points. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      const sa = ca >= 0xd800 && ca <= 0xdfff;
      const sb = cb >= 0xd800 && cb <= 0xdfff;
      if (sa !== sb) return sa ? 1 : -1; // a surrogate encodes a code point above every BMP one
      return ca < cb ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Sorts like Go's sort.Strings (byte order). Native UTF-16 order equals UTF-8 byte order unless a surrogate
 * is involved, so the slower exact comparison runs only then. */
export function sortGo(names: string[]): void {
  for (const n of names) {
    if (hasSurrogate(n)) {
      names.sort(compareStrings);
      return;
    }
  }
  if (names.length <= 24) {
    // Insertion sort: labelmap sorts its few hits for every target, discovery the keys of every object's labels,
    // and Array.prototype.sort allocates.
    for (let i = 1; i < names.length; i++) {
      const k = names[i] as string;
      let j = i - 1;
      while (j >= 0 && (names[j] as string) > k) {
        names[j + 1] = names[j] as string;
        j--;
      }
      names[j + 1] = k;
    }
    return;
  }
  names.sort(); // the default order: UTF-16 code units, as `<`
}

/** Names seen without a surrogate: a run sorts the same few hundred names over and over (vmagent sorts every target's
 * merged labels), and a Set lookup of a name (its hash kept in the string) is cheaper than reading its characters. */
const NO_SURROGATE = new Set<string>();

function hasSurrogate(n: string): boolean {
  if (NO_SURROGATE.has(n)) return false;
  for (let i = 0; i < n.length; i++) if ((n.charCodeAt(i) & 0xf800) === 0xd800) return true;
  if (NO_SURROGATE.size >= 65536) NO_SURROGATE.clear();
  NO_SURROGATE.add(n);
  return false;
}

/** Whether the label set has exactly these names, in this order (a target of the same shape as an earlier one). */
export function sameKeys(names: readonly string[], l: Labels): boolean {
  let i = 0;
  for (const k in l) {
    if (names[i] !== k) return false;
    i++;
  }
  return i === names.length;
}

/** `{a="b", c="d"}` — the Prometheus way of printing a label set (keys sorted). */
export function formatLabels(l: Labels): string {
  const parts = Object.keys(l)
    .sort(compareStrings)
    .map((k) => `${k}=${JSON.stringify(l[k])}`);
  return `{${parts.join(', ')}}`;
}

/** Canonical string key of a label set, for de-duplication and multiset comparison. */
export function labelsKey(l: Labels): string {
  return JSON.stringify(sortLabels(l));
}

/** An exact identity key of a label set (equal sets ⇔ equal keys), cheaper than labelsKey: names in UTF-16 order,
 * each name and value length-prefixed (so no separator character can make two sets collide). Not for display. */
export function labelsIdentity(l: Labels): string {
  const keys = Object.keys(l).sort();
  let s = '';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = l[k]!;
    s += k.length + ':' + k + v.length + ':' + v;
  }
  return s;
}

/** A 32-bit hash of a label set and a string, independent of key order (equal sets and strings ⇔ … equal hashes; the
 * converse needs labelsEqual). For finding duplicate targets without building a key string per target. */
export function labelsHash(l: Labels, extra: string): number {
  let sum = strHash(extra, 0x811c9dc5);
  let x = 0;
  for (const k in l) {
    // Each pair hashed on its own, then combined with + and ^, which do not depend on the order of the pairs.
    const h = Math.imul(strHash(l[k] as string, strHash(k, 0x811c9dc5) ^ 0x5bd1e995), 0x27d4eb2d);
    sum = (sum + h) | 0;
    x ^= h >>> 7;
  }
  return (sum ^ Math.imul(x, 0x165667b1)) | 0;
}

/** FNV-1a over UTF-16 code units. */
function strHash(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Same names with the same values. Without key arrays: the target stage compares every collapsed duplicate (13k at
 * 10k pods). A name `a` has and `b` lacks reads undefined (or an Object.prototype member), never a string. */
export function labelsEqual(a: Labels, b: Labels): boolean {
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

/** Whether a string holds a UTF-16 surrogate without its pair (Prometheus refuses such a label value as invalid
 * UTF-8). String.prototype.isWellFormed (ES2024) where the runtime has it: native, and immediate for the one-byte
 * strings most label values are; this check runs on every value of every active target. */
export function hasLoneSurrogate(s: string): boolean {
  return WELL_FORMED !== undefined ? !WELL_FORMED.call(s) : hasLoneSurrogateScan(s);
}
const WELL_FORMED = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** hasLoneSurrogate for runtimes without isWellFormed (exported for its test). */
export function hasLoneSurrogateScan(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
