// Types for scripts/serve.mjs (imported by the browser tests).
export interface StartedServer {
  url: string;
  close(): Promise<void>;
}
export function startServer(opts: { dir: string; port?: number; host?: string; prefix?: string }): Promise<StartedServer>;
