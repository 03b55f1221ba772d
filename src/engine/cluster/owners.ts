// Who owns what: the controller ownerReference chain Pod → ReplicaSet → Deployment and
// Pod → Job → CronJob (metav1.GetControllerOf), so the simulation never invents Pods or
// ReplicaSets for a workload whose own are already in the input.
import type { KubeObject, OwnerReference, Pod, StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';

/** metav1.GetControllerOf: the first ownerReference with controller: true. */
export function controllerOf(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** Is `o` controlled by `owner` (same namespace, kind and name)? */
export function isControlledBy(o: KubeObject, owner: KubeObject): boolean {
  const ref = controllerOf(o);
  return !!ref && ref.kind === owner.kind && ref.name === owner.metadata.name && o.metadata.namespace === owner.metadata.namespace;
}

/** The owner one step up the chain, from the store; or, when that object is not in the input, the workload its
 * name says it belongs to (a ReplicaSet `<deployment>-<pod-template-hash>`, a Job `<cronjob>-<minutes>`). */
function parentOf(store: ObjectStore, o: KubeObject): KubeObject | undefined {
  const ref = controllerOf(o);
  if (!ref) return undefined;
  return store.get(ref.kind, o.metadata.namespace, ref.name)?.obj ?? { apiVersion: ref.apiVersion ?? '', kind: ref.kind, metadata: { name: ref.name, namespace: o.metadata.namespace } };
}

/** Is `workload` somewhere up `o`'s controller chain? Follows at most three links (Pod → Job → CronJob). */
export function inChainOf(store: ObjectStore, o: KubeObject, workload: KubeObject): boolean {
  let cur: KubeObject | undefined = o;
  for (let depth = 0; cur && depth < 3; depth++) {
    if (isControlledBy(cur, workload)) return true;
    const parent = parentOf(store, cur);
    if (!parent) return false;
    // The intermediate object is missing from the input: infer its owner from the naming convention.
    if (!store.get(parent.kind, parent.metadata.namespace, parent.metadata.name) && impliedOwner(cur, parent, workload)) return true;
    cur = parent;
  }
  return false;
}

/** A ReplicaSet named `<deployment>-<pod's pod-template-hash>` belongs to that Deployment; a Job named
 * `<cronjob>-<digits>` to that CronJob (the names their controllers give them). */
function impliedOwner(child: KubeObject, parent: KubeObject, workload: KubeObject): boolean {
  const w = workload.metadata.name;
  if (workload.kind === 'Deployment' && parent.kind === 'ReplicaSet') {
    const hash = child.metadata.labels?.['pod-template-hash'];
    return !!hash && parent.metadata.name === `${w}-${hash}`;
  }
  if (workload.kind === 'CronJob' && parent.kind === 'Job') return new RegExp(`^${escape(w)}-\\d+$`).test(parent.metadata.name);
  return false;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The Pods (input or simulated) in the chain of `workload`, from `pods` (default: the namespace's Pods). */
export function podsOf(store: ObjectStore, workload: KubeObject, pods?: StoredObject<Pod>[]): StoredObject<Pod>[] {
  return (pods ?? store.list<Pod>('Pod', workload.metadata.namespace)).filter((p) => inChainOf(store, p.obj, workload));
}

/** The objects among `candidates` that `owner` controls directly. */
export function ownedBy<T extends KubeObject>(candidates: StoredObject<T>[], owner: KubeObject): StoredObject<T>[] {
  return candidates.filter((o) => isControlledBy(o.obj, owner));
}

/** The input object a simulated one traces back to (itself for input objects). */
export function rootOf(store: ObjectStore, o: StoredObject): StoredObject {
  const s = o.origin.simulated;
  return (s && store.get(s.kind, s.namespace, s.name)) || o;
}
