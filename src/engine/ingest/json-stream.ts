// Splits JSON text into its top-level values. `kubectl cluster-info dump` prints a
// stream of concatenated JSON List objects with pod logs in between
// ("==== START logs for container … ===="), so text outside JSON values is skipped,
// and one broken value does not stop the next one from being read.
//
// A pretty-printed List is read by the caller's `readList` where it can (json-pretty-list.ts), without this scan.
//
// While scanning, the start offsets of the elements of each top-level `"items": [...]`
// array are recorded, so every List item knows where it starts without a second parser.
import type { PrettyList } from './json-pretty-list.ts';

export interface JsonChunk {
  /** Offset of the value's first character in the text. */
  start: number;
  /** Offset just past the value. */
  end: number;
  /** Start offsets of the elements of the value's top-level "items" array, if any. */
  itemStarts: number[];
  /** True when the scanner hit the end of text inside the value (it is then certainly broken). */
  unterminated: boolean;
  /** Offset of the first `{`/`[` nested deeper than the scan's maxDepth (-1: none). */
  tooDeepAt: number;
  /** Set when the value was read whole by the caller's `readList` (json-pretty-list.ts): parsed, and placed. */
  list?: PrettyList;
}

/** A faster reader the scan tries first at each value (undefined: the scan reads it). */
export type ListReader = (text: string, start: number, maxDepth: number) => PrettyList | undefined;

export interface SkippedText {
  start: number;
  end: number;
}

/** `maxDepth`: nesting past which a value is marked `tooDeepAt` (its parse is then refused, see limits.ts). `from`: where
 * to start scanning. */
export function scanJsonStream(text: string, maxDepth = Infinity, from = 0, readList?: ListReader): { chunks: JsonChunk[]; skipped: SkippedText[] } {
  const chunks: JsonChunk[] = [];
  const skipped: SkippedText[] = [];
  const n = text.length;
  let i = from;
  let skipStart = -1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (skipStart >= 0) {
        if (text.slice(skipStart, i).trim()) skipped.push({ start: skipStart, end: i });
        skipStart = -1;
      }
      const list = c === 0x7b ? readList?.(text, i, maxDepth) : undefined;
      const chunk: JsonChunk = list ? { start: i, end: list.end, itemStarts: list.itemStarts, unterminated: false, tooDeepAt: -1, list } : scanValue(text, i, maxDepth);
      chunks.push(chunk);
      i = chunk.end;
      continue;
    }
    if (skipStart < 0 && !isWs(c)) skipStart = i;
    // Skip a whole line of non-JSON text (log lines may contain braces mid-line).
    if (skipStart >= 0) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    i++;
  }
  if (skipStart >= 0 && text.slice(skipStart).trim()) skipped.push({ start: skipStart, end: n });
  return { chunks, skipped };
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The characters the scan stops at; everything else (whitespace, numbers, literals) is jumped over by the regex
 * engine, and strings by indexOf — a char-by-char loop in JS was most of the JSON ingest time. `test` with the `g`
 * flag finds the next one without allocating a match. */
const STRUCTURAL = /["{}[\],]/g;

/** Scans one value starting at `start` (a `{` or `[`), tracking strings and depth. */
export function scanValue(text: string, start: number, maxDepth: number): JsonChunk {
  const itemStarts: number[] = [];
  let tooDeepAt = -1;
  const n = text.length;
  let depth = 0;
  let i = start;
  // State for finding the top-level "items" array: the last string key seen at depth 1.
  let lastKeyAtDepth1 = '';
  let inItemsArray = false;
  const re = STRUCTURAL;
  for (;;) {
    re.lastIndex = i;
    if (!re.test(text)) break;
    i = re.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const s = i;
      // The closing quote: the next one not escaped (an odd run of backslashes before it escapes it).
      let q = text.indexOf('"', i + 1);
      for (;;) {
        if (q < 0) return { start, end: n, itemStarts, unterminated: true, tooDeepAt };
        let b = q - 1;
        while (text.charCodeAt(b) === 0x5c /* \ */) b--;
        if ((q - 1 - b) % 2 === 0) break;
        q = text.indexOf('"', q + 1);
      }
      if (depth === 1) lastKeyAtDepth1 = q - s - 1 === 5 ? text.slice(s + 1, q) : '';
      i = q + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > maxDepth && tooDeepAt < 0) tooDeepAt = i;
      i++;
      if (depth === 2 && c === 0x5b && lastKeyAtDepth1 === 'items') {
        inItemsArray = true;
        i = itemStart(text, i, itemStarts);
      }
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 1 && inItemsArray) inItemsArray = false;
      i++;
      if (depth === 0) return { start, end: i, itemStarts, unterminated: false, tooDeepAt };
      continue;
    }
    // A comma.
    i++;
    if (inItemsArray && depth === 2) i = itemStart(text, i, itemStarts);
  }
  return { start, end: n, itemStarts, unterminated: true, tooDeepAt };
}

/** After `[` or `,` of the items array: records where the next element starts (its first non-whitespace character),
 * unless the array ends there. Returns that offset. */
function itemStart(text: string, i: number, itemStarts: number[]): number {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  if (i < text.length && text.charCodeAt(i) !== 0x5d /* ] */) itemStarts.push(i);
  return i;
}

/** Converts a JSON.parse error message to an offset in `text` (V8 says "at position N" or
 * "line L column C"). Falls back to the end of the chunk. */
export function jsonErrorOffset(message: string, chunkStart: number, chunkText: string): number {
  const m = /at position (\d+)/.exec(message);
  if (m) return chunkStart + Number(m[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const line = Number(lc[1]);
    const col = Number(lc[2]);
    let off = 0;
    for (let l = 1; l < line; l++) {
      const nl = chunkText.indexOf('\n', off);
      if (nl < 0) break;
      off = nl + 1;
    }
    return chunkStart + off + col - 1;
  }
  return chunkStart + chunkText.length;
}
