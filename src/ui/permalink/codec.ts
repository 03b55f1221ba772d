// Permalinks: the whole session (input files, profile, view, selected target, filter) in the URL
// fragment, so it never reaches any server.
//
// Link syntax (documented for users in the share dialog):
//   #v1/<payload>      payload = base64url(deflate-raw(utf8(JSON))), JSON = {f: [[name, text]…], p?, v?, t?, q?, w?}
//                      (only values that differ from the defaults are written)
//                      w: what-if knobs [[kind, namespace, name, state]…] — added later as an optional
//                      field: links without it decode as before, and a page that predates it ignores it
//   #example/<id>      a shipped example by its folder name (examples/<id>/)
//
// Compatibility rule: a link made by any released version decodes in every later one. A new
// format gets a new prefix (#v2/…) and a new decoder beside this one; v1 is never changed. The
// golden links in test/ui/permalink-golden.test.ts hold us to it.
//
// Decoding never throws: a truncated, corrupted, hostile or future-version link gives a clear
// message and the page starts empty.
import { Inflate, deflateSync } from 'fflate';
import { POD_STATES, type PodStateChoice, type ProfileChoice, type WhatIf } from '../../worker/protocol.ts';
import { isProfileChoice } from '../state/profiles.ts';
import { isViewId, type ViewId } from '../state/views.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';

export interface SessionFile {
  name: string;
  text: string;
}

/** What a permalink holds. */
export interface Session {
  files: SessionFile[];
  profile: ProfileChoice;
  view: ViewId;
  /** Selected target id (`<job>#<n>`). */
  target?: string;
  filter?: string;
  /** What-if knobs on Pods and workloads, in the order they apply. */
  whatIf?: WhatIf[];
}

export const DEFAULT_VIEW: ViewId = 'targets';
export const DEFAULT_PROFILE_CHOICE: ProfileChoice = 'auto';

/** Largest fragment we try to read, and largest session it may expand to (decompression bombs stop here). */
export const MAX_LINK_CHARS = 16 * 1024 * 1024;
export const MAX_SESSION_BYTES = 32 * 1024 * 1024;

export type Decoded =
  | { kind: 'none' }
  | { kind: 'session'; session: Session; notes: string[] }
  | { kind: 'example'; id: string }
  | { kind: 'error'; message: string };

interface WireV1 {
  f: [string, string][];
  p?: string;
  v?: string;
  t?: string;
  q?: string;
  w?: [string, string, string, string][];
}

export function encodeSession(s: Session): string {
  const wire: WireV1 = { f: s.files.map((f) => [f.name, f.text]) };
  if (s.profile !== DEFAULT_PROFILE_CHOICE) wire.p = s.profile;
  if (s.view !== DEFAULT_VIEW) wire.v = s.view;
  if (s.target) wire.t = s.target;
  if (s.filter) wire.q = s.filter;
  if (s.whatIf?.length) wire.w = s.whatIf.map((x) => [x.kind, x.namespace, x.name, x.state]);
  const bytes = new TextEncoder().encode(JSON.stringify(wire));
  return `v1/${toBase64Url(deflateSync(bytes, { level: 9 }))}`;
}

/** Expands raw DEFLATE, refusing output beyond `limit` bytes (fed in small chunks so a bomb never gets far). */
function inflateLimited(data: Uint8Array, limit: number): Uint8Array | 'too-big' | 'corrupt' {
  const parts: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let done = false;
  const inf = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) {
      over = true;
      return;
    }
    parts.push(chunk);
    if (final) done = true;
  });
  try {
    // DEFLATE expands at most ~1032×, so 1 KiB of input yields at most ~1 MiB before the next check.
    const step = 1024;
    for (let i = 0; i < data.length && !over; i += step) inf.push(data.subarray(i, i + step), i + step >= data.length);
  } catch {
    return 'corrupt';
  }
  if (over) return 'too-big';
  if (!done) return 'corrupt';
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function decodeV1(payload: string): Decoded {
  const bytes = fromBase64Url(payload);
  if (!bytes) return { kind: 'error', message: 'This link is damaged: it contains characters a playground link never has (was it cut or edited?).' };
  const raw = inflateLimited(bytes, MAX_SESSION_BYTES);
  if (raw === 'too-big') return { kind: 'error', message: `This link expands to more than ${MAX_SESSION_BYTES / 1024 / 1024} MiB; it was not opened.` };
  if (raw === 'corrupt') return { kind: 'error', message: 'This link is damaged or incomplete (was it cut off when it was copied?).' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return { kind: 'error', message: 'This link is damaged: its content is not readable.' };
  }
  return restoreV1(json);
}

/** Tolerant restore (accept what is usable, say what was not), in the spirit of excalidraw's restore.ts. */
function restoreV1(json: unknown): Decoded {
  if (!json || typeof json !== 'object' || !Array.isArray((json as WireV1).f)) {
    return { kind: 'error', message: 'This link is damaged: it holds no input files.' };
  }
  const w = json as Partial<WireV1>;
  const notes: string[] = [];
  const files: SessionFile[] = [];
  const seen = new Set<string>();
  for (const entry of w.f ?? []) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
      notes.push('an unreadable file entry was skipped');
      continue;
    }
    let name = entry[0] || 'input.yaml';
    for (let i = 2; seen.has(name); i++) name = `${entry[0]} (${i})`;
    seen.add(name);
    files.push({ name, text: entry[1] });
  }
  let profile: ProfileChoice = DEFAULT_PROFILE_CHOICE;
  if (w.p !== undefined) {
    if (isProfileChoice(w.p)) profile = w.p;
    else notes.push(`the link asks for an unknown engine profile (${JSON.stringify(String(w.p)).slice(0, 60)}); the input decides instead`);
  }
  let view: ViewId = DEFAULT_VIEW;
  if (w.v !== undefined) {
    if (isViewId(w.v)) view = w.v;
    else notes.push('the link names an unknown view; showing the active targets');
  }
  const session: Session = { files, profile, view };
  if (typeof w.t === 'string' && w.t) session.target = w.t;
  if (typeof w.q === 'string' && w.q) session.filter = w.q;
  if (w.w !== undefined) {
    const whatIf = restoreWhatIf(w.w);
    if (whatIf.list.length) session.whatIf = whatIf.list;
    if (whatIf.skipped) notes.push(`${whatIf.skipped} unreadable what-if setting${whatIf.skipped === 1 ? ' was' : 's were'} skipped`);
  }
  return { kind: 'session', session, notes };
}

function restoreWhatIf(raw: unknown): { list: WhatIf[]; skipped: number } {
  if (!Array.isArray(raw)) return { list: [], skipped: 1 };
  const list: WhatIf[] = [];
  let skipped = 0;
  for (const e of raw) {
    const t = Array.isArray(e) && e.length === 4 && e.every((x) => typeof x === 'string') ? (e as [string, string, string, string]) : undefined;
    if (!t || !t[0] || !t[2] || !(POD_STATES as readonly string[]).includes(t[3])) {
      skipped++;
      continue;
    }
    list.push({ kind: t[0], namespace: t[1], name: t[2], state: t[3] as PodStateChoice });
  }
  return { list, skipped };
}

/** Reads a location hash (with or without the leading `#`). */
export function decodeHash(hash: string): Decoded {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h) return { kind: 'none' };
  if (h.length > MAX_LINK_CHARS) return { kind: 'error', message: `This link is longer than ${MAX_LINK_CHARS / 1024 / 1024} MiB; it was not opened.` };
  const ex = /^example\/([A-Za-z0-9._-]{1,100})$/.exec(h);
  if (ex) return { kind: 'example', id: ex[1] as string };
  const m = /^v(\d{1,6})\/(.*)$/s.exec(h);
  if (!m) return { kind: 'error', message: 'This is not a playground link (it should start with #v1/).' };
  const version = Number(m[1]);
  if (version === 1) return decodeV1(m[2] as string);
  return { kind: 'error', message: `This link was made by a newer version of the playground (format v${version}); this version reads v1 links.` };
}

/** The full link for a session, relative to the current page (same path, query kept). */
export function sessionUrl(base: string, s: Session): string {
  const u = base.replace(/#.*$/, '');
  return `${u}#${encodeSession(s)}`;
}
