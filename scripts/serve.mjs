#!/usr/bin/env node
// A tiny static file server for the built playground (dist/), on 127.0.0.1 only. It prints the URL.
// `npm run serve` builds first; `node scripts/serve.mjs [--port N] [--dir D]` serves as is.
// The browser tests import startServer() to serve the build they made.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Serves `dir` on 127.0.0.1:`port` (0 = any free port), under the URL path `prefix` (default "/"; the
 * tests use a deeper one to prove the build works from any sub-path). Resolves to {url, close()}.
 */
export function startServer({ dir, port = 0, host = '127.0.0.1', prefix = '/' }) {
  const root = resolve(dir);
  const base = prefix.endsWith('/') ? prefix : prefix + '/';
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (!path.startsWith(base)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    path = '/' + path.slice(base.length);
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let st;
    try {
      st = statSync(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (st.isDirectory()) {
      res.writeHead(301, { location: base + path.slice(1) + '/' }).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': st.size,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const addr = server.address();
      const url = `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}${base}`;
      ok({ url, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
  };
  const port = Number(opt('--port', process.env.PORT ?? '5178'));
  const dir = opt('--dir', fileURLToPath(new URL('../dist/', import.meta.url)));
  try {
    statSync(join(dir, 'index.html'));
  } catch {
    console.error(`no build in ${dir}: run \`npm run build\` first (or \`npm run serve\`, which builds)`);
    process.exit(1);
  }
  const { url } = await startServer({ dir, port });
  console.log(`ksd playground: ${url}`);
}
