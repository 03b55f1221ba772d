// The object store: every Kubernetes object known to the engine (from the input, implied
// by the API server, or simulated), indexed by kind and namespace/name. Discovery and the
// operator layer read only through it.
import type { KubeObject, StoredObject } from './kinds.ts';

export class ObjectStore {
  private readonly byKind = new Map<string, Map<string, StoredObject>>();
  /** Per kind, its objects by namespace in insertion order: made on the first list() of one namespace, dropped when an
   * object of the kind is put or deleted (namespace-scoped jobs list one namespace of a 10k-pod cluster each). */
  private readonly byNamespace = new Map<string, Map<string | undefined, StoredObject[]>>();

  static key(namespace: string | undefined, name: string): string {
    return namespace ? `${namespace}/${name}` : name;
  }

  /** Adds or replaces (same kind, namespace and name: the later one wins, as with kubectl apply). Returns
   * the object it replaced, if any. */
  put(o: StoredObject): StoredObject | undefined {
    const kind = o.obj.kind;
    let m = this.byKind.get(kind);
    if (!m) this.byKind.set(kind, (m = new Map()));
    const k = ObjectStore.key(o.obj.metadata.namespace, o.obj.metadata.name);
    const prev = m.get(k);
    if (prev) m.delete(k); // keep insertion order = last write
    m.set(k, o);
    this.byNamespace.delete(kind);
    return prev;
  }

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): StoredObject<T> | undefined {
    return this.byKind.get(kind)?.get(ObjectStore.key(namespace, name)) as StoredObject<T> | undefined;
  }

  /** All objects of a kind in insertion order, optionally only those in `namespace`. */
  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): StoredObject<T>[] {
    const m = this.byKind.get(kind);
    if (!m) return [];
    if (namespace === undefined) return [...m.values()] as StoredObject<T>[];
    let idx = this.byNamespace.get(kind);
    if (idx === undefined) {
      idx = new Map();
      for (const o of m.values()) {
        const ns = o.obj.metadata.namespace;
        const list = idx.get(ns);
        if (list === undefined) idx.set(ns, [o]);
        else list.push(o);
      }
      this.byNamespace.set(kind, idx);
    }
    // A copy: callers may keep or change the list they get.
    return (idx.get(namespace)?.slice() ?? []) as StoredObject<T>[];
  }

  has(kind: string): boolean {
    return (this.byKind.get(kind)?.size ?? 0) > 0;
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  /** Every object, kinds in insertion order. */
  all(): StoredObject[] {
    const out: StoredObject[] = [];
    for (const m of this.byKind.values()) out.push(...m.values());
    return out;
  }

  size(): number {
    let n = 0;
    for (const m of this.byKind.values()) n += m.size;
    return n;
  }

  /** A shallow copy (objects shared) that can be extended without touching this one. */
  clone(): ObjectStore {
    const s = new ObjectStore();
    for (const [k, m] of this.byKind) s.byKind.set(k, new Map(m));
    return s;
  }

  delete(kind: string, namespace: string | undefined, name: string): boolean {
    this.byNamespace.delete(kind);
    return this.byKind.get(kind)?.delete(ObjectStore.key(namespace, name)) ?? false;
  }
}
