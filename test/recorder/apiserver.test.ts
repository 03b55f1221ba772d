// The recorder's fake Kubernetes API server over real HTTP on 127.0.0.1: the requests vmagent 1.79 makes
// (LIST, then WATCH from the list's resourceVersion, namespaced paths, selectors) and client-go's extras
// (/version, limit + continue), answered the way a real API server answers them.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiPath, startFakeApiServer, type FakeApiServer } from '../../scripts/recorder/apiserver.ts';
import { buildStore, parseObjects } from '../../scripts/recorder/store.ts';

const OBJECTS = `
{apiVersion: v1, kind: Node, metadata: {name: node-1, labels: {pool: gpu}}, spec: {}}
---
{apiVersion: v1, kind: Node, metadata: {name: node-2, labels: {pool: general}}, spec: {unschedulable: true}}
---
{apiVersion: v1, kind: Pod, metadata: {name: a, namespace: shop, uid: u-a, labels: {app: web}}, spec: {nodeName: node-1, containers: [{name: c}]}, status: {phase: Running}}
---
{apiVersion: v1, kind: Pod, metadata: {name: b, namespace: shop, uid: u-b, labels: {app: api}}, spec: {nodeName: node-2, containers: [{name: c}]}, status: {phase: Pending}}
---
{apiVersion: v1, kind: Pod, metadata: {name: c, namespace: other, uid: u-c}, spec: {containers: [{name: c}]}, status: {phase: Running}}
---
{apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: web, namespace: shop}, spec: {rules: []}}
`;

let api: FakeApiServer;

function get(path: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    http.get(api.url + path, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    }).on('error', reject);
  });
}

/** Opens a watch and collects events until `ms` have passed (or the server ends the stream). */
function watch(path: string, ms: number): Promise<{ events: any[]; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const events: any[] = [];
    let buf = '';
    let ended = false;
    const req = http.get(api.url + path, (res) => {
      res.setEncoding('utf8');
      res.on('data', (c) => {
        buf += c;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, i)));
          buf = buf.slice(i + 1);
        }
      });
      res.on('end', () => { ended = true; });
    });
    req.on('error', (e) => { if (!ended) reject(e); });
    setTimeout(() => { req.destroy(); resolve({ events, ended }); }, ms);
  });
}

beforeAll(async () => {
  const { docs } = parseObjects(OBJECTS);
  api = await startFakeApiServer({ store: buildStore(docs), bookmarkIntervalMs: 50 });
});
afterAll(async () => { await api.close(); });

describe('fake API server', () => {
  it('listens on loopback only', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(startFakeApiServer({ store: buildStore([]), host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('lists cluster-wide and per namespace, with the store resourceVersion', async () => {
    const all = await get('/api/v1/pods');
    expect(all.status).toBe(200);
    expect(all.body.kind).toBe('PodList');
    expect(all.body.items.map((p: any) => p.metadata.name)).toEqual(['c', 'a', 'b']); // other/c, shop/a, shop/b
    expect(all.body.metadata.resourceVersion).toMatch(/^\d+$/);
    const shop = await get('/api/v1/namespaces/shop/pods');
    expect(shop.body.items.map((p: any) => p.metadata.name)).toEqual(['a', 'b']);
    const ing = await get('/apis/networking.k8s.io/v1/namespaces/shop/ingresses');
    expect(ing.body.kind).toBe('IngressList');
    expect(ing.body.items).toHaveLength(1);
    const ns = await get('/api/v1/namespaces');
    expect(ns.body.items.map((n: any) => n.metadata.name)).toEqual(['other', 'shop']);
  });

  it('filters by labelSelector and fieldSelector', async () => {
    const q = (s: string) => get(`/api/v1/pods?${s}`).then((r) => r.body.items.map((p: any) => p.metadata.name));
    expect(await q(`labelSelector=${encodeURIComponent('app in (web,api)')}`)).toEqual(['a', 'b']);
    expect(await q(`labelSelector=${encodeURIComponent('!app')}`)).toEqual(['c']);
    expect(await q(`fieldSelector=${encodeURIComponent('status.phase=Running')}`)).toEqual(['c', 'a']);
    expect(await q(`fieldSelector=${encodeURIComponent('spec.nodeName=node-2')}&labelSelector=app`)).toEqual(['b']);
    const nodes = await get(`/api/v1/nodes?fieldSelector=${encodeURIComponent('spec.unschedulable!=true')}`);
    expect(nodes.body.items.map((n: any) => n.metadata.name)).toEqual(['node-1']);
  });

  it('answers a bad or unsupported selector with 400 and a Status', async () => {
    const bad = await get(`/api/v1/pods?labelSelector=${encodeURIComponent('app in web')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400 });
    const unsupported = await get(`/api/v1/services?fieldSelector=${encodeURIComponent('spec.nodeName=x')}`);
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.message).toMatch(/field label not supported/);
  });

  it('pages with limit and continue', async () => {
    const p1 = await get('/api/v1/pods?limit=2');
    expect(p1.body.items).toHaveLength(2);
    expect(p1.body.metadata.remainingItemCount).toBe(1);
    const p2 = await get(`/api/v1/pods?limit=2&continue=${p1.body.metadata.continue}`);
    expect(p2.body.items.map((p: any) => p.metadata.name)).toEqual(['b']);
    expect(p2.body.metadata.continue).toBeUndefined();
    expect((await get('/api/v1/pods?limit=2&continue=garbage')).status).toBe(400);
  });

  it('gets single objects and 404s unknown ones', async () => {
    expect((await get('/api/v1/namespaces/shop/pods/a')).body.metadata.uid).toBe('u-a');
    expect((await get('/api/v1/nodes/node-2')).body.spec.unschedulable).toBe(true);
    expect((await get('/api/v1/namespaces/shop')).body.kind).toBe('Namespace');
    expect((await get('/api/v1/namespaces/shop/pods/zzz')).status).toBe(404);
    expect((await get('/api/v1/widgets')).status).toBe(404);
    expect((await get('/apis/networking.k8s.io/v1/pods')).status).toBe(404);
    expect((await get('/api/v1/namespaces/shop/nodes')).status).toBe(404);
  });

  it('serves discovery and /version', async () => {
    expect((await get('/version')).body.gitVersion).toMatch(/^v1\./);
    expect((await get('/api')).body.versions).toEqual(['v1']);
    const groups = (await get('/apis')).body.groups.map((g: any) => g.name).sort();
    expect(groups).toEqual(['discovery.k8s.io', 'networking.k8s.io']);
    const v1 = (await get('/api/v1')).body.resources.map((r: any) => r.name);
    expect(v1).toEqual(expect.arrayContaining(['pods', 'services', 'endpoints', 'nodes', 'namespaces']));
    expect((await get('/apis/discovery.k8s.io/v1')).body.resources.map((r: any) => r.name)).toEqual(['endpointslices']);
  });

  it('refuses writes', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(api.url + '/api/v1/pods', { method: 'POST' }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(405);
  });

  it('watches: initial ADDED events without a resourceVersion, none after the list resourceVersion', async () => {
    const rv = (await get('/api/v1/pods')).body.metadata.resourceVersion;
    const fresh = await watch('/api/v1/namespaces/shop/pods?watch=1', 150);
    expect(fresh.events.map((e) => [e.type, e.object.metadata.name])).toEqual([['ADDED', 'a'], ['ADDED', 'b']]);
    const fromList = await watch(`/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${rv}&timeoutSeconds=60`, 200);
    expect(fromList.events.length).toBeGreaterThan(0);
    expect(fromList.events.every((e) => e.type === 'BOOKMARK' && e.object.metadata.resourceVersion === rv)).toBe(true);
    const noBookmarks = await watch(`/api/v1/pods?watch=true&resourceVersion=${rv}`, 150);
    expect(noBookmarks.events).toEqual([]);
    const selected = await watch(`/api/v1/pods?watch=1&labelSelector=app%3Dapi`, 150);
    expect(selected.events.map((e) => e.object.metadata.name)).toEqual(['b']);
  });

  it('ends a watch after timeoutSeconds', async () => {
    const w = await watch('/api/v1/nodes?watch=1&timeoutSeconds=1', 1500);
    expect(w.ended).toBe(true);
    expect(w.events.map((e) => e.object.metadata.name)).toEqual(['node-1', 'node-2']);
  });

  it('records every request with its verb', () => {
    const verbs = new Set(api.requests.map((r) => r.verb));
    expect(verbs).toEqual(new Set(['list', 'watch', 'get', 'discovery', 'other']));
    const list = api.requests.find((r) => r.verb === 'list' && r.url === '/api/v1/namespaces/shop/pods');
    expect(list).toMatchObject({ status: 200, resource: 'pods', items: 2 });
  });
});

describe('API paths', () => {
  it.each([
    ['/api/v1/pods', { groupVersion: 'v1', namespace: '', resource: 'pods', name: '' }],
    ['/api/v1/namespaces/ns/pods', { groupVersion: 'v1', namespace: 'ns', resource: 'pods', name: '' }],
    ['/api/v1/namespaces/ns/pods/p', { groupVersion: 'v1', namespace: 'ns', resource: 'pods', name: 'p' }],
    ['/api/v1/namespaces/ns', { groupVersion: 'v1', namespace: '', resource: 'namespaces', name: 'ns' }],
    ['/api/v1/watch/namespaces/ns/pods', { groupVersion: 'v1', namespace: 'ns', resource: 'pods', watchPrefix: true }],
    ['/apis/discovery.k8s.io/v1/endpointslices', { groupVersion: 'discovery.k8s.io/v1', resource: 'endpointslices' }],
    ['/apis/discovery.k8s.io/v1', { groupVersion: 'discovery.k8s.io/v1', discovery: true }],
  ])('%s', (path, want) => expect(parseApiPath(path)).toMatchObject(want));
  it('is null outside /api and /apis', () => expect(parseApiPath('/metrics')).toBeNull());
});
