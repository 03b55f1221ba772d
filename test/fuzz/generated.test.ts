// Generated inputs (harness/arbitraries.ts): Kubernetes objects of every kind the engine reads, scrape configs,
// prometheus-operator and VictoriaMetrics-operator objects, with wrong types in any field, written as multi-document
// YAML, Lists, JSON streams, one file each or mixed with the config, under random run options.
import { describe } from 'vitest';
import { fuzzTest } from './harness/vitest-property.ts';

describe('fuzz: generated inputs', () => {
  fuzzTest('generated-inputs', 'the engine never throws and every diagnostic has a location');
});
