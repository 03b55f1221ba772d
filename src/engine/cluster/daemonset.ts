// DaemonSet → one Pod per Node it would run on (pkg/controller/daemon/daemon_controller.go
// podsShouldBeOnNode / NodeShouldRunDaemonPod): the node must pass the pod's nodeSelector and
// required node affinity, and its NoSchedule/NoExecute taints must be tolerated — counting the
// tolerations the controller adds to every daemon pod. Pods are pinned to their node by a
// node affinity on metadata.name (util.ReplaceDaemonSetPodNodeNameNodeAffinity).
import { diag } from '../diagnostics.ts';
import type { KubeObject, PodSpec, StoredObject } from '../ingest/kinds.ts';
import type { SimContext } from './context.ts';
import { templateHash } from './ids.ts';
import { clusterNodes } from './nodes.ts';
import { createPod, workloadPods, type PodTemplate } from './pods.ts';
import { daemonTolerations, unfit, type Toleration } from './scheduling.ts';

export interface DaemonSet extends KubeObject {
  spec?: { template?: PodTemplate; [k: string]: unknown };
}

/** util.AddOrUpdateDaemonPodTolerations: the template's tolerations plus the controller's, without duplicates. */
function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const own = spec.tolerations ?? [];
  const add = daemonTolerations(spec.hostNetwork === true).filter((t) => !own.some((o) => o.key === t.key && o.effect === t.effect));
  return [...own, ...add];
}

/** DaemonSetsController.manage on a new set: a Pod for every node that should run one. */
export function simulateDaemonSet(ctx: SimContext, s: StoredObject<DaemonSet>): void {
  const ds = s.obj;
  if (workloadPods(ctx, ds).length) return;
  const template = ds.spec?.template ?? {};
  const spec = template.spec ?? {};
  const tolerations = withDaemonTolerations(spec);
  const hash = templateHash(template, 'ds');
  const skipped: string[] = [];
  let index = 0;
  for (const node of clusterNodes(ctx, s)) {
    const why = unfit({ ...spec, tolerations }, node);
    if (why !== undefined) {
      skipped.push(`${node.name} (${why})`);
      continue;
    }
    createPod(ctx, {
      root: s,
      controller: 'daemonset-controller',
      owner: ds,
      template,
      labels: { 'controller-revision-hash': hash, 'pod-template-generation': '1' },
      specPatch: (p) => {
        p.affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }],
            },
          },
        };
        p.tolerations = tolerations;
      },
      node,
      index: index++,
      state: 'ready',
    });
  }
  if (skipped.length) {
    const name = `${ds.metadata.namespace}/${ds.metadata.name}`;
    ctx.diagnostics.push(diag('SIMULATED', 'info', `DaemonSet ${name} places no Pod on ${skipped.length} node(s): ${skipped.join('; ')}`, s.origin.pos));
  }
}
