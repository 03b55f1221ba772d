// Files from a drop, the file picker or a folder picker → input files. Folders are walked with
// webkitGetAsEntry (kubectl dumps, `kubectl cluster-info dump --output-directory` trees); binary
// and oversized files are skipped and named, never half-read. A big file is decoded in slices (one
// short task each, not one long one) and held as those pieces (joined only when the page reads the
// text: copying 100 MiB into one string at once would block the page), and it keeps its Blob: the
// engine worker reads the Blob itself (cloning a Blob costs nothing; cloning a 100 MiB string blocks
// the page).
import type { SessionFile } from '../permalink/codec.ts';

/** Larger inputs are refused with the limit named (the engine has its own limits too). */
export const MAX_TOTAL_BYTES = 256 * 1024 * 1024;
const SKIP_NAMES = /(^|\/)(\.DS_Store|Thumbs\.db|\.git\/.*)$/;

/** A file read from the user's disk: its text, and for big files the Blob it was read from and the first slice
 * decoded (`head`, a flat string the text begins with: the editor cuts its first window from it, see bigFile.ts
 * firstWindow). */
export interface ReadFile extends SessionFile {
  blob?: Blob;
  head?: string;
}

export interface ReadResult {
  files: ReadFile[];
  skipped: string[];
}

/** Files above this are decoded slice by slice, and sent to the engine as their Blob. */
export const SLICE_BYTES = 2 * 1024 * 1024;

function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

/** The file's text as `Blob.text()` gives it (UTF-8, a BOM dropped), decoded in slices; null for a binary file. For a
 * file read in slices also the first slice's text (`head`: the text begins with it exactly, since the decoder holds
 * back a character cut at the slice's end). */
export async function readText(file: Blob): Promise<{ text: string; head?: string } | null> {
  if (file.size <= SLICE_BYTES) {
    const text = await file.text();
    return looksBinary(text) ? null : { text };
  }
  const decoder = new TextDecoder();
  let text = '';
  let head = '';
  for (let at = 0; at < file.size; at += SLICE_BYTES) {
    const buf = await file.slice(at, at + SLICE_BYTES).arrayBuffer();
    const part = decoder.decode(buf, { stream: at + SLICE_BYTES < file.size });
    if (at === 0) {
      if (looksBinary(part)) return null;
      head = part;
    }
    // `+=` keeps the pieces as they are (V8 joins them when the text is first read as a whole).
    text += part;
  }
  return { text, head };
}

async function readOne(file: File, path: string, out: ReadResult, budget: { left: number }): Promise<void> {
  if (SKIP_NAMES.test(path)) return;
  if (file.size > budget.left) {
    out.skipped.push(`${path} (over the ${MAX_TOTAL_BYTES / 1024 / 1024} MiB input limit)`);
    return;
  }
  const read = await readText(file);
  if (read === null) {
    out.skipped.push(`${path} (binary)`);
    return;
  }
  budget.left -= file.size;
  const { text, head } = read;
  out.files.push(file.size > SLICE_BYTES ? { name: path, text, blob: file, ...(head !== undefined ? { head } : {}) } : { name: path, text });
}

interface FsEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(ok: (f: File) => void, err: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: FsEntry[]) => void, err: (e: unknown) => void): void };
}

function entryFile(e: FsEntry): Promise<File> {
  return new Promise((ok, err) => e.file!(ok, err));
}

async function dirEntries(e: FsEntry): Promise<FsEntry[]> {
  const reader = e.createReader!();
  const all: FsEntry[] = [];
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FsEntry[]>((ok, err) => reader.readEntries(ok, err));
    if (!batch.length) return all;
    all.push(...batch);
  }
}

async function walk(e: FsEntry, out: ReadResult, budget: { left: number }): Promise<void> {
  const path = e.fullPath.replace(/^\//, '') || e.name;
  if (e.isFile) {
    await readOne(await entryFile(e), path, out, budget);
    return;
  }
  if (e.isDirectory) {
    const children = await dirEntries(e);
    children.sort((a, b) => a.name.localeCompare(b.name));
    for (const c of children) await walk(c, out, budget);
  }
}

export async function filesFromDataTransfer(dt: DataTransfer): Promise<ReadResult> {
  const out: ReadResult = { files: [], skipped: [] };
  const budget = { left: MAX_TOTAL_BYTES };
  const entries: FsEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(dt.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = (item as DataTransferItem & { webkitGetAsEntry?(): FsEntry | null }).webkitGetAsEntry?.() ?? null;
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) loose.push(f);
    }
  }
  if (!entries.length && !loose.length) loose.push(...Array.from(dt.files ?? []));
  for (const e of entries) await walk(e, out, budget);
  for (const f of loose) await readOne(f, f.name, out, budget);
  return out;
}

/** From an <input type=file> (with or without webkitdirectory). */
export async function filesFromList(list: FileList): Promise<ReadResult> {
  const out: ReadResult = { files: [], skipped: [] };
  const budget = { left: MAX_TOTAL_BYTES };
  const files = Array.from(list).sort((a, b) => (a.webkitRelativePath || a.name).localeCompare(b.webkitRelativePath || b.name));
  for (const f of files) await readOne(f, f.webkitRelativePath || f.name, out, budget);
  return out;
}
