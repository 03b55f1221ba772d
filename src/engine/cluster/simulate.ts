// The cluster simulation stage: what the controllers of a real cluster would have made of
// the pasted objects. Workloads become ReplicaSets, Jobs and Pods; Services get a cluster
// IP, Endpoints and EndpointSlices. Objects already in the input are used as they are and
// nothing is invented over them. Pure and deterministic: same input, same output.
import { diag, type Diagnostic } from '../diagnostics.ts';
import type { EndpointSlice, Service, StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';
import { newContext, type SimContext } from './context.ts';
import { simulateCronJob, type CronJob } from './cronjob.ts';
import { simulateDaemonSet, type DaemonSet } from './daemonset.ts';
import { simulateDeployment, type Deployment } from './deployment.ts';
import { simulateEndpoints } from './endpoints.ts';
import { simulateEndpointSlices } from './endpointslice.ts';
import { simulateJob, type Job } from './job.ts';
import { simulateReplicaSet, type ReplicaSet } from './replicaset.ts';
import { allocateClusterIPs, hasSelector, selectedPods } from './services.ts';
import { simulateStatefulSet, type StatefulSet } from './statefulset.ts';
import { namedPortMisses } from './targetports.ts';
import { applyWhatIfs, type WhatIf } from './whatif.ts';

export type { WhatIf } from './whatif.ts';

export interface SimulationResult {
  /** A clone of the input store plus the simulated objects (the input store is never mutated). */
  store: ObjectStore;
  /** Every object the simulation created, in creation order. */
  added: StoredObject[];
  /** Copies of input objects the simulation altered in `store` (allocated clusterIP, what-if state). */
  changed: StoredObject[];
  diagnostics: Diagnostic[];
}

/** Runs the controllers in dependency order, as a cluster converges: CronJob → Job → Pod, Deployment → ReplicaSet
 * → Pod, StatefulSet and DaemonSet → Pod; then what-ifs; then Services → Endpoints and EndpointSlices. */
export function simulateCluster(store: ObjectStore, opts: { whatIf?: WhatIf[] } = {}): SimulationResult {
  const ctx = newContext(store);
  for (const c of ctx.out.list<CronJob>('CronJob')) simulateCronJob(ctx, c);
  for (const j of ctx.out.list<Job>('Job')) simulateJob(ctx, j);
  for (const d of ctx.out.list<Deployment>('Deployment')) simulateDeployment(ctx, d);
  for (const rs of ctx.out.list<ReplicaSet>('ReplicaSet')) simulateReplicaSet(ctx, rs);
  for (const s of ctx.out.list<StatefulSet>('StatefulSet')) simulateStatefulSet(ctx, s);
  for (const d of ctx.out.list<DaemonSet>('DaemonSet')) simulateDaemonSet(ctx, d);
  if (opts.whatIf?.length) applyWhatIfs(ctx, opts.whatIf);
  allocateClusterIPs(ctx);
  const sliced = servicesWithSlices(ctx.input);
  for (const s of ctx.out.list<Service>('Service')) simulateServiceEndpoints(ctx, s, sliced);
  summarize(ctx);
  return { store: ctx.out, added: ctx.added, changed: ctx.changed, diagnostics: ctx.diagnostics };
}

/** `namespace/name` of every Service an EndpointSlice of the input names (label kubernetes.io/service-name): one pass,
 * not a scan of the namespace's slices per Service (quadratic: 1000 Services × 1000 slices at 10k pods). */
function servicesWithSlices(input: ObjectStore): Set<string> {
  const out = new Set<string>();
  for (const e of input.list<EndpointSlice>('EndpointSlice')) {
    const svc = e.obj.metadata.labels?.['kubernetes.io/service-name'];
    if (svc !== undefined) out.add(serviceKey(e.obj.metadata.namespace, svc));
  }
  return out;
}

/** The namespace as written (an absent one differs from ""), then the name. */
const serviceKey = (ns: string | undefined, name: string): string => `${ns === undefined ? '\u0000' : ns}/${name}`;

/** The endpoints and endpointslice controllers for one Service, each only where the input has nothing of its own.
 * `sliced`: servicesWithSlices of the input. */
function simulateServiceEndpoints(ctx: SimContext, s: StoredObject<Service>, sliced: Set<string>): void {
  const svc = s.obj;
  if (!hasSelector(svc)) return; // ExternalName, or selector-less: their Endpoints are written by hand
  const ns = svc.metadata.namespace;
  const name = svc.metadata.name;
  const ownEndpoints = !ctx.input.get('Endpoints', ns, name);
  const ownSlices = !sliced.has(serviceKey(ns, name));
  if (!ownEndpoints && !ownSlices) return;
  const pods = selectedPods(ctx, svc).map((p) => p.obj);
  if (ownEndpoints) simulateEndpoints(ctx, s, pods);
  if (ownSlices) simulateEndpointSlices(ctx, s, pods);
  namedPortMisses(ctx, s, pods);
}

const plural = (kind: string, n: number): string => (n === 1 || kind === 'Endpoints' ? kind : `${kind}s`);

/** One SIMULATED line per input object that had objects simulated from it, at its position. */
function summarize(ctx: SimContext): void {
  for (const { root, kinds } of ctx.tallies.values()) {
    const parts = [...kinds].filter(([kind]) => kind !== 'Node').map(([kind, n]) => `${n} ${plural(kind, n)}`);
    const m = root.obj.metadata;
    if (!parts.length) continue;
    const what = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
    ctx.diagnostics.push(diag('SIMULATED', 'info', `simulated ${what} from ${root.obj.kind} ${m.namespace ? `${m.namespace}/` : ''}${m.name}`, root.origin.pos));
  }
}
