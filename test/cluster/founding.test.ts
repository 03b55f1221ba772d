// The founding case at the Kubernetes level: Deployment `audit` (container port 8080 only, label app_id: audit)
// and Service `audit` (10299 → 10299). A cluster holds one Pod, an Endpoints object with that Pod ready on port
// 10299, and one EndpointSlice with a ready endpoint on port 10299 — checked here field by field, and the field
// names checked against the Endpoints/EndpointSlices of the conformance fixtures (objects as an API server serves
// them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import type { KubeObject, Pod } from '../../src/engine/ingest/kinds.ts';
import { FIXTURES, fixtureNames } from '../helpers/fixtures.ts';
import { added, deployment, endpoints, pods, service, sim, slices } from './helpers.ts';

const HASH = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const UID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const founding = () =>
  sim([
    deployment('audit', { app_id: 'audit' }, [{ name: 'audit', image: 'registry.example.com/audit:1.4', ports: [{ containerPort: 8080 }] }], { replicas: 1 }),
    service('audit', { app_id: 'audit' }, [{ port: 10299, targetPort: 10299 }]),
  ]);

describe('founding case: Deployment audit + Service audit (10299)', () => {
  const r = founding();
  const [pod] = pods(r) as [Pod];
  const rs = added(r, 'ReplicaSet')[0]!.obj;
  const hash = rs.metadata.labels!['pod-template-hash']!;

  it('makes one ReplicaSet <deployment>-<pod-template-hash> and one Pod <replicaset>-<5 chars> (deployment/sync.go getNewReplicaSet; CreatePodsWithGenerateName)', () => {
    expect(pods(r)).toHaveLength(1);
    expect(rs.metadata.name).toBe(`audit-${hash}`);
    expect(hash).toMatch(/^[4-9bcdf]{6,10}$/); // SafeEncodeString of a decimal fnv32 hash
    expect(pod.metadata.name.slice(0, rs.metadata.name.length + 1)).toBe(`${rs.metadata.name}-`);
    expect(pod.metadata.name.slice(rs.metadata.name.length + 1)).toMatch(HASH);
  });

  it('gives the Pod the template, the hash label, a controller ownerRef and a Running+Ready status', () => {
    expect(pod.metadata).toMatchObject({
      generateName: `audit-${hash}-`,
      namespace: 'default',
      labels: { app_id: 'audit', 'pod-template-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `audit-${hash}`, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }],
    });
    expect(pod.metadata.uid).toMatch(UID);
    expect(pod.spec).toEqual({
      containers: [{ name: 'audit', image: 'registry.example.com/audit:1.4', ports: [{ containerPort: 8080, protocol: 'TCP' }] }],
      nodeName: 'node-1',
    });
    expect(pod.status).toMatchObject({ phase: 'Running', hostIP: '10.0.0.1', podIP: '10.244.0.2', podIPs: [{ ip: '10.244.0.2' }] });
    expect(pod.status!.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    expect(pod.status!.containerStatuses![0]).toMatchObject({ name: 'audit', ready: true, started: true, restartCount: 0, state: { running: {} } });
    expect(pod.status!.containerStatuses![0]!.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });

  it('Endpoints: the Pod in addresses on port 10299, exactly as the endpoints controller writes it', () => {
    expect(endpoints(r, 'audit')).toEqual({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'audit',
        namespace: 'default',
        uid: expect.stringMatching(UID),
        creationTimestamp: '2024-01-01T00:00:00Z',
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2024-01-01T00:00:00Z' },
      },
      subsets: [
        {
          addresses: [{ ip: '10.244.0.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: pod.metadata.name, uid: pod.metadata.uid } }],
          ports: [{ port: 10299, protocol: 'TCP' }],
        },
      ],
    });
  });

  it('EndpointSlice: one ready endpoint on port 10299, exactly as the endpointslice controller writes it', () => {
    const [slice, ...more] = slices(r, 'audit');
    expect(more).toEqual([]);
    expect(slice).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: expect.stringMatching(/^audit-[bcdfghjklmnpqrstvwxz2456789]{5}$/),
        generateName: 'audit-',
        namespace: 'default',
        uid: expect.stringMatching(UID),
        creationTimestamp: '2024-01-01T00:00:00Z',
        labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'audit' },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2024-01-01T00:00:00Z' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'audit', uid: expect.stringMatching(UID), controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['10.244.0.2'],
          conditions: { ready: true, serving: true, terminating: false },
          targetRef: { kind: 'Pod', namespace: 'default', name: pod.metadata.name, uid: pod.metadata.uid },
          nodeName: 'node-1',
        },
      ],
      ports: [{ name: '', port: 10299, protocol: 'TCP' }],
    });
  });

  it('marks every simulated object with its controller and the object it came from, at that object’s position', () => {
    const marks = r.added.map((o) => `${o.obj.kind}:${o.origin.simulated!.controller}:${o.origin.simulated!.kind}/${o.origin.simulated!.name}`);
    expect(marks).toEqual([
      'ReplicaSet:deployment-controller:Deployment/audit',
      'Node:kubelet:Deployment/audit',
      'Pod:replicaset-controller:Deployment/audit',
      'Endpoints:endpoints-controller:Service/audit',
      'EndpointSlice:endpointslice-controller:Service/audit',
    ]);
    expect(r.added.every((o) => o.origin.file === '(simulated)' && o.origin.pos.file === 'in.yaml')).toBe(true);
    const lines = r.diagnostics.filter((d) => d.code === 'SIMULATED').map((d) => d.message);
    expect(lines).toContain('simulated 1 ReplicaSet and 1 Pod from Deployment default/audit');
    expect(lines).toContain('simulated 1 Endpoints and 1 EndpointSlice from Service default/audit');
  });

  it('uses only fields that Endpoints/EndpointSlices served by an API server have (conformance fixtures)', () => {
    const known = new Map<string, Set<string>>();
    for (const f of fixtureNames()) {
      const { store } = ingest([{ name: f, text: readFileSync(join(FIXTURES, f, 'objects.yaml'), 'utf8') }]);
      for (const kind of ['Endpoints', 'EndpointSlice']) for (const o of store.list(kind)) paths(o.obj, '', known.get(kind) ?? known.set(kind, new Set()).get(kind)!);
    }
    // Server-set metadata the hand-made fixtures leave out, but every real object has.
    const serverSet = /^metadata\.(uid|creationTimestamp|generateName|ownerReferences\[\]\.blockOwnerDeletion)$/;
    for (const o of [endpoints(r, 'audit')!, slices(r, 'audit')[0]!]) {
      const mine = paths(o as KubeObject, '', new Set());
      expect([...mine].filter((p) => !known.get(o.kind)!.has(p) && !serverSet.test(p))).toEqual([]);
    }
  });
});

/** Key paths of an object, array indices collapsed to []. Label and annotation keys are data, not fields. */
function paths(v: unknown, at: string, out: Set<string>): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => paths(x, `${at}[]`, out));
  else if (v && typeof v === 'object' && !/\.(labels|annotations)$/.test(at)) {
    for (const [k, x] of Object.entries(v)) {
      const p = at ? `${at}.${k}` : k;
      out.add(p);
      paths(x, p, out);
    }
  }
  return out;
}
