// Meta-label helpers shared by every role: the label prefix, Prometheus' SanitizeLabelName,
// Go's net.JoinHostPort, the object-meta label set (name, labels, annotations and their
// `*present` twins) and the node / namespace metadata that attach_metadata adds.
// See prometheus discovery/kubernetes/kubernetes.go addObjectAnnotationsAndLabels, addObjectMetaLabels.
import { diag, type Diagnostic, type DiagnosticCode, type Severity, type SourceRange } from '../diagnostics.ts';
import type { KubeObject, StoredObject } from '../ingest/kinds.ts';
import { sortGo, type Labels } from '../labels.ts';
import type { RoleContext, TargetGroup } from './types.ts';

/** Prefix of every Kubernetes meta label (metaLabelPrefix). */
export const META = '__meta_kubernetes_';
/** `__meta_kubernetes_namespace` (namespaceLabel). */
export const NAMESPACE_LABEL = `${META}namespace`;
const NODE_NAME_LABEL = `${META}node_name`;
/** Value of every `*present` label (kubernetes.go presentValue). */
export const PRESENT = 'true';

/** Collects diagnostics, dropping exact repeats (a pod's labels are rebuilt for every endpoint port). */
export class Reporter {
  private readonly seen = new Set<string>();
  /** Diagnostics asked for so far, repeats included (discover.ts shares only groups whose building asked none). */
  calls = 0;
  constructor(readonly out: Diagnostic[]) {}

  /** Adds one diagnostic unless the same code+message+place was already reported. */
  add(code: DiagnosticCode, severity: Severity, message: string, pos?: SourceRange, notes?: string[]): void {
    this.calls++;
    const key = `${code}\u0000${message}\u0000${pos ? `${pos.file}:${pos.line}:${pos.col}` : ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.push(diag(code, severity, message, pos, notes));
  }
}

/** strutil.SanitizeLabelName: every code point outside [a-zA-Z0-9_] becomes one `_` (the `u` flag makes an
 * astral character one match, as Go's regexp works on runes). */
export function sanitizeLabelName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) return name.replace(/[^a-zA-Z0-9_]/gu, '_');
  }
  return name;
}

/** sanitizeLabelName memoised for the keys that change (the same label and annotation keys repeat on every object).
 * Bounded: a cache that grows past its limit starts over. */
const SANITIZED = new Map<string, string>();
function sanitizedName(name: string): string {
  const hit = SANITIZED.get(name);
  if (hit !== undefined) return hit;
  const ln = sanitizeLabelName(name);
  if (ln !== name) {
    if (SANITIZED.size >= 20_000) SANITIZED.clear();
    SANITIZED.set(name, ln);
  }
  return ln;
}

/** Whether a name occurs twice (a Set for long lists only). */
function hasRepeat(names: string[]): boolean {
  if (names.length > 24) return new Set(names).size !== names.length;
  for (let i = 1; i < names.length; i++) for (let j = 0; j < i; j++) if (names[i] === names[j]) return true;
  return false;
}

/** Go net.JoinHostPort: brackets the host when it contains a colon (IPv6), nothing else. */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's `string(x)` of an optional API field: a missing value is the zero value "". */
export function lv(v: unknown): string {
  // Nearly every value is a string already: returned without the String() call.
  if (typeof v === 'string') return v;
  return v === undefined || v === null ? '' : String(v);
}

/** Go's decimal formatting of a required int32 field (port numbers): a missing value is the zero value 0. */
export function lvInt(v: unknown): string {
  return v === undefined || v === null ? '0' : String(v);
}

/** Position of a field of a stored object, falling back to the object itself. */
export function fieldPos(o: StoredObject, path: (string | number)[]): SourceRange {
  return o.locate?.(path) ?? { ...o.origin.pos };
}

/** `Pod default/web-0` — how diagnostics name an object. */
export function describe(o: KubeObject): string {
  const ns = o.metadata.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind} ${ns}${o.metadata.name}`;
}

/** Where a Go map of string→string being turned into labels lives, for collision reports. */
export interface MapSource {
  obj: StoredObject;
  path: (string | number)[];
}

/** `prefix + name`, built once per distinct name: every pod of a cluster repeats the same label and annotation keys,
 * and one string per name (instead of one per object) spares the allocation and keeps the label objects' keys
 * identical strings. Bounded: a cache that grows past its limit starts over. */
const NAME_CACHES = new Map<string, (name: string) => string>();
const MAX_CACHED_NAMES = 20_000;
function labelNames(prefix: string): (name: string) => string {
  let f = NAME_CACHES.get(prefix);
  if (f === undefined) {
    const cache = new Map<string, string>();
    f = (name: string) => {
      let full = cache.get(name);
      if (full === undefined) {
        if (cache.size >= MAX_CACHED_NAMES) cache.clear();
        full = prefix + name;
        cache.set(name, full);
      }
      return full;
    };
    if (NAME_CACHES.size >= 256) NAME_CACHES.clear();
    NAME_CACHES.set(prefix, f);
  }
  return f;
}

/** Sets `prefix+S(k)` = v (and `presentPrefix+S(k)` = "true") for every entry of a Go map. Keys that sanitise
 * to the same name collide; Go's random map order picks the winner, we take the last key in sorted order
 * and report it. */
export function putSanitized(
  ls: Labels,
  map: Record<string, string> | undefined,
  prefix: string,
  presentPrefix: string | undefined,
  report: Reporter,
  src: MapSource,
): void {
  if (!map) return;
  const keys = Object.keys(map);
  // Kubernetes writes map keys sorted (Go's encoding/json): sorting them by insertion is then one pass.
  sortGo(keys);
  // Two keys collide only when one of them changed in sanitising; the grouping below runs only then.
  let changed = false;
  const names: string[] = new Array(keys.length);
  const full = labelNames(prefix);
  const present = presentPrefix === undefined ? undefined : labelNames(presentPrefix);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const ln = sanitizedName(k);
    names[i] = ln;
    if (ln !== k) changed = true;
    ls[full(ln)] = lv(map[k]);
    if (present !== undefined) ls[present(ln)] = PRESENT;
  }
  if (!changed || !hasRepeat(names)) return;
  const byName = new Map<string, string[]>();
  for (let i = 0; i < keys.length; i++) {
    const ln = names[i]!;
    const same = byName.get(ln);
    if (same) same.push(keys[i]!);
    else byName.set(ln, [keys[i]!]);
  }
  for (const [ln, same] of byName) if (same.length > 1) reportCollision(prefix + ln, same, map, report, src);
}

function reportCollision(name: string, keys: string[], map: Record<string, string>, report: Reporter, src: MapSource): void {
  const winner = keys[keys.length - 1] as string;
  const differ = keys.some((k) => map[k] !== map[winner]);
  const quoted = keys.map((k) => JSON.stringify(k)).join(', ');
  report.add(
    'LABEL_COLLISION',
    differ ? 'warning' : 'info',
    `${src.path.join('.')} keys ${quoted} of ${describe(src.obj.obj)} all become ${name}` +
      (differ ? `; Prometheus keeps one of them at random (Go map order) — shown: the value of ${JSON.stringify(winner)}` : ' (same value, so no visible effect)'),
    fieldPos(src.obj, [...src.path, winner]),
  );
}

/** kubernetes.go addObjectAnnotationsAndLabels: `<resource>_label_*`, `_labelpresent_*`, `_annotation_*`,
 * `_annotationpresent_*`. `annotations: false` reproduces versions that exposed labels only. */
export function addObjectAnnotationsAndLabels(ls: Labels, o: StoredObject, resource: string, report: Reporter, annotations = true): void {
  const m = o.obj.metadata;
  const p = metaNames(resource);
  if (m.labels) putSanitized(ls, m.labels, p.label, p.labelPresent, report, { obj: o, path: ['metadata', 'labels'] });
  if (annotations && m.annotations) {
    putSanitized(ls, m.annotations, p.annotation, p.annotationPresent, report, { obj: o, path: ['metadata', 'annotations'] });
  }
}

/** kubernetes.go addObjectMetaLabels: `<role>_name` plus labels and annotations. */
export function addObjectMetaLabels(ls: Labels, o: StoredObject, role: string, report: Reporter, annotations = true): void {
  ls[metaNames(role).name] = lv(o.obj.metadata.name);
  addObjectAnnotationsAndLabels(ls, o, role, report, annotations);
}

/** The object-meta label names and prefixes of one resource, made once: built per object, they were new strings
 * to hash on every lookup of a label name (every pod, service and endpoint object of a run). */
interface MetaNames {
  name: string;
  label: string;
  labelPresent: string;
  annotation: string;
  annotationPresent: string;
}
const META_NAMES = new Map<string, MetaNames>();
function metaNames(resource: string): MetaNames {
  let n = META_NAMES.get(resource);
  if (n === undefined) {
    const p = `${META}${resource}_`;
    n = { name: `${p}name`, label: `${p}label_`, labelPresent: `${p}labelpresent_`, annotation: `${p}annotation_`, annotationPresent: `${p}annotationpresent_` };
    META_NAMES.set(resource, n);
  }
  return n;
}

/** endpoints.go addNodeLabels: the object-meta set of the named node, if the (selector-filtered) node store
 * has it. Before 2.46 it was name + labels only. */
export function addNodeLabels(ls: Labels, nodeName: string | undefined, ctx: RoleContext): Labels {
  if (nodeName === undefined || nodeName === null) return ls;
  const node = ctx.stores.node(nodeName);
  if (!node) return ls;
  const extra: Labels = {};
  addObjectMetaLabels(extra, node, 'node', ctx.report, ctx.profile.nodeMetadataAnnotations);
  return Object.assign(ls, extra);
}

/** Node metadata of a pod's node (attach_metadata.node). vmagent (nodeNameWithoutNode, pod.go
 * appendCommonLabels) always sets `__meta_kubernetes_node_name` to spec.nodeName, then adds the node's labels and
 * annotations when its (selector-filtered) node watcher knows the node; Prometheus adds the node's object meta
 * only for a known node. */
export function addPodNodeMetadata(ls: Labels, nodeName: string, ctx: RoleContext): Labels {
  if (!ctx.profile.nodeNameWithoutNode) return addNodeLabels(ls, nodeName, ctx);
  ls[NODE_NAME_LABEL] = nodeName;
  const node = nodeName === '' ? undefined : ctx.stores.node(nodeName);
  if (node) addObjectAnnotationsAndLabels(ls, node, 'node', ctx.report, ctx.profile.nodeMetadataAnnotations);
  return ls;
}

/** endpoints.go addNamespaceLabels (3.6+): the Namespace object's labels and annotations, no name label. */
export function addNamespaceLabels(ls: Labels, namespace: string | undefined, ctx: RoleContext): Labels {
  if (!ctx.attach.namespace || namespace === undefined) return ls;
  const ns = ctx.stores.namespace(namespace);
  if (ns) addObjectAnnotationsAndLabels(ls, ns, 'namespace', ctx.report);
  return ls;
}

/** Go's GetControllerOf: the first ownerReference with `controller: true`. */
export function controllerOf(o: KubeObject): { kind: string; name: string } | undefined {
  for (const ref of o.metadata.ownerReferences ?? []) if (ref.controller === true) return { kind: lv(ref.kind), name: lv(ref.name) };
  return undefined;
}

/** model.LabelSet.Merge: a copy of `a` with every label of `b` set over it (b wins). */
export function merge(a: Labels, b: Labels): Labels {
  // A spread defines the keys in the same order as assigning them, and V8 keeps the result a fast-mode object
  // (Object.assign past a dozen keys makes a dictionary, two to three times larger and slower to read).
  return Object.assign({}, a, b);
}

/** Groups whose `under` was made by pushTarget, so every entry came with that guarantee: targets/populate.ts
 * underValid then does not check each target's names against its `under` again (~20 ms a run at 10k pods). */
export const DISJOINT_UNDER = new WeakSet<TargetGroup>();

/** Appends a target to a group. `under` (its pod's labels, one object shared by every target of the pod) goes to
 * TargetGroup.under, so the target object holds only its own labels; the caller guarantees they share no name (every
 * caller checks it, and merges the two sets instead when they do). */
export function pushTarget(tg: TargetGroup, own: Labels, under?: Labels): void {
  if (under !== undefined) {
    if (tg.under === undefined) {
      tg.under = new Array<Labels | undefined>(tg.targets.length).fill(undefined);
      DISJOINT_UNDER.add(tg);
    }
    tg.under.push(under);
  } else if (tg.under !== undefined) tg.under.push(undefined);
  tg.targets.push(own);
}

/** Whether two label sets share a name. */
export function overlap(a: Labels, b: Labels): boolean {
  for (const k in a) if (Object.prototype.hasOwnProperty.call(b, k)) return true;
  return false;
}

/** A target's whole label set: its own labels over the ones under them (TargetGroup.under). */
export function targetLabels(g: TargetGroup, i: number): Labels {
  const t = g.targets[i] as Labels;
  const u = g.under?.[i];
  return u === undefined ? t : { ...t, ...u };
}
