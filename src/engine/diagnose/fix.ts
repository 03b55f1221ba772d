// Suggested changes as text edits on the files the user pasted: insert `- containerPort: 10299` under the
// right container's `ports:` with the indentation that sequence already uses, add a label to an existing
// `labels:` map, replace one scalar. The file stays as written: no re-serialisation, only the lines the
// change needs. Edits are located through the same YAML AST (and the same object → document → List item
// mapping) that ingest used, so a StoredObject's path is enough to find the spot.
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { SourcePos, SourceRange } from '../diagnostics.ts';
import { parseFile, type InputFile, type RawDoc } from '../ingest/documents.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import type { TextEdit } from './types.ts';

export type EditValue = string | number | boolean | EditValue[] | { [k: string]: EditValue };
type Path = (string | number)[];

interface Located {
  file: string;
  text: string;
  /** Offset of the document's AST inside the file (JSON streams parse each value on its own). */
  base: number;
  json: boolean;
  root: unknown;
}

/** What an edit is anchored at: an input object (paths below are relative to the object), or the YAML node
 * that starts at `offset` in `file` (a scrape config's job or sd config: paths relative to that node). */
export type Anchor = StoredObject | { file: string; offset: number };

/** Positions inside the input files → TextEdits; one editor per set of files. */
export class SourceEditor {
  private readonly docs = new Map<string, RawDoc[]>();
  private readonly byName = new Map<string, InputFile>();

  constructor(files: InputFile[]) {
    for (const f of files) this.byName.set(f.name, f);
  }

  private docsOf(f: InputFile): RawDoc[] {
    let docs = this.docs.get(f.name);
    if (!docs) this.docs.set(f.name, (docs = parseFile(f).docs));
    return docs;
  }

  /** The document and the path inside it of an anchor; undefined for simulated or implied objects, which
   * have no text to edit. */
  private resolve(a: Anchor): { loc: Located; prefix: Path } | undefined {
    if ('obj' in a) {
      const so = a;
      if (so.origin.simulated || so.origin.implied) return undefined;
      const f = this.byName.get(so.origin.file);
      const d = f && this.docsOf(f).find((x) => x.doc === so.origin.doc);
      const ast = d?.ast();
      if (!f || !d || !ast) return undefined;
      const loc: Located = { file: f.name, text: f.text, base: ast.src.baseOffset ?? 0, json: d.format === 'json', root: ast.node };
      return { loc, prefix: so.origin.item !== undefined ? ['items', so.origin.item] : [] };
    }
    const f = this.byName.get(a.file);
    if (!f) return undefined;
    for (const d of this.docsOf(f)) {
      const ast = d.ast();
      if (!ast) continue;
      const loc: Located = { file: f.name, text: f.text, base: ast.src.baseOffset ?? 0, json: d.format === 'json', root: ast.node };
      const prefix = pathToOffset(ast.node, a.offset - loc.base);
      if (prefix) return { loc, prefix };
    }
    return undefined;
  }

  /** Replaces the value at `path` (which must exist) by `value`, written inline. */
  replaceValue(so: Anchor, path: Path, value: EditValue): TextEdit[] {
    const l = this.resolve(so);
    const n = l && walk(l.loc.root, [...l.prefix, ...path]);
    if (!l || !n || !hasRange(n)) return [];
    return [replaceNode(l.loc, n, value)];
  }

  /** Appends `item` to the sequence at `path`, creating the key (and missing parents) when absent. */
  appendItem(so: Anchor, path: Path, item: EditValue): TextEdit[] {
    const l = this.resolve(so);
    if (!l) return [];
    const full = [...l.prefix, ...path];
    const n = walk(l.loc.root, full);
    if (isSeq(n)) return appendToSeq(l.loc, n, item);
    if ((n === undefined || isNullScalar(n)) && typeof path[path.length - 1] === 'string') return this.setEntries(so, path.slice(0, -1), { [String(path[path.length - 1])]: [item] });
    return [];
  }

  /** Sets `entries` in the mapping at `path`: existing keys get their value replaced, new keys are added
   * after the mapping's last entry; a missing mapping is created in its parent. */
  setEntries(so: Anchor, path: Path, entries: Record<string, EditValue>): TextEdit[] {
    const l = this.resolve(so);
    if (!l) return [];
    const full = [...l.prefix, ...path];
    const n = walk(l.loc.root, full);
    if (isMap(n)) {
      const out: TextEdit[] = [];
      const added: Record<string, EditValue> = {};
      for (const [k, v] of Object.entries(entries)) {
        const p = n.items.find((it) => isPair(it) && keyText(it) === k) as Pair | undefined;
        if (p && hasRange(p.value) && valueEnd(p.value) > p.value.range[0]) out.push(replaceNode(l.loc, p.value, v));
        else if (p) out.push(...insertAfterKey(l.loc, p, v));
        else added[k] = v;
      }
      if (Object.keys(added).length) out.push(...addToMap(l.loc, n, added));
      return out;
    }
    if (n !== undefined && !isNullScalar(n)) return [];
    // Only mapping keys are created; a missing sequence item means the path is wrong.
    if (path.length === 0 || typeof path[path.length - 1] === 'number') return [];
    const parentPath = path.slice(0, -1);
    const key = String(path[path.length - 1]);
    const parent = walk(l.loc.root, [...l.prefix, ...parentPath]);
    if (isMap(parent)) {
      const p = parent.items.find((it) => isPair(it) && keyText(it) === key) as Pair | undefined;
      if (p) return insertAfterKey(l.loc, p, entries);
    }
    return this.setEntries(so, parentPath, { [key]: entries });
  }

  /** Replaces the text of a located range (e.g. a rule's regex value) by `text`. */
  replaceRange(r: SourceRange, text: string): TextEdit[] {
    const f = this.byName.get(r.file);
    if (!f || r.offset === undefined || r.endOffset === undefined) return [];
    return [edit({ file: f.name, text: f.text, base: 0, json: false, root: undefined }, r.offset, r.endOffset - r.offset, text)];
  }

  /** The text of a range, or undefined. */
  textOf(r: SourceRange): string | undefined {
    const f = this.byName.get(r.file);
    if (!f || r.offset === undefined || r.endOffset === undefined) return undefined;
    return f.text.slice(r.offset, r.endOffset);
  }

  /** True when the object's document is JSON (edits then write JSON). */
  isJson(a: Anchor): boolean {
    return this.resolve(a)?.loc.json ?? false;
  }

  /** A new YAML document at the end of `file` (e.g. a Namespace manifest the input lacks). */
  appendDocument(file: string, yaml: string): TextEdit[] {
    const f = this.byName.get(file);
    if (!f || looksJson(f.text)) return [];
    const nl = f.text.includes('\r\n') ? '\r\n' : '\n';
    const sep = f.text.length === 0 || f.text.endsWith('\n') ? '' : nl;
    return [edit({ file, text: f.text, base: 0, json: false, root: undefined }, f.text.length, 0, `${sep}---${nl}${yaml.replace(/\n/g, nl)}`)];
  }
}

/** Applies edits (all relative to the original texts) and returns the new files; overlapping edits in one
 * file are refused (undefined). */
export function applyEdits(files: InputFile[], edits: TextEdit[]): InputFile[] | undefined {
  const out: InputFile[] = [];
  for (const f of files) {
    const mine = edits.filter((e) => e.file === f.name).sort((a, b) => b.offset - a.offset || b.length - a.length);
    let text = f.text;
    let limit = Infinity;
    for (const e of mine) {
      if (e.offset + e.length > limit || e.offset < 0 || e.offset + e.length > f.text.length) return undefined;
      text = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
      limit = e.offset;
    }
    out.push(mine.length ? { name: f.name, text } : f);
  }
  return out;
}

/** Maps edits made against `edited` (the result of `applied` on the original files) back onto the original
 * text, so two suggestions found one after the other can be offered as one; undefined when they touch the
 * same text. */
export function rebaseEdits(applied: TextEdit[], later: TextEdit[]): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  for (const e of later) {
    // Walk the earlier edits in text order; each one before `e` shifted it by (new length - old length).
    let delta = 0;
    for (const a of applied.filter((x) => x.file === e.file).sort((x, y) => x.offset - y.offset)) {
      const start = a.offset + delta;
      if (e.offset + e.length <= start) break;
      if (e.offset >= start + a.text.length) delta += a.text.length - a.length;
      else return undefined;
    }
    out.push({ ...e, offset: e.offset - delta });
  }
  const all = [...applied, ...out];
  for (const a of all) for (const b of all) if (a !== b && a.file === b.file && a.offset < b.offset + b.length && b.offset < a.offset + a.length) return undefined;
  return all;
}

/** Line/column (1-based) of an offset. */
export function posAt(text: string, offset: number, file: string): SourcePos {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { file, line, col: offset - last, offset };
}

// ---- YAML/JSON text surgery -------------------------------------------------------------------------

type Ranged = Node & { range: [number, number, number] };
const hasRange = (n: unknown): n is Ranged => !!n && typeof n === 'object' && Array.isArray((n as { range?: unknown }).range);

/** The path from `root` to the outermost node that starts at `offset` (AST-relative). */
function pathToOffset(root: unknown, offset: number): Path | undefined {
  const visit = (n: unknown, path: Path): Path | undefined => {
    if (!hasRange(n) || offset < n.range[0] || offset > n.range[2]) return undefined;
    if (n.range[0] === offset && (isMap(n) || isSeq(n) || isScalar(n))) return path;
    if (isMap(n)) {
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const r = visit(p.value, [...path, keyText(p)]);
        if (r) return r;
      }
    } else if (isSeq(n)) {
      for (let i = 0; i < n.items.length; i++) {
        const r = visit(n.items[i], [...path, i]);
        if (r) return r;
      }
    }
    return undefined;
  };
  return visit(root, []);
}

function walk(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const step of path) {
    if (isMap(cur)) {
      const p = cur.items.find((it) => isPair(it) && keyText(it) === String(step)) as Pair | undefined;
      if (!p) return undefined;
      cur = p.value ?? null;
    } else if (isSeq(cur) && typeof step === 'number') cur = cur.items[step];
    else return undefined;
  }
  return cur;
}

const keyText = (p: Pair): string => (isScalar(p.key) ? String(p.key.value) : String(p.key));
const isNullScalar = (n: unknown): boolean => n === null || (isScalar(n) && (n.value === null || ['', '~', 'null', 'Null', 'NULL'].includes(String(n.value)) && n.type === 'PLAIN'));
const looksJson = (t: string): boolean => /^\s*[[{]/.test(t);

function edit(loc: Located, offset: number, length: number, text: string): TextEdit {
  const p = posAt(loc.text, offset, loc.file);
  return { file: loc.file, offset, length, text, line: p.line, col: p.col };
}

/** Offset (relative to the AST) where a node's last meaningful character ends: block collections' ranges
 * swallow trailing comments and blank lines, so descend to the last item. */
function contentEnd(n: unknown): number {
  if ((isMap(n) || isSeq(n)) && !n.flow) {
    const last = n.items[n.items.length - 1];
    if (last === undefined) return hasRange(n) ? n.range[1] : 0;
    return isPair(last) ? pairEnd(last) : contentEnd(last);
  }
  if (isPair(n)) return pairEnd(n);
  return hasRange(n) ? n.range[1] : 0;
}

/** Replaces a node's text by `value` written inline; a block collection (which starts on the line after its
 * key) is replaced from the key's colon, so `key: {…}` stays on one line. */
function replaceNode(loc: Located, n: Ranged, value: EditValue): TextEdit {
  let start = loc.base + n.range[0];
  let text = inline(value, loc.json);
  if ((isMap(n) || isSeq(n)) && !n.flow && !loc.json) {
    let i = start - 1;
    while (i >= 0 && /\s/.test(loc.text[i] as string)) i--;
    if (loc.text[i] === ':') {
      start = i + 1;
      text = ` ${text}`;
    }
  }
  return edit(loc, start, loc.base + valueEnd(n) - start, text);
}

/** Where a value's own text ends (a block collection's range also covers the blank lines and comments after it). */
const valueEnd = (n: Ranged): number => ((isMap(n) || isSeq(n)) && !n.flow ? contentEnd(n) : n.range[1]);

function pairEnd(p: Pair): number {
  if (hasRange(p.value) && !(isScalar(p.value) && p.value.range[0] === p.value.range[1])) return contentEnd(p.value);
  return hasRange(p.key) ? p.key.range[1] : 0;
}

const newline = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** Absolute offset of the end of the line holding absolute offset `off` (before its line break). */
function lineEnd(text: string, off: number): number {
  const i = text.indexOf('\n', off);
  if (i < 0) return text.length;
  return text[i - 1] === '\r' ? i - 1 : i;
}

/** 0-based column of an absolute offset. */
const colOf = (text: string, off: number): number => off - (text.lastIndexOf('\n', off - 1) + 1);

/** How far this document indents a block sequence under its key (`ports:\n- a` is 0, `ports:\n  - a` 2). */
function seqIndentOf(loc: Located, root: unknown): number {
  let found: number | undefined;
  const visit = (n: unknown): void => {
    if (found !== undefined) return;
    if (isMap(n)) {
      for (const p of n.items) {
        if (!isPair(p)) continue;
        if (isSeq(p.value) && !p.value.flow && p.value.items.length && hasRange(p.key)) {
          const dash = dashOffset(loc, p.value.items[0]);
          if (dash !== undefined) {
            found = colOf(loc.text, dash) - colOf(loc.text, loc.base + p.key.range[0]);
            return;
          }
        }
        visit(p.value);
      }
    } else if (isSeq(n)) n.items.forEach(visit);
  };
  visit(root);
  return found !== undefined && found >= 0 ? found : 2;
}

/** The absolute offset of the `-` that introduces a block sequence item. */
function dashOffset(loc: Located, item: unknown): number | undefined {
  if (!hasRange(item)) return undefined;
  let i = loc.base + item.range[0] - 1;
  while (i >= 0 && loc.text[i] === ' ') i--;
  return loc.text[i] === '-' ? i : undefined;
}

function appendToSeq(loc: Located, seq: Node & { items: unknown[]; flow?: boolean }, item: EditValue): TextEdit[] {
  if (!hasRange(seq)) return [];
  if (seq.flow || loc.json) {
    const close = loc.base + seq.range[1] - 1;
    if (loc.text[close] !== ']') return [];
    const sep = seq.items.length ? ', ' : '';
    return [edit(loc, close, 0, sep + inline(item, loc.json))];
  }
  const first = seq.items[0];
  const dash = dashOffset(loc, first);
  if (dash === undefined) return [];
  const ind = colOf(loc.text, dash);
  const at = lineEnd(loc.text, loc.base + contentEnd(seq));
  const nl = newline(loc.text);
  return [edit(loc, at, 0, nl + seqItemLines(item, ind, seqIndentOf(loc, loc.root)).join(nl))];
}

function addToMap(loc: Located, map: Node & { items: unknown[]; flow?: boolean }, entries: Record<string, EditValue>): TextEdit[] {
  if (!hasRange(map)) return [];
  if (map.flow || loc.json) {
    const close = loc.base + map.range[1] - 1;
    if (loc.text[close] !== '}') return [];
    const body = Object.entries(entries).map(([k, v]) => `${loc.json ? JSON.stringify(k) : scalar(k)}: ${inline(v, loc.json)}`);
    return [edit(loc, close, 0, (map.items.length ? ', ' : '') + body.join(', '))];
  }
  const firstPair = map.items[0];
  if (!isPair(firstPair) || !hasRange(firstPair.key)) return [];
  const ind = colOf(loc.text, loc.base + firstPair.key.range[0]);
  const at = lineEnd(loc.text, loc.base + contentEnd(map));
  const nl = newline(loc.text);
  const si = seqIndentOf(loc, loc.root);
  const lines = Object.entries(entries).flatMap(([k, v]) => entryLines(k, v, ind, si));
  return [edit(loc, at, 0, nl + lines.join(nl))];
}

/** `key:` with an empty (null) value: the entries go on the following lines, indented under the key. */
function insertAfterKey(loc: Located, p: Pair, value: EditValue): TextEdit[] {
  if (!hasRange(p.key)) return [];
  const v = p.value;
  if (hasRange(v) && valueEnd(v) > v.range[0]) return [edit(loc, loc.base + v.range[0], valueEnd(v) - v.range[0], inline(value, loc.json))];
  if (loc.json) return [];
  const keyStart = loc.base + p.key.range[0];
  const ind = colOf(loc.text, keyStart);
  const at = lineEnd(loc.text, keyStart);
  const nl = newline(loc.text);
  const si = seqIndentOf(loc, loc.root);
  const lines = isObject(value)
    ? Object.entries(value).flatMap(([k, x]) => entryLines(k, x, ind + 2, si))
    : Array.isArray(value)
      ? value.flatMap((x) => seqItemLines(x, ind + si, si))
      : undefined;
  if (!lines || !lines.length) return [edit(loc, at, 0, ` ${inline(value, false)}`)];
  return [edit(loc, at, 0, nl + lines.join(nl))];
}

const isObject = (v: EditValue): v is { [k: string]: EditValue } => typeof v === 'object' && v !== null && !Array.isArray(v);
const sp = (n: number): string => ' '.repeat(n);

function entryLines(key: string, v: EditValue, ind: number, si: number): string[] {
  if (isObject(v) && Object.keys(v).length) return [`${sp(ind)}${scalar(key)}:`, ...Object.entries(v).flatMap(([k, x]) => entryLines(k, x, ind + 2, si))];
  if (Array.isArray(v) && v.length) return [`${sp(ind)}${scalar(key)}:`, ...v.flatMap((x) => seqItemLines(x, ind + si, si))];
  return [`${sp(ind)}${scalar(key)}: ${inline(v, false)}`];
}

function seqItemLines(v: EditValue, dash: number, si: number): string[] {
  if (isObject(v) && Object.keys(v).length) {
    const lines = Object.entries(v).flatMap(([k, x]) => entryLines(k, x, dash + 2, si));
    return [`${sp(dash)}- ${lines[0]!.trimStart()}`, ...lines.slice(1)];
  }
  return [`${sp(dash)}- ${inline(v, false)}`];
}

/** A value written on one line: YAML flow style, or JSON. */
export function inline(v: EditValue, json: boolean): string {
  if (json) return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => inline(x, false)).join(', ')}]`;
  if (isObject(v)) return `{${Object.entries(v).map(([k, x]) => `${scalar(k)}: ${inline(x, false)}`).join(', ')}}`;
  return typeof v === 'string' ? scalar(v) : String(v);
}

/** A string as a YAML scalar: plain when YAML would read it back as the same string, quoted otherwise
 * (`"true"`, `"8080"`, values with `: ` or leading indicators). */
export function scalar(s: string): string {
  const safe = /^[A-Za-z0-9_./][A-Za-z0-9_./\-]*$/.test(s);
  const typed = /^[-+]?(\d[\d_]*)?(\.[\d_]*)?([eE][-+]?\d+)?$/.test(s) || /^0[xXoObB]/.test(s) || /^(true|false|yes|no|on|off|null|y|n|~|\.inf|\.nan)$/i.test(s);
  return safe && !typed ? s : JSON.stringify(s);
}

/** The block-YAML lines of `value` under `key` at indentation 0 — the snippet shown to the user. */
export function snippet(key: string | undefined, value: EditValue): string {
  if (key === undefined) return Array.isArray(value) ? value.flatMap((x) => seqItemLines(x, 0, 2)).join('\n') : inline(value, false);
  return entryLines(key, value, 0, 2).join('\n');
}
