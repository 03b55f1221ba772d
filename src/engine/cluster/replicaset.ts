// ReplicaSet → Pods, as the replicaset controller creates them (pkg/controller/replicaset
// manageReplicas → controller.CreatePodsWithGenerateName): `spec.replicas` Pods named
// `<replicaset>-<5 chars>` from the template, each with a controller ownerRef.
import { podBudget } from './limits.ts';
import type { KubeObject, StoredObject } from '../ingest/kinds.ts';
import type { SimContext } from './context.ts';
import { rootOf } from './owners.ts';
import { createPod, workloadPods, type PodTemplate } from './pods.ts';

export interface ReplicaSet extends KubeObject {
  spec?: { replicas?: number; template?: PodTemplate; [k: string]: unknown };
}

/** ReplicaSetController.manageReplicas: create `replicas` (default 1) Pods unless the input holds its Pods. */
export function simulateReplicaSet(ctx: SimContext, rs: StoredObject<ReplicaSet>): void {
  if (workloadPods(ctx, rs.obj).length) return;
  const replicas = podBudget(ctx, rs, rs.obj.spec?.replicas ?? 1, ['spec', 'replicas']);
  const root = rootOf(ctx.out, rs);
  // A ReplicaSet made from a Deployment traces its Pods to the Deployment; the RS controller still makes them.
  for (let i = 0; i < replicas; i++) {
    createPod(ctx, { root, controller: 'replicaset-controller', owner: rs.obj, template: rs.obj.spec?.template ?? {}, index: i, state: 'ready' });
  }
}
