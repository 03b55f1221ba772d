// The fast reading of a YAML file (issue #9: YAML ingest >= 10 MiB/s, and a re-run per keystroke). The file is cut
// into documents at its `---` lines; each document is read by yaml-scan.ts straight into its value, and only its
// position is kept. The `yaml` library parses a document's text only when something asks for more: `locate()`,
// `ast()` (config documents, fixes) — lazily, once, with the parser started at the document's file offset so that
// every node carries the same offsets, lines and columns as in a parse of the whole file. During a normal run
// nothing asks for it except for config documents and objects with a diagnostic.
//
// A document the scanner does not understand is read by the library on its own text. That reading equals the
// whole file's only when the document stands on its own: no error token, no directive, no marker inside a token,
// nothing too deep, only duplicate-key errors (a warning) — otherwise (or with `%` directives or `...` markers
// anywhere) the caller reads the whole file with the library (yaml-library.ts), exactly as before.
import { Composer, Parser, type CST, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { rangeOf, type YamlSource } from '../config/yaml-nodes.ts';
import type { InputFile, RawDoc } from './documents.ts';
import { BoundedCache } from '../memo.ts';
import { LineCursor, lineIndex } from './line-index.ts';
import type { AliasBudget, ParseLimits } from './limits.ts';
import { libraryDoc, scanDocument } from './yaml-library.ts';
import { scanYamlDocument, scanYamlItem, type ScannedDocument, type ScanOptions } from './yaml-scan.ts';
import { nodeAtPath, type PlainValue } from './yaml-value.ts';

/** Deepest nesting the scanner (which recurses) reads; deeper documents go to the library and its limits. */
const SCAN_MAX_DEPTH = 500;

/** A directive (`%YAML`, `%TAG`) or a document end marker (`...`) at the start of a line: directives carry over
 * from one document to the next and `...` changes where documents start, so such files are read whole. (Searched
 * with indexOf: a regex with `^|\n` costs more than the scanner's reading of the file.) */
function directiveOrEnd(text: string): boolean {
  const head = text.charCodeAt(0) === 0xfeff ? text.slice(1, 4) : text.slice(0, 3);
  return head.startsWith('%') || head === '...' || text.includes('\n%') || text.includes('\n...') || text.includes('\n\ufeff%') || text.includes('\n\ufeff...');
}

/** A document marker line: `---` followed by whitespace or the end of the text (lexer.js parseLineStart). */
const MARKER = /\n---(?=[ \t\r\n]|$)/g;

interface Slice {
  start: number;
  end: number;
  /** The slice starts with its `---` line. */
  marker: boolean;
}

/** The file's documents, or undefined when the file must be read whole by the library. `budget` is charged only when
 * the documents are returned. `stats` counts the documents each reader read (for tests and measurements). */
export function parseYamlFast(
  file: InputFile,
  limits: ParseLimits,
  budget?: AliasBudget,
  stats?: { scanned: number; library: number },
): { docs: RawDoc[]; diagnostics: Diagnostic[] } | undefined {
  const text = file.text;
  if (directiveOrEnd(text)) return undefined;
  const trial = budget ? { ...budget } : undefined;
  const opts: ScanOptions = { typed: false, maxDepth: Math.min(limits.maxDepth ?? Infinity, SCAN_MAX_DEPTH) };
  const boms = positions(text, ['\ufeff']);
  const crs = positions(text, ['\r']);
  const tabs = positions(text, ['\t']);
  let nextBom = 0;
  let nextCr = 0;
  let nextTab = 0;
  const cursor = new LineCursor(text);
  // Positions of AST nodes: the whole file's line index, built once for the file when a first document needs it (as
  // before: every offset of the file, 0 included, places the same way).
  let full: YamlSource | undefined;
  const fileSrc = () => (full ??= { file: file.name, lineCounter: lineIndex(text) });
  const docs: RawDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  let index = 0;
  for (const sl of slices(text)) {
    while (nextBom < boms.length && (boms[nextBom] as number) < sl.start) nextBom++;
    const firstCr = nextCr;
    while (nextCr < crs.length && (crs[nextCr] as number) < sl.end) nextCr++;
    const firstTab = nextTab;
    while (nextTab < tabs.length && (tabs[nextTab] as number) < sl.end) nextTab++;
    const src = nextBom < boms.length && (boms[nextBom] as number) < sl.end ? undefined : scanSource(text, sl, crs.slice(firstCr, nextCr));
    const scanned = src && scanYamlDocument(src.t, src.from, src.end, sl.marker, withTabs(opts, src, tabs, firstTab, nextTab));
    if (src && scanned) {
      if (stats) stats.scanned++;
      if (scanned.rootAt < 0) {
        if (sl.marker) index++; // an empty document still counts
        continue;
      }
      docs.push(fastDoc(file.name, text, sl, src, fileSrc, index++, scanned, cursor, firstTab === nextTab ? opts : { ...opts, tabs: tabs.slice(firstTab, nextTab) }));
      continue;
    }
    const read = librarySlice(text, sl, fileSrc(), index, limits, trial, diagnostics);
    if (!read) return undefined;
    if (stats) stats.library++;
    docs.push(...read.docs);
    index += read.count;
  }
  if (budget && trial) budget.left = trial.left;
  return { docs, diagnostics };
}

/** The text cut at its marker lines: what comes before the first marker (if anything), then one slice per marker. */
function slices(text: string): Slice[] {
  const out: Slice[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let start = 0;
  let marker = false;
  if (text.startsWith('---', bom) && isMarkerEnd(text, bom + 3)) {
    if (bom) out.push({ start: 0, end: bom, marker: false });
    start = bom;
    marker = true;
  }
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const at = m.index + 1;
    if (at <= start) continue;
    out.push({ start, end: at, marker });
    start = at;
    marker = true;
  }
  out.push({ start, end: text.length, marker });
  return out;
}

function isMarkerEnd(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Offsets of the given characters in `text`, in order: one search per character over the whole text. */
function positions(text: string, chars: string[]): number[] {
  const out: number[] = [];
  for (const ch of chars) {
    for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) out.push(i);
  }
  return chars.length > 1 && out.length > 1 ? out.sort((a, b) => a - b) : out;
}

/** The scan options with the slice's tabs (as offsets of what the scanner reads). */
function withTabs(opts: ScanOptions, src: ScanSource, tabs: number[], from: number, to: number): ScanOptions {
  if (from === to) return opts;
  return { ...opts, tabs: src.copy ? positions(src.t, ['\t']) : tabs.slice(from, to) };
}

/** What the scanner reads for a slice, and how its offsets map back to the file's. */
interface ScanSource {
  t: string;
  /** `t` is a CR-less copy of the slice (else the file text itself). */
  copy: boolean;
  from: number;
  end: number;
  /** The file offset of an offset of `t` (calls must not go backwards). */
  fileOffset: () => (o: number) => number;
}

/** The slice itself; or, when its lines end with CR LF, a copy with LF only: the library reads a CR LF line break as
 * it reads LF (resolve-flow-scalar.js, resolve-block-scalar.js, lexer.js), so the values are the same, and positions
 * map back by counting the CRs before them. Undefined when the scanner must not read the slice: a lone CR (the
 * library reads it as a space here and there). */
function scanSource(text: string, sl: Slice, crs: number[]): ScanSource | undefined {
  if (!crs.length) return { t: text, copy: false, from: sl.start, end: sl.end, fileOffset: () => (o) => o };
  for (const c of crs) if (text.charCodeAt(c + 1) !== 10) return undefined;
  const t = text.slice(sl.start, sl.end).replace(/\r\n/g, '\n');
  return {
    t,
    copy: true,
    from: 0,
    end: t.length,
    fileOffset: () => {
      let j = 0;
      return (o) => {
        while (j < crs.length && (crs[j] as number) - sl.start - j <= o) j++;
        return sl.start + o + j;
      };
    },
  };
}

/** A document read by the scanner. Its AST, when asked for, comes from the library reading its text. `opts.tabs`:
 * the tabs of the slice, as file offsets. */
function fastDoc(file: string, text: string, sl: Slice, src: ScanSource, fileSrc: () => YamlSource, index: number, scanned: ScannedDocument, cursor: LineCursor, opts: ScanOptions): RawDoc {
  const at = src.fileOffset();
  // (The CR-less copy of a CR LF document is not kept: typedValue makes it again.)
  const crlf = src.copy;
  const rootAt = at(scanned.rootAt);
  const root = cursor.pos(rootAt);
  // Item positions now, while the cursor passes them (List documents place every item).
  const items = scanned.items;
  const itemLines = items?.at.map((o) => {
    if (o < 0) return undefined;
    const offset = at(o);
    return { ...cursor.pos(offset), offset };
  });
  let parsed: { node: unknown; src: YamlSource } | undefined;
  // Methods rather than arrow functions in consts or properties: see ingest.ts addObject (tsx's keepNames).
  const doc: RawDoc = {
    file,
    doc: index,
    value: scanned.value,
    pos: { file, line: root.line, col: root.col, offset: rootAt },
    format: 'yaml',
    locate(path, key) {
      const a = (parsed ??= { node: parseSlice(text, sl), src: fileSrc() });
      const n = nodeAtPath(a.node, path, key);
      return n ? rangeOf(a.src, n) : undefined;
    },
    ast() {
      return (parsed ??= { node: parseSlice(text, sl), src: fileSrc() });
    },
    typedValue(path) {
      // The scanner again, keeping YAML types (cheaper than the library; called for custom resources only). A List
      // item is read alone: a List of many custom resources costs one reading, not one per item.
      const again = crlf ? scanSource(text, sl, positions(text.slice(sl.start, sl.end), ['\r']).map((c) => c + sl.start)) : undefined;
      const t = again?.t ?? text;
      const typedOpts: ScanOptions = { ...opts, typed: true, ...(again ? { tabs: positions(t, ['\t']) } : {}) };
      const i = path[1];
      if (items && path[0] === 'items' && typeof i === 'number') {
        if (!Number.isInteger(i) || i < 0 || i >= items.at.length) return undefined;
        return walk(scanYamlItem(t, items, i, typedOpts), path.slice(2));
      }
      const typed = again ? scanYamlDocument(t, again.from, again.end, sl.marker, typedOpts) : scanYamlDocument(text, sl.start, sl.end, sl.marker, typedOpts);
      return typed ? walk(typed.value, path) : undefined;
    },
  };
  if (itemLines) {
    doc.itemPos = {
      itemPos(i: number) {
        const p = itemLines[i];
        return p ? { file, line: p.line, col: p.col, offset: p.offset } : undefined;
      },
    }.itemPos;
  }
  return doc;
}

/** The value at `path` the way nodeAtPath walks the AST: map keys by their text, list items by number. */
function walk(v: PlainValue | undefined, path: (string | number)[]): PlainValue | undefined {
  let cur = v;
  for (const step of path) {
    if (Array.isArray(cur)) {
      if (typeof step !== 'number') return undefined;
      cur = cur[step];
    } else if (cur !== null && typeof cur === 'object') {
      const k = String(step);
      cur = Object.prototype.hasOwnProperty.call(cur, k) ? cur[k] : undefined;
    } else {
      return undefined;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The library's tokens for a slice, with file offsets (the parser counts from its `offset`). The parser reads on to
 * the next document's `---`, as in the whole file: where a document ends decides where its trailing comments go
 * (and so the ranges of its last nodes) — a `---` and the end of the text do not end it the same way. That next
 * (empty) document is left out; anything else the marker brings (an error closing what this slice left open) is
 * not, and makes librarySlice refuse the slice. */
function* sliceTokens(text: string, sl: Slice): Generator<CST.Token> {
  const parser = new Parser();
  parser.offset = sl.start;
  for (const t of parser.parse(text.slice(sl.start, sl.end < text.length ? sl.end + 3 : sl.end))) {
    if (t.type === 'document' && t.offset >= sl.end) return;
    yield t;
  }
}

/** The AST root of a document the scanner read (the scanner accepted it, so the library reads it without errors). */
function parseSlice(text: string, sl: Slice): Node | null {
  // Only from small files: a tree's scalars hold slices of the file's text, so a kept tree keeps the whole text.
  if (text.length > SLICE_AST_MAX_FILE) return parseSliceNow(text, sl);
  // The key is what sliceTokens reads, and where: the tree depends on nothing else.
  const end = sl.end < text.length ? sl.end + 3 : sl.end;
  const key = `${sl.start}\u0000${text.slice(sl.start, end)}`;
  let root = SLICE_ASTS.get(key);
  if (root === undefined) SLICE_ASTS.set(key, (root = parseSliceNow(text, sl)), text.length);
  return root;
}

/** The trees of the last documents parsed, by their text and file offset. The playground re-runs on every keystroke,
 * and the scrape config's document asks for its tree on every run (config/ reads positions from it): with a 50-job
 * config that parse was a third of a re-run while only the manifests changed. Nothing writes to a tree except
 * resolveAliases, which does it once per tree (config/yaml-nodes.ts). Bounded: 16 documents of files up to 256 KiB,
 * whose texts (which the trees keep alive; an entry weighs its file's length) add up to at most 1 MiB. */
const SLICE_ASTS = new BoundedCache<Node | null>(16, 1 << 20);
const SLICE_AST_MAX_FILE = 256 * 1024;

function parseSliceNow(text: string, sl: Slice): Node | null {
  const composer = new Composer({ schema: 'failsafe', prettyErrors: false });
  const [d] = Array.from(composer.compose(sliceTokens(text, sl))) as Document.Parsed[];
  return (d?.contents ?? null) as Node | null;
}

/** A document the scanner left to the library, read on its own; undefined when that reading could differ from the
 * whole file's (see the top of this file). */
function librarySlice(
  text: string,
  sl: Slice,
  src: YamlSource,
  index: number,
  limits: ParseLimits,
  budget: AliasBudget | undefined,
  diagnostics: Diagnostic[],
): { docs: RawDoc[]; count: number } | undefined {
  const tokens: CST.Token[] = [];
  let count = 0;
  for (const t of sliceTokens(text, sl)) {
    if (t.type === 'error' || t.type === 'directive' || t.type === 'doc-end') return undefined;
    if (t.type === 'document') {
      const scan = scanDocument(t, limits.maxDepth ?? Infinity);
      if (scan.deepAt >= 0 || scan.markerAt >= 0) return undefined;
      count++;
    }
    tokens.push(t);
  }
  // A slice that starts with `---` is one document; the text before the first marker is one or none.
  if (sl.marker ? count !== 1 : count > 1) return undefined;
  const composer = new Composer({ schema: 'failsafe', prettyErrors: false });
  const all = Array.from(composer.compose(tokens)) as Document.Parsed[];
  if (all.length !== count || composer.streamInfo().errors.length) return undefined;
  if (all.some((d) => d.errors.some((e) => e.code !== 'DUPLICATE_KEY'))) return undefined;
  const docs: RawDoc[] = [];
  all.forEach((d, i) => {
    const doc = libraryDoc(d, index + i, src, limits, budget, diagnostics);
    if (doc) docs.push(doc);
  });
  return { docs, count };
}
