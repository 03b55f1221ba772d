// A faster way through the biggest input the playground meets: one pretty-printed List, as `kubectl get -o json`
// (or jq, or JSON.stringify with an indent) prints it. json-stream.ts's scan stops at every quote and bracket of the
// text to learn where each item starts and how deep it nests; on a dump of live objects (managedFields, statuses)
// that scan, with the line count after it, cost two thirds of a JSON.parse. Here lines do the work instead:
//
//   * JSON strings cannot hold a raw newline (nor any control character), so every line starts and ends outside a
//     string. A line that is the items' indent followed by `{` therefore starts an item: found with one search per
//     line, counting lines on the way (item positions come free).
//   * Each item is then parsed on its own, and the List's envelope with its items array emptied. When every piece
//     parses, the pieces are exactly the whole List's reading (a JSON value parses the same wherever it stands), so
//     nothing is trusted to the formatting: text that only looks pretty fails a piece's parse, and the caller falls
//     back to the full scan.
//   * The depth limit (limits.ts `maxDepth`) still holds without tracking every bracket. An item cannot nest deeper
//     than it has `{`/`[` characters, counted by search: that settles nearly every item (a live Pod has ~200 against a
//     limit of 256). Only an item with more is bounded more tightly from its lines: at a line's end, the run of
//     brackets and commas is outside any string (the line ends outside one), so its brackets are exact. Every other
//     `{`/`[` of the item is counted as if it opened a level for good (it may sit in a string such as a managedFields
//     key `k:{"name":…}`), and no other closer is counted. Both bounds are never below the real depth, and an item
//     whose bound passes the limit is scanned exactly.
//
// Anything unusual (minified text, a different layout, an empty or broken List) returns undefined: the full scan
// reads it, and reports what is wrong with it. A List that fails late costs one pass more than the scan alone.
import type { PlainValue } from './yaml-value.ts';
import { scanValue } from './json-stream.ts';

export interface PrettyList {
  /** Offset just past the List's closing `}`. */
  end: number;
  /** The List, as JSON.parse of its text would give it. */
  value: { [k: string]: PlainValue };
  /** Offset of each item's `{`. */
  itemStarts: number[];
  /** Line of each item, counted from the List's first line (0), and the column of every item's `{` (1-based). */
  itemLines: number[];
  itemCol: number;
  /** Newlines in [start, end), and the offset of the last one: the caller's line count continues from there. */
  newlines: number;
  lastNewline: number;
}

/** The List starting at `start` (a `{`), when it is laid out one item per indented `{` line and every piece checks;
 * otherwise undefined. */
export function readPrettyList(text: string, start: number, maxDepth = Infinity): PrettyList | undefined {
  const head = findItems(text, start);
  if (!head) return undefined;
  const lines = itemLines(text, start, head, maxDepth);
  if (!lines) return undefined;
  const { itemStarts: starts, close, end } = lines;
  // The envelope: the List with its items array emptied. Parsed twice, with `[]` and `[0]` there: only when the
  // `items` key read back is this array (not a later duplicate key, which JSON.parse would keep) do both show it.
  const before = text.slice(start, head.open + 1);
  const after = text.slice(close, end);
  const emptied = before + after;
  const envelope = parseObject(emptied);
  const probe = parseObject(before + '0' + after);
  if (!envelope || !probe) return undefined;
  const empty = envelope['items'];
  const one = probe['items'];
  if (!Array.isArray(empty) || empty.length !== 0 || !Array.isArray(one) || one.length !== 1 || one[0] !== 0) return undefined;
  if (scanValue(emptied, 0, maxDepth).tooDeepAt >= 0) return undefined;
  const items: PlainValue[] = new Array(starts.length);
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k] as number;
    let stop: number;
    if (k + 1 < starts.length) {
      // Between two items: whitespace, one comma, whitespace.
      stop = skipWsBack(text, (starts[k + 1] as number) - 1, from);
      if (text.charCodeAt(stop) !== 0x2c /* , */) return undefined;
    } else stop = skipWsBack(text, close - 1, from) + 1;
    // Items inside the List are two levels deep (the List's `{` and the items' `[`).
    if (lines.overDepth[k] && scanValue(text, from, maxDepth - 2).tooDeepAt >= 0) return undefined;
    try {
      items[k] = JSON.parse(text.slice(from, stop)) as PlainValue;
    } catch {
      return undefined;
    }
  }
  envelope['items'] = items;
  return { end, value: envelope, itemStarts: starts, itemLines: lines.itemLines, itemCol: head.indent.length + 1, newlines: lines.newlines, lastNewline: lines.lastNewline };
}

interface Head {
  /** The List's keys' indentation, and the items'. */
  top: string;
  indent: string;
  /** Offset of the items array's `[`. */
  open: number;
}

/** How far into a value the `"items": [` line is looked for: an envelope has a few short keys before it (kubectl sorts
 * them: apiVersion, items). Bounded so that values that are not Lists cost little. */
const HEAD_SEARCH = 64 * 1024;

/** The items array's opening line and the indentation, read from the layout alone (checked later by the parses). */
function findItems(text: string, start: number): Head | undefined {
  const first = lineAfter(text, start + 1);
  if (first < 0) return undefined;
  const top = leadingWs(text, first);
  if (top.length === 0) return undefined;
  const key = text.slice(start, start + HEAD_SEARCH).indexOf('\n' + top + '"items": [');
  if (key < 0) return undefined;
  const open = start + key + top.length + 10;
  const itemLine = lineAfter(text, open + 1);
  if (itemLine < 0) return undefined;
  const indent = leadingWs(text, itemLine);
  if (indent.length <= top.length || !indent.startsWith(top) || text.charCodeAt(itemLine + indent.length) !== 0x7b) return undefined;
  return { top, indent, open };
}

/** The offset after the line break that follows `i` when only whitespace lies between (-1: something else). */
function lineAfter(text: string, i: number): number {
  if (text.charCodeAt(i) === 0x0d) i++;
  return text.charCodeAt(i) === 0x0a ? i + 1 : -1;
}

function leadingWs(text: string, i: number): string {
  let j = i;
  for (let c = text.charCodeAt(j); c === 0x20 || c === 0x09; c = text.charCodeAt(++j));
  return text.slice(i, j);
}

/** The last offset at or before `i` (and after `floor`) that is not JSON whitespace. */
function skipWsBack(text: string, i: number, floor: number): number {
  for (let c = text.charCodeAt(i); i > floor && (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09); c = text.charCodeAt(--i));
  return i;
}

interface ItemLines {
  itemStarts: number[];
  itemLines: number[];
  /** Per item: true when its depth bound passes the limit (it is then scanned exactly). */
  overDepth: boolean[];
  /** Offset of the items array's `]`, and just past the List's `}`. */
  close: number;
  end: number;
  newlines: number;
  lastNewline: number;
}

/** One pass over the List's lines: where each item starts (a line of the items' indent and `{`), where the items end
 * (a line of the keys' indent and `]`) and the List (the first unindented `}` after that). Then each item's depth
 * bound, in two steps: its count of `{`/`[` (each may open a level), which settles nearly every item; only an item
 * with more openers than the limit allows has its lines read for the tighter bound (itemRunBound). */
function itemLines(text: string, start: number, { top, indent, open }: Head, maxDepth: number): ItemLines | undefined {
  const itemStarts: number[] = [];
  const itemLines: number[] = [];
  const width = indent.length;
  const topWidth = top.length;
  let close = -1;
  let end = -1;
  let line = 0;
  let lastNewline = -1;
  let ls = start;
  // The items' lines: one search per line, and a look at its first characters.
  for (;;) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    if (close < 0) {
      if (ls > open) {
        if (text.charCodeAt(ls + width) === 0x7b && text.startsWith(indent, ls)) {
          itemStarts.push(ls + width);
          itemLines.push(line);
        } else if (text.charCodeAt(ls + topWidth) === 0x5d && text.startsWith(top, ls)) close = ls + topWidth;
      }
    } else if (text.charCodeAt(ls) === 0x7d) {
      end = ls + 1;
      break;
    }
    if (le >= text.length) return undefined;
    line++;
    lastNewline = le;
    ls = le + 1;
  }
  const n = itemStarts.length;
  if (n === 0) return undefined;
  // Every opener of each item, found by search.
  const openers = new Array<number>(n).fill(0);
  for (const ch of ['{', '[']) {
    let k = 0;
    for (let i = text.indexOf(ch, itemStarts[0]); i >= 0 && i < close; i = text.indexOf(ch, i + 1)) {
      while (k + 1 < n && i >= (itemStarts[k + 1] as number)) k++;
      openers[k] = (openers[k] as number) + 1;
    }
  }
  // Items sit two levels deep (the List's `{` and the items' `[`).
  const overDepth = new Array<boolean>(n);
  for (let k = 0; k < n; k++) {
    const o = openers[k] as number;
    overDepth[k] = 2 + o > maxDepth && itemRunBound(text, itemStarts[k] as number, k + 1 < n ? (itemStarts[k + 1] as number) : close, o) > maxDepth;
  }
  return { itemStarts, itemLines, overDepth, close, end, newlines: line, lastNewline };
}

/** The depth bound of the item whose lines run from `from` to `to` (the next item's `{` or the items' `]`), from its
 * `openers` count: the largest depth its lines' closing runs reach (exact: a line ends outside any string), plus every
 * other `{`/`[` of the item (each may open a level; so this is never below the real depth). */
function itemRunBound(text: string, from: number, to: number, openers: number): number {
  let depth = 2;
  let most = 2;
  let inRuns = 0;
  let ls = from;
  while (ls < to) {
    let le = text.indexOf('\n', ls);
    if (le < 0 || le > to) le = to;
    // The line's closing run of brackets and commas, read backwards.
    let o = 0;
    let c = 0;
    for (let i = le - 1; i >= ls; i--) {
      const ch = text.charCodeAt(i);
      if (ch === 0x7b || ch === 0x5b) o++;
      else if (ch === 0x7d || ch === 0x5d) c++;
      else if (ch !== 0x2c && ch !== 0x0d) break;
    }
    if (depth + o > most) most = depth + o;
    depth += o - c;
    inRuns += o;
    ls = le + 1;
  }
  return most + openers - inRuns;
}

function parseObject(text: string): { [k: string]: PlainValue } | undefined {
  try {
    const v = JSON.parse(text) as PlainValue;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
