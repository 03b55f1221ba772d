// "Good documents next to a bad one still produce their targets": broken documents to put next to a fixture's
// objects, and where to put them. A broken document here is one the engine must refuse as a whole (it cannot
// parse, is not an object, has no kind, an unknown kind, no name, is too large or too deep) — never a valid object
// or config that would legitimately change the targets.
import fc from 'fast-check';
import type { InputFile } from '../../../src/engine/index.ts';
import { ingest } from '../../../src/engine/ingest/ingest.ts';
import type { CorpusEntry } from './corpus.ts';

const BOMB = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n') + '\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: bomb}\n';

/** Hand-picked broken YAML documents: each is refused by a different check. */
export const BROKEN_YAML: readonly string[] = [
  // syntax
  'kind: Pod\nmetadata: {name: [broken\n',
  'a: b: c\n',
  'kind: Pod\n  metadata:\n name: x\n',
  '\tkind: Pod\n',
  'kind: "unterminated\n',
  "kind: 'unterminated\n",
  'metadata:\n  name: "multi\n  line\n',
  'key: [1, 2\n',
  'key: {a: 1\n',
  '- a\nb: c\n',
  ': x\n',
  '@bad\n',
  '`bad\n',
  'kind: Pod\nmetadata: {name: *undefined_alias}\n',
  '{]\n',
  'x: !!binary "!!!"\n',
  'kind: Pod\nmetadata:\n  name: x\n   bad: indent\n',
  '? [a\n',
  '"\n',
  "'\n",
  // not objects
  '- 1\n- 2\n',
  'just a scalar\n',
  '42\n',
  '[]\n',
  // no kind, bad kind, unknown kind
  'metadata: {name: x}\n',
  'foo: bar\n',
  'kind: [Pod]\nmetadata: {name: x}\n',
  'kind: {a: b}\nmetadata: {name: x}\n',
  'kind: ""\nmetadata: {name: x}\n',
  'kind: Widget\napiVersion: x/v1\nmetadata: {name: w}\n',
  // known kind, no usable name
  'kind: Pod\napiVersion: v1\nmetadata: {}\n',
  'kind: Service\napiVersion: v1\nmetadata: {name: [x]}\n',
  'kind: Pod\napiVersion: v1\nmetadata: null\n',
  'kind: Endpoints\napiVersion: v1\n',
  'kind: List\nitems:\n- 1\n- {kind: Pod}\n- [x]\n',
  // limits
  BOMB,
  `kind: ConfigMap\napiVersion: v1\nmetadata: {name: deep}\ndata: ${'['.repeat(300)}${']'.repeat(300)}\n`,
];

/** Broken JSON values to put into a JSON stream. */
export const BROKEN_JSON: readonly string[] = [
  '{"kind": "Pod", "metadata": {"name": "x"]]}',
  '{"kind": "Pod" "metadata": {}}',
  '{"a": [1, 2}',
  '[1, 2, 3}',
  '{"kind": "Pod", "metadata": {"name": "unterminated}}',
  '{"kind": "Widget", "apiVersion": "x/v1", "metadata": {"name": "w"}}',
  '{"kind": "Pod", "apiVersion": "v1", "metadata": {}}',
  '[]',
  '{}',
  `{"kind": "ConfigMap", "metadata": {"name": "deep"}, "data": ${'['.repeat(300)}${']'.repeat(300)}}`,
];

/** True when the engine, given `text` alone as a file, keeps nothing from it: no object (other than namespaces the API
 * server would imply) and no scrape config. Such a text may be used as "the broken document": the property is then
 * compositional — adding something that yields nothing on its own must not take anything away from the rest. */
export function refusedAlone(text: string, name = 'broken.yaml'): boolean {
  const r = ingest([{ name, text }]);
  return r.configs.length === 0 && r.store.all().every((o) => o.origin.implied !== undefined);
}

const PIECES = ['kind', ':', ' ', '\n', '  ', '- ', 'Pod', 'metadata', 'name', 'x', '{', '}', '[', ']', '"', "'", ',', '&a', '*a', '#', '|', '>', '\t', '!!str', '---', '...', '?', '%', '@', '`'];

/** Random broken documents: the hand-picked ones, and token soups that the engine must refuse (refusedAlone). */
export const brokenYamlDoc: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...BROKEN_YAML) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 25 })
      .map((xs) => xs.join(''))
      // A `---`/`...` at the start of a line inside the soup would start or end a document of its own.
      .filter((t) => !/(^|\n)(---|\.\.\.)/.test(t) && !/(^|\n)%/.test(t) && refusedAlone(t)),
  },
);

/** Where the broken document goes: after everything, before everything, or before the n-th document marker. */
export const placement = fc.oneof(fc.constant({ at: 'end' as const }), fc.constant({ at: 'start' as const }), fc.record({ at: fc.constant('marker' as const), n: fc.nat() }));
export type Placement = { at: 'end' } | { at: 'start' } | { at: 'marker'; n: number };

/** Inserts `broken` as a document of its own into a YAML text. */
export function insertYaml(text: string, broken: string, where: Placement): string {
  const b = broken.endsWith('\n') ? broken : broken + '\n';
  if (where.at === 'start') return `${b}---\n${text}`;
  if (where.at === 'marker') {
    const markers = [...text.matchAll(/^---[ \t]*$/gm)].map((m) => m.index as number);
    if (markers.length) {
      const at = markers[where.n % markers.length] as number;
      return `${text.slice(0, at)}---\n${b}${text.slice(at)}`;
    }
  }
  return `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}---\n${b}`;
}

/** Inserts `broken` as a top-level value of its own into a JSON text (a `kubectl cluster-info dump`-like stream). */
export function insertJson(text: string, broken: string, where: Placement): string {
  if (where.at === 'start') return `${broken}\n${text}`;
  return `${text}\n${broken}\n`;
}

/** The file of an entry that holds the objects (not the scrape config). */
export function objectsFileIndex(e: CorpusEntry): number {
  const i = e.files.findIndex((f) => !/^\s*(global|scrape_configs)\s*:/m.test(f.text));
  return i < 0 ? 0 : i;
}

export function withBroken(e: CorpusEntry, broken: { yaml: string; json: string }, where: Placement): InputFile[] {
  const fi = objectsFileIndex(e);
  return e.files.map((f, i) => {
    if (i !== fi) return f;
    const json = /^\s*[[{]/.test(f.text);
    return { name: f.name, text: json ? insertJson(f.text, broken.json, where) : insertYaml(f.text, broken.yaml, where) };
  });
}
