// The only Node-specific part of the CLI: reading files and directory trees.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from '../engine/index.ts';
import type { CliIo } from './main.ts';

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** In a directory, only files that can hold objects or configs are read (a README next to manifests is not
 * input); a file named explicitly is always read. */
const INPUT_EXT = /\.(ya?ml|json)$/i;

export function readInput(path: string): InputFile[] {
  if (path === '-') return [{ name: '<stdin>', text: readFileSync(0, 'utf8') }];
  const st = statSync(path);
  const paths = st.isDirectory() ? walk(path).filter((p) => INPUT_EXT.test(p)) : [path];
  return paths.map((p) => ({ name: p, text: readFileSync(p, 'utf8') }));
}

export const nodeIo: CliIo = {
  readInput,
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};
