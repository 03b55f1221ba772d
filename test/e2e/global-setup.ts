// Builds the playground once for the browser tests and serves it on 127.0.0.1 under a sub-path
// (the build must work from any path). The build is reused while its inputs are unchanged (a
// content hash in the output folder), so a second run starts at once; a clean clone builds here.
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, buildSite } from './site.ts';

export const SITE_DIR = join(ROOT, 'test-results', 'e2e-site');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The playground's URL (a sub-path of a local static server). */
    ksdBaseUrl: string;
    /** How long the build took in this run (0 when reused). */
    ksdBuildMs: number;
  }
}

export default async function setup(project: TestProject) {
  const buildMs = buildSite(SITE_DIR);
  const server = await startServer({ dir: SITE_DIR, prefix: '/nested/sub/path/' });
  project.provide('ksdBaseUrl', server.url);
  project.provide('ksdBuildMs', buildMs);
  return async () => {
    await server.close();
  };
}
