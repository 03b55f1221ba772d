// Bounded caches of pure functions of a string: the engine meets the same few texts on every target (interval and
// timeout labels, the label names a labelmap rule renames) and the same documents on every re-run (the trees of
// yaml-documents.ts). A cache that passes its limit starts over rather than grow with hostile input.

/** Up to `max` entries whose weights (e.g. the text an entry keeps alive) add up to at most `maxWeight`; the entry
 * that would pass either limit empties the cache first. Values are shared, so callers only read them. */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  private weight = 0;
  constructor(
    private readonly max: number,
    private readonly maxWeight = Infinity,
  ) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V, weight = 0): void {
    if (this.map.size >= this.max || this.weight + weight > this.maxWeight) {
      this.map.clear();
      this.weight = 0;
    }
    this.map.set(key, value);
    this.weight += weight;
  }
}

/** `fn` remembered for up to `max` keys; the results are shared, so callers only read them. */
export function boundedMemo<V>(fn: (key: string) => V, max = 256): (key: string) => V {
  const cache = new BoundedCache<V>(max);
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = fn(key);
      cache.set(key, v);
    }
    return v;
  };
}
