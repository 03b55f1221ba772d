// The endpointslice controller (staging/src/k8s.io/endpointslice/reconciler.go, utils.go podToEndpoint,
// getEndpointPorts, newEndpointSlice, setEndpointSliceLabels; util/controller_utils.go NewPortMapKey).
import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../src/engine/ingest/kinds.ts';
import { added, node, pod, service, sim, slices, workload } from './helpers.ts';

const app = { app: 'a' };
const http = [{ name: 'http', port: 80, targetPort: 'http' }];
const eps = (ss: EndpointSlice[]) => ss.flatMap((s) => s.endpoints ?? []);

describe('endpoint conditions (podToEndpoint)', () => {
  it.each([
    ['ready Pod', { ip: '10.1.0.1' }, {}, { ready: true, serving: true, terminating: false }],
    ['not-ready Pod', { ip: '10.1.0.1', ready: false }, {}, { ready: false, serving: false, terminating: false }],
    ['terminating but still Ready: kept, serving, never ready', { ip: '10.1.0.1', deleting: true }, {}, { ready: false, serving: true, terminating: true }],
    ['terminating and not Ready', { ip: '10.1.0.1', deleting: true, ready: false }, {}, { ready: false, serving: false, terminating: true }],
    ['publishNotReadyAddresses: ready even when not Ready', { ip: '10.1.0.1', ready: false }, { publishNotReadyAddresses: true }, { ready: true, serving: false, terminating: false }],
    ['publishNotReadyAddresses: ready even when terminating', { ip: '10.1.0.1', deleting: true }, { publishNotReadyAddresses: true }, { ready: true, serving: true, terminating: true }],
  ])('%s', (_n, p, spec, conditions) => {
    const r = sim([pod('p', app, p), service('s', app, http, spec)]);
    expect(eps(slices(r, 's')).map((e) => e.conditions)).toEqual([conditions]);
  });

  it.each([
    ['no podIP', {}],
    ['Failed', { ip: '10.1.0.1', phase: 'Failed' }],
    ['Succeeded', { ip: '10.1.0.1', phase: 'Succeeded' }],
  ])('leaves out a Pod with %s (ShouldPodBeInEndpoints)', (_n, p) => {
    expect(eps(slices(sim([pod('p', app, p), service('s', app, http)]), 's'))).toEqual([]);
  });
});

describe('slice objects (newEndpointSlice, setEndpointSliceLabels)', () => {
  it('labels: the Service’s minus reserved keys, plus service-name, managed-by and (headless) the headless label', () => {
    const r = sim([pod('p', app, { ip: '10.1.0.1' }), service('s', app, http, { clusterIP: 'None' }, { labels: { team: 'x', 'kubernetes.io/service-name': 'spoof' } })]);
    expect(slices(r, 's')[0]!.metadata.labels).toEqual({
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 's',
      'service.kubernetes.io/headless': '',
      team: 'x',
    });
  });

  it('ports: one per Service port that resolves, name "" when unnamed, appProtocol copied', () => {
    const r = sim([pod('p', app, { ip: '10.1.0.1' }), service('s', app, [{ port: 9000 }, { name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' }, { name: 'gone', port: 81, targetPort: 'nope' }])]);
    const ports = slices(r, 's')[0]!.ports!;
    expect(ports).toHaveLength(2); // in hash order, see below
    expect(ports).toEqual(expect.arrayContaining([{ name: '', port: 9000, protocol: 'TCP' }, { name: 'http', port: 8080, protocol: 'TCP', appProtocol: 'http' }]));
  });

  it('orders ports by the FNV-128a hash of their dump (NewPortMapKey sorts in place): kube-dns → 53/UDP, 53/TCP, 9153', () => {
    // `kubectl get endpointslice -n kube-system` on current clusters prints PORTS 53,53,9153 for kube-dns.
    const ports = [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' }];
    const svcPorts = [{ name: 'metrics', port: 9153, targetPort: 9153 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }];
    const r = sim([pod('c', { k: 'dns' }, { ip: '10.244.0.2', ports }), service('kube-dns', { k: 'dns' }, svcPorts)]);
    expect(slices(r, 'kube-dns')[0]!.ports!.map((p) => `${p.name}/${p.port}/${p.protocol}`)).toEqual(['dns/53/UDP', 'dns-tcp/53/TCP', 'metrics/9153/TCP']);
  });

  it('name <service>-<5 chars>, generateName <service>-, owned by the Service (controller ref, v1)', () => {
    const s = slices(sim([pod('p', app, { ip: '10.1.0.1' }), service('web', app, http)]), 'web')[0]!;
    expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.metadata.generateName).toBe('web-');
    expect(s.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: expect.any(String), controller: true, blockOwnerDeletion: true }]);
  });

  it('at most 100 endpoints per slice (--max-endpoints-per-slice default)', () => {
    const many = Array.from({ length: 250 }, (_, i) => pod(`p${i}`, app, { ip: `10.9.${i >> 8}.${i & 255}` }));
    expect(slices(sim([...many, service('s', app, http)]), 's').map((s) => s.endpoints!.length)).toEqual([100, 100, 50]);
  });

  it('Pods whose named ports resolve differently go to different slices (one slice set per port map)', () => {
    const r = sim([pod('a', app, { ip: '10.1.0.1' }), pod('b', app, { ip: '10.1.0.2', ports: [{ name: 'http', containerPort: 9090 }] }), service('s', app, http)]);
    expect(slices(r, 's').map((s) => `${s.ports![0]!.port}:${s.endpoints!.map((e) => e.targetRef!.name)}`)).toEqual(['8080:a', '9090:b']);
  });

  it('no endpoints → one empty placeholder slice (reconcileByAddressType)', () => {
    const ss = slices(sim([service('s', app, http)]), 's');
    expect(ss.map((s) => [s.addressType, s.endpoints, s.ports])).toEqual([['IPv4', [], []]]);
  });

  it('addressType IPv6 when the Service is IPv6 (or headless with IPv6-only Pods)', () => {
    const r = sim([pod('p', app, { ip: 'fd00:10:244::5' }), service('s', app, http, { clusterIP: 'None' })]);
    expect(slices(r, 's').map((s) => [s.addressType, s.endpoints![0]!.addresses])).toEqual([['IPv6', ['fd00:10:244::5']]]);
  });

  it('a slice of the Service in the input means no simulated slices; an unlabelled one does not count', () => {
    const mine = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'mine', labels: { 'kubernetes.io/service-name': 's' } }, addressType: 'IPv4', endpoints: [] };
    expect(added(sim([pod('p', app, { ip: '10.1.0.1' }), service('s', app, http), mine]), 'EndpointSlice')).toEqual([]);
    const stray = { ...mine, metadata: { name: 'stray' } };
    expect(added(sim([pod('p', app, { ip: '10.1.0.1' }), service('s', app, http), stray]), 'EndpointSlice')).toHaveLength(1);
    // A slice naming a Service of the same name in another namespace does not count either.
    const elsewhere = { ...mine, metadata: { ...mine.metadata, namespace: 'other' } };
    expect(added(sim([pod('p', app, { ip: '10.1.0.1' }), service('s', app, http), elsewhere]), 'EndpointSlice')).toHaveLength(1);
  });
});

describe('endpoint fields from the Pod and its Node', () => {
  it('targetRef, nodeName, zone from the node’s topology.kubernetes.io/zone label, hostname for a matching subdomain', () => {
    const r = sim([node('n1', '10.0.0.1', { labels: { 'topology.kubernetes.io/zone': 'eu-1a' } }), pod('db-0', app, { ip: '10.1.0.1', hostname: 'db-0', subdomain: 's' }), service('s', app, http)]);
    expect(eps(slices(r, 's'))).toEqual([
      { addresses: ['10.1.0.1'], conditions: { ready: true, serving: true, terminating: false }, hostname: 'db-0', targetRef: { kind: 'Pod', namespace: 'default', name: 'db-0', uid: 'uid-db-0' }, nodeName: 'n1', zone: 'eu-1a' },
    ]);
  });

  it('with Nodes in the input, a Pod whose Node is missing is left out (unless publishNotReadyAddresses), with a warning', () => {
    const input = [node('n1', '10.0.0.1'), pod('p', app, { ip: '10.1.0.1', node: 'gone' }), pod('q', app, { ip: '10.1.0.2' })];
    const r = sim([...input, service('s', app, http)]);
    expect(eps(slices(r, 's')).map((e) => e.targetRef!.name)).toEqual(['q']);
    expect(r.diagnostics.some((d) => d.severity === 'warning' && d.message.includes('p (node "gone")'))).toBe(true);
    expect(eps(slices(sim([...input, service('s', app, http, { publishNotReadyAddresses: true })]), 's'))).toHaveLength(2);
  });

  it('with no Nodes in the input at all (a partial dump), Pods keep their place', () => {
    expect(eps(slices(sim([pod('p', app, { ip: '10.1.0.1', node: 'somewhere' }), service('s', app, http)]), 's'))).toHaveLength(1);
  });

  it('simulated StatefulSet Pods behind their headless Service get hostnames in the slice too', () => {
    const r = sim([workload('StatefulSet', 'db', app, [{ name: 'db', ports: [{ containerPort: 5432 }] }], { replicas: 2, serviceName: 'db' }), service('db', app, [{ port: 5432 }], { clusterIP: 'None' })]);
    expect(eps(slices(r, 'db')).map((e) => e.hostname)).toEqual(['db-0', 'db-1']);
  });
});
