// Files → objects in a store + scrape-config documents + what was ignored, with every
// problem as a positioned diagnostic. Accepts any mix of multi-document YAML, JSON,
// `kind: List` / `*List` (kubectl get -o yaml|json), and `kubectl cluster-info dump`
// (a stream of JSON Lists, or its --output-directory tree passed as many files).
import { diag, type Diagnostic, type SourcePos, type SourceRange } from '../diagnostics.ts';
import type { YamlSource } from '../config/yaml-nodes.ts';
import { parseFile, type InputFile, type RawDoc, type YamlReader } from './documents.ts';
import { aliasBudget, DEFAULT_INPUT_LIMITS, fileTooLarge, totalTooLarge, type InputLimits } from './limits.ts';
import { CORE_KINDS, OPERATOR_KINDS, type KubeObject, type StoredObject } from './kinds.ts';
import { isObj, normalizeObject, shapeError } from './normalize.ts';
import { ObjectStore } from './store.ts';
import type { PlainValue } from './yaml-value.ts';

export interface ConfigDoc {
  file: string;
  doc: number;
  pos: SourcePos;
  /** YAML AST root of the config document (parsed with the failsafe schema). */
  node: unknown;
  src: YamlSource;
}

export interface IgnoredObject {
  kind: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
  pos: SourcePos;
  reason: string;
}

/** Secret values by `namespace/name` → key → decoded value. Kept apart from the store and never part of any
 * output; only the operator layer reads them, to render the credentials an operator inlines into the config it
 * generates (and it masks them unless asked to reveal them). */
export type SecretValues = Map<string, Record<string, string>>;

export interface IngestResult {
  store: ObjectStore;
  secretValues: SecretValues;
  configs: ConfigDoc[];
  ignored: IgnoredObject[];
  diagnostics: Diagnostic[];
  /** Bytes of text read, for benchmarks and the UI's summary line. */
  bytes: number;
}

/** Files whose name says they hold no objects (logs in a cluster-info dump directory). */
const NON_OBJECT_FILE = /(^|\/)logs?\.txt$|\.log$/;

/** `limits`: overrides of DEFAULT_INPUT_LIMITS (limits.ts); what is past a limit becomes an INPUT_TOO_LARGE diagnostic.
 * `yamlReader`: 'library' reads YAML with the `yaml` library only (tests compare it with the default fast path). */
export function ingest(files: InputFile[], overrides: Partial<InputLimits> = {}, opts: { yamlReader?: YamlReader } = {}): IngestResult {
  const limits: InputLimits = { ...DEFAULT_INPUT_LIMITS, ...overrides };
  const budget = aliasBudget(limits);
  const store = new ObjectStore();
  const configs: ConfigDoc[] = [];
  const ignored: IgnoredObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const secretValues: SecretValues = new Map();
  let bytes = 0;
  for (const file of files) {
    if (NON_OBJECT_FILE.test(file.name)) {
      ignored.push({ kind: '(file)', pos: { file: file.name, line: 1, col: 1 }, reason: 'log file, not Kubernetes objects' });
      continue;
    }
    // Size limits before any parsing: a refused file costs nothing; later (smaller) files are still read.
    const size = file.text.length;
    if (size > limits.maxFileSize) {
      diagnostics.push(fileTooLarge(file.name, size, limits));
      continue;
    }
    if (bytes + size > limits.maxTotalSize) {
      diagnostics.push(totalTooLarge(file.name, size, bytes, limits));
      continue;
    }
    bytes += size;
    if (!file.text.trim()) continue;
    const parsed = parseFile(file, limits, budget, opts.yamlReader);
    diagnostics.push(...parsed.diagnostics);
    for (const d of parsed.docs) classifyDoc(d, { store, configs, ignored, diagnostics, secretValues });
  }
  addImpliedNamespaces(store);
  return { store, secretValues, configs, ignored, diagnostics, bytes };
}

const CONFIG_KEYS = new Set(['scrape_configs', 'global', 'scrape_config_files', 'rule_files', 'alerting', 'remote_write', 'remote_read', 'storage', 'tracing', 'otlp', 'runtime']);

interface Sink {
  store: ObjectStore;
  configs: ConfigDoc[];
  ignored: IgnoredObject[];
  diagnostics: Diagnostic[];
  secretValues: SecretValues;
}

function classifyDoc(d: RawDoc, sink: Sink): void {
  const { configs, diagnostics } = sink;
  const v = d.value;
  if (!isObj(v)) {
    diagnostics.push(diag('NOT_AN_OBJECT', 'warning', `document ${d.doc + 1} is not a mapping; ignored`, { ...d.pos }));
    return;
  }
  if (typeof v.kind !== 'string' && Object.keys(v).some((k) => CONFIG_KEYS.has(k))) {
    const a = d.ast();
    if (a) configs.push({ file: d.file, doc: d.doc, pos: d.pos, node: a.node, src: a.src });
    return;
  }
  if (typeof v.kind !== 'string' || !v.kind) {
    diagnostics.push(diag('MISSING_KIND', 'warning', `document ${d.doc + 1} has no "kind" and is not a scrape config (no scrape_configs/global); ignored`, { ...d.pos }));
    return;
  }
  if (v.kind.endsWith('List') && Array.isArray(v.items)) {
    v.items.forEach((item, i) => {
      const pos = d.itemPos?.(i) ?? toPos(d.locate(['items', i])) ?? d.pos;
      addObject(item, d, ['items', i], pos, i, sink);
    });
    return;
  }
  addObject(v, d, [], d.pos, undefined, sink);
}

function toPos(r: SourceRange | undefined): SourcePos | undefined {
  return r ? { file: r.file, line: r.line, col: r.col, offset: r.offset } : undefined;
}

function addObject(
  v: PlainValue,
  d: RawDoc,
  prefix: (string | number)[],
  pos: SourcePos,
  item: number | undefined,
  sink: Sink,
): void {
  const { store, ignored, diagnostics } = sink;
  if (!isObj(v) || typeof v.kind !== 'string') {
    diagnostics.push(diag('MISSING_KIND', 'warning', `list item ${item ?? 0} has no "kind"; ignored`, { ...pos }));
    return;
  }
  const kind = v.kind;
  const meta = isObj(v.metadata) ? v.metadata : undefined;
  const name = meta && typeof meta.name === 'string' ? meta.name : undefined;
  const namespace = meta && typeof meta.namespace === 'string' ? meta.namespace : undefined;
  const apiVersion = typeof v.apiVersion === 'string' ? v.apiVersion : '';
  if (!CORE_KINDS.has(kind) && !OPERATOR_KINDS.has(kind)) {
    ignored.push({ kind, apiVersion, namespace, name, pos, reason: 'kind not used by discovery or the operators' });
    return;
  }
  if (OPERATOR_KINDS.has(kind)) {
    // Custom resources keep YAML types: their int-or-string fields mean different things per type.
    const typed = d.typedValue(prefix);
    if (isObj(typed)) v = typed;
  }
  const o = v as { [k: string]: PlainValue };
  // A method, not an arrow function in a const: one per stored object, and tsx (the CLI, the bench) runs esbuild with
  // keepNames, which names such arrows by defining `name` on them — a dictionary-mode function object each.
  const where = {
    locate(path: (string | number)[]): SourceRange | undefined {
      return d.locate([...prefix, ...path]);
    },
  };
  const locate = where.locate;
  if (!name) {
    diagnostics.push(diag('INVALID_FIELD', 'error', `${kind} without metadata.name; ignored`, locate(['metadata']) ?? { ...pos }));
    return;
  }
  const fallback: SourceRange = { ...pos };
  const bad = shapeError(o);
  if (bad) {
    diagnostics.push(diag('INVALID_FIELD', 'error', `${kind} ${namespace ? namespace + '/' : ''}${name}: ${bad.message}; a real API server rejects this object; ignored`, locate(bad.path) ?? fallback));
    return;
  }
  if (kind === 'Secret') {
    // Secrets: metadata and the names of the data keys only (the operators check that keys exist);
    // values are never kept.
    const keys = [...Object.keys(isObj(o.data) ? o.data : {}), ...Object.keys(isObj(o.stringData) ? o.stringData : {})];
    const values: Record<string, string> = {};
    if (isObj(o.data)) for (const [k, val] of Object.entries(o.data)) values[k] = decodeBase64(String(val ?? ''));
    if (isObj(o.stringData)) for (const [k, val] of Object.entries(o.stringData)) values[k] = String(val ?? '');
    sink.secretValues.set(`${namespace ?? 'default'}/${name}`, values);
    v = { apiVersion, kind, metadata: o.metadata ?? null, type: o.type ?? null, dataKeys: keys };
  }
  normalizeObject(v as { [k: string]: PlainValue }, { locate, fallback, diagnostics });
  const stored: StoredObject = {
    obj: v as unknown as KubeObject,
    origin: { file: d.file, doc: d.doc, pos, ...(item !== undefined ? { item } : {}) },
    locate,
  };
  const prev = store.put(stored);
  if (prev && !prev.origin.implied) {
    const o = stored.obj;
    diagnostics.push(
      diag('DUPLICATE_OBJECT', 'warning', `${kind} ${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name} appears twice; the later one is used (first at ${prev.origin.file}:${prev.origin.pos.line})`, { ...pos }),
    );
  }
}

/** The API server has a Namespace object for every namespace in use, labelled
 * `kubernetes.io/metadata.name` (NamespaceDefaultLabelName admission, Kubernetes 1.21+). */
function addImpliedNamespaces(store: ObjectStore): void {
  for (const ns of store.list('Namespace')) {
    const labels = (ns.obj.metadata.labels ??= {});
    if (labels['kubernetes.io/metadata.name'] === undefined) labels['kubernetes.io/metadata.name'] = ns.obj.metadata.name;
  }
  const used = new Set<string>();
  for (const o of store.all()) if (o.obj.metadata.namespace) used.add(o.obj.metadata.namespace);
  for (const name of used) {
    if (store.get('Namespace', undefined, name)) continue;
    store.put({
      obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } },
      origin: { file: '(implied)', doc: 0, pos: { file: '(implied)', line: 1, col: 1 }, implied: `namespace ${name} is used by objects but not declared` },
    });
  }
}

/** Secret `data` values are base64; a value that does not decode is kept as written. */
function decodeBase64(s: string): string {
  try {
    const bin = atob(s.replace(/\s+/g, ''));
    const bytes = Uint8Array.from(bin, (c: string) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return s;
  }
}
