// Builds the playground into a folder, reusing the build while its inputs are unchanged (a content hash
// in the output folder). Free of vitest: the e2e global setup and `bench/browser.ts` both use it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const INPUTS = ['src', 'examples', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function walk(p: string, out: string[]): void {
  const st = statSync(p);
  if (st.isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n), out);
  else out.push(p);
}

function inputsHash(): string {
  const files: string[] = [];
  for (const i of INPUTS) if (existsSync(join(ROOT, i))) walk(join(ROOT, i), files);
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(ROOT, f));
    h.update(readFileSync(f));
  }
  return h.digest('hex');
}

/** Builds the site into `dir` unless the build there is of the current inputs; returns the build time (0 when reused). */
export function buildSite(dir: string): number {
  const stampFile = join(dir, '.inputs-sha256');
  const hash = inputsHash();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return 0;
  const t0 = Date.now();
  // NODE_ENV=production: vitest sets NODE_ENV=test, which would make a development React build.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  writeFileSync(stampFile, hash);
  return Date.now() - t0;
}
