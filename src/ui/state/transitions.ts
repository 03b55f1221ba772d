// Pure state transitions for the editor files and the session (biome's state.ts habit): the
// zustand store calls these, the unit tests call them directly, React holds no logic of its own.
import type { Session, SessionFile } from '../permalink/codec.ts';
import type { ProfileChoice } from '../../worker/protocol.ts';
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

function isPristine(s: FilesState): boolean {
  return s.files.length === 1 && s.files[0]!.text.trim() === '';
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
}

export function toSession(p: SessionParts): Session {
  const s: Session = { files: p.files.map((f) => ({ name: f.name, text: f.text })), profile: p.profile, view: p.view };
  if (p.selectedTarget) s.target = p.selectedTarget;
  if (p.filter) s.filter = p.filter;
  return s;
}

/** Input files as the engine gets them: empty tabs are left out. */
export function inputFiles(files: readonly EditorFile[]): SessionFile[] {
  return files.filter((f) => f.text.trim() !== '').map((f) => ({ name: f.name, text: f.text }));
}
