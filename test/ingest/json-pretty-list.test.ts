// The pretty-printed List reader (json-pretty-list.ts) against its reference, the full scan plus one JSON.parse: on
// every text it either declines or gives exactly the reference's List, item offsets, item lines and end — over
// generated Lists in the layouts kubectl, jq and JSON.stringify print, over the same texts mutated at random, and at
// the depth limit. It must also accept the layouts it is for: a reader that always declined would pass the rest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../src/engine/ingest/documents.ts';
import { readPrettyList } from '../../src/engine/ingest/json-pretty-list.ts';
import { scanJsonStream, scanValue } from '../../src/engine/ingest/json-stream.ts';
import { lineIndex } from '../../src/engine/ingest/line-index.ts';
import { kubeObject } from '../fuzz/harness/arbitraries.ts';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const SCALE = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
const budget = (seed: number, numRuns: number) => ({ seed: SEED ?? seed, numRuns: Math.ceil(numRuns * SCALE) });

type Reference = { accepted: false } | { accepted: true; value: unknown; end: number; itemStarts: number[] };

/** What the full scan and JSON.parse make of the value at `start`. */
function reference(text: string, start: number, maxDepth: number): Reference {
  const chunk = scanValue(text, start, maxDepth);
  if (chunk.unterminated || chunk.tooDeepAt >= 0) return { accepted: false };
  try {
    return { accepted: true, value: JSON.parse(text.slice(start, chunk.end)), end: chunk.end, itemStarts: chunk.itemStarts };
  } catch {
    return { accepted: false };
  }
}

/** The reader declines, or agrees with the reference in everything it returns. Returns whether it read the List. */
function agrees(text: string, maxDepth = 256, start = text.indexOf('{')): boolean {
  const fast = readPrettyList(text, start, maxDepth);
  if (!fast) return false;
  const ref = reference(text, start, maxDepth);
  expect(ref.accepted).toBe(true);
  if (!ref.accepted) return false;
  expect(fast.value).toStrictEqual(ref.value);
  expect(fast.end).toBe(ref.end);
  expect(fast.itemStarts).toStrictEqual(ref.itemStarts);
  const lc = lineIndex(text);
  const first = lc.linePos(start).line;
  fast.itemStarts.forEach((offset, i) => {
    const p = lc.linePos(offset);
    expect([first + (fast.itemLines[i] as number), fast.itemCol]).toStrictEqual([p.line, p.col]);
  });
  const before = text.slice(0, fast.end);
  const newlines = before.split('\n').length - 1 - (text.slice(0, start).split('\n').length - 1);
  expect(fast.newlines).toBe(newlines);
  expect(fast.lastNewline).toBe(before.lastIndexOf('\n'));
  return true;
}

/** The ways big Lists reach us: kubectl (4 spaces), jq (2), JSON.stringify with 1 or a tab, and each with CRLF. */
const INDENTS: (number | string)[] = [4, 2, 1, '\t'];
const layout = fc.record({ indent: fc.constantFrom(...INDENTS), crlf: fc.boolean() });
function write(items: unknown[], { indent, crlf }: { indent: number | string; crlf: boolean }, extra: Record<string, unknown> = {}): string {
  const text = JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' }, ...extra }, null, indent);
  // Raw newlines only ever stand between tokens, so CRLF keeps the same JSON.
  return crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** Strings the reader must see through: brackets, quotes and escapes as managedFields keys and annotations hold them. */
const tricky = fc.constantFrom('k:{"name":"app"}', 'f:{}', '[', ']', '{', '}', '},\n  {', '"', '\\', '\\"', '\n    {\n', 'a\r\nb', '{"a":[1,{"b":2}]}', '\u2028');
const trickyObject = fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), tricky), fc.oneof(tricky, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 5 });
const item = fc.oneof(kubeObject, trickyObject.map((o) => ({ kind: 'ConfigMap', data: o, metadata: { annotations: o } })));

describe('readPrettyList', () => {
  it('reads generated Lists in every layout, exactly as the full scan and JSON.parse do', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), layout, (items, l) => {
        expect(agrees(write(items, l))).toBe(true);
      }),
      budget(0x9a1, 300),
    );
  });

  it('mutated texts: declined, or read exactly as the reference reads them', () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('"', '{', '}', '[', ']', ',', '\n', '\n  {', '\n    {', '\n }', ' ', 'x', '\\', '"items": [', '\r'));
    let read = 0;
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), layout, fc.array(edit, { minLength: 1, maxLength: 3 }), (items, l, edits) => {
        let text = write(items, l);
        for (const [at, del, ins] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + ins + text.slice(i + del);
        }
        if (text.indexOf('{') < 0) return;
        if (agrees(text)) read++;
      }),
      budget(0x9a2, 1500),
    );
    // Some mutations leave valid Lists (a space, a character inside a string): those must still be read.
    expect(read).toBeGreaterThan(50);
  });

  it('a later duplicate "items" key wins in JSON.parse: the reader declines rather than read the first', () => {
    const first = write([{ kind: 'Pod' }], { indent: 2, crlf: false });
    for (const later of ['[]', '[{"kind": "Service"}]', 'null']) {
      const text = first.replace(/\n}$/, `,\n  "items": ${later}\n}`);
      expect(JSON.parse(text).items).toStrictEqual(JSON.parse(later));
      expect(readPrettyList(text, 0)).toBeUndefined();
    }
  });

  it('the depth limit: read up to it, declined one level past it, wherever the brackets stand', () => {
    const nest = (depth: number): unknown => (depth === 0 ? 'x' : { a: nest(depth - 1) });
    // The List is 1 level, the items array 2, an item's `{` 3: an item nesting d levels inside reaches 3 + d.
    for (const maxDepth of [8, 12, 40]) {
      for (const oneLine of [false, true]) {
        const at = (d: number) => {
          // Closed branches before the deep one (the bound must not lose depth over their closers), and a string full
          // of brackets in the other item (the bound counts them: the exact scan must clear them).
          const items = [{ kind: 'ConfigMap', before: [nest(3), { b: [nest(2)] }], data: oneLine ? '@@' : nest(d) }, { kind: 'Pod', metadata: { annotations: { s: '{'.repeat(3 * maxDepth) } } }];
          let text = write(items, { indent: 2, crlf: false });
          // The deep object written on one line inside the pretty List.
          if (oneLine) text = text.replace('"@@"', JSON.stringify(nest(d)));
          return { text, ref: reference(text, 0, maxDepth) };
        };
        const ok = at(maxDepth - 3);
        expect(ok.ref.accepted).toBe(true);
        expect(agrees(ok.text, maxDepth)).toBe(true);
        const deep = at(maxDepth - 2);
        expect(deep.ref.accepted).toBe(false);
        expect(readPrettyList(deep.text, 0, maxDepth)).toBeUndefined();
      }
    }
  });

  it('generated nesting around the limit: read exactly when the reference accepts', () => {
    const obj = fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.jsonValue({ maxDepth: 6 }), tricky), { minKeys: 1, maxKeys: 3 });
    fc.assert(
      fc.property(fc.array(obj, { minLength: 1, maxLength: 4 }), layout, fc.integer({ min: 3, max: 10 }), (items, l, maxDepth) => {
        const text = write(items, l);
        expect(agrees(text, maxDepth)).toBe(reference(text, 0, maxDepth).accepted);
      }),
      budget(0x9a3, 400),
    );
  });

  it('declines what it is not for: minified text, empty or scalar items, an object without items', () => {
    expect(readPrettyList(JSON.stringify({ kind: 'List', items: [{ a: 1 }] }), 0)).toBeUndefined();
    expect(readPrettyList(write([], { indent: 2, crlf: false }), 0)).toBeUndefined();
    expect(readPrettyList(write([1, 'x'], { indent: 2, crlf: false }), 0)).toBeUndefined();
    expect(readPrettyList(JSON.stringify({ kind: 'Pod', spec: { items: [{ a: 1 }] } }, null, 2), 0)).toBeUndefined();
  });
});

describe('parseFile with the reader', () => {
  it('a cluster-info dump of pretty Lists with logs between: values, and item positions continuing across Lists', () => {
    fc.assert(
      fc.property(fc.array(fc.array(item, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), layout, (lists, l) => {
        const parts = lists.map((items) => write(items, l));
        const log = l.crlf ? '\r\n==== START logs for container c of pod default/p ====\r\nlog {line\r\n' : '\n==== START logs for container c of pod default/p ====\nlog {line\n';
        const text = parts.join(log);
        const lc = lineIndex(text);
        const { docs } = parseFile({ name: 'dump.json', text });
        expect(docs.map((d) => d.value)).toStrictEqual(parts.map((p) => JSON.parse(p)));
        const { chunks } = scanJsonStream(text);
        docs.forEach((d, k) => {
          const starts = chunks[k]!.itemStarts;
          expect(starts.length).toBe(lists[k]!.length);
          starts.forEach((offset, i) => {
            const p = lc.linePos(offset);
            expect(d.itemPos!(i)).toStrictEqual({ file: 'dump.json', line: p.line, col: p.col, offset });
          });
        });
      }),
      budget(0x9a4, 150),
    );
  });

  it('a pretty List with one item past the depth limit is refused whole, as a minified one is', () => {
    const deep = { kind: 'ConfigMap', data: JSON.parse('{"a":'.repeat(300) + '1' + '}'.repeat(300)) };
    for (const text of [write([{ kind: 'Pod' }, deep], { indent: 4, crlf: false }), JSON.stringify({ kind: 'List', items: [{ kind: 'Pod' }, deep] })]) {
      const r = parseFile({ name: 'l.json', text });
      expect(r.docs).toEqual([]);
      expect(r.diagnostics.map((d) => d.message).join()).toContain('maxDepth');
    }
  });
});
