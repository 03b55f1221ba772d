// One input file → its documents (YAML documents, or top-level JSON values), each as a
// plain value plus a way to find the position of any field. Broken documents become
// diagnostics with file:line:col; every other document is still returned.
//
// YAML is read by yaml-documents.ts (a scanner for the common subset, the `yaml` library per
// document where the scanner is unsure) or, when that could differ from it, by yaml-library.ts
// (the library over the whole file, the reference). JSON is read here: a pretty-printed List by
// json-pretty-list.ts (each item parsed on its own, placed by its line), anything else by JSON.parse
// per value with positions from json-stream.ts's scan; the AST only when asked for.
import { parseDocument, type Document } from 'yaml';
import { diag, type Diagnostic, type SourcePos, type SourceRange } from '../diagnostics.ts';
import { offsetRange, rangeOf, type YamlSource } from '../config/yaml-nodes.ts';
import { jsonErrorOffset, scanJsonStream } from './json-stream.ts';
import { readPrettyList } from './json-pretty-list.ts';
import { LineCursor, lineIndex } from './line-index.ts';
import { DEFAULT_PARSE_LIMITS, documentTooLarge, type AliasBudget, type ParseLimits } from './limits.ts';
import { parseYamlFast } from './yaml-documents.ts';
import { parseYamlFileWithLibrary, type Parsed } from './yaml-library.ts';
import { nodeAtPath, type PlainValue } from './yaml-value.ts';

export { DEFAULT_PARSE_LIMITS, type ParseLimits } from './limits.ts';

export interface InputFile {
  /** Display name / path, used in every position. */
  name: string;
  text: string;
}

export interface RawDoc {
  file: string;
  /** 0-based index of the document in the file. */
  doc: number;
  value: PlainValue;
  pos: SourcePos;
  format: 'yaml' | 'json';
  /** Position of a field by path, relative to this document's root value. */
  locate(path: (string | number)[], key?: boolean): SourceRange | undefined;
  /** The YAML AST of this document (parsed lazily for JSON and for YAML the scanner read), for stages that read
   * source text. */
  ast(): { node: unknown; src: YamlSource } | undefined;
  /** For List documents (JSON, and YAML the scanner read): where `items[i]` starts (lets ingest place items without
   * an AST); undefined for an item it cannot place (ingest then asks locate). */
  itemPos?: (i: number) => SourcePos | undefined;
  /** The value at `path` with YAML types kept for unquoted ints/booleans (see yamlToValue `typed`). JSON
   * documents are typed already. */
  typedValue(path: (string | number)[]): PlainValue | undefined;
}

/** JSON when the first meaningful character opens an object or array; YAML otherwise. */
export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\ufeff') continue;
    return c === '{' || c === '[';
  }
  return false;
}

/** How YAML is read: `fast` (yaml-documents.ts, which falls back to the library wherever its reading could
 * differ) or `library` (yaml-library.ts only: the reference the fast path is tested against). */
export type YamlReader = 'fast' | 'library';

/** `budget`: alias-expanded nodes the whole input may still produce (see limits.ts); unset: only `limits.maxNodes`. */
export function parseFile(file: InputFile, limits: ParseLimits = DEFAULT_PARSE_LIMITS, budget?: AliasBudget, reader: YamlReader = 'fast'): { docs: RawDoc[]; diagnostics: Diagnostic[] } {
  const pick = (p: Parsed) => ({ docs: p.docs, diagnostics: p.diagnostics });
  if (!looksLikeJson(file.text)) return (reader === 'fast' && parseYamlFast(file, limits, budget)) || pick(parseYamlFileWithLibrary(file, limits, budget));
  const json = parseJsonFile(file, limits);
  if (!json.diagnostics.some((d) => d.code === 'JSON_PARSE')) return pick(json);
  // YAML files may start with `{` or `[` too (a flow mapping, a broken first document): when the text is not clean
  // JSON, read it as YAML as well and keep the reading whose documents cover more of the text (JSON on a tie). (The
  // library's reading: it measures `covered`; such files are rare and small.)
  const trial = budget ? { ...budget } : undefined;
  const yaml = parseYamlFileWithLibrary(file, limits, trial);
  if (yaml.covered <= json.covered) return pick(json);
  if (budget && trial) budget.left = trial.left;
  return pick(yaml);
}

function parseJsonFile(file: InputFile, limits: ParseLimits): Parsed {
  const text = file.text;
  // Positions of values and List items come from one pass counting newlines (they are in file order); an index of
  // every line is built only for diagnostics.
  const cursor = new LineCursor(text);
  let full: YamlSource | undefined;
  const fileSrc = (): YamlSource => (full ??= { file: file.name, lineCounter: lineIndex(text) });
  const diagnostics: Diagnostic[] = [];
  const docs: RawDoc[] = [];
  let covered = 0;
  const { chunks, skipped } = scanJsonStream(text, limits.maxDepth, 0, readPrettyList);
  if (skipped.length && chunks.length > 1) {
    // cluster-info dump: log sections between Lists are expected; say once that they were skipped.
    diagnostics.push(diag('UNCLASSIFIED_INPUT', 'info', `${skipped.length} non-JSON section(s) skipped (e.g. pod logs in a cluster-info dump)`, offsetRange(fileSrc(), skipped[0]!.start)));
  } else if (skipped.length) {
    for (const s of skipped) {
      diagnostics.push(diag('JSON_PARSE', 'error', `unexpected text outside a JSON value: ${JSON.stringify(text.slice(s.start, Math.min(s.end, s.start + 40)).trim())}`, offsetRange(fileSrc(), s.start)));
    }
  }
  // Re-scanning after a broken value (below) is bounded, like the YAML repairs.
  let budget = 2 * text.length + 4096;
  for (let index = 0; index < chunks.length; index++) {
    const chunk = chunks[index] as (typeof chunks)[number];
    if (chunk.tooDeepAt >= 0) {
      diagnostics.push(documentTooLarge(index, 'maxDepth', limits, offsetRange(fileSrc(), chunk.tooDeepAt)));
      continue;
    }
    const chunkText = text.slice(chunk.start, chunk.end);
    let value: PlainValue;
    try {
      value = chunk.list ? chunk.list.value : (JSON.parse(chunkText) as PlainValue);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const off = jsonErrorOffset(msg, chunk.start, chunkText);
      diagnostics.push(diag('JSON_PARSE', 'error', `${msg.replace(/ in JSON at position \d+.*$/, '')} (JSON value ${index + 1} skipped)`, offsetRange(fileSrc(), Math.min(off, text.length))));
      // An unclosed string or bracket runs on into the values after it. In a stream (cluster-info dump) every
      // value starts on a line of its own with `{` or `[`: read on from the next such line inside the broken value.
      const next = nextValueLine(text, chunk.start + 1, chunk.end);
      if (next >= 0 && text.length - next <= budget) {
        budget -= text.length - next;
        chunks.splice(index + 1, chunks.length, ...scanJsonStream(text, limits.maxDepth, next, readPrettyList).chunks);
      }
      continue;
    }
    covered += chunk.end - chunk.start;
    const start = cursor.pos(chunk.start);
    const items = chunk.itemStarts;
    const itemLines: number[] = new Array(items.length);
    const itemCols: number[] = new Array(items.length);
    const list = chunk.list;
    if (list) {
      // The reader counted the List's lines: the cursor goes on from its last one.
      for (let i = 0; i < items.length; i++) {
        itemLines[i] = start.line + (list.itemLines[i] as number);
        itemCols[i] = list.itemCol;
      }
      if (list.newlines > 0) cursor.jump(start.line + list.newlines, list.lastNewline + 1);
    } else {
      for (let i = 0; i < items.length; i++) {
        const p = cursor.pos(items[i] as number);
        itemLines[i] = p.line;
        itemCols[i] = p.col;
      }
    }
    let astCache: { node: unknown; src: YamlSource; doc: Document } | undefined;
    const ast = () => {
      if (!astCache) {
        const lc = lineIndex(chunkText);
        const d = parseDocument(chunkText, { schema: 'failsafe', prettyErrors: false });
        astCache = { node: d.contents, doc: d, src: { file: file.name, lineCounter: lc, baseOffset: chunk.start, baseLine: start.line - 1, baseCol: start.col - 1 } };
      }
      return astCache;
    };
    // A field of one List item is found in that item's text alone: a diagnosis on one object of a 20 MiB
    // `kubectl get -o json` dump must not parse the whole dump (the yaml library reads ~3 MiB/s).
    const itemAsts = new Map<number, { node: unknown; src: YamlSource }>();
    const itemAst = (i: number) => {
      let a = itemAsts.get(i);
      if (a === undefined) {
        const from = items[i] as number;
        const itemText = text.slice(from, jsonValueEnd(text, from, chunk.end));
        const d = parseDocument(itemText, { schema: 'failsafe', prettyErrors: false });
        a = { node: d.contents, src: { file: file.name, lineCounter: lineIndex(itemText), baseOffset: from, baseLine: (itemLines[i] as number) - 1, baseCol: (itemCols[i] as number) - 1 } };
        if (itemAsts.size >= 256) itemAsts.clear();
        itemAsts.set(i, a);
      }
      return a;
    };
    docs.push({
      file: file.name,
      doc: index,
      value,
      pos: { file: file.name, line: start.line, col: start.col, offset: chunk.start },
      format: 'json',
      locate(path, key) {
        const i = path[1];
        if (path[0] === 'items' && typeof i === 'number' && items[i] !== undefined && (path.length > 2 || !key)) {
          const a = itemAst(i);
          const n = nodeAtPath(a.node, path.slice(2), key);
          return n ? rangeOf(a.src, n) : undefined;
        }
        const a = ast();
        const n = nodeAtPath(a.node, path, key);
        return n ? rangeOf(a.src, n) : undefined;
      },
      ast: () => {
        const a = ast();
        return { node: a.node, src: a.src };
      },
      itemPos: (i) => (items[i] !== undefined ? { file: file.name, line: itemLines[i] as number, col: itemCols[i] as number, offset: items[i] as number } : undefined),
      typedValue: (path) => {
        let cur: PlainValue | undefined = value;
        for (const step of path) {
          if (cur === null || typeof cur !== 'object') return undefined;
          cur = Array.isArray(cur) ? cur[step as number] : (cur as { [k: string]: PlainValue })[String(step)];
        }
        return cur;
      },
    });
  }
  return { docs, diagnostics, covered };
}

/** The offset just past the JSON value starting at `from` (a valid value: the text parsed), or `to`. */
export function jsonValueEnd(text: string, from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote.
      for (i++; i < to; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      if (depth === 0) return i + 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return i; // a scalar ended by its list's `]`
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) && i > from) return i;
  }
  return to;
}

/** Offset of the first line in [from, to) that starts with `{` or `[` (-1: none). */
function nextValueLine(text: string, from: number, to: number): number {
  for (let i = text.indexOf('\n', from); i >= 0 && i + 1 < to; i = text.indexOf('\n', i + 1)) {
    const c = text[i + 1];
    if (c === '{' || c === '[') return i + 1;
  }
  return -1;
}
