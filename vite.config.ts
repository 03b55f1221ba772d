// The playground build: a static site that works from any sub-path (relative base) and from a
// plain static file server, with every asset (Monaco, its workers, fonts, schemas, examples)
// bundled so the page never requests anything beyond its own origin.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

export default defineConfig({
  // './': every URL in the built page is relative, so the site can live under any path.
  base: './',
  resolve: {
    alias: [
      // monaco-editor 0.56+ narrowed its package "exports" to `monaco-editor/<path>` (mapped onto esm/vs/), so
      // the deep `monaco-editor/esm/vs/editor/editor.worker.js` that monaco-worker-manager (a monaco-yaml
      // dependency) imports no longer resolves. We stay on the current monaco (0.57: untrusted-markdown fix
      // for language-server hovers, tree-shakeable feature entry points that keep the bundle small) and map
      // the old deep paths onto the real files instead of pinning 0.54. See src/ui/editor/monacoSetup.ts.
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoEsm}$1` },
    ],
  },
  worker: {
    // Module workers: the engine worker and Monaco's workers are ES modules like the page.
    format: 'es',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Monaco is large by nature; the warning would only repeat that.
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
    // No inline data: URLs for fonts/images beyond tiny ones; the CSP allows data: for images and fonts anyway.
    assetsInlineLimit: 4096,
  },
  server: { host: '127.0.0.1' },
});
