// Object store of the recorder's fake Kubernetes API server.
//
// Loads a fixture's objects.yaml (multi-document YAML and/or `kind: List`) and presents every object the
// way a real API server would serve it back after `kubectl apply` (test/conformance/fixtures/README.md,
// "What the API server adds"):
//   - metadata.namespace "default" for namespaced objects without one; none on cluster-scoped objects;
//   - label and annotation values are strings;
//   - `protocol: TCP` on container, init-container, Service, Endpoints and EndpointSlice ports without one;
//   - Service spec.type ClusterIP when unset (and no externalName); targetPort = port when unset;
//   - a Namespace (label kubernetes.io/metadata.name) for every namespace referenced but not declared;
//   - uid, resourceVersion and creationTimestamp (deterministic; none of them reaches a target label
//     except the Pod uid, which every fixture sets explicitly).
// Lists are ordered the way etcd returns them: by namespace, then name.
//
// This is deliberately independent of src/engine/ingest: it is the input of the oracle the engine is
// checked against, so a mistake in the engine's own defaulting must not leak into the recordings.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import YAML from 'yaml';

export type KObj = Record<string, any>;

export interface ResourceInfo {
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  listKind: string;
}

/** Resources served (plural name → description). */
export const RESOURCES: Record<string, ResourceInfo> = {
  namespaces: { kind: 'Namespace', group: '', version: 'v1', namespaced: false, listKind: 'NamespaceList' },
  nodes: { kind: 'Node', group: '', version: 'v1', namespaced: false, listKind: 'NodeList' },
  pods: { kind: 'Pod', group: '', version: 'v1', namespaced: true, listKind: 'PodList' },
  services: { kind: 'Service', group: '', version: 'v1', namespaced: true, listKind: 'ServiceList' },
  endpoints: { kind: 'Endpoints', group: '', version: 'v1', namespaced: true, listKind: 'EndpointsList' },
  endpointslices: { kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true, listKind: 'EndpointSliceList' },
  ingresses: { kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', namespaced: true, listKind: 'IngressList' },
};

export function groupVersion(resource: string): string {
  const r = RESOURCES[resource];
  if (!r) throw new Error(`unknown resource ${resource}`);
  return r.group ? `${r.group}/${r.version}` : r.version;
}

const RESOURCE_OF_KIND: Record<string, string> = Object.fromEntries(Object.entries(RESOURCES).map(([res, r]) => [r.kind, res]));

export const CREATION_TIMESTAMP = '2024-01-01T00:00:00Z';
const FIRST_RESOURCE_VERSION = 1000;

export interface Store {
  /** resource → objects in list order */
  objects: Record<string, KObj[]>;
  /** the store's current resourceVersion (that of the last object added) */
  resourceVersion: string;
  /** things the loader had to change or ignore, for the recording's log */
  warnings: string[];
}

function uidFor(kind: string, namespace: string, name: string): string {
  const h = createHash('sha256').update(`ksd-recorder/${kind}/${namespace}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const isMap = (x: unknown): x is KObj => !!x && typeof x === 'object' && !Array.isArray(x);

/** Parses YAML text into a flat list of objects (`kind: *List` documents are expanded). */
export function parseObjects(text: string, source = 'objects.yaml'): { docs: { obj: KObj; where: string }[]; warnings: string[] } {
  const warnings: string[] = [];
  const docs: { obj: KObj; where: string }[] = [];
  const all = YAML.parseAllDocuments(text);
  const list = Array.isArray(all) ? all : [all];
  list.forEach((doc, i) => {
    if (doc.errors.length) throw new Error(`${source}: YAML error in document ${i + 1}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const visit = (v: unknown, where: string): void => {
      if (v == null) return;
      if (!isMap(v)) { warnings.push(`${where}: not a mapping; ignored`); return; }
      if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
        v.items.forEach((it: unknown, j: number) => visit(it, `${where}.items[${j}]`));
        return;
      }
      docs.push({ obj: v, where });
    };
    visit(doc.toJS({ maxAliasCount: -1 }), `${source}#${i + 1}`);
  });
  return { docs, warnings };
}

function stringValues(m: unknown, where: string, warnings: string[]): Record<string, string> | undefined {
  if (m == null) return undefined;
  if (!isMap(m)) { warnings.push(`${where}: not a map; dropped`); return undefined; }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'string') out[k] = v;
    else {
      out[k] = v == null ? '' : String(v);
      warnings.push(`${where}.${k}: ${JSON.stringify(v)} served as the string ${JSON.stringify(out[k])}`);
    }
  }
  return out;
}

function defaultPorts(ports: unknown): void {
  if (!Array.isArray(ports)) return;
  for (const p of ports) if (isMap(p) && !p.protocol) p.protocol = 'TCP';
}

/** The defaults a real API server applies on create that change what service discovery sees. */
export function applyApiDefaults(resource: string, o: KObj): void {
  if (resource === 'pods' && isMap(o.spec)) {
    for (const key of ['containers', 'initContainers']) {
      const cs = o.spec[key];
      if (Array.isArray(cs)) for (const c of cs) if (isMap(c)) defaultPorts(c.ports);
    }
  } else if (resource === 'services' && isMap(o.spec)) {
    const spec = o.spec;
    if (!spec.type && !spec.externalName) spec.type = 'ClusterIP';
    defaultPorts(spec.ports);
    if (spec.type !== 'ExternalName' && Array.isArray(spec.ports)) {
      for (const p of spec.ports) if (isMap(p) && p.targetPort === undefined && p.port !== undefined) p.targetPort = p.port;
    }
  } else if (resource === 'endpoints' && Array.isArray(o.subsets)) {
    for (const s of o.subsets) if (isMap(s)) defaultPorts(s.ports);
  } else if (resource === 'endpointslices') {
    defaultPorts(o.ports);
  }
}

export function buildStore(docs: { obj: KObj; where: string }[], warnings: string[] = []): Store {
  const byKey = new Map<string, { resource: string; obj: KObj }>();
  for (const { obj, where } of docs) {
    const resource = RESOURCE_OF_KIND[obj.kind];
    if (!resource) { warnings.push(`${where}: kind ${JSON.stringify(obj.kind)} is not served; ignored`); continue; }
    const info = RESOURCES[resource]!;
    const o: KObj = structuredClone(obj);
    const gv = groupVersion(resource);
    if (o.apiVersion !== gv) {
      warnings.push(`${where}: ${info.kind} apiVersion ${JSON.stringify(o.apiVersion)} served as ${gv}`);
      o.apiVersion = gv;
    }
    const md: KObj = isMap(o.metadata) ? o.metadata : (o.metadata = {});
    if (typeof md.name !== 'string' || !md.name) throw new Error(`${where}: ${info.kind} without metadata.name`);
    if (info.namespaced) {
      if (!md.namespace) md.namespace = 'default';
    } else if (md.namespace !== undefined) {
      warnings.push(`${where}: cluster-scoped ${info.kind} ${md.name} has metadata.namespace; removed`);
      delete md.namespace;
    }
    for (const f of ['labels', 'annotations']) {
      if (md[f] === undefined) continue;
      const v = stringValues(md[f], `${where}.metadata.${f}`, warnings);
      if (v === undefined) delete md[f];
      else md[f] = v;
    }
    if (!md.uid) md.uid = uidFor(info.kind, md.namespace ?? '', md.name);
    if (!md.creationTimestamp) md.creationTimestamp = CREATION_TIMESTAMP;
    applyApiDefaults(resource, o);
    const key = `${resource}/${md.namespace ?? ''}/${md.name}`;
    if (byKey.has(key)) warnings.push(`${where}: ${key} declared again; the later one wins`);
    byKey.delete(key);
    byKey.set(key, { resource, obj: o });
  }

  const objects: Record<string, KObj[]> = Object.fromEntries(Object.keys(RESOURCES).map((r) => [r, []]));
  for (const { resource, obj } of byKey.values()) objects[resource]!.push(obj);

  // Namespaces every namespaced object lives in exist in a real cluster.
  const declared = new Set(objects.namespaces!.map((n) => n.metadata.name));
  const implicit = new Set<string>();
  for (const [res, info] of Object.entries(RESOURCES)) {
    if (!info.namespaced) continue;
    for (const o of objects[res]!) if (!declared.has(o.metadata.namespace)) implicit.add(o.metadata.namespace);
  }
  for (const ns of [...implicit].sort()) {
    objects.namespaces!.push({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: ns, uid: uidFor('Namespace', '', ns), creationTimestamp: CREATION_TIMESTAMP, labels: { 'kubernetes.io/metadata.name': ns } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  // etcd order: /registry/<resource>/<namespace>/<name>; resourceVersions follow creation order.
  let rv = FIRST_RESOURCE_VERSION;
  for (const res of Object.keys(RESOURCES)) {
    const list = objects[res]!;
    list.sort((a, b) => cmpStr(`${a.metadata.namespace ?? ''}/${a.metadata.name}`, `${b.metadata.namespace ?? ''}/${b.metadata.name}`));
    for (const o of list) o.metadata.resourceVersion = String(++rv);
  }
  return { objects, resourceVersion: String(rv), warnings };
}

export function loadStore(file: string): Store {
  const { docs, warnings } = parseObjects(readFileSync(file, 'utf8'), file);
  return buildStore(docs, warnings);
}

export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ------------------------------------------------------------------ selectors
// k8s.io/apimachinery/pkg/labels (Parse) and pkg/fields (ParseSelector) semantics.

export class SelectorError extends Error {}

type LabelReq = (labels: Record<string, string>) => boolean;

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function checkKey(k: string): string {
  if (!LABEL_KEY.test(k) || k.length > 317) throw new SelectorError(`invalid label key ${JSON.stringify(k)}`);
  return k;
}
function checkValue(v: string): string {
  if (!LABEL_VALUE.test(v) || v.length > 63) throw new SelectorError(`invalid label value ${JSON.stringify(v)}`);
  return v;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim());
}

/** A predicate over an object's labels; throws SelectorError on a selector a real API server refuses. */
export function parseLabelSelector(sel: string): LabelReq {
  if (!sel.trim()) return () => true;
  const reqs: LabelReq[] = splitTopLevel(sel).map((term) => {
    if (term === '') throw new SelectorError(`empty requirement in label selector ${JSON.stringify(sel)}`);
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/))) {
      const key = checkKey(m[1]!);
      if (m[3]!.trim() === '') throw new SelectorError(`for 'in', 'notin' operators, values set can't be empty (${JSON.stringify(term)})`);
      const values = m[3]!.split(',').map((v) => checkValue(v.trim()));
      return m[2] === 'in' ? (l) => key in l && values.includes(l[key]!) : (l) => !(key in l) || !values.includes(l[key]!);
    }
    if ((m = term.match(/^([^\s!=<>]+)\s*(==|=|!=)\s*([^\s]*)$/))) {
      const key = checkKey(m[1]!);
      const value = checkValue(m[3]!);
      return m[2] === '!=' ? (l) => !(key in l) || l[key] !== value : (l) => key in l && l[key] === value;
    }
    if ((m = term.match(/^([^\s!=<>]+)\s*([<>])\s*(\S+)$/))) {
      const key = checkKey(m[1]!);
      if (!/^-?\d+$/.test(m[3]!)) throw new SelectorError(`invalid integer ${JSON.stringify(m[3])} in label selector`);
      const n = Number(m[3]);
      const gt = m[2] === '>';
      return (l) => key in l && /^-?\d+$/.test(l[key]!) && (gt ? Number(l[key]) > n : Number(l[key]) < n);
    }
    if ((m = term.match(/^!\s*([^\s!=<>()]+)$/))) { const key = checkKey(m[1]!); return (l) => !(key in l); }
    if ((m = term.match(/^([^\s!=<>()]+)$/))) { const key = checkKey(m[1]!); return (l) => key in l; }
    throw new SelectorError(`unable to parse requirement ${JSON.stringify(term)} of label selector ${JSON.stringify(sel)}`);
  });
  return (labels) => reqs.every((r) => r(labels ?? {}));
}

const str = (x: unknown): string => (x == null ? '' : String(x));

/** The fields each resource supports in fieldSelector (the API server's GetAttrs / field label conversion). */
export const FIELD_SETS: Record<string, Record<string, (o: KObj) => string>> = (() => {
  const meta = (o: KObj) => o.metadata ?? {};
  const common = (namespaced: boolean): Record<string, (o: KObj) => string> => ({
    'metadata.name': (o) => str(meta(o).name),
    ...(namespaced ? { 'metadata.namespace': (o: KObj) => str(meta(o).namespace) } : {}),
  });
  return {
    namespaces: { ...common(false), 'status.phase': (o) => str(o.status?.phase) },
    nodes: { ...common(false), 'spec.unschedulable': (o) => String(o.spec?.unschedulable === true) },
    pods: {
      ...common(true),
      'spec.nodeName': (o) => str(o.spec?.nodeName),
      'spec.restartPolicy': (o) => str(o.spec?.restartPolicy),
      'spec.schedulerName': (o) => str(o.spec?.schedulerName),
      'spec.serviceAccountName': (o) => str(o.spec?.serviceAccountName),
      'spec.hostNetwork': (o) => String(o.spec?.hostNetwork === true),
      'status.phase': (o) => str(o.status?.phase),
      'status.podIP': (o) => str(o.status?.podIP),
      'status.nominatedNodeName': (o) => str(o.status?.nominatedNodeName),
    },
    services: { ...common(true) },
    endpoints: { ...common(true) },
    endpointslices: { ...common(true), addressType: (o) => str(o.addressType) },
    ingresses: { ...common(true) },
  };
})();

/** A predicate over an object; throws SelectorError for syntax errors and unsupported fields. */
export function parseFieldSelector(sel: string, resource: string): (o: KObj) => boolean {
  if (!sel.trim()) return () => true;
  const fields = FIELD_SETS[resource] ?? {};
  const reqs = splitTopLevel(sel).map((term) => {
    const m = term.match(/^([^!=]+?)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw new SelectorError(`invalid field selector term ${JSON.stringify(term)}`);
    const field = m[1]!.trim();
    const get = fields[field];
    if (!get) throw new SelectorError(`field label not supported: ${field}`);
    const value = m[3]!.trim();
    return m[2] === '!=' ? (o: KObj) => get(o) !== value : (o: KObj) => get(o) === value;
  });
  return (o) => reqs.every((r) => r(o));
}
