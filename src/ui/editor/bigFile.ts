// Big input files in the editor. A 20 MiB dump in one Monaco model costs the page's thread hundreds of
// milliseconds (line splitting, tokenizing, the YAML language service reading it) and a lot of memory, and
// nobody reads it whole. So a file over BIG_FILE gets a model holding only a window of its lines (plain text,
// line numbers shown as in the file); edits in the window are spliced back into the file's text, "earlier" /
// "later" and jumps to a line move the window. Pure string functions here; MonacoEditor uses them.

/** Files above this many characters are shown through a window. */
export const BIG_FILE = 2 * 1024 * 1024;
/** About this many characters of a big file are in the editor at a time (whole lines). */
export const WINDOW_CHARS = 64 * 1024;

export interface FileWindow {
  /** Where the window's text starts and ends in the file's text (the file is text[0, start) + window text +
   * text[end, …)). Offsets, not the strings around the window: cutting those out of a file read in pieces would make
   * V8 join every piece first (see firstWindow). */
  start: number;
  end: number;
  /** The window's text. */
  body: string;
  /** The file's line number of the window's first line (1-based). */
  startLine: number;
  /** Lines in the window. */
  lines: number;
}

/** Newlines in text[from, to). */
export function countNewlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The offset where 1-based `line` starts (the end of the text when it has fewer lines). */
export function offsetOfLine(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return at;
}

/** A window of whole lines starting at the line that holds `from`, about `size` characters long. `anchor`: a known
 * line start (offset, line) to count lines from instead of the start of the text. */
export function windowAt(text: string, from: number, size = WINDOW_CHARS, anchor: { offset: number; line: number } = { offset: 0, line: 1 }): FileWindow {
  const f = Math.max(0, Math.min(from, text.length));
  const start = f === 0 ? 0 : text.lastIndexOf('\n', f - 1) + 1;
  let end = text.indexOf('\n', Math.min(text.length, start + size));
  end = end < 0 ? text.length : end + 1;
  const body = text.slice(start, end);
  const startLine = start >= anchor.offset ? anchor.line + countNewlines(text, anchor.offset, start) : anchor.line - countNewlines(text, start, anchor.offset);
  return { start, end, body, startLine, lines: countNewlines(body) + (body.endsWith('\n') || !body ? 0 : 1) };
}

/** windowAt(text, 0) cut from `head`, a known beginning of the text (the first slice the reader decoded, readFiles.ts),
 * or undefined when the window's last line does not end inside it. A big file is read into a string of many pieces;
 * the first read of that string (a slice, an indexOf) makes V8 join them all: a copy of the whole file in one task,
 * ~60 ms at 100 MiB, right when the editor shows the dropped file. */
export function firstWindow(head: string, size = WINDOW_CHARS): FileWindow | undefined {
  if (head.length <= size) return undefined;
  const nl = head.indexOf('\n', size);
  if (nl < 0) return undefined;
  const body = head.slice(0, nl + 1);
  return { start: 0, end: nl + 1, body, startLine: 1, lines: countNewlines(body) };
}

/** The window that shows 1-based `line`, with some lines before it. */
export function windowAround(text: string, line: number, size = WINDOW_CHARS): FileWindow {
  const at = offsetOfLine(text, line);
  return windowAt(text, Math.max(0, at - Math.floor(size / 4)), size);
}

/** The window after (dir 1) or before (dir -1) `w` in `text` (overlapping it a little). */
export function nextWindow(text: string, w: FileWindow, dir: 1 | -1, size = WINDOW_CHARS): FileWindow {
  const { start, end } = w;
  const anchor = { offset: start, line: w.startLine };
  if (dir > 0) return windowAt(text, Math.max(start, end - Math.floor(size / 8)), size, anchor);
  return windowAt(text, Math.max(0, start - size + Math.floor(size / 8)), size, anchor);
}

export function sizeText(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
