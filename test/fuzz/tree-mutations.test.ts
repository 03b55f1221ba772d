// Tree mutations of real inputs (harness/mutate.ts): a node replaced by a value of another type, a key deleted or
// renamed, a subtree copied elsewhere, written back as YAML or JSON; and several real inputs mixed in one run with
// generated objects and random run options.
import { describe } from 'vitest';
import { fuzzTest } from './harness/vitest-property.ts';

describe('fuzz: tree mutations and mixtures', () => {
  fuzzTest('tree-mutations', 'the engine never throws and every diagnostic has a location');
  fuzzTest('mixtures', 'several inputs at once: no exception, every diagnostic located');
});
