// Makes a pasted object look like what a real API server would serve back:
// typed fields coerced by the object's schema (YAML input arrives as text), and the
// defaults the API server applies on create (../shared/conformance/README.md,
// "What the API server adds"; Kubernetes pkg/apis/core/v1/defaults.go).
import { diag, type Diagnostic, type SourceRange } from '../diagnostics.ts';
import type { PlainValue } from './yaml-value.ts';
import { CLUSTER_SCOPED_KINDS } from './kinds.ts';

type Obj = { [k: string]: PlainValue };
export type FieldType = 'int' | 'bool' | 'intOrString';

/** Field types by path. `[]` walks every array element, `*` every map value. */
const POD_SPEC: [string, FieldType][] = [
  ['containers[].ports[].containerPort', 'int'],
  ['containers[].ports[].hostPort', 'int'],
  ['initContainers[].ports[].containerPort', 'int'],
  ['initContainers[].ports[].hostPort', 'int'],
  ['hostNetwork', 'bool'],
];
const META: [string, FieldType][] = [
  ['metadata.ownerReferences[].controller', 'bool'],
  ['metadata.ownerReferences[].blockOwnerDeletion', 'bool'],
];
const prefixed = (p: string, list: [string, FieldType][]): [string, FieldType][] => list.map(([k, t]) => [`${p}.${k}`, t]);
const TEMPLATE = prefixed('spec.template.spec', POD_SPEC);

const SCHEMA: Record<string, [string, FieldType][]> = {
  Pod: [
    ...prefixed('spec', POD_SPEC),
    ['status.containerStatuses[].ready', 'bool'],
    ['status.initContainerStatuses[].ready', 'bool'],
  ],
  Service: [
    ['spec.ports[].port', 'int'],
    ['spec.ports[].nodePort', 'int'],
    ['spec.ports[].targetPort', 'intOrString'],
    ['spec.publishNotReadyAddresses', 'bool'],
  ],
  Endpoints: [['subsets[].ports[].port', 'int']],
  EndpointSlice: [
    ['ports[].port', 'int'],
    ['endpoints[].conditions.ready', 'bool'],
    ['endpoints[].conditions.serving', 'bool'],
    ['endpoints[].conditions.terminating', 'bool'],
  ],
  Node: [
    ['status.daemonEndpoints.kubeletEndpoint.Port', 'int'],
    ['spec.unschedulable', 'bool'],
  ],
  Deployment: [['spec.replicas', 'int'], ...TEMPLATE],
  ReplicaSet: [['spec.replicas', 'int'], ...TEMPLATE],
  StatefulSet: [['spec.replicas', 'int'], ...TEMPLATE],
  DaemonSet: TEMPLATE,
  Job: [['spec.completions', 'int'], ['spec.parallelism', 'int'], ...TEMPLATE],
  CronJob: [['spec.suspend', 'bool'], ...prefixed('spec.jobTemplate.spec.template.spec', POD_SPEC)],
};

// Shapes of the fields the stages read (kinds.ts), by path as above (`[]`: every element). A real API server
// refuses an object whose field has the wrong JSON type (`ports: {}`, `podIP: 5`, `containers: [null]`), so such
// an object never exists in a cluster; ingest refuses it too, instead of handing a list-shaped-as-map to discovery.
// Null means unset. Parents come before children in each list (a child is checked only under a well-shaped parent).
type Shape = 'map' | 'list' | 'string' | 'strings' | 'stringMap';
const refShapes = (p: string): [string, Shape][] => [[p, 'map'], ...['kind', 'name', 'namespace', 'uid'].map((k): [string, Shape] => [`${p}.${k}`, 'string'])];
const listOf = (p: string, fields: [string, Shape][] = []): [string, Shape][] => [[p, 'list'], [`${p}[]`, 'map'], ...fields.map(([k, t]): [string, Shape] => [`${p}[].${k}`, t])];
const strs = (...ks: string[]): [string, Shape][] => ks.map((k) => [k, 'string']);
const PORT_FIELDS = strs('name', 'protocol', 'appProtocol');
const CONTAINERS = (p: string): [string, Shape][] => [...listOf(`${p}`, [...strs('name', 'image'), ...listOf('ports', PORT_FIELDS)])];
const POD_SPEC_SHAPES = (p: string): [string, Shape][] => [
  [p, 'map'],
  ...CONTAINERS(`${p}.containers`),
  ...CONTAINERS(`${p}.initContainers`),
  ...strs(`${p}.nodeName`, `${p}.hostname`, `${p}.subdomain`),
  [`${p}.nodeSelector`, 'stringMap'],
  ...listOf(`${p}.tolerations`),
];
const META_SHAPES: [string, Shape][] = [
  ...strs('metadata.namespace', 'metadata.uid', 'metadata.generateName', 'metadata.deletionTimestamp', 'metadata.creationTimestamp'),
  ...listOf('metadata.ownerReferences', strs('apiVersion', 'kind', 'name', 'uid')),
];
const LABEL_SELECTOR = (p: string): [string, Shape][] => [[p, 'map'], [`${p}.matchLabels`, 'stringMap'], ...listOf(`${p}.matchExpressions`, [...strs('key', 'operator'), ['values', 'strings']])];
const ADDRESSES = (p: string): [string, Shape][] => [...listOf(p, strs('ip', 'hostname', 'nodeName')), ...refShapes(`${p}[].targetRef`)];
const WORKLOAD: [string, Shape][] = [['spec', 'map'], ...LABEL_SELECTOR('spec.selector'), ['spec.template', 'map'], ['spec.template.metadata', 'map'], ...POD_SPEC_SHAPES('spec.template.spec'), ...strs('spec.serviceName')];

const SHAPES: Record<string, [string, Shape][]> = {
  Pod: [
    ...POD_SPEC_SHAPES('spec'),
    ['status', 'map'],
    ...strs('status.phase', 'status.podIP', 'status.hostIP'),
    ...listOf('status.podIPs', strs('ip')),
    ...listOf('status.hostIPs', strs('ip')),
    ...listOf('status.conditions', strs('type', 'status')),
    ...listOf('status.containerStatuses', strs('name', 'containerID')),
    ...listOf('status.initContainerStatuses', strs('name', 'containerID')),
  ],
  Service: [
    ['spec', 'map'],
    ...strs('spec.type', 'spec.clusterIP', 'spec.externalName', 'spec.loadBalancerIP', 'spec.ipFamilyPolicy'),
    ['spec.clusterIPs', 'strings'],
    ['spec.externalIPs', 'strings'],
    ['spec.ipFamilies', 'strings'],
    ['spec.selector', 'stringMap'],
    ...listOf('spec.ports', PORT_FIELDS),
    ['status', 'map'],
    ['status.loadBalancer', 'map'],
    ...listOf('status.loadBalancer.ingress', strs('ip', 'hostname')),
  ],
  Endpoints: [...listOf('subsets'), ...ADDRESSES('subsets[].addresses'), ...ADDRESSES('subsets[].notReadyAddresses'), ...listOf('subsets[].ports', PORT_FIELDS)],
  EndpointSlice: [
    ...strs('addressType'),
    ...listOf('endpoints', [['addresses', 'strings'], ['conditions', 'map'], ...strs('hostname', 'nodeName', 'zone'), ['deprecatedTopology', 'stringMap'], ['topology', 'stringMap']]),
    ...refShapes('endpoints[].targetRef'),
    ...listOf('ports', PORT_FIELDS),
  ],
  Node: [
    ['spec', 'map'],
    ...strs('spec.providerID'),
    ...listOf('spec.taints', strs('key', 'value', 'effect')),
    ['status', 'map'],
    ...listOf('status.addresses', strs('type', 'address')),
    ['status.daemonEndpoints', 'map'],
    ['status.daemonEndpoints.kubeletEndpoint', 'map'],
    ...listOf('status.conditions', strs('type', 'status')),
  ],
  Ingress: [
    ['spec', 'map'],
    ...strs('spec.ingressClassName'),
    ...listOf('spec.rules', [...strs('host'), ['http', 'map']]),
    ...listOf('spec.rules[].http.paths', strs('path', 'pathType')),
    ...listOf('spec.tls', [['hosts', 'strings'], ...strs('secretName')]),
  ],
  Deployment: WORKLOAD,
  ReplicaSet: WORKLOAD,
  StatefulSet: WORKLOAD,
  DaemonSet: WORKLOAD,
  Job: WORKLOAD,
  CronJob: [['spec', 'map'], ['spec.jobTemplate', 'map'], ['spec.jobTemplate.spec', 'map'], ['spec.jobTemplate.spec.template', 'map'], ['spec.jobTemplate.spec.template.metadata', 'map'], ...POD_SPEC_SHAPES('spec.jobTemplate.spec.template.spec')],
  ConfigMap: [['data', 'stringMap'], ['binaryData', 'stringMap']],
  Secret: [['data', 'stringMap'], ['stringData', 'stringMap']],
};

const SHAPE_TEXT: Record<Shape, string> = { map: 'a map', list: 'a list', string: 'a string', strings: 'a list of strings', stringMap: 'a map of strings' };

function shapeOk(v: PlainValue, t: Shape): boolean {
  switch (t) {
    case 'map':
      return isObj(v);
    case 'list':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'strings':
      return Array.isArray(v) && allStrings(v);
    case 'stringMap':
      return isObj(v) && allStringsOrNull(v);
  }
}

function allStrings(v: PlainValue[]): boolean {
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

function allStringsOrNull(v: Obj): boolean {
  for (const k in v) {
    const x = v[k];
    if (typeof x !== 'string' && x !== null) return false;
  }
  return true;
}

function describeValue(v: PlainValue): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

interface CompiledShape {
  steps: { key: string; each: boolean }[];
  t: Shape;
}
const compiledShapes = new Map<string, CompiledShape[]>();

function shapesOf(kind: string): CompiledShape[] {
  let c = compiledShapes.get(kind);
  if (!c) {
    c = [...META_SHAPES, ...(own(SHAPES, kind) ?? [])].map(([path, t]) => ({
      steps: path.split('.').map((h) => ({ key: h.endsWith('[]') ? h.slice(0, -2) : h, each: h.endsWith('[]') })),
      t,
    }));
    compiledShapes.set(kind, c);
  }
  return c;
}

/** The shapes of a kind as a tree of steps (shared prefixes merged), to check a well-formed object — nearly every
 * object — in one walk instead of one walk per shape. */
interface ShapeNode {
  key: string;
  each: boolean;
  checks: Shape[];
  children: ShapeNode[];
}
const shapeTrees = new Map<string, ShapeNode[]>();

function shapeTree(kind: string): ShapeNode[] {
  let roots = shapeTrees.get(kind);
  if (!roots) {
    roots = [];
    for (const c of shapesOf(kind)) {
      let level = roots;
      let node: ShapeNode | undefined;
      for (const st of c.steps) {
        node = level.find((n) => n.key === st.key && n.each === st.each);
        if (!node) level.push((node = { key: st.key, each: st.each, checks: [], children: [] }));
        level = node.children;
      }
      node?.checks.push(c.t);
    }
    shapeTrees.set(kind, roots);
  }
  return roots;
}

/** True when no field under the map `cur` breaks a shape of `nodes` (findBad's walk, for all shapes at once). */
function shapesOk(cur: Obj, nodes: ShapeNode[]): boolean {
  for (let n = 0; n < nodes.length; n++) {
    const nd = nodes[n] as ShapeNode;
    const next = cur[nd.key];
    if (next === undefined || next === null) continue;
    if (nd.each) {
      if (!Array.isArray(next)) continue;
      for (let i = 0; i < next.length; i++) if (!nodeOk(next[i] as PlainValue, nd)) return false;
    } else if (!nodeOk(next, nd)) return false;
  }
  return true;
}

/** One value at a node: its checks, then the node's children under it when it is a map. */
function nodeOk(v: PlainValue, nd: ShapeNode): boolean {
  for (let c = 0; c < nd.checks.length; c++) if (!shapeOk(v, nd.checks[c] as Shape)) return false;
  return nd.children.length === 0 || !isObj(v) || shapesOk(v, nd.children);
}

/** The first field of `o` whose JSON type a real API server would refuse (see SHAPES), or undefined. */
export function shapeError(o: Obj): { path: (string | number)[]; message: string } | undefined {
  const kind = typeof o.kind === 'string' ? o.kind : '';
  if (shapesOk(o, shapeTree(kind))) return undefined;
  // Something is wrong: find the first broken field in the order of the shape lists.
  return firstShapeError(o);
}

/** shapeError without the one-walk check: every shape in list order (exported for the test that compares them). */
export function firstShapeError(o: Obj): { path: (string | number)[]; message: string } | undefined {
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const at: (string | number)[] = [];
  for (const c of shapesOf(kind)) {
    const bad = findBad(o, c, 0, at);
    if (bad) return bad;
  }
  return undefined;
}

/** Walks `c.steps` from `cur` (a map); `at` is the path so far (pushed and popped, copied only for the answer). */
function findBad(cur: PlainValue | undefined, c: CompiledShape, i: number, at: (string | number)[]): { path: (string | number)[]; message: string } | undefined {
  if (!isObj(cur)) return undefined;
  const { key, each } = c.steps[i] as CompiledShape['steps'][number];
  const next = cur[key];
  if (next === undefined || next === null) return undefined;
  const last = i === c.steps.length - 1;
  at.push(key);
  try {
    if (each) {
      if (!Array.isArray(next)) return undefined; // the list itself is checked by its own entry
      for (let k = 0; k < next.length; k++) {
        const el = next[k] as PlainValue;
        at.push(k);
        const bad = last ? (shapeOk(el, c.t) ? undefined : badShape(at, c.t, el)) : findBad(el, c, i + 1, at);
        at.pop();
        if (bad) return bad;
      }
      return undefined;
    }
    if (!last) return findBad(next, c, i + 1, at);
    return shapeOk(next, c.t) ? undefined : badShape(at, c.t, next);
  } finally {
    at.pop();
  }
}

function badShape(at: (string | number)[], t: Shape, v: PlainValue): { path: (string | number)[]; message: string } {
  return { path: [...at], message: `${at.join('.')} must be ${SHAPE_TEXT[t]}, not ${describeValue(v)}` };
}

export interface NormalizeContext {
  locate: (path: (string | number)[]) => SourceRange | undefined;
  fallback: SourceRange;
  diagnostics: Diagnostic[];
}

/** Coerces typed fields, string-ifies label/annotation values and applies API defaults, in place. */
export function normalizeObject(o: Obj, ctx: NormalizeContext): void {
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const meta = (isObj(o.metadata) ? o.metadata : (o.metadata = {})) as Obj;
  if (!CLUSTER_SCOPED_KINDS.has(kind) && (meta.namespace === undefined || meta.namespace === null || meta.namespace === '')) {
    meta.namespace = 'default';
  }
  for (const field of ['labels', 'annotations'] as const) stringMap(meta, field, ['metadata', field], ctx);
  coerceFields(o, ctx);
  if (isObj(o.spec) && isObj((o.spec as Obj).template)) {
    const tmeta = ((o.spec as Obj).template as Obj).metadata;
    if (isObj(tmeta)) for (const f of ['labels', 'annotations'] as const) stringMap(tmeta, f, ['spec', 'template', 'metadata', f], ctx);
  }
  applyDefaults(kind, o);
}

function setProtocol(ports: PlainValue | undefined): void {
  if (!Array.isArray(ports)) return;
  for (const p of ports) if (isObj(p) && (p.protocol === undefined || p.protocol === null || p.protocol === '')) p.protocol = 'TCP';
}

function podSpec(spec: PlainValue | undefined): void {
  if (!isObj(spec)) return;
  for (const list of [spec.containers, spec.initContainers]) {
    if (Array.isArray(list)) for (const c of list) if (isObj(c)) setProtocol(c.ports);
  }
}

function applyDefaults(kind: string, o: Obj): void {
  switch (kind) {
    case 'Pod':
      podSpec(o.spec);
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      if (isObj(o.spec) && isObj(o.spec.template)) podSpec(o.spec.template.spec);
      break;
    case 'CronJob':
      if (isObj(o.spec) && isObj(o.spec.jobTemplate) && isObj(o.spec.jobTemplate.spec) && isObj(o.spec.jobTemplate.spec.template)) {
        podSpec(o.spec.jobTemplate.spec.template.spec);
      }
      break;
    case 'Service': {
      const spec = (isObj(o.spec) ? o.spec : (o.spec = {})) as Obj;
      if (spec.type === undefined || spec.type === null || spec.type === '') spec.type = 'ClusterIP';
      setProtocol(spec.ports);
      if (Array.isArray(spec.ports)) {
        for (const p of spec.ports) {
          if (isObj(p) && (p.targetPort === undefined || p.targetPort === null || p.targetPort === '' || p.targetPort === 0) && spec.type !== 'ExternalName') {
            p.targetPort = p.port ?? null;
          }
        }
      }
      break;
    }
    case 'Endpoints':
      if (Array.isArray(o.subsets)) for (const s of o.subsets) if (isObj(s)) setProtocol(s.ports);
      break;
    case 'EndpointSlice':
      setProtocol(o.ports);
      break;
  }
}

function stringMap(parent: Obj, field: string, path: (string | number)[], ctx: NormalizeContext): void {
  const m = parent[field];
  if (m === undefined || m === null) return;
  if (!isObj(m)) {
    ctx.diagnostics.push(diag('INVALID_FIELD', 'error', `${path.join('.')} must be a map of strings; ignored`, ctx.locate(path) ?? ctx.fallback));
    delete parent[field];
    return;
  }
  for (const k of Object.keys(m)) {
    const v = m[k] as PlainValue;
    if (typeof v === 'string') continue;
    if (v === null) {
      m[k] = ''; // Go decodes null into a string field as ""
      continue;
    }
    ctx.diagnostics.push(
      diag('INVALID_FIELD', 'warning', `${path.join('.')}.${k} is not a string (${JSON.stringify(v)}); a real API server rejects this object — quote the value`, ctx.locate([...path, k]) ?? ctx.fallback),
    );
    m[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/** Coerces the typed fields of `o`'s kind (SCHEMA, META) in place; a value that does not coerce is reported and
 * removed. */
export function coerceFields(o: Obj, ctx: NormalizeContext): void {
  const at: (string | number)[] = [];
  for (const f of fieldsOf(typeof o.kind === 'string' ? o.kind : '')) coercePath(o, f, 0, at, ctx);
}

/** The typed fields of a kind, as `a.b[].c` paths with their types. */
export function typedFields(kind: string): [string, FieldType][] {
  return [...META, ...(own(SCHEMA, kind) ?? [])];
}

/** A typed field's path as steps (`[]`: every element), compiled once per kind. */
interface CompiledField {
  steps: { key: string; each: boolean }[];
  t: FieldType;
}
const compiledFields = new Map<string, CompiledField[]>();

function fieldsOf(kind: string): CompiledField[] {
  let c = compiledFields.get(kind);
  if (!c) {
    c = typedFields(kind).map(([path, t]) => ({
      steps: path.split('.').map((h) => ({ key: h.endsWith('[]') ? h.slice(0, -2) : h, each: h.endsWith('[]') })),
      t,
    }));
    compiledFields.set(kind, c);
  }
  return c;
}

/** Coerces field `f` from step `i` under `cur`; `at` is the path so far (pushed and popped, copied only for a
 * diagnostic). */
function coercePath(cur: PlainValue | undefined, f: CompiledField, i: number, at: (string | number)[], ctx: NormalizeContext): void {
  if (cur === undefined || cur === null || i >= f.steps.length) return;
  const { key, each } = f.steps[i] as CompiledField['steps'][number];
  if (!isObj(cur)) return;
  const next = cur[key];
  if (next === undefined || next === null) return;
  if (each) {
    if (!Array.isArray(next)) return;
    at.push(key);
    for (let k = 0; k < next.length; k++) {
      at.push(k);
      coercePath(next[k], f, i + 1, at, ctx);
      at.pop();
    }
    at.pop();
    return;
  }
  if (i < f.steps.length - 1) {
    at.push(key);
    coercePath(next, f, i + 1, at, ctx);
    at.pop();
    return;
  }
  const t = f.t;
  const coerced = coerceScalar(next, t);
  if (coerced === undefined) {
    const path = [...at, key];
    ctx.diagnostics.push(
      diag('INVALID_FIELD', 'error', `${path.join('.')}: ${JSON.stringify(next)} is not a valid ${t === 'bool' ? 'boolean' : t === 'int' ? 'integer' : 'port (number or name)'}; a real API server rejects this object (the field is ignored here)`, ctx.locate(path) ?? ctx.fallback),
    );
    // Readers must never see a string where the schema says number (e.g. replicas: "1e309").
    delete cur[key];
    return;
  }
  cur[key] = coerced;
}

/** A typed field's value as its type, or undefined when a real API server would refuse it. */
export function coerceScalar(v: PlainValue, t: FieldType): PlainValue | undefined {
  if (t === 'int') {
    if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
    if (typeof v === 'string' && /^[-+]?(0|[1-9]\d*)$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
    if (typeof v === 'string' && /^0x[0-9a-fA-F]+$/.test(v)) return Number(v); // YAML 1.1 hex ints decode as ints
    return undefined;
  }
  if (t === 'intOrString') {
    if (typeof v === 'number') return v;
    if (typeof v === 'string') return /^[-+]?\d+$/.test(v) ? Number(v) : v;
    return undefined;
  }
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (v === 'true' || v === 'True' || v === 'TRUE') return true;
    if (v === 'false' || v === 'False' || v === 'FALSE') return false;
  }
  return undefined;
}

/** `table[kind]` for the kinds the table lists (not `constructor`, `valueOf`, … from Object.prototype). */
function own<T>(table: Record<string, T>, kind: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, kind) ? table[kind] : undefined;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
