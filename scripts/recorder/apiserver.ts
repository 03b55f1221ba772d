// The recorder's fake Kubernetes API server: read-only, serves a static Store with the LIST and WATCH
// semantics vmagent's list/watch client (lib/promscrape/discovery/kubernetes) and client-go informers use.
// It listens on 127.0.0.1 only.
//
// Served:
//   GET /version, /healthz, /readyz, /livez, /api, /apis, /api/v1, /apis/<group>/<version> (discovery)
//   GET /api/v1/<res>, /api/v1/namespaces/<ns>/<res>, /apis/<g>/<v>/[namespaces/<ns>/]<res>   LIST
//       (labelSelector, fieldSelector, limit + continue)
//   the same with ?watch=1|true (or under /watch/)                                         WATCH
//       (resourceVersion: unset or "0" → synthetic ADDED for every object; N → only newer objects,
//        i.e. none for a static store; allowWatchBookmarks; timeoutSeconds ends the stream)
//   GET .../<res>/<name>                                                                   GET
// Anything else is 404, non-GET is 405, a bad selector is 400 — with a metav1.Status body as a real
// server sends. Every request is recorded (see ApiRequest) so that the recorder can tell when the
// client has stopped listing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESOURCES, SelectorError, groupVersion, parseFieldSelector, parseLabelSelector, type KObj, type Store } from './store.ts';

export interface ApiRequest {
  /** milliseconds since the server started */
  t: number;
  method: string;
  url: string;
  status: number;
  /** list | watch | get | discovery | other */
  verb: string;
  resource?: string;
  items?: number;
  userAgent: string;
}

export interface FakeApiServer {
  url: string;
  port: number;
  startedAt: number;
  requests: ApiRequest[];
  openWatches(): number;
  close(): Promise<void>;
}

export interface FakeApiServerOptions {
  store: Store;
  host?: string;
  port?: number;
  /** send a BOOKMARK every N ms on watches that allow them (0 = never) */
  bookmarkIntervalMs?: number;
  /** called for every request after it was answered (for a request log) */
  onRequest?: (r: ApiRequest) => void;
}

export const KUBERNETES_VERSION = {
  major: '1',
  minor: '25',
  gitVersion: 'v1.25.16',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2024-01-01T00:00:00Z',
  goVersion: 'go1.20.10',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function statusBody(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export interface ParsedPath {
  groupVersion: string;
  /** true for /api/v1 and /apis/<g>/<v> themselves */
  discovery?: boolean;
  namespace?: string;
  resource?: string;
  name?: string;
  /** the legacy /watch/ path prefix was used */
  watchPrefix?: boolean;
}

/** Splits a resource path; null when it is not under /api/v1 or /apis/<g>/<v>. */
export function parseApiPath(pathname: string): ParsedPath | null {
  const parts = pathname.split('/').filter(Boolean);
  let gv: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') { gv = 'v1'; rest = parts.slice(2); }
  else if (parts[0] === 'apis' && parts.length >= 3) { gv = `${parts[1]}/${parts[2]}`; rest = parts.slice(3); }
  else return null;
  if (rest.length === 0) return { groupVersion: gv, discovery: true };
  let watchPrefix = false;
  if (rest[0] === 'watch') { watchPrefix = true; rest = rest.slice(1); }
  // /api/v1/namespaces/NAME is a GET of a Namespace; /api/v1/namespaces/NS/RES[/NAME] is namespaced.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    if (rest.length > 4) return { groupVersion: gv, resource: '' };
    return { groupVersion: gv, namespace: rest[1]!, resource: rest[2]!, name: rest[3] ?? '', watchPrefix };
  }
  if (rest.length > 2) return { groupVersion: gv, resource: '' };
  return { groupVersion: gv, namespace: '', resource: rest[0]!, name: rest[1] ?? '', watchPrefix };
}

function encodeContinue(offset: number, rv: string): string {
  return Buffer.from(JSON.stringify({ off: offset, rv })).toString('base64url');
}
function decodeContinue(token: string): number | null {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return Number.isInteger(c.off) && c.off >= 0 ? c.off : null;
  } catch {
    return null;
  }
}

export function startFakeApiServer(opts: FakeApiServerOptions): Promise<FakeApiServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!/^127\./.test(host)) return Promise.reject(new Error(`refusing to listen on ${host}: the fake API server is loopback-only`));
  const { store } = opts;
  const startedAt = Date.now();
  const requests: ApiRequest[] = [];
  const watches = new Set<{ res: http.ServerResponse; timers: NodeJS.Timeout[] }>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record = (status: number, verb: string, extra: Partial<ApiRequest> = {}) => {
      const r: ApiRequest = { t: Date.now() - startedAt, method: req.method ?? '', url: req.url ?? '', status, verb, userAgent: String(req.headers['user-agent'] ?? ''), ...extra };
      requests.push(r);
      opts.onRequest?.(r);
    };
    const send = (status: number, body: unknown, verb: string, extra: Partial<ApiRequest> = {}) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
      res.end(text);
      record(status, verb, extra);
    };
    const notFound = (what: string) => send(404, statusBody(404, 'NotFound', `the server could not find the requested resource (${what})`), 'other');

    if (req.method !== 'GET') return send(405, statusBody(405, 'MethodNotAllowed', `${req.method} is not supported by this read-only API server`), 'other');
    const p = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    if (p === '/version') return send(200, KUBERNETES_VERSION, 'discovery');
    if (p === '/healthz' || p === '/readyz' || p === '/livez') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return record(200, 'discovery');
    }
    if (p === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${host}:${(server.address() as AddressInfo).port}` }] }, 'discovery');
    if (p === '/apis') {
      const groups = new Map<string, unknown>();
      for (const r of Object.values(RESOURCES)) {
        if (!r.group) continue;
        const v = { groupVersion: `${r.group}/${r.version}`, version: r.version };
        groups.set(r.group, { name: r.group, versions: [v], preferredVersion: v });
      }
      return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups.values()] }, 'discovery');
    }
    const pp = parseApiPath(p);
    if (!pp) return notFound(p);
    if (pp.discovery) {
      const resources = Object.entries(RESOURCES)
        .filter(([res]) => groupVersion(res) === pp.groupVersion)
        .map(([res, r]) => ({ name: res, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'list', 'watch'] }));
      if (!resources.length) return notFound(p);
      return send(200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: pp.groupVersion, resources }, 'discovery');
    }
    const resource = pp.resource ?? '';
    const info = RESOURCES[resource];
    if (!info || groupVersion(resource) !== pp.groupVersion) return notFound(p);
    if (pp.namespace && !info.namespaced) return notFound(p);

    let items: KObj[] = store.objects[resource] ?? [];
    if (pp.namespace) items = items.filter((o) => o.metadata.namespace === pp.namespace);
    const isWatch = pp.watchPrefix || ['1', 'true'].includes(url.searchParams.get('watch') ?? '');
    if (pp.name) {
      const one = items.find((o) => o.metadata.name === pp.name);
      if (!isWatch) {
        if (!one) return send(404, statusBody(404, 'NotFound', `${resource} "${pp.name}" not found`), 'get', { resource });
        return send(200, one, 'get', { resource });
      }
      items = one ? [one] : [];
    }
    try {
      const ls = parseLabelSelector(url.searchParams.get('labelSelector') ?? '');
      const fs = parseFieldSelector(url.searchParams.get('fieldSelector') ?? '', resource);
      items = items.filter((o) => ls(o.metadata.labels ?? {}) && fs(o));
    } catch (e) {
      if (e instanceof SelectorError) return send(400, statusBody(400, 'BadRequest', e.message), isWatch ? 'watch' : 'list', { resource });
      throw e;
    }

    if (!isWatch) {
      let offset = 0;
      const token = url.searchParams.get('continue');
      if (token) {
        const off = decodeContinue(token);
        if (off == null) return send(400, statusBody(400, 'BadRequest', 'invalid continue token'), 'list', { resource });
        offset = off;
      }
      const limit = Number.parseInt(url.searchParams.get('limit') ?? '0', 10) || 0;
      let page = items.slice(offset);
      const metadata: Record<string, unknown> = { resourceVersion: store.resourceVersion };
      if (limit > 0 && page.length > limit) {
        page = page.slice(0, limit);
        metadata.continue = encodeContinue(offset + limit, store.resourceVersion);
        metadata.remainingItemCount = items.length - offset - limit;
      }
      return send(200, { kind: info.listKind, apiVersion: groupVersion(resource), metadata, items: page }, 'list', { resource, items: page.length });
    }

    // WATCH: a chunked stream of JSON events, open until the client leaves or timeoutSeconds passes.
    const rvParam = url.searchParams.get('resourceVersion') ?? '';
    const from = rvParam === '' || rvParam === '0' ? -1 : Number.parseInt(rvParam, 10);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    let sent = 0;
    for (const o of items) {
      if (from < 0 || Number(o.metadata.resourceVersion) > from) {
        res.write(JSON.stringify({ type: 'ADDED', object: o }) + '\n');
        sent++;
      }
    }
    if (sent === 0) res.flushHeaders();
    record(200, 'watch', { resource, items: sent });
    const w = { res, timers: [] as NodeJS.Timeout[] };
    const bookmarks = opts.bookmarkIntervalMs ?? 0;
    if (bookmarks > 0 && url.searchParams.get('allowWatchBookmarks') === 'true') {
      w.timers.push(setInterval(() => {
        res.write(JSON.stringify({ type: 'BOOKMARK', object: { kind: info.kind, apiVersion: groupVersion(resource), metadata: { resourceVersion: store.resourceVersion } } }) + '\n');
      }, bookmarks));
    }
    const timeoutS = Number.parseInt(url.searchParams.get('timeoutSeconds') ?? '0', 10) || 0;
    if (timeoutS > 0) w.timers.push(setTimeout(() => res.end(), timeoutS * 1000));
    watches.add(w);
    const done = () => {
      for (const t of w.timers) clearTimeout(t);
      watches.delete(w);
    };
    res.on('close', done);
    res.on('finish', done);
  });
  server.keepAliveTimeout = 60_000;
  server.requestTimeout = 0;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host}:${port}`,
        port,
        startedAt,
        requests,
        openWatches: () => watches.size,
        close: () =>
          new Promise<void>((done) => {
            for (const w of watches) {
              for (const t of w.timers) clearTimeout(t);
              w.res.destroy();
            }
            watches.clear();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
