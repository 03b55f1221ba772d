// Builds the playground once for the browser tests and serves it on 127.0.0.1 under a sub-path
// (the build must work from any path). The build is reused while its inputs are unchanged (a
// content hash in the output folder), so a second run starts at once; a clean clone builds here.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../scripts/serve.mjs';

const root = join(import.meta.dirname, '..', '..');
export const SITE_DIR = join(root, 'test-results', 'e2e-site');
const INPUTS = ['src', 'examples', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function walk(p: string, out: string[]): void {
  const st = statSync(p);
  if (st.isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n), out);
  else out.push(p);
}

function inputsHash(): string {
  const files: string[] = [];
  for (const i of INPUTS) if (existsSync(join(root, i))) walk(join(root, i), files);
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(root, f));
    h.update(readFileSync(f));
  }
  return h.digest('hex');
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The playground's URL (a sub-path of a local static server). */
    ksdBaseUrl: string;
    /** How long the build took in this run (0 when reused). */
    ksdBuildMs: number;
  }
}

export default async function setup(project: TestProject) {
  const stampFile = join(SITE_DIR, '.inputs-sha256');
  const hash = inputsHash();
  let buildMs = 0;
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== hash) {
    const t0 = Date.now();
    execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', SITE_DIR, '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } }); // vitest sets NODE_ENV=test, which would make a development React build
    writeFileSync(stampFile, hash);
    buildMs = Date.now() - t0;
  }
  const server = await startServer({ dir: SITE_DIR, prefix: '/nested/sub/path/' });
  project.provide('ksdBaseUrl', server.url);
  project.provide('ksdBuildMs', buildMs);
  return async () => {
    await server.close();
  };
}
