// Good documents next to a bad one still produce their targets. Every real input with targets (conformance fixtures,
// examples, the `kubectl get -o json` dump) gets broken documents appended, prepended and put between its documents;
// the targets must stay exactly what they were (active, dropped and failed, as the API shows them). The YAML inputs
// are also rewritten as a JSON stream (a cluster-info dump) with a broken value in the middle. Then the `isolation`
// fuzz property does the same with random broken documents.
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/engine/index.ts';
import { corpus } from './harness/corpus.ts';
import { checkRun, targetsFingerprint } from './harness/invariants.ts';
import { BROKEN_JSON, BROKEN_YAML, objectsFileIndex, refusedAlone, withBroken, type Placement } from './harness/isolation.ts';
import { fuzzTest } from './harness/vitest-property.ts';

const entries = corpus().filter((e) => e.hasTargets);
const PLACEMENTS: Placement[] = [{ at: 'end' }, { at: 'start' }, { at: 'marker', n: 1 }];

describe('isolation: the broken documents', () => {
  it('each one, alone, yields nothing (it is refused as a whole)', () => {
    for (const b of BROKEN_YAML) expect(refusedAlone(b), JSON.stringify(b).slice(0, 80)).toBe(true);
    for (const b of BROKEN_JSON) expect(refusedAlone(b, 'b.json'), b.slice(0, 80)).toBe(true);
  });
});

describe('isolation: real inputs with broken documents around them', () => {
  it('has inputs whose targets are worth comparing', () => {
    const withActive = entries.filter((e) => checkRun(e.files).jobs.some((j) => j.active.length > 0));
    expect(withActive.length).toBeGreaterThanOrEqual(40);
  });

  // Each input meets two broken documents in three places (rotating through the list), so every broken document
  // is tried in every place across the corpus.
  entries.forEach((e, i) => {
    it(`${e.id}`, () => {
      const want = targetsFingerprint(checkRun(e.files));
      for (let k = 0; k < 2; k++) {
        const yaml = BROKEN_YAML[(i * 2 + k) % BROKEN_YAML.length] as string;
        const json = BROKEN_JSON[(i + k) % BROKEN_JSON.length] as string;
        for (const where of PLACEMENTS) {
          const files = withBroken(e, { yaml, json }, where);
          expect(targetsFingerprint(checkRun(files)), `${where.at}: ${JSON.stringify(yaml).slice(0, 60)}`).toBe(want);
        }
      }
    });
  });
});

/** The YAML documents of a file rewritten as a JSON stream: one pretty-printed value per document, each starting on a
 * line of its own, like `kubectl cluster-info dump`. Uses the core schema so numbers stay numbers. */
function asJsonStream(f: InputFile): InputFile {
  const values = parseAllDocuments(f.text)
    .map((d) => d.toJS())
    .filter((v) => v !== null && v !== undefined);
  return { name: f.name.replace(/\.ya?ml$/, '.json'), text: values.map((v) => JSON.stringify(v, null, 2)).join('\n') + '\n' };
}

describe('isolation: JSON streams with a broken value in the middle', () => {
  entries
    .filter((e) => e.id.startsWith('conformance/'))
    .forEach((e, i) => {
      it(`${e.id} as a cluster-info dump`, () => {
        const fi = objectsFileIndex(e);
        const stream = asJsonStream(e.files[fi] as InputFile);
        const base = e.files.map((f, j) => (j === fi ? stream : f));
        const want = targetsFingerprint(checkRun(base));
        // Same targets as the YAML (the JSON reading of the same objects).
        expect(want).toBe(targetsFingerprint(checkRun(e.files)));
        const values = stream.text.split(/\n(?=[{[])/);
        const at = Math.min(values.length - 1, 1 + (i % Math.max(1, values.length - 1)));
        const unclosed = ['{"kind": "Pod", "metadata": {"name": "x", "labels": {"a": "b"', '[{"kind": "Pod"}, {'][i % 2] as string;
        for (const broken of [BROKEN_JSON[i % BROKEN_JSON.length] as string, unclosed]) {
          const text = [...values.slice(0, at), broken, ...values.slice(at)].join('\n');
          const files = base.map((f, j) => (j === fi ? { name: f.name, text } : f));
          expect(targetsFingerprint(checkRun(files)), broken.slice(0, 60)).toBe(want);
        }
      });
    });
});

describe('isolation: random broken documents', () => {
  fuzzTest('isolation', 'a broken document never changes the targets of the rest');
});
