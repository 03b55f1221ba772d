// A linear, non-recursive JSON walker that reports every value with its path and source
// offsets. It reads streams of JSON values with text between them (a `kubectl cluster-info
// dump` is JSON Lists interleaved with pod logs): text outside a value is skipped, and a value
// that turns out broken is abandoned (`end(false)`) and scanning resumes on the next line.
// Iterative on purpose: a hostile, deeply nested document cannot overflow the stack.

export interface JsonVisitor {
  /** A top-level value starts. */
  begin(): void;
  /** It ended; `ok` false when it was broken (forget what it reported). */
  end(ok: boolean): void;
  enterObject(): void;
  exitObject(): void;
  /** The path grows by an object key or array index, before that member's value is reported. */
  push(seg: string | number): void;
  pop(): void;
  /** A scalar: strings decoded, every other scalar reported as null. `[start, end)` covers its source text. */
  scalar(value: string | null, start: number, end: number): void;
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

/** End offset (exclusive) of the string starting at `i` (a `"`), or -1. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++; // backslash: skip the escaped char
    else if (c === 0x22) return j + 1;
    else if (c === 0x0a) return -1; // raw newline: not JSON
  }
  return -1;
}

function decodeString(text: string, start: number, end: number): string | undefined {
  const raw = text.slice(start, end);
  if (raw.indexOf('\\') < 0) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return undefined;
  }
}

/** End offset of a number / true / false / null token starting at `i`, or -1. */
function atomEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && /[-+.0-9a-zA-Z]/.test(text[j] as string)) j++;
  const tok = text.slice(i, j);
  if (tok === 'true' || tok === 'false' || tok === 'null' || /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(tok)) return j;
  return -1;
}

interface Frame {
  arr: boolean;
  /** Next array index. */
  index: number;
}

/** Walks one value starting at `i` (`{` or `[`); returns its end offset, or -1 when it is broken. */
function walkValue(text: string, i: number, v: JsonVisitor): number {
  const stack: Frame[] = [];
  // States: 'value' (a value must come), 'after' (after a value: `,` or a closer), 'key' (a key or, if
  // `first`, `}`), 'arrFirst' (a value or `]`).
  type State = 'value' | 'after' | 'key' | 'arrFirst';
  let state = 'value' as State;
  let first = false;
  let pos = i;
  const closeMember = (): void => {
    // After a member value: pop its key / index from the path.
    const top = stack[stack.length - 1];
    if (top) v.pop();
  };
  for (;;) {
    pos = skipWs(text, pos);
    if (pos >= text.length) return -1;
    const c = text.charCodeAt(pos);
    if (state === 'key') {
      if (c === 0x7d && first) {
        pos++;
        stack.pop();
        v.exitObject();
        if (!stack.length) return pos;
        closeMember();
        state = 'after';
        continue;
      }
      if (c !== 0x22) return -1;
      const e = stringEnd(text, pos);
      if (e < 0) return -1;
      const key = decodeString(text, pos, e);
      if (key === undefined) return -1;
      pos = skipWs(text, e);
      if (text.charCodeAt(pos) !== 0x3a) return -1;
      pos++;
      v.push(key);
      state = 'value';
      continue;
    }
    if (state === 'arrFirst') {
      const top = stack[stack.length - 1] as Frame;
      if (c === 0x5d) {
        pos++;
        stack.pop();
        if (!stack.length) return pos;
        closeMember();
        state = 'after';
        continue;
      }
      v.push(top.index++);
      state = 'value';
      continue;
    }
    if (state === 'value') {
      if (c === 0x7b) {
        pos++;
        v.enterObject();
        stack.push({ arr: false, index: 0 });
        state = 'key';
        first = true;
        continue;
      }
      if (c === 0x5b) {
        pos++;
        stack.push({ arr: true, index: 0 });
        state = 'arrFirst';
        continue;
      }
      if (!stack.length) return -1;
      if (c === 0x22) {
        const e = stringEnd(text, pos);
        if (e < 0) return -1;
        const s = decodeString(text, pos, e);
        if (s === undefined) return -1;
        v.scalar(s, pos, e);
        pos = e;
      } else {
        const e = atomEnd(text, pos);
        if (e < 0) return -1;
        v.scalar(null, pos, e);
        pos = e;
      }
      closeMember();
      state = 'after';
      continue;
    }
    // state === 'after'
    const top = stack[stack.length - 1];
    if (!top) return -1;
    if (c === 0x2c) {
      pos++;
      if (top.arr) {
        v.push(top.index++);
        state = 'value';
      } else {
        state = 'key';
        first = false;
      }
      continue;
    }
    if ((c === 0x7d && !top.arr) || (c === 0x5d && top.arr)) {
      pos++;
      stack.pop();
      if (!top.arr) v.exitObject();
      if (!stack.length) return pos;
      closeMember();
      state = 'after';
      continue;
    }
    return -1;
  }
}

/** Walks every JSON value in `text`, skipping anything between values. */
export function walkJson(text: string, v: JsonVisitor): void {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      v.begin();
      const end = walkValue(text, i, v);
      v.end(end >= 0);
      if (end >= 0) {
        i = end;
        continue;
      }
      const nl = text.indexOf('\n', i + 1);
      i = nl < 0 ? text.length : nl + 1;
      continue;
    }
    i++;
  }
}
