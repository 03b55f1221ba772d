// Label names sort in Go's byte order (UTF-8), as Prometheus and vmagent sort them. labels.ts sortGo sorts natively
// and switches to the exact comparison (compareStrings) only when a name holds a surrogate; names already seen
// without one are remembered. Checked against code-point order, which UTF-8 byte order equals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStrings, sortGo } from '../../src/engine/labels.ts';

/** Go's order by definition: code points compared one by one. */
function byCodePoints(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

// Characters around the places UTF-16 and UTF-8 orders part: ASCII, just below the surrogates, the private-use area
// above them (UTF-16 puts it after astral characters, UTF-8 before), and astral characters (surrogate pairs).
const char = fc.constantFrom('a', 'b', '_', 'Z', '\ud7ff', '\ue000', '\uffee', '😀', '𝄞');
const name = fc.array(char, { maxLength: 4 }).map((cs) => cs.join(''));

describe('sortGo', () => {
  it('sorts in byte order with and without surrogates, below and above the insertion-sort size', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 60, size: 'max' }), (names) => {
        const got = names.slice();
        sortGo(got);
        expect(got).toEqual(names.slice().sort(byCodePoints));
        // And again: the names are now remembered as surrogate-free where they are.
        const again = names.slice().reverse();
        sortGo(again);
        expect(again).toEqual(got);
      }),
      { numRuns: 500, seed: 20261125 },
    );
  });

  it('compareStrings is byte order', () => {
    expect(compareStrings('\ue000', '😀')).toBe(-1); // UTF-16 units would say the opposite
    expect(compareStrings('a', 'ab')).toBe(-1);
    expect(compareStrings('b', 'ab')).toBe(1);
    expect(compareStrings('x', 'x')).toBe(0);
  });
});
