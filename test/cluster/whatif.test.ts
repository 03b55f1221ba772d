// The what-if knob: set a Pod's (or a workload's Pods') lifecycle state before the endpoint controllers run, and
// see Endpoints/EndpointSlices follow as the controllers would (Ready → addresses, not Ready → notReadyAddresses,
// no IP or terminal phase → gone; endpoints_controller.go addEndpointSubset, ShouldPodBeInEndpoints).
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/engine/ingest/kinds.ts';
import { deployment, endpoints, pod, pods, service, sim, slices } from './helpers.ts';

const app = { app: 'web' };
const c = [{ name: 'web', image: 'web:1', ports: [{ name: 'http', containerPort: 8080 }] }];
const input = () => [deployment('web', app, c, { replicas: 2 }), service('web', app, [{ name: 'http', port: 80, targetPort: 'http' }])];
const ready = (p: Pod) => p.status?.conditions?.find((x) => x.type === 'Ready')?.status;

describe('what-if on a workload: every Pod in its ownership chain', () => {
  it('not-ready: Pods stay Running with Ready=False; Endpoints list them in notReadyAddresses, slices ready=false', () => {
    const r = sim(input(), [{ kind: 'Deployment', namespace: 'default', name: 'web', state: 'not-ready' }]);
    expect(pods(r).map((p) => `${p.status!.phase} ${ready(p)}`)).toEqual(['Running False', 'Running False']);
    const s = endpoints(r, 'web')!.subsets!;
    expect(s.map((x) => [x.addresses?.length ?? 0, x.notReadyAddresses?.length ?? 0])).toEqual([[0, 2]]);
    expect(slices(r, 'web')[0]!.endpoints!.map((e) => e.conditions)).toEqual([
      { ready: false, serving: false, terminating: false },
      { ready: false, serving: false, terminating: false },
    ]);
  });

  it.each([
    ['pending', 'Pending', false],
    ['failed', 'Failed', true],
    ['succeeded', 'Succeeded', true],
  ] as const)('%s: phase %s, out of Endpoints and slices', (state, phase, keepsIP) => {
    const r = sim(input(), [{ kind: 'Deployment', namespace: 'default', name: 'web', state }]);
    const p = pods(r)[0]!;
    expect(p.status!.phase).toBe(phase);
    expect(!!p.status!.podIP).toBe(keepsIP); // a pending Pod has no IP and no node; a finished one keeps its IP
    if (state === 'pending') expect(p.spec!.nodeName).toBeUndefined();
    expect(endpoints(r, 'web')!.subsets).toBeUndefined();
    expect(slices(r, 'web')[0]!.endpoints).toEqual([]);
  });

  it('a ReplicaSet what-if reaches the simulated Pods of the Deployment’s ReplicaSet', () => {
    const base = sim(input());
    const rs = base.store.list('ReplicaSet')[0]!.obj.metadata.name;
    const r = sim(input(), [{ kind: 'ReplicaSet', namespace: 'default', name: rs, state: 'not-ready' }]);
    expect(pods(r).map(ready)).toEqual(['False', 'False']);
  });
});

describe('what-if on one Pod', () => {
  it('changes only that Pod', () => {
    const name = pods(sim(input()))[1]!.metadata.name;
    const r = sim(input(), [{ kind: 'Pod', namespace: 'default', name, state: 'not-ready' }]);
    expect(pods(r).map(ready)).toEqual(['True', 'False']);
    expect(endpoints(r, 'web')!.subsets!.map((x) => [x.addresses?.length, x.notReadyAddresses?.length])).toEqual([[1, 1]]);
  });

  it('an input Pod is changed on a copy (input untouched, container IDs kept) and reported as changed', () => {
    const objs = [pod('p', app, { ip: '10.1.0.1' }), service('web', app, [{ port: 80, targetPort: 8080 }])];
    const r = sim(objs, [{ kind: 'Pod', namespace: 'default', name: 'p', state: 'not-ready' }]);
    const p = pods(r)[0]!;
    expect(ready(p)).toBe('False');
    expect(p.status!.containerStatuses![0]).toMatchObject({ containerID: 'containerd://p', ready: false });
    expect(ready(r.input.get<Pod>('Pod', 'default', 'p')!.obj)).toBe('True');
    expect(r.changed.map((o) => `${o.obj.kind}/${o.obj.metadata.name}`)).toEqual(['Pod/p', 'Service/web']); // the Service got a cluster IP
    expect(endpoints(r, 'web')!.subsets![0]!.notReadyAddresses).toHaveLength(1);
  });

  it('ready on a Pending input Pod schedules it and gives it an IP', () => {
    const objs = [pod('p', app, { phase: 'Pending', ready: false }), service('web', app, [{ port: 80, targetPort: 8080 }])];
    const r = sim(objs, [{ kind: 'Pod', namespace: 'default', name: 'p', state: 'ready' }]);
    expect(pods(r)[0]!.status).toMatchObject({ phase: 'Running', podIP: expect.any(String) });
    expect(endpoints(r, 'web')!.subsets![0]!.addresses).toHaveLength(1);
  });

  it('Endpoints that came with the input are not rewritten, and a diagnostic says so', () => {
    const ep = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.1.0.1' }], ports: [{ port: 8080 }] }] };
    const r = sim([pod('p', app, { ip: '10.1.0.1' }), service('web', app, [{ port: 80, targetPort: 8080 }]), ep], [{ kind: 'Pod', namespace: 'default', name: 'p', state: 'failed' }]);
    expect(endpoints(r, 'web')!.subsets![0]!.addresses).toHaveLength(1);
    expect(r.diagnostics.some((d) => /does not change the Endpoints of Service default\/web/.test(d.message))).toBe(true);
  });

  it('an unknown target is a warning, nothing else changes', () => {
    const r = sim(input(), [{ kind: 'Pod', namespace: 'default', name: 'nope', state: 'failed' }]);
    expect(r.diagnostics.some((d) => d.severity === 'warning' && d.message.includes('Pod default/nope'))).toBe(true);
    expect(pods(r).map(ready)).toEqual(['True', 'True']);
  });
});
