// An example is a folder examples/<id>/ holding input files and a README.md whose front matter
// names it: `title`, `teaches` (one sentence: what it teaches), optional `profile` and `view`.
// Pure, so the gallery (through Vite's import.meta.glob) and the tests (through the file system)
// read examples the same way.
import type { ProfileChoice } from '../../worker/protocol.ts';
import type { Session, SessionFile } from '../permalink/codec.ts';
import { isProfileChoice } from '../state/profiles.ts';
import { isViewId, type ViewId } from '../state/views.ts';

export interface Example {
  id: string;
  title: string;
  teaches: string;
  /** The README body after the front matter. */
  body: string;
  profile: ProfileChoice;
  view: ViewId;
  files: SessionFile[];
}

export function parseReadme(text: string): { meta: Record<string, string>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) return { meta: {}, body: text };
  const meta: Record<string, string> = {};
  for (const line of (m[1] as string).split(/\r?\n/)) {
    const kv = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (kv) meta[kv[1] as string] = (kv[2] as string).trim();
  }
  return { meta, body: (m[2] as string).trim() };
}

/** Builds an example from its folder name and files (README.md included; it is not an input file). */
export function makeExample(id: string, files: SessionFile[]): Example {
  const readme = files.find((f) => f.name === 'README.md');
  const { meta, body } = parseReadme(readme?.text ?? '');
  const inputs = files.filter((f) => f.name !== 'README.md').sort((a, b) => a.name.localeCompare(b.name));
  return {
    id,
    title: meta.title || id,
    teaches: meta.teaches || '',
    body,
    profile: isProfileChoice(meta.profile) ? meta.profile : 'auto',
    view: isViewId(meta.view) ? meta.view : 'targets',
    files: inputs,
  };
}

export function exampleSession(e: Example): Session {
  return { files: e.files.map((f) => ({ ...f })), profile: e.profile, view: e.view };
}
