// One input file → its documents (YAML documents, or top-level JSON values), each as a
// plain value plus a way to find the position of any field. Broken documents become
// diagnostics with file:line:col; every other document is still returned.
import { LineCounter, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import { diag, type Diagnostic, type SourcePos, type SourceRange } from '../diagnostics.ts';
import { offsetRange, rangeOf, type YamlSource } from '../config/yaml-nodes.ts';
import { jsonErrorOffset, scanJsonStream } from './json-stream.ts';
import { AliasBombError, nodeAtPath, yamlToValue, type PlainValue } from './yaml-value.ts';

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
  /** The YAML AST of this document (parsed lazily for JSON), for stages that read source text. */
  ast(): { node: unknown; src: YamlSource } | undefined;
  /** For JSON List documents: start offsets of `items[i]` (lets ingest place items without an AST). */
  itemPos?: (i: number) => SourcePos | undefined;
  /** The value at `path` with YAML types kept for unquoted ints/booleans (see yamlToValue `typed`). JSON
   * documents are typed already. */
  typedValue(path: (string | number)[]): PlainValue | undefined;
}

export interface ParseLimits {
  /** Largest number of YAML nodes produced through alias expansion per document. */
  maxNodes: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxNodes: 100_000 };

/** JSON when the first meaningful character opens an object or array; YAML otherwise. */
export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\ufeff') continue;
    return c === '{' || c === '[';
  }
  return false;
}

export function parseFile(file: InputFile, limits: ParseLimits = DEFAULT_PARSE_LIMITS): { docs: RawDoc[]; diagnostics: Diagnostic[] } {
  return looksLikeJson(file.text) ? parseJsonFile(file) : parseYamlFile(file, limits);
}

function parseYamlFile(file: InputFile, limits: ParseLimits): { docs: RawDoc[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const src: YamlSource = { file: file.name, lineCounter };
  const diagnostics: Diagnostic[] = [];
  const docs: RawDoc[] = [];
  let all: Document.Parsed[];
  all = parseAllDocuments(file.text, { schema: 'failsafe', lineCounter, prettyErrors: false }) as Document.Parsed[];
  if (!Array.isArray(all)) all = [all as unknown as Document.Parsed];
  all.forEach((d, index) => {
    let fatal = false;
    for (const e of d.errors) {
      // Duplicate keys: kubectl warns and keeps the last one; we do the same and say so.
      const dup = e.code === 'DUPLICATE_KEY';
      if (!dup) fatal = true;
      diagnostics.push(
        diag('YAML_PARSE', dup ? 'warning' : 'error', `${e.message.split('\n')[0]}${dup ? '' : ` (document ${index + 1} skipped)`}`, offsetRange(src, e.pos[0], e.pos[1])),
      );
    }
    for (const w of d.warnings) {
      diagnostics.push(diag('YAML_PARSE', 'warning', w.message.split('\n')[0] ?? w.message, offsetRange(src, w.pos[0], w.pos[1])));
    }
    if (fatal) return;
    const root = d.contents as Node | null;
    if (root === null || root === undefined) return; // empty document (e.g. a trailing ---)
    let value: PlainValue;
    try {
      value = yamlToValue(root, d, limits);
    } catch (e) {
      if (e instanceof AliasBombError) {
        diagnostics.push(
          diag('INPUT_TOO_LARGE', 'error', `document ${index + 1} expands to more than ${limits.maxNodes} nodes through aliases (a "billion laughs" document?); skipped`, rangeOf(src, root)),
        );
        return;
      }
      throw e;
    }
    if (value === null) return;
    const pos = rangeOf(src, root);
    docs.push({
      file: file.name,
      doc: index,
      value,
      pos: { file: pos.file, line: pos.line, col: pos.col, offset: pos.offset ?? 0 },
      format: 'yaml',
      locate(path, key) {
        const n = nodeAtPath(root, path, key);
        return n ? rangeOf(src, n) : undefined;
      },
      ast: () => ({ node: root, src }),
      typedValue: (path) => {
        const n = path.length ? nodeAtPath(root, path) : root;
        if (!n) return undefined;
        try {
          return yamlToValue(n, d, limits, true);
        } catch {
          return undefined;
        }
      },
    });
  });
  return { docs, diagnostics };
}

function parseJsonFile(file: InputFile): { docs: RawDoc[]; diagnostics: Diagnostic[] } {
  const text = file.text;
  const lineCounter = new LineCounter();
  // Fill the line index once; positions of every chunk and item come from it.
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  const fileSrc: YamlSource = { file: file.name, lineCounter };
  const posAt = (offset: number): SourcePos => {
    const r = offsetRange(fileSrc, offset);
    return { file: r.file, line: r.line, col: r.col, offset };
  };
  const diagnostics: Diagnostic[] = [];
  const docs: RawDoc[] = [];
  const { chunks, skipped } = scanJsonStream(text);
  if (skipped.length && chunks.length > 1) {
    // cluster-info dump: log sections between Lists are expected; say once that they were skipped.
    diagnostics.push(diag('UNCLASSIFIED_INPUT', 'info', `${skipped.length} non-JSON section(s) skipped (e.g. pod logs in a cluster-info dump)`, offsetRange(fileSrc, skipped[0]!.start)));
  } else if (skipped.length) {
    for (const s of skipped) {
      diagnostics.push(diag('JSON_PARSE', 'error', `unexpected text outside a JSON value: ${JSON.stringify(text.slice(s.start, Math.min(s.end, s.start + 40)).trim())}`, offsetRange(fileSrc, s.start)));
    }
  }
  chunks.forEach((chunk, index) => {
    const chunkText = text.slice(chunk.start, chunk.end);
    let value: PlainValue;
    try {
      value = JSON.parse(chunkText) as PlainValue;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const off = jsonErrorOffset(msg, chunk.start, chunkText);
      diagnostics.push(diag('JSON_PARSE', 'error', `${msg.replace(/ in JSON at position \d+.*$/, '')} (JSON value ${index + 1} skipped)`, offsetRange(fileSrc, Math.min(off, text.length))));
      return;
    }
    let astCache: { node: unknown; src: YamlSource; doc: Document } | undefined;
    const ast = () => {
      if (!astCache) {
        const lc = new LineCounter();
        const d = parseDocument(chunkText, { schema: 'failsafe', lineCounter: lc, prettyErrors: false });
        const start = posAt(chunk.start);
        astCache = { node: d.contents, doc: d, src: { file: file.name, lineCounter: lc, baseOffset: chunk.start, baseLine: start.line - 1, baseCol: start.col - 1 } };
      }
      return astCache;
    };
    docs.push({
      file: file.name,
      doc: index,
      value,
      pos: posAt(chunk.start),
      format: 'json',
      locate(path, key) {
        const a = ast();
        const n = nodeAtPath(a.node, path, key);
        return n ? rangeOf(a.src, n) : undefined;
      },
      ast: () => {
        const a = ast();
        return { node: a.node, src: a.src };
      },
      itemPos: (i) => (chunk.itemStarts[i] !== undefined ? posAt(chunk.itemStarts[i]!) : undefined),
      typedValue: (path) => {
        let cur: PlainValue | undefined = value;
        for (const step of path) {
          if (cur === null || typeof cur !== 'object') return undefined;
          cur = Array.isArray(cur) ? cur[step as number] : (cur as { [k: string]: PlainValue })[String(step)];
        }
        return cur;
      },
    });
  });
  return { docs, diagnostics };
}
