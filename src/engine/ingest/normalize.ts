// Makes a pasted object look like what a real API server would serve back:
// typed fields coerced by the object's schema (YAML input arrives as text), and the
// defaults the API server applies on create (../shared/conformance/README.md,
// "What the API server adds"; Kubernetes pkg/apis/core/v1/defaults.go).
import { diag, type Diagnostic, type SourceRange } from '../diagnostics.ts';
import type { PlainValue } from './yaml-value.ts';
import { CLUSTER_SCOPED_KINDS } from './kinds.ts';

type Obj = { [k: string]: PlainValue };
type FieldType = 'int' | 'bool' | 'intOrString';

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
  for (const [path, t] of [...META, ...(SCHEMA[kind] ?? [])]) coercePath(o, path.split('.'), [], t, ctx);
  if (isObj(o.spec) && isObj((o.spec as Obj).template)) {
    const tmeta = ((o.spec as Obj).template as Obj).metadata;
    if (isObj(tmeta)) for (const f of ['labels', 'annotations'] as const) stringMap(tmeta, f, ['spec', 'template', 'metadata', f], ctx);
  }
  applyDefaults(kind, o);
}

function applyDefaults(kind: string, o: Obj): void {
  const setProtocol = (ports: PlainValue | undefined) => {
    if (!Array.isArray(ports)) return;
    for (const p of ports) if (isObj(p) && (p.protocol === undefined || p.protocol === null || p.protocol === '')) p.protocol = 'TCP';
  };
  const podSpec = (spec: PlainValue | undefined) => {
    if (!isObj(spec)) return;
    for (const list of [spec.containers, spec.initContainers]) {
      if (Array.isArray(list)) for (const c of list) if (isObj(c)) setProtocol(c.ports);
    }
  };
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
  for (const [k, v] of Object.entries(m)) {
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

function coercePath(cur: PlainValue | undefined, rest: string[], at: (string | number)[], t: FieldType, ctx: NormalizeContext): void {
  if (cur === undefined || cur === null || rest.length === 0) return;
  const [head, ...tail] = rest as [string, ...string[]];
  const isArr = head.endsWith('[]');
  const key = isArr ? head.slice(0, -2) : head;
  if (!isObj(cur)) return;
  const next = cur[key];
  if (next === undefined || next === null) return;
  if (isArr) {
    if (!Array.isArray(next)) return;
    next.forEach((el, i) => coercePath(el, tail, [...at, key, i], t, ctx));
    return;
  }
  if (tail.length) {
    coercePath(next, tail, [...at, key], t, ctx);
    return;
  }
  const coerced = coerceScalar(next, t);
  if (coerced === undefined) {
    ctx.diagnostics.push(
      diag('INVALID_FIELD', 'error', `${[...at, key].join('.')}: ${JSON.stringify(next)} is not a valid ${t === 'bool' ? 'boolean' : t === 'int' ? 'integer' : 'port (number or name)'}; a real API server rejects this object`, ctx.locate([...at, key]) ?? ctx.fallback),
    );
    return;
  }
  cur[key] = coerced;
}

function coerceScalar(v: PlainValue, t: FieldType): PlainValue | undefined {
  if (t === 'int') {
    if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
    if (typeof v === 'string' && /^[-+]?(0|[1-9]\d*)$/.test(v)) return Number(v);
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

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
