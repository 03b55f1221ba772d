// The fast YAML reader (src/engine/ingest/yaml-scan.ts, yaml-documents.ts) against the reference: the `yaml`
// library's reading of the whole file (yaml-library.ts). Same documents, values (key order included), positions,
// field locations, typed values, List item positions, ASTs and diagnostics — for every YAML text in the repository,
// for mutations of them, and for generated documents. Where the fast reader is unsure it must fall back, never
// differ; the acceptance checks at the end make sure it is not simply falling back everywhere.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Composer, isMap, isPair, isScalar, isSeq, stringify, visit, type Node } from 'yaml';
import { rangeOf, type YamlSource } from '../../src/engine/config/yaml-nodes.ts';
import type { SourceRange } from '../../src/engine/diagnostics.ts';
import { parseFile, type InputFile, type RawDoc } from '../../src/engine/ingest/documents.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { aliasBudget, DEFAULT_INPUT_LIMITS, type ParseLimits } from '../../src/engine/ingest/limits.ts';
import { parseYamlFast } from '../../src/engine/ingest/yaml-documents.ts';
import type { PlainValue } from '../../src/engine/ingest/yaml-value.ts';
import { generatedInput } from '../fuzz/harness/arbitraries.ts';
import { lineSoup, yamlStream } from './yaml-generators.ts';
import { applyTextOp, textOp } from '../fuzz/harness/mutate.ts';

const ROOT = join(import.meta.dirname, '..', '..');
// Like the fuzz suite (test/fuzz/README.md): FUZZ_SEED for other seeds, FUZZ_RUNS_SCALE for longer runs.
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const SCALE = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
const budget = (seed: number, numRuns: number) => ({ seed: SEED ?? seed, numRuns: Math.ceil(numRuns * SCALE) });
/** Documents each reader read in the generated properties (the fast path must be exercised, not just bypassed). */
const generatedStats = { scanned: 0, library: 0 };

/** Every YAML file under `dir` (recursively), and the YAML texts of the fuzz regressions. */
function yamlFiles(dir: string, out: InputFile[] = []): InputFile[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push({ name: p.slice(ROOT.length + 1), text: readFileSync(p, 'utf8') });
    else if (p.includes(join('fuzz', 'regressions')) && name.endsWith('.json')) {
      const c = JSON.parse(readFileSync(p, 'utf8')) as { files?: InputFile[]; base?: InputFile[] };
      for (const f of [...(c.files ?? []), ...(c.base ?? [])]) out.push({ name: `${name}:${f.name}`, text: f.text });
    }
  }
  return out;
}

const CORPUS: InputFile[] = [
  ...yamlFiles(join(ROOT, 'test')),
  ...yamlFiles(join(ROOT, 'examples')),
  ...yamlFiles(join(ROOT, '..', 'shared', 'conformance')),
  ...yamlFiles(join(ROOT, '..', 'shared', 'operator-cases')),
];

type Path = (string | number)[];

/** Paths of every node of a value (map keys marked, for locate(path, true)), at most `max` of them. */
function paths(v: PlainValue, max = 3000): { path: Path; key: boolean }[] {
  const out: { path: Path; key: boolean }[] = [{ path: [], key: false }];
  const walk = (x: PlainValue, at: Path) => {
    if (out.length >= max || x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) x.forEach((el, i) => (out.push({ path: [...at, i], key: false }), walk(el, [...at, i])));
    else for (const [k, el] of Object.entries(x)) out.push({ path: [...at, k], key: true }), walk(el, [...at, k]);
  };
  walk(v, []);
  return out.slice(0, max);
}

/** The position of every node of an AST, in document order. */
function nodePositions(node: unknown, src: YamlSource): SourceRange[] {
  const out: SourceRange[] = [];
  if (node && typeof node === 'object') {
    const add = (n: unknown) => {
      if (isScalar(n) || isMap(n) || isSeq(n)) out.push(rangeOf(src, n as Node));
    };
    add(node);
    visit(node as Node, (_k, n) => {
      if (isPair(n)) {
        add(n.key);
        add(n.value);
      }
    });
  }
  return out;
}

/** A value as text, -0 and undefined included (toStrictEqual would compare own `constructor` keys by identity). */
const json = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v, (_k, x) => (Object.is(x, -0) ? '-0' : x)));

const toPos = (r: SourceRange | undefined) => (r ? { file: r.file, line: r.line, col: r.col, offset: r.offset } : undefined);

function compareDocs(fast: RawDoc, lib: RawDoc): void {
  expect(fast.doc).toBe(lib.doc);
  expect(fast.format).toBe(lib.format);
  expect(fast.pos).toStrictEqual(lib.pos);
  expect(json(fast.value)).toBe(json(lib.value)); // key order too
  for (const { path, key } of paths(lib.value)) {
    expect(fast.locate(path)).toStrictEqual(lib.locate(path));
    if (key) expect(fast.locate(path, true)).toStrictEqual(lib.locate(path, true));
    expect(json(fast.typedValue(path))).toBe(json(lib.typedValue(path)));
  }
  for (const path of [['nope'], [0], ['items', 1e6], ['metadata', 'name', 'x']]) {
    expect(fast.locate(path)).toStrictEqual(lib.locate(path));
    expect(json(fast.typedValue(path))).toBe(json(lib.typedValue(path)));
  }
  const items = (lib.value as { items?: unknown } | null)?.items;
  if (Array.isArray(items)) {
    // What ingest uses to place List items.
    for (let i = 0; i < items.length; i++) {
      expect(fast.itemPos?.(i) ?? toPos(fast.locate(['items', i]))).toStrictEqual(lib.itemPos?.(i) ?? toPos(lib.locate(['items', i])));
    }
  }
  const a = fast.ast();
  const b = lib.ast();
  expect(a?.node).toStrictEqual(b?.node);
  expect(nodePositions(a?.node, a!.src)).toStrictEqual(nodePositions(b?.node, b!.src));
  // Readers place missing nodes at offset 0 (rangeOf's fallback).
  expect(rangeOf(a!.src, null)).toStrictEqual(rangeOf(b!.src, null));
}

/** Both readers on one file: same documents, diagnostics and alias budget left. */
function compareFile(file: InputFile, limits: ParseLimits = DEFAULT_INPUT_LIMITS): void {
  const bf = aliasBudget(DEFAULT_INPUT_LIMITS);
  const bl = aliasBudget(DEFAULT_INPUT_LIMITS);
  const fast = parseFile(file, limits, bf, 'fast');
  const lib = parseFile(file, limits, bl, 'library');
  expect(fast.diagnostics).toStrictEqual(lib.diagnostics);
  expect(bf.left).toBe(bl.left);
  expect(fast.docs.length).toBe(lib.docs.length);
  fast.docs.forEach((d, i) => compareDocs(d, lib.docs[i]!));
}

/** Both readers through ingest: the same store, origins, configs, ignored objects and diagnostics. */
function compareIngest(files: InputFile[]): void {
  const fast = ingest(files, {}, { yamlReader: 'fast' });
  const lib = ingest(files, {}, { yamlReader: 'library' });
  expect(fast.diagnostics).toStrictEqual(lib.diagnostics);
  expect(fast.ignored).toStrictEqual(lib.ignored);
  const objs = (r: typeof fast) => r.store.all().map((o) => ({ obj: json(o.obj), origin: o.origin, name: o.locate?.(['metadata', 'name']) }));
  expect(objs(fast)).toStrictEqual(objs(lib));
  expect([...fast.secretValues]).toStrictEqual([...lib.secretValues]);
  const cfgs = (r: typeof fast) => r.configs.map((c) => ({ file: c.file, doc: c.doc, pos: c.pos, node: c.node, at: nodePositions(c.node, c.src) }));
  expect(cfgs(fast)).toStrictEqual(cfgs(lib));
}

function checkText(text: string, limits?: ParseLimits): boolean {
  compareFile({ name: 'in.yaml', text }, limits);
  parseYamlFast({ name: 'in.yaml', text }, limits ?? DEFAULT_INPUT_LIMITS, undefined, generatedStats);
  return true;
}

describe('fast YAML reader = the yaml library', () => {
  it(`reads every YAML text of the repository the same (${CORPUS.length} files)`, () => {
    expect(CORPUS.length).toBeGreaterThan(300);
    for (const f of CORPUS) compareFile(f);
  });

  it('ingests the repository inputs the same', () => {
    const byDir = new Map<string, InputFile[]>();
    for (const f of CORPUS) {
      const dir = f.name.replace(/[^/]*$/, '');
      byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
    }
    for (const files of byDir.values()) compareIngest(files);
  });

  it('reads nasty scalars, comments, markers and odd layouts the same', () => {
    const cases = [
      'hash: 724e972620\nmode: 0755\nver: 1.10\nhex: 0x1F\nbig: 12345678901234567890\nneg: -0\nplus: +1\nf: 1e3\n',
      'a: "a: b"\nb: \'it\'\'s\'\nc: ~\nd: null\ne: Null\nf: NULL\ng:\nh: ""\ni: \'\'\nj: "~"\nk: true\nl: False\nm: yes\n',
      'a: b # comment\nc: d#not\ne: "x" # c\nf: \'y\'   # c\ng: {}  # c\nh: []\n# end\n',
      'trailing: spaces   \nkey:    \nk2: v2\n',
      'a:\n- x\n- y\nb:\n  - z\n  -\n  - - nested\n',
      'a:\n- b: 1\n  c:\n  - d\n  e: 2\n-   f: 3\n    g: 4\n-\n  h: 5\n- "q": 1\n  \'r\': 2\n',
      'u: ünïcödé\nemoji: 😀\nz: "\\u00e9\\x41\\U0001F600\\n\\t\\\\\\""\nbad: "\\q"\n',
      'plain: first\n  second\n\n  third\nq: "one\n  two\n\n  three"\ns: \'a\n  b\'\n',
      'lit: |\n  line1\n    indented\n\n  line3\nfold: >\n  a\n  b\n\n   more\n  c\nstrip: |-\n  x\n\n\nkeep: |+\n  y\n\n\nlast: 1\n',
      'empty_block: |\nnext: 1\n',
      'a: |2\n   x\n',
      '---\n---\na: 1\n--- # c\nb: 2\n---\n',
      '# only a comment\n',
      '\ufeffa: 1\n---\nb: 2\n',
      '\ufeff---\na: 1\n',
      'a: 1\r\nb:\r\n  - c\r\n',
      'a:\tb\n',
      'a: 1\na: 2\n',
      'x: &a 1\ny: *a\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n...\n---\nb: 2\n',
      '<<: {a: 1}\nb: 2\n',
      '? complex\n: value\n',
      'a: !tag x\n',
      'a: [1, 2]\nb: {c: d}\n',
      'a: b: c\n',
      'a: "unclosed\n---\nb: 2\n',
      'kind: Pod\nmetadata:\n  name: x\n  labels:\n    a: b\n   bad: indent\n',
      '  indented: root\n  second: 1\n',
      '- root\n- seq\n',
      'just a scalar\n',
      'a: 1\n  b: 2\n',
      'a:\n  b: 1\n c: 2\n',
      'key with spaces: v\n"quoted key": v\n\'single key\': v\n-dash: v\n?q: v\n:c: v\nk:: v\n',
      `${'k'.repeat(1100)}: v\n`,
      'a: -\nb: - c\n',
      'a: ,x\nb: %x\nc: @x\nd: `x\n',
      'a: x\n# comment\n  continued\n',
      'a: x\n    # comment\nb: y\n',
      'items:\n- kind: Pod\n  metadata: {}\n- plain\n-\n- - nested\nkind: List\n',
      'items: []\nkind: PodList\n',
      'a: "x"y\n',
      'a: \'x\'\'\n',
      'a: "trailing \\\n  escaped newline"\n',
      'a: "  spaces  \n   around  "\n',
      '__proto__: x\n',
      'constructor: x\ntoString: y\n',
      'a: 1\n---\n  b: 2\n---\nc: 3\n',
      'a:\n\n\n  b: 1\n',
      'a: >-\n\n  leading blank\n',
      'a: |\n    \n  less\n',
      'a: |-\n  x\n  \n   \nb: 1\n',
      'a: |+\n  x\n\n',
      'a: >\n  x\n\n  y\n   z\n  w\n',
      '---\na: 1\n...\n',
      'a: b\n---x: 1\n',
      '----: x\n',
      'a: 1 #c\n  b\n',
      'a:\n  - b\n  c: d\n',
      '- a\nb: c\n',
      'a: "\n"\n',
      "a: '\n'\n",
      'a: "x\n\n\n  y"\n',
      'a: [1, "2", \'3\', {b: c, d: [e]}, [], {}]\nb: { x: 1 , y: ~ }\nc: [ ]\n',
      'a: {"k":1, \'j\': 2}\nb: [a, ]\nc: [-]\nd: {a:1}\ne: [a: b]\nf: {a}\ng: {a: }\nh: [a,,b]\n',
      'a: [x, y,\n  z]\nb: {p: 1,\n    q: 2\n  }\nc: [\nw\n]\n',
      '- {kind: Pod, metadata: {name: a}}\n- [a, b]\n- {a: 1} # c\n- {a: 1}x\n',
      'items:\n- {kind: Pod, metadata: {name: a}}\n- kind: Pod\n  metadata: {name: b}\nkind: List\n',
      'a: [a #c\n]\nb: [x]: y\n',
      'a: {dup: 1, dup: 2}\n',
      'a: [a b, c:d, e-f, "g h", :x, -y, ?z]\n',
      'a: b\n  - c\n  [x]\n  "q"\n  {x: y}\n  \'s\'\n  | >\n  !t &a *b\n  -\n  ---\nn: 1\n',
      'a:\n  own line\n  continued\nb:\n  "quoted own line"\nc:\n  [x, y]\nd:\n  |\n  x\ne:\n  - - x\n    - y\n  - - - z\n',
      '- - a\n  - b\n- - - c\n-   - d\n',
      'k:\n  "multi\n  line": v\n',
      'a: |\n  x\ty\n  \tz\nb: >\n  \tm\n  n\n\n  \to\nc: "t\\tq"\nd: |-\n    x\n  \ty\ne: |\n \tx\n\t\n',
      'a:\tb\nc: |\n  x\n\td: 1\n',
      'a: |\n  x\r\n  y\r\nb: "q\r\n   r"\r\n',
      'a:\n# c1\n# c2\n---\nb: 1\n# c3\n\n# c4\n---',
      'a:\n  b: 1\n  # c1\n# c2\n---\n- x\n  # c\n# d\n---\n',
      'apiVersion: v1\nkind: List\nitems:\n- kind: VMServiceScrape\n  spec:\n    endpoints:\n    - targetPort: 8080\n      honorLabels: true\n    - targetPort: "8080"\n      n: -0\n      t: TRUE\n# c\n- kind: ServiceMonitor\n  spec: {port: 9090, x: [1, "2", true, 0x1F, 007]}\n-\n- 12\nkind2: x\n',
      'items:\n- - {}\n- - a: 1\n- {}\n- []\n- |\n  x\n- "q"\n- plain\n-\n  - x\n-\n  {a: 1}\n',
    ];
    for (const c of cases) checkText(c);
    for (const c of cases) checkText(c, { maxNodes: 10, maxDepth: 2 });
  });

  it('generated documents (yaml.stringify of nasty trees, kubectl and yaml styles, comments, CRLF, BOM)', () => {
    fc.assert(
      fc.property(yamlStream, (text) => checkText(text)),
      budget(0x9a11, 400),
    );
  });

  it('line soup: random lines of YAML-ish syntax at random indentation', () => {
    fc.assert(
      fc.property(lineSoup, (text) => checkText(text)),
      budget(0x50a9, 1500),
    );
  });

  it('mutated repository inputs', () => {
    const texts = CORPUS.filter((f) => f.text.length < 20_000);
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(textOp, { minLength: 1, maxLength: 4 }), (i, ops) => {
        let text = texts[i]!.text;
        for (const op of ops) text = applyTextOp(text, op);
        return checkText(text);
      }),
      budget(0x3a7e, 600),
    );
  });

  it('generated inputs of the fuzz suite, through ingest', () => {
    fc.assert(
      fc.property(generatedInput, (c) => {
        const files = (c as { files: InputFile[] }).files;
        for (const f of files) compareFile(f);
        compareIngest(files);
        return true;
      }),
      budget(0x1e57, 150),
    );
  });
});

describe('fast YAML reader: it is used', () => {
  it('reads nearly every document of the repository without the library', () => {
    const stats = { scanned: 0, library: 0 };
    let whole = 0;
    for (const f of CORPUS) if (!parseYamlFast(f, DEFAULT_INPUT_LIMITS, undefined, stats)) whole++;
    expect(stats.scanned / (stats.scanned + stats.library)).toBeGreaterThan(0.9);
    expect(whole / CORPUS.length).toBeLessThan(0.05);
  });

  it('reads most generated documents without the library', () => {
    // After the properties above ran (vitest runs a file's tests in order).
    expect(generatedStats.scanned).toBeGreaterThan(1000);
    expect(generatedStats.scanned / (generatedStats.scanned + generatedStats.library)).toBeGreaterThan(0.4);
  });

  it('never runs the library on a kubectl-style dump during ingest (no locate, no ast)', () => {
    const pod = stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: '1' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } });
    const list = stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } }] }, { indentSeq: false });
    const compose = vi.spyOn(Composer.prototype, 'compose');
    try {
      const r = ingest([{ name: 'd.yaml', text: `${pod}---\n${list}` }]);
      expect(r.store.all().filter((o) => !o.origin.implied)).toHaveLength(2);
      expect(r.store.get('Service', 'default', 's')!.origin.pos).toMatchObject({ line: 16, col: 3 });
      expect(compose).not.toHaveBeenCalled();
    } finally {
      compose.mockRestore();
    }
  });
});
