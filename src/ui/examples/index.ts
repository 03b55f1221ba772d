// The examples gallery, read at build time from examples/*/ (content, not code: add a folder to add an
// example). Files are bundled as text, so the gallery works offline.
import { makeExample, type Example } from './meta.ts';

const raw = import.meta.glob<string>('../../../examples/*/*', { query: '?raw', import: 'default', eager: true });

function collect(): Example[] {
  const byId = new Map<string, { name: string; text: string }[]>();
  for (const [path, text] of Object.entries(raw)) {
    const m = /examples\/([^/]+)\/([^/]+)$/.exec(path);
    if (!m) continue;
    const id = m[1] as string;
    if (!byId.has(id)) byId.set(id, []);
    byId.get(id)!.push({ name: m[2] as string, text });
  }
  return [...byId.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([id, files]) => makeExample(id, files));
}

export const EXAMPLES: Example[] = collect();

export function findExample(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
