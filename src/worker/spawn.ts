// Starts the engine worker. Written as `new Worker(new URL(…, import.meta.url))` so Vite bundles the
// worker as its own module file next to the page (same origin, relative URL: works under any sub-path).
export function spawnEngineWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'ksd-engine' });
}
