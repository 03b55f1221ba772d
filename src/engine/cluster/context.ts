// State shared by the simulated controllers during one run: the output store, what was
// added or changed, diagnostics, the nodes and the pod IPs already in use.
import type { Diagnostic } from '../diagnostics.ts';
import type { KubeObject, Pod, StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';
import { identity, SIM_TIME, uidFor } from './ids.ts';
import { sortedMap } from './meta.ts';
import { indexAdd, indexByController, type OwnerIndex } from './owners.ts';
import type { NodeInfo } from './scheduling.ts';

export type ControllerName =
  | 'deployment-controller'
  | 'replicaset-controller'
  | 'statefulset-controller'
  | 'daemonset-controller'
  | 'job-controller'
  | 'cronjob-controller'
  | 'endpoints-controller'
  | 'endpointslice-controller'
  | 'kubelet';

export interface SimContext {
  /** The input, never written to. */
  input: ObjectStore;
  /** A clone of the input plus everything simulated. */
  out: ObjectStore;
  added: StoredObject[];
  /** Copies of input objects the simulation had to alter (allocated clusterIP, what-if state). */
  changed: StoredObject[];
  diagnostics: Diagnostic[];
  nodes: NodeInfo[] | undefined;
  usedIPs: Set<string>;
  /** What was simulated from each input object, for the SIMULATED summary lines. */
  tallies: Map<string, Tally>;
  /** Objects of the output store by kind and namespace (store.list copies every object of a kind per call). */
  byNs: Map<string, Map<string, StoredObject[]>>;
  /** Objects by controller, per kind and namespace (kept current as objects are simulated). */
  ownerIdx: Map<string, OwnerIndex>;
  /** Pods by `label=value`, per namespace, for Service selectors (dropped whenever Pods change). */
  labelIdx: Map<string, Map<string, StoredObject<Pod>[]>>;
}

export interface Tally {
  root: StoredObject;
  /** Counts by kind, in the order first seen. */
  kinds: Map<string, number>;
}

/** A fresh run over `input`: the output store starts as its clone; pod IPs already in use are reserved. */
export function newContext(input: ObjectStore): SimContext {
  const usedIPs = new Set<string>();
  for (const p of input.list<Pod>('Pod')) {
    if (p.obj.status?.podIP) usedIPs.add(p.obj.status.podIP);
    for (const ip of p.obj.status?.podIPs ?? []) usedIPs.add(ip.ip);
  }
  return { input, out: input.clone(), added: [], changed: [], diagnostics: [], nodes: undefined, usedIPs, tallies: new Map(), byNs: new Map(), ownerIdx: new Map(), labelIdx: new Map() };
}

/** Puts a simulated object in the output store, marked with the controller and the input object it came from. */
export function addSimulated<T extends KubeObject>(ctx: SimContext, obj: T, controller: ControllerName, root: StoredObject): StoredObject<T> {
  const r = root.obj.metadata;
  // The API server serves maps with sorted keys.
  if (obj.metadata.labels) obj.metadata.labels = sortedMap(obj.metadata.labels);
  if (obj.metadata.annotations) obj.metadata.annotations = sortedMap(obj.metadata.annotations);
  const stored: StoredObject<T> = {
    obj,
    origin: {
      file: '(simulated)',
      doc: 0,
      pos: root.origin.pos,
      simulated: { controller, kind: root.obj.kind, ...(r.namespace !== undefined ? { namespace: r.namespace } : {}), name: r.name },
    },
  };
  ctx.out.put(stored);
  ctx.added.push(stored);
  if (obj.kind === 'Pod') ctx.labelIdx.delete(obj.metadata.namespace ?? '');
  const idx = ctx.ownerIdx.get(`${obj.kind}\0${obj.metadata.namespace ?? ''}`);
  if (idx) indexAdd(idx, stored);
  const cached = ctx.byNs.get(obj.kind);
  if (cached) {
    const ns = obj.metadata.namespace ?? '';
    const l = cached.get(ns);
    if (l) l.push(stored);
    else cached.set(ns, [stored]);
  }
  const key = identity(root.obj.kind, r.namespace, r.name);
  let t = ctx.tallies.get(key);
  if (!t) ctx.tallies.set(key, (t = { root, kinds: new Map() }));
  t.kinds.set(obj.kind, (t.kinds.get(obj.kind) ?? 0) + 1);
  return stored;
}

/** Replaces an input object by an altered copy in the output store (the input store keeps the original). */
export function replaceWithCopy<T extends KubeObject>(ctx: SimContext, o: StoredObject<T>, obj: T): StoredObject<T> {
  const stored: StoredObject<T> = { ...o, obj };
  ctx.out.put(stored);
  forget(ctx, obj.kind);
  const i = ctx.changed.findIndex((c) => c.obj.kind === obj.kind && c.obj.metadata.namespace === obj.metadata.namespace && c.obj.metadata.name === obj.metadata.name);
  if (i >= 0) ctx.changed[i] = stored;
  else ctx.changed.push(stored);
  return stored;
}

/** The output store's objects of `kind` in namespace `ns`, in store order (cached; kept current by this module). */
export function listNs<T extends KubeObject>(ctx: SimContext, kind: string, ns: string | undefined): StoredObject<T>[] {
  let m = ctx.byNs.get(kind);
  if (!m) {
    ctx.byNs.set(kind, (m = new Map()));
    for (const o of ctx.out.list(kind)) {
      const k = o.obj.metadata.namespace ?? '';
      const l = m.get(k);
      if (l) l.push(o);
      else m.set(k, [o]);
    }
  }
  let l = m.get(ns ?? '');
  if (!l) m.set(ns ?? '', (l = []));
  return l as StoredObject<T>[];
}

/** The namespace's objects of `kind` by controller (cached). */
export function ownerIndex(ctx: SimContext, kind: string, ns: string | undefined): OwnerIndex {
  const key = `${kind}\0${ns ?? ''}`;
  let idx = ctx.ownerIdx.get(key);
  if (!idx) ctx.ownerIdx.set(key, (idx = indexByController(listNs(ctx, kind, ns))));
  return idx;
}

/** The objects of `kind` that `owner` controls. */
export function ownedBy<T extends KubeObject>(ctx: SimContext, kind: string, owner: KubeObject): StoredObject<T>[] {
  return (ownerIndex(ctx, kind, owner.metadata.namespace).byController.get(`${owner.kind}/${owner.metadata.name}`) ?? []) as StoredObject<T>[];
}

/** Puts `stored` in the output store in place of what it replaces (what-if on a simulated object). */
export function putReplacing(ctx: SimContext, stored: StoredObject): void {
  ctx.out.put(stored);
  forget(ctx, stored.obj.kind);
}

/** Drops the cached views of `kind` after an object of it was replaced (store.put moved it to the end). */
function forget(ctx: SimContext, kind: string): void {
  ctx.byNs.delete(kind);
  for (const k of [...ctx.ownerIdx.keys()]) if (k.startsWith(`${kind}\0`)) ctx.ownerIdx.delete(k);
  if (kind === 'Pod') ctx.labelIdx.clear();
}

/** A deep copy of plain JSON data (objects here come from YAML/JSON, so this is exact). */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** The metadata.uid an object has, or the one the API server would have given it. */
export function uidOf(o: KubeObject): string {
  return o.metadata.uid || uidFor(identity(o.kind, o.metadata.namespace, o.metadata.name));
}

/** Metadata every simulated object carries, as the API server fills it on create (in the order it prints it). */
export function baseMeta(kind: string, namespace: string | undefined, name: string, generateName?: string): { name: string; namespace?: string; uid: string; creationTimestamp: string } {
  return {
    name,
    ...(generateName !== undefined ? { generateName } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    uid: uidFor(identity(kind, namespace, name)),
    creationTimestamp: SIM_TIME,
  };
}
