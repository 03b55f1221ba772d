// The what-if knob: put a Pod (or every Pod of a workload) into another lifecycle state
// before the endpoint controllers run, so a teacher can show how readiness moves targets
// between addresses and notReadyAddresses, or out of discovery altogether. Input Pods are
// changed on a copy and only as much as the state needs (their container IDs stay);
// simulated Pods are regenerated whole.
import { diag } from '../diagnostics.ts';
import type { Endpoints, EndpointSlice, Pod, PodCondition, Service, StoredObject } from '../ingest/kinds.ts';
import { clone, putReplacing, replaceWithCopy, type SimContext } from './context.ts';
import { SIM_TIME } from './ids.ts';
import { placementOf, setPodState, type PodPlacement, type PodState } from './podstate.ts';
import { schedule, workloadPods } from './pods.ts';
import { hasSelector } from './services.ts';

export interface WhatIf {
  kind: string;
  namespace: string;
  name: string;
  state: PodState;
}

/** The Pods a what-if names: the Pod itself, or the Pods in a workload's ownership chain. */
function targets(ctx: SimContext, w: WhatIf): { target: StoredObject; pods: StoredObject<Pod>[] } | undefined {
  const target = ctx.out.get(w.kind, w.namespace, w.name);
  if (!target) return undefined;
  return { target, pods: w.kind === 'Pod' ? [target as StoredObject<Pod>] : workloadPods(ctx, target.obj) };
}

/** Edits an input Pod's status just enough for `state` (phase, Ready/ContainersReady, container readiness, IPs). */
function patchPod(pod: Pod, state: PodState, place: PodPlacement | undefined): void {
  if (state === 'pending' || !place) {
    setPodState(pod, 'pending', undefined);
    return;
  }
  const spec = (pod.spec ??= {});
  const status = (pod.status ??= {});
  spec.nodeName = place.nodeName;
  status.podIP ??= place.podIP;
  status.podIPs ??= [{ ip: place.podIP }];
  if (place.hostIP) status.hostIP ??= place.hostIP;
  status.phase = state === 'failed' ? 'Failed' : state === 'succeeded' ? 'Succeeded' : 'Running';
  const ready = state === 'ready';
  const reason = state === 'failed' ? 'PodFailed' : state === 'succeeded' ? 'PodCompleted' : 'ContainersNotReady';
  const conds = (status.conditions ?? []).filter((c) => c.type !== 'Ready' && c.type !== 'ContainersReady');
  for (const type of ['Ready', 'ContainersReady']) {
    conds.push({ type, status: ready ? 'True' : 'False', lastTransitionTime: SIM_TIME, ...(ready ? {} : { reason }) } as PodCondition);
  }
  status.conditions = conds;
  for (const cs of status.containerStatuses ?? []) cs.ready = ready;
}

/** Applies each what-if in order (a later one wins for the same Pod). */
export function applyWhatIfs(ctx: SimContext, whatIfs: WhatIf[]): void {
  whatIfs.forEach((w, wi) => {
    const label = `${w.kind} ${w.namespace}/${w.name}`;
    const found = targets(ctx, w);
    if (!found) {
      ctx.diagnostics.push(diag('SIMULATED', 'warning', `what-if: ${label} is not in the input or the simulation; nothing changed`));
      return;
    }
    const { target, pods } = found;
    if (!pods.length) ctx.diagnostics.push(diag('SIMULATED', 'info', `what-if: ${label} has no Pods to set ${w.state}`, target.origin.pos));
    pods.forEach((p, i) => {
      const copy = clone(p.obj);
      const place = w.state !== 'pending' ? placementOf(copy) ?? schedule(ctx, p, copy.spec ?? {}, wi + i).place : undefined;
      if (p.origin.simulated) {
        setPodState(copy, place ? w.state : 'pending', place);
        const stored = { ...p, obj: copy };
        putReplacing(ctx, stored);
        const at = ctx.added.indexOf(p);
        if (at >= 0) ctx.added[at] = stored;
      } else {
        patchPod(copy, w.state, place);
        replaceWithCopy(ctx, p, copy);
      }
      ctx.diagnostics.push(diag('SIMULATED', 'info', `what-if: Pod ${w.namespace}/${p.obj.metadata.name} set ${w.state}${w.kind === 'Pod' ? '' : ` (from ${label})`}`, p.origin.pos));
      noteInputEndpoints(ctx, copy);
    });
  });
}

/** What-ifs do not rewrite Endpoints or EndpointSlices that came with the input: say so for each Service that has them. */
function noteInputEndpoints(ctx: SimContext, pod: Pod): void {
  const ns = pod.metadata.namespace;
  for (const s of ctx.input.list<Service>('Service', ns)) {
    const sel = s.obj.spec?.selector ?? {};
    if (!hasSelector(s.obj) || !Object.entries(sel).every(([k, v]) => pod.metadata.labels?.[k] === v)) continue;
    const name = s.obj.metadata.name;
    const ep = ctx.input.get<Endpoints>('Endpoints', ns, name);
    const slices = ctx.input.list<EndpointSlice>('EndpointSlice', ns).filter((e) => e.obj.metadata.labels?.['kubernetes.io/service-name'] === name);
    const held = [ep ? 'Endpoints' : '', slices.length ? 'EndpointSlices' : ''].filter(Boolean).join(' and ');
    if (held) ctx.diagnostics.push(diag('SIMULATED', 'info', `what-if on Pod ${ns}/${pod.metadata.name} does not change the ${held} of Service ${ns}/${name}: they come from the input and are used as they are`, (ep ?? slices[0])?.origin.pos));
  }
}
