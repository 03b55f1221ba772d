// Who owns what: the controller ownerReference chain Pod → ReplicaSet → Deployment and
// Pod → Job → CronJob (metav1.GetControllerOf), so the simulation never invents Pods or
// ReplicaSets for a workload whose own are already in the input. Objects are indexed by
// their controller so that finding a workload's Pods does not walk every Pod.
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

/** One namespace's objects of one kind by controller (`Kind/name`), and — for Pods — by the workload the name of
 * their controller implies when that controller is not in the input: ReplicaSet `<deployment>-<pod-template-hash>`,
 * Job `<cronjob>-<digits>` (the names their controllers give them). */
export interface OwnerIndex {
  byController: Map<string, StoredObject[]>;
  implied: Map<string, StoredObject[]>;
}

const push = (m: Map<string, StoredObject[]>, k: string, o: StoredObject) => {
  const l = m.get(k);
  if (l) l.push(o);
  else m.set(k, [o]);
};

/** The workload a Pod's controller's name points at (`Deployment/x`, `CronJob/y`), if it follows the convention. */
function impliedWorkload(o: KubeObject, ref: OwnerReference): string | undefined {
  if (ref.kind === 'ReplicaSet') {
    const hash = o.metadata.labels?.['pod-template-hash'];
    if (hash && ref.name.endsWith(`-${hash}`)) return `Deployment/${ref.name.slice(0, -(hash.length + 1))}`;
  }
  if (ref.kind === 'Job') {
    const m = /^(.+)-\d+$/.exec(ref.name);
    if (m) return `CronJob/${m[1]}`;
  }
  return undefined;
}

/** Adds `o` to an index (used to build it and to keep it current as objects are simulated). */
export function indexAdd(idx: OwnerIndex, o: StoredObject): void {
  const ref = controllerOf(o.obj);
  if (!ref) return;
  push(idx.byController, `${ref.kind}/${ref.name}`, o);
  const implied = impliedWorkload(o.obj, ref);
  if (implied) push(idx.implied, implied, o);
}

/** Builds the OwnerIndex of `objs`. */
export function indexByController(objs: StoredObject[]): OwnerIndex {
  const idx: OwnerIndex = { byController: new Map(), implied: new Map() };
  for (const o of objs) indexAdd(idx, o);
  return idx;
}

/** The kind a workload's Pods sit under, one link down (Deployment → ReplicaSet, CronJob → Job). */
const MIDDLE: Record<string, string> = { Deployment: 'ReplicaSet', CronJob: 'Job' };

/** The Pods in `workload`'s controller chain: its own, those of the ReplicaSets/Jobs it controls (`middles`), and
 * those whose ReplicaSet/Job is missing from the store but named as the workload's controller would name it. */
export function podsOf(store: ObjectStore, workload: KubeObject, pods: OwnerIndex, middles: (kind: string) => OwnerIndex): StoredObject<Pod>[] {
  const key = `${workload.kind}/${workload.metadata.name}`;
  const out = [...(pods.byController.get(key) ?? [])];
  const middle = MIDDLE[workload.kind];
  if (middle) {
    for (const mid of middles(middle).byController.get(key) ?? []) out.push(...(pods.byController.get(`${middle}/${mid.obj.metadata.name}`) ?? []));
    for (const p of pods.implied.get(key) ?? []) {
      if (!store.get(middle, workload.metadata.namespace, controllerOf(p.obj)!.name)) out.push(p);
    }
  }
  return out as StoredObject<Pod>[];
}

/** The input object a simulated one traces back to (itself for input objects). */
export function rootOf(store: ObjectStore, o: StoredObject): StoredObject {
  const s = o.origin.simulated;
  return (s && store.get(s.kind, s.namespace, s.name)) || o;
}
