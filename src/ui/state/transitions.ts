// Pure state transitions for the editor files and the session (biome's state.ts habit): the
// zustand store calls these, the unit tests call them directly, React holds no logic of its own.
import type { Session, SessionFile } from '../permalink/codec.ts';
import type { Diagnosis } from '../../engine/index.ts';
import type { PodStateChoice, ProfileChoice, WhatIf } from '../../worker/protocol.ts';
import type { ViewId } from './views.ts';

export interface EditorFile {
  /** Stable across renames (Monaco models and React keys use it). */
  id: string;
  name: string;
  text: string;
}

export interface FilesState {
  files: EditorFile[];
  activeFileId: string;
}

let idCounter = 0;
/** Ids only need to be unique within one page load. */
export function newFileId(): string {
  idCounter += 1;
  return `f${idCounter}`;
}

export const EMPTY_FILE_NAME = 'input.yaml';

export function emptyFiles(): FilesState {
  const f = { id: newFileId(), name: EMPTY_FILE_NAME, text: '' };
  return { files: [f], activeFileId: f.id };
}

/** `name`, or `name (2)`, `name (3)`… — the first that no other file has. */
export function uniqueName(files: readonly { id?: string; name: string }[], name: string, exceptId?: string): string {
  const taken = new Set(files.filter((f) => exceptId === undefined || f.id !== exceptId).map((f) => f.name));
  if (!taken.has(name)) return name;
  const m = /^(.*?)(\.[^./]+)?$/.exec(name);
  const stem = m?.[1] ?? name;
  const ext = m?.[2] ?? '';
  for (let i = 2; ; i++) {
    const candidate = `${stem} (${i})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A file name for a new, empty tab. */
export function nextUntitled(files: readonly EditorFile[]): string {
  return uniqueName(files, 'untitled.yaml');
}

export function addFile(s: FilesState, name: string, text = ''): FilesState {
  const f = { id: newFileId(), name: uniqueName(s.files, name), text };
  return { files: [...s.files, f], activeFileId: f.id };
}

/**
 * Only whitespace (or nothing). A long text counts as not blank without being read: a big file read from disk is held as
 * the pieces it was decoded in, and reading it here would copy all of it at once (a whitespace-only file that big reaches
 * the engine, which finds nothing in it).
 */
export function isBlank(text: string): boolean {
  return text.length <= 64 * 1024 && text.trim() === '';
}

function isPristine(s: FilesState): boolean {
  return s.files.length === 1 && isBlank(s.files[0]!.text);
}

/**
 * Files from a drop, a paste or the file picker. A file with the same name as an open one replaces
 * its text (dropping an updated dump again is the common case); a single empty tab is replaced.
 */
export function mergeFiles(s: FilesState, incoming: readonly SessionFile[]): FilesState {
  if (!incoming.length) return s;
  let files = isPristine(s) ? [] : [...s.files];
  let active = '';
  for (const inc of incoming) {
    const same = files.find((f) => f.name === inc.name);
    if (same) {
      files = files.map((f) => (f.id === same.id ? { ...f, text: inc.text } : f));
      active = same.id;
    } else {
      const f = { id: newFileId(), name: inc.name, text: inc.text };
      files.push(f);
      active = f.id;
    }
  }
  return { files, activeFileId: active };
}

export function renameFile(s: FilesState, id: string, name: string): FilesState {
  const clean = name.trim();
  if (!clean) return s;
  const unique = uniqueName(s.files, clean, id);
  return { ...s, files: s.files.map((f) => (f.id === id ? { ...f, name: unique } : f)) };
}

/** Closes a tab; the last tab is emptied instead (there is always one). */
export function removeFile(s: FilesState, id: string): FilesState {
  if (s.files.length <= 1) {
    const only = s.files[0];
    return only ? { files: [{ ...only, text: '' }], activeFileId: only.id } : emptyFiles();
  }
  const i = s.files.findIndex((f) => f.id === id);
  if (i < 0) return s;
  const files = s.files.filter((f) => f.id !== id);
  const activeFileId = s.activeFileId === id ? files[Math.min(i, files.length - 1)]!.id : s.activeFileId;
  return { files, activeFileId };
}

export function setText(s: FilesState, id: string, text: string): FilesState {
  return { ...s, files: s.files.map((f) => (f.id === id && f.text !== text ? { ...f, text } : f)) };
}

export function filesFromSession(session: Session): FilesState {
  if (!session.files.length) return emptyFiles();
  const files = session.files.map((f) => ({ id: newFileId(), name: f.name, text: f.text }));
  return { files, activeFileId: files[0]!.id };
}

export interface SessionParts {
  files: readonly EditorFile[];
  profile: ProfileChoice;
  view: ViewId;
  selectedTarget?: string | undefined;
  filter: string;
  whatIf?: readonly WhatIf[];
}

export function toSession(p: SessionParts): Session {
  const s: Session = { files: p.files.map((f) => ({ name: f.name, text: f.text })), profile: p.profile, view: p.view };
  if (p.selectedTarget) s.target = p.selectedTarget;
  if (p.filter) s.filter = p.filter;
  if (p.whatIf?.length) s.whatIf = p.whatIf.map((w) => ({ ...w }));
  return s;
}

/** The object a what-if knob is on. */
export interface WhatIfRef {
  kind: string;
  namespace: string;
  name: string;
}

const sameRef = (a: WhatIfRef, b: WhatIfRef) => a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;

/** The knob on `ref`, if any. */
export function whatIfOf(list: readonly WhatIf[], ref: WhatIfRef): PodStateChoice | undefined {
  return list.find((w) => sameRef(w, ref))?.state;
}

/** Sets (or with `undefined` removes) the knob on `ref`; a changed knob keeps its place (order matters: a later
 * knob wins for the same Pod), a new one goes last. */
export function setWhatIf(list: readonly WhatIf[], ref: WhatIfRef, state: PodStateChoice | undefined): WhatIf[] {
  const i = list.findIndex((w) => sameRef(w, ref));
  if (state === undefined) return i < 0 ? [...list] : list.filter((_, j) => j !== i);
  const entry: WhatIf = { kind: ref.kind, namespace: ref.namespace, name: ref.name, state };
  if (i < 0) return [...list, entry];
  return list.map((w, j) => (j === i ? entry : w));
}

/** The kinds a what-if knob can sit on: a Pod, or a workload whose Pods it sets. */
export const WHAT_IF_KINDS: readonly string[] = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

export type TextEdit = NonNullable<Diagnosis['suggestion']>['edits'][number];

/** Applies non-overlapping edits that all refer to `text` as it was (the engine's TextEdit contract). */
export function spliceEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

export type FixCheck = { ok: true; texts: Map<string, string> } | { ok: false; why: string };

/**
 * Whether a suggestion's edits still apply: each edited file must be open and hold exactly the text the
 * diagnosed run read (offsets refer to it). Returns the new text of every edited file.
 */
export function checkFix(files: readonly EditorFile[], runInput: readonly SessionFile[] | undefined, edits: readonly TextEdit[]): FixCheck {
  if (!edits.length) return { ok: false, why: 'this suggestion has no edit to apply' };
  const texts = new Map<string, string>();
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [name, list] of byFile) {
    const f = files.find((x) => x.name === name);
    if (!f) return { ok: false, why: `${name} is not open in the editor` };
    const seen = runInput?.find((x) => x.name === name);
    if (!seen || seen.text !== f.text) return { ok: false, why: `${name} changed since it was diagnosed; wait for the new result` };
    if (list.some((e) => e.offset < 0 || e.length < 0 || e.offset + e.length > f.text.length)) return { ok: false, why: `an edit falls outside ${name}` };
    texts.set(name, spliceEdits(f.text, list));
  }
  return { ok: true, texts };
}

/** Input files as the engine gets them: empty tabs are left out. */
export function inputFiles(files: readonly EditorFile[]): SessionFile[] {
  return files.filter((f) => !isBlank(f.text)).map((f) => ({ name: f.name, text: f.text }));
}
