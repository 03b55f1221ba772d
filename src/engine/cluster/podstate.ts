// A Pod's status as the kubelet reports it for each lifecycle state the simulation (and
// the what-if knob) can put it in: conditions, phase, IPs and container statuses
// (pkg/kubelet/status generateAPIPodStatus / kubelet_pods.go convertToAPIContainerStatuses).
import type { Container, Pod, PodCondition } from '../ingest/kinds.ts';
import { containerIdFor, SIM_TIME } from './ids.ts';

export type PodState = 'ready' | 'not-ready' | 'pending' | 'failed' | 'succeeded';

/** Where a running pod is: its node and IPs (absent for a pending pod). */
export interface PodPlacement {
  nodeName: string;
  hostIP: string | undefined;
  podIP: string;
}

type Cond = PodCondition & { reason?: string; message?: string; lastProbeTime: null; lastTransitionTime: string };

function cond(type: string, ok: boolean, reason?: string, message?: string): Cond {
  return { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: SIM_TIME, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

/** The pod conditions in the order the kubelet writes them (1.29+: PodReadyToStartContainers first). */
function conditions(state: PodState, unschedulable?: string): Cond[] {
  switch (state) {
    case 'pending':
      return [cond('PodScheduled', false, 'Unschedulable', unschedulable ?? 'simulated: pod set to Pending')];
    case 'ready':
      return [cond('PodReadyToStartContainers', true), cond('Initialized', true), cond('Ready', true), cond('ContainersReady', true), cond('PodScheduled', true)];
    case 'not-ready':
      return [
        cond('PodReadyToStartContainers', true),
        cond('Initialized', true),
        cond('Ready', false, 'ContainersNotReady', 'simulated: containers not ready'),
        cond('ContainersReady', false, 'ContainersNotReady', 'simulated: containers not ready'),
        cond('PodScheduled', true),
      ];
    case 'failed':
    case 'succeeded': {
      const reason = state === 'failed' ? 'PodFailed' : 'PodCompleted';
      return [cond('PodReadyToStartContainers', false), cond('Initialized', true, reason), cond('Ready', false, reason), cond('ContainersReady', false, reason), cond('PodScheduled', true)];
    }
  }
}

function containerStatus(pod: Pod, c: Container, state: PodState, init: boolean): Record<string, unknown> {
  // A plain init container has run to completion once the pod starts; a sidecar (restartPolicy Always) keeps running.
  const sidecar = init && c.restartPolicy === 'Always';
  const finished = state === 'failed' || state === 'succeeded' || (init && !sidecar);
  const exitCode = state === 'failed' && !init ? 1 : 0;
  const containerID = containerIdFor(`${pod.metadata.namespace}/${pod.metadata.name}/${c.name}`);
  const terminated = { exitCode, reason: exitCode ? 'Error' : 'Completed', startedAt: SIM_TIME, finishedAt: SIM_TIME, containerID };
  return {
    name: c.name,
    state: finished ? { terminated } : { running: { startedAt: SIM_TIME } },
    lastState: {},
    ready: !finished && state === 'ready',
    restartCount: 0,
    image: c.image ?? '',
    imageID: '',
    containerID,
    started: !finished,
  };
}

/** Sets spec.nodeName and the whole status of `pod` for `state` (in place: call it on a copy). */
export function setPodState(pod: Pod, state: PodState, place: PodPlacement | undefined, unschedulable?: string): void {
  const spec = (pod.spec ??= {});
  if (state === 'pending' || !place) {
    delete spec.nodeName;
    pod.status = { phase: 'Pending', conditions: conditions('pending', unschedulable) };
    return;
  }
  spec.nodeName = place.nodeName;
  const phase = state === 'failed' ? 'Failed' : state === 'succeeded' ? 'Succeeded' : 'Running';
  const status: NonNullable<Pod['status']> = { phase, conditions: conditions(state) };
  if (place.hostIP) {
    status.hostIP = place.hostIP;
    status.hostIPs = [{ ip: place.hostIP }];
  }
  status.podIP = place.podIP;
  status.podIPs = [{ ip: place.podIP }];
  status.startTime = SIM_TIME;
  const inits = spec.initContainers ?? [];
  if (inits.length) status.initContainerStatuses = inits.map((c) => containerStatus(pod, c, state, true)) as never;
  status.containerStatuses = (spec.containers ?? []).map((c) => containerStatus(pod, c, state, false)) as never;
  pod.status = status;
}

/** Where `pod` currently runs, if it has a node and an IP. */
export function placementOf(pod: Pod): PodPlacement | undefined {
  const ip = pod.status?.podIP ?? pod.status?.podIPs?.[0]?.ip;
  if (!ip || !pod.spec?.nodeName) return undefined;
  return { nodeName: pod.spec.nodeName, hostIP: pod.status?.hostIP, podIP: ip };
}
