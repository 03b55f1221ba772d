// The `yaml` library's reading of a YAML file: every document through its Parser and Composer, with the repairs
// that keep one broken document from taking its neighbours with it (yamlTokens). This is the reference reading:
// yaml-documents.ts reads the common subset faster and falls back to this, per document or for the whole file.
import { Composer, Parser, type CST, type Document, type Node } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { offsetRange, rangeOf, type YamlSource } from '../config/yaml-nodes.ts';
import type { InputFile, RawDoc } from './documents.ts';
import { lineIndex } from './line-index.ts';
import { documentTooLarge, type AliasBudget, type ParseLimits } from './limits.ts';
import { AliasBombError, nodeAtPath, yamlToValue, type PlainValue } from './yaml-value.ts';

/** `covered`: characters of the text inside the documents that were read (to choose between two readings). */
export type Parsed = { docs: RawDoc[]; diagnostics: Diagnostic[]; covered: number };

export function parseYamlFileWithLibrary(file: InputFile, limits: ParseLimits, budget?: AliasBudget): Parsed {
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
    const doc = libraryDoc(d, index, src, limits, budget, diagnostics);
    if (!doc) return;
    covered += d.range[2] - d.range[0];
    docs.push(doc);
  });
  return { docs, diagnostics, covered };
}

/** One composed document → its diagnostics (pushed to `diagnostics`) and, unless it is broken, empty or too large,
 * its RawDoc. `src` places the document's (file-absolute) offsets. */
export function libraryDoc(d: Document.Parsed, index: number, src: YamlSource, limits: ParseLimits, budget: AliasBudget | undefined, diagnostics: Diagnostic[]): RawDoc | undefined {
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
  if (fatal) return undefined;
  const root = d.contents as Node | null;
  if (root === null || root === undefined) return undefined; // empty document (e.g. a trailing ---)
  let value: PlainValue;
  try {
    value = yamlToValue(root, d, limits, false, budget);
  } catch (e) {
    if (e instanceof AliasBombError) {
      diagnostics.push(documentTooLarge(index, e.limit, { ...limits, ...(budget ? { maxAliasNodesTotal: budget.max } : {}) }, rangeOf(src, root)));
      return undefined;
    }
    throw e;
  }
  if (value === null) return undefined;
  const pos = rangeOf(src, root);
  return {
    file: src.file,
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
  };
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
export function scanDocument(doc: CST.Document, max: number): { deepAt: number; quoteAt: number; markerAt: number } {
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

