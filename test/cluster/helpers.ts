// Small builders for the cluster-simulation tests: objects as plain JS, fed through ingest (so API-server
// defaults apply as for real input), then through simulateCluster.
import { ingest } from '../../src/engine/ingest/ingest.ts';
import type { EndpointSlice, Endpoints, KubeObject, Pod, StoredObject } from '../../src/engine/ingest/kinds.ts';
import { simulateCluster, type SimulationResult, type WhatIf } from '../../src/engine/cluster/simulate.ts';

export type Obj = Record<string, unknown>;

/** Ingests the objects (one YAML document each) and simulates. `input` is the store simulateCluster was given. */
export function sim(objs: Obj[], whatIf?: WhatIf[]): SimulationResult & { input: ReturnType<typeof ingest>['store'] } {
  const text = objs.map((o) => JSON.stringify(o)).join('\n---\n');
  const { store } = ingest([{ name: 'in.yaml', text }]);
  return { ...simulateCluster(store, whatIf ? { whatIf } : {}), input: store };
}

export const objs = <T extends KubeObject>(r: SimulationResult, kind: string, ns?: string): T[] => r.store.list<T>(kind, ns).map((o) => o.obj);
export const pods = (r: SimulationResult, ns?: string): Pod[] => objs<Pod>(r, 'Pod', ns);
export const endpoints = (r: SimulationResult, name: string, ns = 'default'): Endpoints | undefined => r.store.get<Endpoints>('Endpoints', ns, name)?.obj;
export const slices = (r: SimulationResult, svc: string, ns = 'default'): EndpointSlice[] =>
  objs<EndpointSlice>(r, 'EndpointSlice', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc);
export const added = (r: SimulationResult, kind: string): StoredObject[] => r.added.filter((o) => o.obj.kind === kind);

const tmpl = (labels: Obj, containers: Obj[], spec: Obj = {}) => ({ metadata: { labels }, spec: { containers, ...spec } });
const meta = (name: string, extra: Obj = {}) => ({ name, ...extra });

export function deployment(name: string, labels: Obj, containers: Obj[], spec: Obj = {}, metadata: Obj = {}): Obj {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(name, metadata), spec: { selector: { matchLabels: labels }, template: tmpl(labels, containers), ...spec } };
}

export function workload(kind: string, name: string, labels: Obj, containers: Obj[], spec: Obj = {}, podSpec: Obj = {}): Obj {
  const apiVersion = kind === 'Job' ? 'batch/v1' : 'apps/v1';
  return { apiVersion, kind, metadata: meta(name), spec: { ...(kind === 'Job' ? {} : { selector: { matchLabels: labels } }), template: tmpl(labels, containers, podSpec), ...spec } };
}

export function service(name: string, selector: Obj | undefined, ports: Obj[], spec: Obj = {}, metadata: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: meta(name, metadata), spec: { ...(selector ? { selector } : {}), ports, ...spec } };
}

export function node(name: string, ip: string, extra: { labels?: Obj; taints?: Obj[]; unschedulable?: boolean; podCIDR?: string } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(extra.labels ?? {}) } },
    spec: { ...(extra.taints ? { taints: extra.taints } : {}), ...(extra.unschedulable ? { unschedulable: true } : {}), ...(extra.podCIDR ? { podCIDR: extra.podCIDR } : {}) },
    status: { addresses: [{ type: 'InternalIP', address: ip }] },
  };
}

/** A Pod as a kubectl dump holds it. */
export function pod(name: string, labels: Obj, opts: { ip?: string; ready?: boolean; phase?: string; node?: string; ports?: Obj[]; deleting?: boolean; hostname?: string; subdomain?: string; uid?: string } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, uid: opts.uid ?? `uid-${name}`, labels, ...(opts.deleting ? { deletionTimestamp: '2024-01-01T00:05:00Z' } : {}) },
    spec: {
      nodeName: opts.node ?? 'n1',
      ...(opts.hostname ? { hostname: opts.hostname } : {}),
      ...(opts.subdomain ? { subdomain: opts.subdomain } : {}),
      containers: [{ name: 'app', image: 'app:1', ports: opts.ports ?? [{ name: 'http', containerPort: 8080 }] }],
    },
    status: {
      phase: opts.phase ?? 'Running',
      ...(opts.ip === undefined ? {} : { podIP: opts.ip }),
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
      containerStatuses: [{ name: 'app', containerID: `containerd://${name}`, ready: opts.ready !== false }],
    },
  };
}
