// StatefulSet → Pods `<name>-<ordinal>`, as the statefulset controller makes them
// (pkg/controller/statefulset/stateful_set_utils.go newVersionedStatefulSetPod,
// initIdentity, updateIdentity): hostname = pod name, subdomain = spec.serviceName, and the
// statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index and
// controller-revision-hash labels.
import { podBudget } from './limits.ts';
import { diag } from '../diagnostics.ts';
import type { KubeObject, StoredObject } from '../ingest/kinds.ts';
import type { SimContext } from './context.ts';
import { templateHash } from './ids.ts';
import { createPod, workloadPods, type PodTemplate } from './pods.ts';

export interface StatefulSet extends KubeObject {
  spec?: { replicas?: number; serviceName?: string; ordinals?: { start?: number }; template?: PodTemplate; [k: string]: unknown };
}

/** StatefulSetControl.UpdateStatefulSet on a new set: Pods for ordinals start..start+replicas-1. */
export function simulateStatefulSet(ctx: SimContext, s: StoredObject<StatefulSet>): void {
  const sts = s.obj;
  if (workloadPods(ctx, sts).length) return;
  const replicas = podBudget(ctx, s, sts.spec?.replicas ?? 1, ['spec', 'replicas']);
  const start = sts.spec?.ordinals?.start ?? 0;
  // The ControllerRevision name, `<set>-<hash>`, is the label value (history.ControllerRevisionName).
  const revision = `${sts.metadata.name}-${templateHash(sts.spec?.template ?? {}, 'sts')}`;
  for (let i = 0; i < replicas; i++) {
    const ordinal = start + i;
    const name = `${sts.metadata.name}-${ordinal}`;
    if (ctx.out.get('Pod', sts.metadata.namespace, name)) {
      // Another object's Pod already has this name: the controller's create fails (AlreadyExists) and it does not adopt it.
      ctx.diagnostics.push(diag('SIMULATED', 'warning', `StatefulSet ${sts.metadata.namespace}/${sts.metadata.name}: Pod ${name} exists and is not its own; the controller cannot create it`, s.origin.pos));
      continue;
    }
    createPod(ctx, {
      root: s,
      controller: 'statefulset-controller',
      owner: sts,
      template: sts.spec?.template ?? {},
      name,
      labels: {
        'apps.kubernetes.io/pod-index': String(ordinal),
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': name,
      },
      hostname: name,
      ...(sts.spec?.serviceName ? { subdomain: sts.spec.serviceName } : {}),
      index: i,
      state: 'ready',
    });
  }
}
