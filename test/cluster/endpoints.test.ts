// The endpoints controller (pkg/controller/endpoint/endpoints_controller.go syncService) and what it shares with
// the endpointslice controller (staging/src/k8s.io/endpointslice/util: ShouldPodBeInEndpoints, ShouldSetHostname;
// FindPort). Input Pods stand for a kubectl dump; Services are pasted.
import { describe, expect, it } from 'vitest';
import { added, endpoints, node, pod, service, sim, workload } from './helpers.ts';
import type { Endpoints } from '../../src/engine/ingest/kinds.ts';

const app = { app: 'a' };
const http = [{ name: 'http', port: 80, targetPort: 'http' }];
/** `ready|notReady ip:port` rows of an Endpoints object. */
const rows = (e: Endpoints | undefined) =>
  (e?.subsets ?? []).flatMap((s) =>
    (s.ports ?? [{ port: 0 }]).flatMap((p) => [...(s.addresses ?? []).map((a) => `ready ${a.ip}:${p.port}`), ...(s.notReadyAddresses ?? []).map((a) => `notReady ${a.ip}:${p.port}`)]),
  );

describe('which Pods become addresses (ShouldPodBeInEndpoints, addEndpointSubset)', () => {
  it.each([
    ['Ready=True → addresses', { ip: '10.1.0.1' }, {}, ['ready 10.1.0.1:8080']],
    ['Ready=False → notReadyAddresses', { ip: '10.1.0.1', ready: false }, {}, ['notReady 10.1.0.1:8080']],
    ['publishNotReadyAddresses puts a not-ready Pod in addresses', { ip: '10.1.0.1', ready: false }, { publishNotReadyAddresses: true }, ['ready 10.1.0.1:8080']],
    ['a Pod without podIP is skipped', {}, {}, []],
    ['a Succeeded Pod is skipped (isPodTerminal)', { ip: '10.1.0.1', phase: 'Succeeded' }, {}, []],
    ['a Failed Pod is skipped even with an IP', { ip: '10.1.0.1', phase: 'Failed' }, {}, []],
    ['a Pending Pod with an IP is not terminal: listed, not ready', { ip: '10.1.0.1', phase: 'Pending', ready: false }, {}, ['notReady 10.1.0.1:8080']],
    ['a terminating Pod (deletionTimestamp) is left out', { ip: '10.1.0.1', deleting: true }, {}, []],
    ['… unless publishNotReadyAddresses', { ip: '10.1.0.1', deleting: true }, { publishNotReadyAddresses: true }, ['ready 10.1.0.1:8080']],
  ])('%s', (_n, p, spec, expected) => {
    const r = sim([pod('p', app, p), service('s', app, http, spec)]);
    expect(rows(endpoints(r, 's'))).toEqual(expected);
  });

  it('selects by label selector within the Service’s namespace only', () => {
    const other = { ...pod('q', app, { ip: '10.1.0.2' }), metadata: { name: 'q', namespace: 'other', labels: app } };
    const r = sim([pod('p', app, { ip: '10.1.0.1' }), pod('x', { app: 'b' }, { ip: '10.1.0.3' }), other, service('s', app, http)]);
    expect(rows(endpoints(r, 's'))).toEqual(['ready 10.1.0.1:8080']);
  });
});

describe('ports (FindPort, endpointPortFromServicePort)', () => {
  it('a numeric targetPort is used as is, whether or not a container declares it', () => {
    const r = sim([pod('p', app, { ip: '10.1.0.1' }), service('s', app, [{ port: 10299, targetPort: 10299 }])]);
    expect(endpoints(r, 's')!.subsets![0]!.ports).toEqual([{ port: 10299, protocol: 'TCP' }]);
  });

  it('a named targetPort resolves per Pod; a Pod lacking the name is left out of that port (and a warning says so)', () => {
    const r = sim([
      pod('p1', app, { ip: '10.1.0.1', ports: [{ name: 'http', containerPort: 8080 }] }),
      pod('p2', app, { ip: '10.1.0.2', ports: [{ name: 'http', containerPort: 9090 }] }),
      pod('p3', app, { ip: '10.1.0.3', ports: [{ name: 'web', containerPort: 8080 }] }),
      service('s', app, http),
    ]);
    expect(rows(endpoints(r, 's')).sort()).toEqual(['ready 10.1.0.1:8080', 'ready 10.1.0.2:9090']);
    // RepackSubsets: different resolved ports → different subsets
    expect(endpoints(r, 's')!.subsets).toHaveLength(2);
    const w = r.diagnostics.find((d) => d.severity === 'warning')!;
    expect(w.message).toMatch(/targetPort "http" .* 1 selected Pod\(s\) \(p3\)/);
  });

  it('a named targetPort must match the protocol too', () => {
    const r = sim([pod('p', app, { ip: '10.1.0.1', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] }), service('s', app, [{ name: 'dns', port: 53, targetPort: 'dns', protocol: 'TCP' }])]);
    expect(rows(endpoints(r, 's'))).toEqual([]);
  });

  it('a named port on a sidecar init container (restartPolicy: Always) resolves; on a plain init container it does not', () => {
    const mk = (restartPolicy?: string) => {
      const p = pod('p', app, { ip: '10.1.0.1', ports: [] });
      (p.spec as any).initContainers = [{ name: 'proxy', image: 'envoy', ...(restartPolicy ? { restartPolicy } : {}), ports: [{ name: 'metrics', containerPort: 15090 }] }];
      return rows(endpoints(sim([p, service('s', app, [{ name: 'm', port: 15090, targetPort: 'metrics' }])]), 's'));
    };
    expect(mk('Always')).toEqual(['ready 10.1.0.1:15090']);
    expect(mk()).toEqual([]);
  });

  it('orders ports like RepackSubsets/SortSubsets (by hash): kube-dns lists dns-tcp, dns, metrics as real clusters do', () => {
    const ports = [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' }];
    const svcPorts = [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, targetPort: 9153 }];
    const r = sim([pod('coredns-1', { k8s: 'dns' }, { ip: '10.244.0.3', ports }), pod('coredns-2', { k8s: 'dns' }, { ip: '10.244.0.2', ports }), service('kube-dns', { k8s: 'dns' }, svcPorts)]);
    const [subset] = endpoints(r, 'kube-dns')!.subsets!;
    expect(subset!.ports!.map((p) => p.name)).toEqual(['dns-tcp', 'dns', 'metrics']);
    expect(subset!.addresses!.map((a) => a.ip)).toEqual(['10.244.0.2', '10.244.0.3']); // LessEndpointAddress: by IP
  });
});

describe('which Services get Endpoints', () => {
  it('none for a Service without selector (its Endpoints are written by hand) or ExternalName (issues.k8s.io/105986)', () => {
    const r = sim([pod('p', app, { ip: '10.1.0.1' }), service('manual', undefined, http), service('ext', app, http, { type: 'ExternalName', externalName: 'x.example.com' })]);
    expect(r.added.filter((o) => o.obj.kind === 'Endpoints' || o.obj.kind === 'EndpointSlice')).toEqual([]);
  });

  it('a `selector: {}` counts as none (an empty map does not survive storage)', () => {
    expect(endpoints(sim([pod('p', app, { ip: '10.1.0.1' }), service('s', {}, http)]), 's')).toBeUndefined();
  });

  it('an Endpoints object in the input is used as it is, not replaced', () => {
    const mine = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 's' }, subsets: [{ addresses: [{ ip: '192.0.2.1' }], ports: [{ port: 1 }] }] };
    const r = sim([pod('p', app, { ip: '10.1.0.1' }), service('s', app, http), mine]);
    expect(rows(endpoints(r, 's'))).toEqual(['ready 192.0.2.1:1']);
    expect(added(r, 'Endpoints')).toEqual([]);
    expect(added(r, 'EndpointSlice')).toHaveLength(1); // slices are a separate controller, with none in the input
  });

  it('a selected Service with no matching Pods still gets an Endpoints object, without subsets', () => {
    expect(endpoints(sim([service('s', app, http)]), 's')).toMatchObject({ kind: 'Endpoints', metadata: { name: 's' } });
    expect(endpoints(sim([service('s', app, http)]), 's')!.subsets).toBeUndefined();
  });

  it('copies the Service labels; a headless Service gets the service.kubernetes.io/headless label', () => {
    const r = sim([pod('p', app, { ip: '10.1.0.1' }), service('s', app, http, { clusterIP: 'None' }, { labels: { team: 'x' } })]);
    expect(endpoints(r, 's')!.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '', team: 'x' });
    expect(rows(endpoints(r, 's'))).toEqual(['ready 10.1.0.1:8080']);
  });

  it('a headless Service without ports lists addresses with no ports (the sentinel port is stripped)', () => {
    const r = sim([pod('p', app, { ip: '10.1.0.1' }), service('s', app, [], { clusterIP: 'None' })]);
    expect(endpoints(r, 's')!.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.1.0.1' })] }]);
  });
});

describe('address fields', () => {
  it('targetRef {kind, namespace, name, uid}, nodeName, and hostname only when the Pod’s subdomain is the Service (ShouldSetHostname)', () => {
    const r = sim([
      pod('db-0', app, { ip: '10.1.0.1', hostname: 'db-0', subdomain: 's', node: 'n7' }),
      pod('db-1', app, { ip: '10.1.0.2', hostname: 'db-1', subdomain: 'other' }),
      service('s', app, http, { clusterIP: 'None' }),
    ]);
    expect(endpoints(r, 's')!.subsets![0]!.addresses).toEqual([
      { ip: '10.1.0.1', hostname: 'db-0', nodeName: 'n7', targetRef: { kind: 'Pod', namespace: 'default', name: 'db-0', uid: 'uid-db-0' } },
      { ip: '10.1.0.2', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'default', name: 'db-1', uid: 'uid-db-1' } },
    ]);
  });

  it('StatefulSet Pods behind their governing headless Service get hostnames', () => {
    const r = sim([node('n1', '10.0.0.1'), workload('StatefulSet', 'db', app, [{ name: 'db', ports: [{ containerPort: 5432 }] }], { replicas: 2, serviceName: 'db' }), service('db', app, [{ port: 5432 }], { clusterIP: 'None' })]);
    expect(endpoints(r, 'db')!.subsets![0]!.addresses!.map((a) => a.hostname)).toEqual(['db-0', 'db-1']);
  });

  it('an IPv6 Service (by ipFamilies or cluster IP) takes each Pod’s IPv6 address', () => {
    const p = pod('p', app, { ip: '10.1.0.1' });
    (p.status as any).podIPs = [{ ip: '10.1.0.1' }, { ip: 'fd00::1' }];
    const r = sim([p, service('s', app, http, { clusterIP: 'fd00:96::5' })]);
    expect(rows(endpoints(r, 's'))).toEqual(['ready fd00::1:8080']);
  });
});

describe('over capacity (truncateEndpoints)', () => {
  it('keeps 1000 addresses, ready first, and sets endpoints.kubernetes.io/over-capacity: truncated', () => {
    const many = Array.from({ length: 1003 }, (_, i) => pod(`p${i}`, app, { ip: `10.9.${i >> 8}.${i & 255}`, ready: i % 2 === 0 }));
    const e = endpoints(sim([...many, service('s', app, http)]), 's')!;
    expect(e.metadata.annotations!['endpoints.kubernetes.io/over-capacity']).toBe('truncated');
    const n = (k: 'addresses' | 'notReadyAddresses') => e.subsets!.reduce((x, s) => x + (s[k]?.length ?? 0), 0);
    expect([n('addresses'), n('notReadyAddresses')]).toEqual([502, 498]);
  });
});

describe('cluster IP (the API server allocates one on create)', () => {
  it('a Service without clusterIP gets a stable one from 10.96.0.0/16 on a copy; ExternalName and headless are left alone', () => {
    const r = sim([service('a', app, http), service('b', app, http, { clusterIP: 'None' }), service('c', undefined, [], { type: 'ExternalName', externalName: 'x' })]);
    const ip = (n: string) => (r.store.get<any>('Service', 'default', n)!.obj.spec.clusterIP as string | undefined);
    expect(ip('a')).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(ip('b')).toBe('None');
    expect(ip('c')).toBeUndefined();
    expect(r.input.get<any>('Service', 'default', 'a')!.obj.spec.clusterIP).toBeUndefined();
    expect(r.changed.map((o) => o.obj.metadata.name)).toEqual(['a']);
    expect(r.diagnostics.some((d) => d.code === 'SIMULATED' && d.message.includes(ip('a')!))).toBe(true);
  });
});
