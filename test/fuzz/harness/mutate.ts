// Mutators over real inputs (corpus.ts):
//   * text mutations — truncation, deleting/duplicating/moving slices, inserting YAML/JSON syntax, replacing
//     characters (any UTF-16 unit, lone surrogates included), re-indenting, swapping lines. Positions are drawn as
//     fractions of the text so that fast-check can shrink them towards the start.
//   * tree mutations — parse a document, pick a node, replace it with a value of another type, delete or rename a
//     key, copy a subtree from elsewhere; write the result back as YAML or JSON. These reach the stages behind the
//     parser (normalize, discovery, operators, config) with inputs that are well-formed but wrong.
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import type { InputFile } from '../../../src/engine/index.ts';
import { corpus, type CorpusEntry } from './corpus.ts';
import { WEIRD } from './arbitraries.ts';

/** Strings that mean something to YAML or JSON (or to the engine: document markers, aliases, tags, directives). */
const TOKENS = [
  ':', ': ', '- ', '-', '---\n', '\n---\n', '...\n', '{', '}', '[', ']', '"', "'", ',', '&a ', '*a', '&a [*a, *a, *a]', '<<: *a\n', '!!binary ', '!!int ', '!custom ',
  '|', '|-\n', '>', '#', '\t', '\n', '  ', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '? ', '\\', '\u0000', '\ufeff', '\ud800', '\udfff', '😀', '\r', '\r\n',
  'null', '~', '1e309', '0x1F', '-0', '9223372036854775808', 'true', 'NaN', '"\\u0000"', '"\\ud800"', 'kind: Pod\n', 'kind: List\nitems:\n', 'metadata:\n  name: x\n',
  'apiVersion: v1\n', 'namespace: ', 'scrape_configs:\n', '- job_name: x\n', 'items: [', '{"kind":"Pod"', '}}}}', ']]]]', '[[[[', '{{{{', 'x'.repeat(2000),
];

export type TextOp =
  | { op: 'truncate'; at: number }
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace-char'; at: number; ch: string }
  | { op: 'duplicate'; at: number; len: number; to: number }
  | { op: 'indent'; line: number; delta: number }
  | { op: 'swap-lines'; a: number; b: number };

const frac = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10_000);

export const textOp: fc.Arbitrary<TextOp> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: frac }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: frac, len: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: frac, text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 6 })) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replace-char' as const), at: frac, ch: fc.oneof(fc.constantFrom(...TOKENS.filter((t) => t.length <= 2)), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: frac, len: fc.integer({ min: 1, max: 400 }), to: frac }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('indent' as const), line: frac, delta: fc.integer({ min: -4, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swap-lines' as const), a: frac, b: frac }) },
);

export function applyTextOp(text: string, m: TextOp): string {
  const pos = (f: number) => Math.min(text.length, Math.floor(f * (text.length + 1)));
  switch (m.op) {
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'delete': {
      const a = pos(m.at);
      return text.slice(0, a) + text.slice(a + m.len);
    }
    case 'insert': {
      const a = pos(m.at);
      return text.slice(0, a) + m.text + text.slice(a);
    }
    case 'replace-char': {
      const a = pos(m.at);
      return text.slice(0, a) + m.ch + text.slice(a + 1);
    }
    case 'duplicate': {
      const a = pos(m.at);
      const piece = text.slice(a, a + m.len);
      const to = pos(m.to);
      return text.slice(0, to) + piece + text.slice(to);
    }
    case 'indent': {
      const lines = text.split('\n');
      const i = Math.min(lines.length - 1, Math.floor(m.line * lines.length));
      const l = lines[i] ?? '';
      lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + l : l.replace(new RegExp(`^ {0,${-m.delta}}`), '');
      return lines.join('\n');
    }
    case 'swap-lines': {
      const lines = text.split('\n');
      const i = Math.min(lines.length - 1, Math.floor(m.a * lines.length));
      const j = Math.min(lines.length - 1, Math.floor(m.b * lines.length));
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
      return lines.join('\n');
    }
  }
}

/** A corpus entry (by index) with 1–6 text mutations applied to one of its files. */
export const textMutation = fc.record({
  entry: fc.nat(),
  file: fc.nat(),
  ops: fc.array(textOp, { minLength: 1, maxLength: 6 }),
});

export function applyTextMutation(m: { entry: number; file: number; ops: TextOp[] }, entries: CorpusEntry[] = corpus()): { id: string; files: InputFile[] } {
  const e = entries[m.entry % entries.length] as CorpusEntry;
  const fi = m.file % e.files.length;
  const files = e.files.map((f, i) => (i === fi ? { name: f.name, text: m.ops.reduce(applyTextOp, f.text) } : f));
  return { id: e.id, files };
}

// ---- tree mutations ----
export type TreeOp =
  | { op: 'set'; node: number; value: unknown }
  | { op: 'delete'; node: number }
  | { op: 'rename'; node: number; key: string }
  | { op: 'copy'; from: number; to: number }
  | { op: 'wrap'; node: number; how: 'list' | 'map' | 'string' };

export const treeOp: fc.Arbitrary<TreeOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), node: fc.nat(), value: WEIRD }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), node: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), node: fc.nat(), key: fc.constantFrom('kind', 'metadata', 'name', 'spec', 'items', 'ports', 'port', 'selector', 'Kind', 'nmae', '', '__proto__', 'scrape_configs', 'relabel_configs') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('copy' as const), from: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), node: fc.nat(), how: fc.constantFrom('list' as const, 'map' as const, 'string' as const) }) },
);

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

/** Every place in a value that holds a value (depth-first, in a fixed order). */
function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push({ parent: v, key: i });
        walk(x);
      });
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push({ parent: v as Record<string, unknown>, key: k });
        walk((v as Record<string, unknown>)[k]);
      }
    }
  };
  walk(root);
  return out;
}

const get = (s: Slot) => (s.parent as Record<string | number, unknown>)[s.key];
const set = (s: Slot, v: unknown) => {
  if (Array.isArray(s.parent)) s.parent[s.key as number] = v;
  else Object.defineProperty(s.parent, s.key, { value: v, enumerable: true, configurable: true, writable: true });
};

export function applyTreeOp(root: unknown, m: TreeOp): void {
  const all = slots(root);
  if (!all.length) return;
  const at = (n: number) => all[n % all.length] as Slot;
  switch (m.op) {
    case 'set':
      set(at(m.node), structuredClone(m.value));
      break;
    case 'delete': {
      const s = at(m.node);
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key as string];
      break;
    }
    case 'rename': {
      const s = at(m.node);
      if (Array.isArray(s.parent)) break;
      const v = get(s);
      delete s.parent[s.key as string];
      set({ parent: s.parent, key: m.key }, v);
      break;
    }
    case 'copy': {
      const from = at(m.from);
      const to = at(m.to);
      const v = get(from);
      // Copying a node into its own subtree would make a cycle; copy a snapshot.
      set(to, structuredClone(v));
      break;
    }
    case 'wrap': {
      const s = at(m.node);
      const v = get(s);
      set(s, m.how === 'list' ? [v] : m.how === 'map' ? { x: v } : JSON.stringify(v) ?? 'null');
      break;
    }
  }
}

/** A corpus entry with 1–5 tree mutations on the documents of one file, written back as YAML or JSON. */
export const treeMutation = fc.record({
  entry: fc.nat(),
  file: fc.nat(),
  ops: fc.array(treeOp, { minLength: 1, maxLength: 5 }),
  as: fc.constantFrom('yaml' as const, 'json' as const),
});

export function applyTreeMutation(m: { entry: number; file: number; ops: TreeOp[]; as: 'yaml' | 'json' }, entries: CorpusEntry[] = corpus()): { id: string; files: InputFile[] } {
  const e = entries[m.entry % entries.length] as CorpusEntry;
  const fi = m.file % e.files.length;
  const files = e.files.map((f, i) => {
    if (i !== fi) return f;
    // Core schema: numbers stay numbers (JSON output keeps the types a YAML reader would see).
    const docs: unknown[] = parseAllDocuments(f.text).map((d) => {
      try {
        return d.toJS({ maxAliasCount: 100 });
      } catch {
        return null;
      }
    });
    for (const op of m.ops) applyTreeOp(docs, op);
    const text =
      m.as === 'json'
        ? docs.map((d) => JSON.stringify(d, null, 1) ?? 'null').join('\n')
        : docs
            .map((d) => {
              try {
                return stringify(d, { lineWidth: 0 });
              } catch {
                return 'null\n';
              }
            })
            .join('---\n');
    return { name: m.as === 'json' ? f.name.replace(/\.ya?ml$/, '.json') : f.name, text };
  });
  return { id: e.id, files };
}
