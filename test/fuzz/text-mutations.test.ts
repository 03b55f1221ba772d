// Text mutations of real inputs (harness/mutate.ts): truncations, deleted/duplicated slices, inserted YAML/JSON
// syntax, replaced characters (lone surrogates, NUL, BOM), re-indented and swapped lines — over the conformance
// fixtures, the operator cases, the examples and the `kubectl get -o json` dump.
import { describe } from 'vitest';
import { fuzzTest } from './harness/vitest-property.ts';

describe('fuzz: text mutations of real inputs', () => {
  fuzzTest('text-mutations', 'the engine never throws and every diagnostic has a location');
});
