// One input file → its documents (YAML documents, or top-level JSON values), each as a
// plain value plus a way to find the position of any field. Broken documents become
// diagnostics with file:line:col; every other document is still returned.
import { Composer, LineCounter, Parser, parseDocument, type CST, type Document, type Node } from 'yaml';
import { diag, type Diagnostic, type SourcePos, type SourceRange } from '../diagnostics.ts';
import { offsetRange, rangeOf, type YamlSource } from '../config/yaml-nodes.ts';
import { jsonErrorOffset, scanJsonStream } from './json-stream.ts';
import { DEFAULT_PARSE_LIMITS, documentTooLarge, type AliasBudget, type ParseLimits } from './limits.ts';
import { AliasBombError, nodeAtPath, yamlToValue, type PlainValue } from './yaml-value.ts';

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
  /** The YAML AST of this document (parsed lazily for JSON), for stages that read source text. */
  ast(): { node: unknown; src: YamlSource } | undefined;
  /** For JSON List documents: start offsets of `items[i]` (lets ingest place items without an AST). */
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

/** `budget`: alias-expanded nodes the whole input may still produce (see limits.ts); unset: only `limits.maxNodes`. */
export function parseFile(file: InputFile, limits: ParseLimits = DEFAULT_PARSE_LIMITS, budget?: AliasBudget): { docs: RawDoc[]; diagnostics: Diagnostic[] } {
  const pick = (p: Parsed) => ({ docs: p.docs, diagnostics: p.diagnostics });
  if (!looksLikeJson(file.text)) return pick(parseYamlFile(file, limits, budget));
  const json = parseJsonFile(file, limits);
  if (!json.diagnostics.some((d) => d.code === 'JSON_PARSE')) return pick(json);
  // YAML files may start with `{` or `[` too (a flow mapping, a broken first document): when the text is not clean
  // JSON, read it as YAML as well and keep the reading whose documents cover more of the text (JSON on a tie).
  const trial = budget ? { ...budget } : undefined;
  const yaml = parseYamlFile(file, limits, trial);
  if (yaml.covered <= json.covered) return pick(json);
  if (budget && trial) budget.left = trial.left;
  return pick(yaml);
}

/** `covered`: characters of the text inside the documents that were read (to choose between two readings). */
type Parsed = { docs: RawDoc[]; diagnostics: Diagnostic[]; covered: number };

function parseYamlFile(file: InputFile, limits: ParseLimits, budget?: AliasBudget): Parsed {
  // The line index comes from the text, not from the parser's newline callbacks: in a broken document the `yaml`
  // parser skips some newlines (inside error tokens), and every position after them would drift.
  const lineCounter = lineIndex(file.text);
  const src: YamlSource = { file: file.name, lineCounter };
  const diagnostics: Diagnostic[] = [];
  const docs: RawDoc[] = [];
  let covered = 0;
  // parseAllDocuments, with repairs between the (iterative) CST parser and the (recursive) composer (yamlTokens).
  const composer = new Composer({ schema: 'failsafe', lineCounter, prettyErrors: false });
  const tokens = yamlTokens(file.text, limits.maxDepth ?? Infinity, (why, index, offset, e) =>
    diagnostics.push(
      why === 'deep'
        ? documentTooLarge(index, 'maxDepth', limits, offsetRange(src, offset))
        : why === 'quote'
          ? diag('YAML_PARSE', 'error', `a quoted string runs past a document marker (--- or ...) at the start of a line: the quote is never closed (document ${index + 1} skipped)`, offsetRange(src, offset))
          : diag('YAML_PARSE', 'error', `${e?.message ?? 'unexpected text'}${e?.source ? `: ${JSON.stringify(e.source.slice(0, 40))}` : ''} (before the first document; ignored)`, offsetRange(src, offset)),
    ),
  );
  const all = Array.from(composer.compose(tokens)) as Document.Parsed[];
  if (all.length === 0) {
    // A stream without documents can still hold errors (e.g. a lone `...`).
    for (const e of composer.streamInfo().errors) diagnostics.push(diag('YAML_PARSE', 'error', e.message.split('\n')[0] ?? e.message, offsetRange(src, e.pos[0], e.pos[1])));
  }
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
      value = yamlToValue(root, d, limits, false, budget);
    } catch (e) {
      if (e instanceof AliasBombError) {
        diagnostics.push(documentTooLarge(index, e.limit, { ...limits, ...(budget ? { maxAliasNodesTotal: budget.max } : {}) }, rangeOf(src, root)));
        return;
      }
      throw e;
    }
    if (value === null) return;
    covered += d.range[2] - d.range[0];
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
  return { docs, diagnostics, covered };
}

/** Start offsets of every line of `text`. */
function lineIndex(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/** The CST tokens of `text` as `yaml`'s Parser yields them, with repairs, so that a broken document takes nothing
 * with it (a good document next to a bad one keeps its targets) and nothing too deep reaches the composer:
 *   * a document nested deeper than `maxDepth` is passed on empty (and reported): the composer recurses, the CST
 *     parser does not, so the check runs here, iteratively;
 *   * an error lexed after a document's `---` reaches the composer after that document's token (the parser yields
 *     it first, and the composer would pin it on the previous, good document); an error before the first
 *     document's `---` (a stray `}` on line 1) is reported on its own instead of being pinned on that document;
 *   * a quoted string that is never closed (or an error token) swallows the following documents: the `yaml` lexer
 *     reads on through `---` lines, though YAML forbids a document marker inside a quoted scalar (spec 1.2,
 *     c-forbidden) and kubectl splits documents at `---` before parsing. The document is passed on empty or fails
 *     (and is reported), and the text is parsed again from the marker. Re-parsing is bounded (twice the text);
 *     past that, the lexer's reading stands. */
function* yamlTokens(text: string, maxDepth: number, report: (why: 'deep' | 'quote' | 'stray', index: number, offset: number, e?: CST.ErrorToken) => void): Generator<CST.Token> {
  let index = 0;
  let from = 0;
  let source = text;
  let budget = 2 * text.length + 4096;
  const canRestart = (at: number) => at >= 0 && text.length - at <= budget;
  for (;;) {
    let restart = -1;
    // The marker an error token ran over: everything lexed from there on is re-read.
    let pending = -1;
    const held: CST.ErrorToken[] = [];
    for (const t of new Parser().parse(source)) {
      if (t.offset < from) continue; // the blanked text before a restart
      if (pending >= 0 && t.offset >= pending && canRestart(pending)) {
        restart = pending;
        break;
      }
      if (t.type === 'error') {
        held.push(t);
        const m = markerIn(t.source, t.offset);
        if (m >= 0 && (pending < 0 || m < pending)) pending = m;
        continue;
      }
      if (t.type !== 'document') {
        yield* held.splice(0);
        yield t;
        continue;
      }
      // Errors up to this document's `---` belong before it; those after it, to it.
      const startAt = t.start.find((x) => x.type === 'doc-start')?.offset ?? t.offset - 1;
      const inside = held.filter((e) => e.offset > startAt);
      const before = held.filter((e) => e.offset <= startAt);
      held.length = 0;
      if (index === 0) for (const e of before) report('stray', index, e.offset, e);
      else yield* before;
      const scan = scanDocument(t, maxDepth);
      const marker = pending >= 0 && (scan.markerAt < 0 || pending < scan.markerAt) ? pending : scan.markerAt;
      if (canRestart(marker)) {
        // This document runs over a marker: it fails (its own errors, or ours), and the text is read again from there.
        if (marker === scan.markerAt) report('quote', index, scan.quoteAt);
        index++;
        yield { ...t, value: undefined };
        yield* inside.filter((e) => e.offset < marker);
        restart = marker;
        break;
      }
      if (scan.deepAt >= 0) {
        report('deep', index, scan.deepAt);
        yield { ...t, value: undefined };
      } else {
        yield t;
      }
      index++;
      yield* inside;
    }
    if (restart < 0) {
      // End of text: errors left go where the composer puts them (the last document); one may still have run over a
      // marker with nothing lexed after it.
      yield* held.splice(0).filter((e) => pending < 0 || e.offset < pending);
      if (!canRestart(pending)) return;
      restart = pending;
    } else {
      yield* held.splice(0).filter((e) => e.offset < restart);
    }
    budget -= text.length - restart;
    // Parse again from the marker, over a text of the same length (offsets, lines and columns stay true) whose
    // part before the marker is blank.
    from = restart;
    source = text.slice(0, from).replace(/[^\n]/g, ' ') + text.slice(from);
  }
}

const MARKER_LINE = /\n(---|\.\.\.)(?=[ \t\r\n]|$)/;

/** Where to parse again from when a token's text runs over a document marker at the start of a line: the `---`
 * line itself, or the line after a `...`. -1: no marker. */
function markerIn(src: string, offset: number): number {
  const m = MARKER_LINE.exec(src);
  if (!m) return -1;
  if (m[1] === '---') return offset + m.index + 1;
  const nl = src.indexOf('\n', m.index + 1);
  return offset + (nl < 0 ? src.length : nl + 1);
}

/** Walks a document's CST (iteratively: a too-deep document is as deep as its text): the first map or list nested
 * deeper than `max` levels, and the first token whose text runs over a document marker line (with the offset to
 * parse again from, see markerIn) — wherever the token sits (a value, a key, the trailing tokens of a scalar). */
function scanDocument(doc: CST.Document, max: number): { deepAt: number; quoteAt: number; markerAt: number } {
  const out = { deepAt: -1, quoteAt: -1, markerAt: -1 };
  type Item = { start?: CST.Token[]; key?: CST.Token | null; sep?: CST.Token[]; value?: CST.Token };
  const stack: [CST.Token, number][] = [];
  const push = (t: CST.Token | null | undefined, depth: number) => {
    if (t) stack.push([t, depth]);
  };
  const pushAll = (ts: readonly CST.Token[] | undefined, depth: number) => {
    if (ts) for (const t of ts) stack.push([t, depth]);
  };
  push(doc.value, 0);
  pushAll(doc.end, 0);
  while (stack.length) {
    const [t, depth] = stack.pop() as [CST.Token, number];
    const src = (t as { source?: unknown }).source;
    if (typeof src === 'string' && src.length > 3 && src.includes('\n')) {
      const at = markerIn(src, t.offset);
      if (at >= 0 && (out.markerAt < 0 || at < out.markerAt)) {
        out.markerAt = at;
        out.quoteAt = t.offset;
      }
    }
    if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      if (depth + 1 > max) {
        if (out.deepAt < 0) out.deepAt = t.offset;
        continue;
      }
      for (const it of t.items as Item[]) {
        pushAll(it.start, depth + 1);
        push(it.key, depth + 1);
        pushAll(it.sep, depth + 1);
        push(it.value, depth + 1);
      }
      if (t.type === 'flow-collection') pushAll(t.end, depth);
      continue;
    }
    pushAll((t as { end?: CST.Token[] }).end, depth);
    pushAll((t as { props?: CST.Token[] }).props, depth);
  }
  return out;
}

function parseJsonFile(file: InputFile, limits: ParseLimits): Parsed {
  const text = file.text;
  // Fill the line index once; positions of every chunk and item come from it.
  const lineCounter = lineIndex(text);
  const fileSrc: YamlSource = { file: file.name, lineCounter };
  const posAt = (offset: number): SourcePos => {
    const r = offsetRange(fileSrc, offset);
    return { file: r.file, line: r.line, col: r.col, offset };
  };
  const diagnostics: Diagnostic[] = [];
  const docs: RawDoc[] = [];
  let covered = 0;
  const { chunks, skipped } = scanJsonStream(text, limits.maxDepth);
  if (skipped.length && chunks.length > 1) {
    // cluster-info dump: log sections between Lists are expected; say once that they were skipped.
    diagnostics.push(diag('UNCLASSIFIED_INPUT', 'info', `${skipped.length} non-JSON section(s) skipped (e.g. pod logs in a cluster-info dump)`, offsetRange(fileSrc, skipped[0]!.start)));
  } else if (skipped.length) {
    for (const s of skipped) {
      diagnostics.push(diag('JSON_PARSE', 'error', `unexpected text outside a JSON value: ${JSON.stringify(text.slice(s.start, Math.min(s.end, s.start + 40)).trim())}`, offsetRange(fileSrc, s.start)));
    }
  }
  // Re-scanning after a broken value (below) is bounded, like the YAML repairs.
  let budget = 2 * text.length + 4096;
  for (let index = 0; index < chunks.length; index++) {
    const chunk = chunks[index] as (typeof chunks)[number];
    if (chunk.tooDeepAt >= 0) {
      diagnostics.push(documentTooLarge(index, 'maxDepth', limits, offsetRange(fileSrc, chunk.tooDeepAt)));
      continue;
    }
    const chunkText = text.slice(chunk.start, chunk.end);
    let value: PlainValue;
    try {
      value = JSON.parse(chunkText) as PlainValue;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const off = jsonErrorOffset(msg, chunk.start, chunkText);
      diagnostics.push(diag('JSON_PARSE', 'error', `${msg.replace(/ in JSON at position \d+.*$/, '')} (JSON value ${index + 1} skipped)`, offsetRange(fileSrc, Math.min(off, text.length))));
      // An unclosed string or bracket runs on into the values after it. In a stream (cluster-info dump) every
      // value starts on a line of its own with `{` or `[`: read on from the next such line inside the broken value.
      const next = nextValueLine(text, chunk.start + 1, chunk.end);
      if (next >= 0 && text.length - next <= budget) {
        budget -= text.length - next;
        chunks.splice(index + 1, chunks.length, ...scanJsonStream(text, limits.maxDepth, next).chunks);
      }
      continue;
    }
    covered += chunk.end - chunk.start;
    let astCache: { node: unknown; src: YamlSource; doc: Document } | undefined;
    const ast = () => {
      if (!astCache) {
        const lc = lineIndex(chunkText);
        const d = parseDocument(chunkText, { schema: 'failsafe', prettyErrors: false });
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
  }
  return { docs, diagnostics, covered };
}

/** Offset of the first line in [from, to) that starts with `{` or `[` (-1: none). */
function nextValueLine(text: string, from: number, to: number): number {
  for (let i = text.indexOf('\n', from); i >= 0 && i + 1 < to; i = text.indexOf('\n', i + 1)) {
    const c = text[i + 1];
    if (c === '{' || c === '[') return i + 1;
  }
  return -1;
}
