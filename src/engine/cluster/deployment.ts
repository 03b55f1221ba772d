// Deployment → its ReplicaSet, as the deployment controller creates it on the first sync
// (pkg/controller/deployment/sync.go getNewReplicaSet): named `<deployment>-<pod-template-hash>`,
// the hash label added to the selector, template and labels, the revision annotations,
// and a controller ownerRef. Pods then come from the ReplicaSet (replicaset.ts).
import { diag } from '../diagnostics.ts';
import type { KubeObject, Pod, StoredObject } from '../ingest/kinds.ts';
import { addSimulated, baseMeta, clone, ownedBy, type SimContext } from './context.ts';
import { templateHash } from './ids.ts';
import { controllerOf } from './owners.ts';
import { controllerRef, workloadPods, type PodTemplate } from './pods.ts';

export interface Deployment extends KubeObject {
  spec?: {
    replicas?: number;
    paused?: boolean;
    selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string } };
    template?: PodTemplate;
    [k: string]: unknown;
  };
}

/** deploymentutil.MaxSurge: an absolute number, or a percentage of replicas rounded up (default 25%). */
function maxSurge(d: Deployment, replicas: number): number {
  if (d.spec?.strategy?.type === 'Recreate') return 0;
  const v = d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%';
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  return m ? Math.ceil((Number(m[1]) * replicas) / 100) : Number(v) || 0;
}

/** getNewReplicaSet: the ReplicaSet a Deployment's first rollout creates. `named` reuses the name (and uid) its
 * input Pods already point at, so they chain up to the Deployment. */
function newReplicaSet(d: Deployment, named?: { name: string; uid?: string; hash?: string }): KubeObject {
  const ns = d.metadata.namespace;
  const template = clone(d.spec?.template ?? {});
  const hash = named?.hash ?? templateHash(template);
  const name = named?.name ?? `${d.metadata.name}-${hash}`;
  const replicas = d.spec?.replicas ?? 1;
  const labels = { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash };
  const selector = clone(d.spec?.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), 'pod-template-hash': hash };
  const meta = baseMeta('ReplicaSet', ns, name);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      ...meta,
      ...(named?.uid ? { uid: named.uid } : {}),
      labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + maxSurge(d, replicas)),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [controllerRef(d)],
    },
    spec: { replicas, selector, template: { ...template, metadata: { ...(template.metadata ?? {}), labels } } },
    status: { replicas, observedGeneration: 1 },
  };
}

/** DeploymentController.syncDeployment, first sync only: one new ReplicaSet unless the input has one. */
export function simulateDeployment(ctx: SimContext, d: StoredObject<Deployment>): void {
  const dep = d.obj;
  if (ownedBy(ctx, 'ReplicaSet', dep).length) return; // the input's ReplicaSets are the ones the RS controller reads
  const pods = workloadPods(ctx, dep);
  if (pods.length) {
    // Pods but no ReplicaSet in the input: make the ReplicaSet they name, so pod → deployment resolves.
    const ref = controllerOf(pods[0]!.obj as Pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const hash = pods[0]!.obj.metadata.labels?.['pod-template-hash'];
    addSimulated(ctx, newReplicaSet(dep, { name: ref.name, ...(ref.uid ? { uid: ref.uid } : {}), ...(hash ? { hash } : {}) }), 'deployment-controller', d);
    return;
  }
  if (dep.spec?.paused) {
    // sync() on a paused Deployment never creates the new ReplicaSet (getAllReplicaSetsAndSyncRevision(createIfNotExisted=false)).
    ctx.diagnostics.push(diag('SIMULATED', 'info', `Deployment ${dep.metadata.namespace}/${dep.metadata.name} is paused: the controller creates no ReplicaSet, so no Pods`, d.origin.pos));
    return;
  }
  addSimulated(ctx, newReplicaSet(dep), 'deployment-controller', d);
}
