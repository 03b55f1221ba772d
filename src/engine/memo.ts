// A bounded memo of a pure function of a string: the engine meets the same few texts on every target (interval and
// timeout labels, the label names a labelmap rule renames), and a cache that passes its limit starts over rather than
// grow with hostile input.

/** `fn` remembered for up to `max` keys; the results are shared, so callers only read them. */
export function boundedMemo<V>(fn: (key: string) => V, max = 256): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(key);
      cache.set(key, v);
    }
    return v;
  };
}
