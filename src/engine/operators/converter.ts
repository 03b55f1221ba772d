// prometheus-operator objects → VictoriaMetrics objects, as the VM operator's converter does
// (internal/controller/operator/factory/converter/apis.go ServiceMonitor/PodMonitor/Probe and
// converter/v1alpha1/apis.go ScrapeConfig). It is on by default (VM_ENABLEDPROMETHEUSCONVERTER_*), so a
// VMAgent also scrapes what ServiceMonitors describe — with VM semantics (no labelpresent pairing, no
// running filter for services, relabel actions passed through with their case).
import type { KubeObject, StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';
import { bool, isObj, obj, objList, str, strList, type Obj, type Path } from './values.ts';

export interface ConverterConfig {
  labelPrefixes: string[];
  annotationPrefixes: string[];
  enabled: Record<'ServiceMonitor' | 'PodMonitor' | 'Probe' | 'ScrapeConfig', boolean>;
}

export function converterConfig(env: Record<string, string> | undefined): ConverterConfig {
  const list = (k: string) => (env?.[k] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const on = (k: string) => (env?.[`VM_ENABLEDPROMETHEUSCONVERTER_${k}`] ?? 'true').toLowerCase() !== 'false';
  return {
    labelPrefixes: list('VM_FILTERPROMETHEUSCONVERTERLABELPREFIXES'),
    annotationPrefixes: list('VM_FILTERPROMETHEUSCONVERTERANNOTATIONPREFIXES'),
    enabled: { ServiceMonitor: on('SERVICESCRAPE'), PodMonitor: on('PODMONITOR'), Probe: on('PROBE'), ScrapeConfig: on('SCRAPECONFIG') },
  };
}

/** FilterPrefixes: drop keys starting with any prefix; an emptied map becomes nil. */
function filterPrefixes(m: Record<string, string> | undefined, prefixes: string[]): Record<string, string> | undefined {
  if (!m || !Object.keys(m).length || !prefixes.length) return m;
  const out = Object.fromEntries(Object.entries(m).filter(([k]) => !prefixes.some((p) => k.startsWith(p))));
  return Object.keys(out).length ? out : undefined;
}

const replacePromDir = (p: unknown): unknown =>
  typeof p === 'string' ? p.replace(/^\/etc\/prometheus\/secrets/, '/etc/vm/secrets').replace(/^\/etc\/prometheus\/configmaps/, '/etc/vm/configs') : p;

/** Drops undefined values so converted objects read like the Go structs' omitempty output. */
function clean<T extends Obj>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** ConvertRelabelConfig: fields copied (action case kept), regex → one-element list, and lower-case
 * keep/drop/hashmod rules without sourceLabels dropped. Returns the rules with their source indexes. */
export function convertRelabelings(list: Obj[] | undefined): { rules: Obj[]; from: number[] } | undefined {
  if (!list) return undefined;
  const rules: Obj[] = [];
  const from: number[] = [];
  list.forEach((r, i) => {
    const sl = strList(r, 'sourceLabels');
    const action = str(r, 'action');
    if ((action === 'keep' || action === 'drop' || action === 'hashmod') && !sl.length) return;
    rules.push(clean({ sourceLabels: sl.length ? sl : undefined, separator: r.separator ?? undefined, targetLabel: str(r, 'targetLabel') || undefined, modulus: typeof r.modulus === 'number' && r.modulus ? r.modulus : undefined, replacement: r.replacement ?? undefined, action, regex: str(r, 'regex') ? [str(r, 'regex')] : undefined }));
    from.push(i);
  });
  return { rules, from };
}

function convertTLS(t: Obj | undefined, safe: boolean): Obj | undefined {
  if (!t) return undefined;
  return clean({
    caFile: safe ? undefined : (replacePromDir(str(t, 'caFile')) as string | undefined) || undefined,
    ca: obj(t.ca),
    certFile: safe ? undefined : (replacePromDir(str(t, 'certFile')) as string | undefined) || undefined,
    cert: obj(t.cert),
    keyFile: safe ? undefined : (replacePromDir(str(t, 'keyFile')) as string | undefined) || undefined,
    keySecret: obj(t.keySecret),
    insecureSkipVerify: bool(t, 'insecureSkipVerify'),
    serverName: str(t, 'serverName'),
  });
}

function convertOAuth2(o: Obj | undefined): Obj | undefined {
  if (!o) return undefined;
  return clean({ client_id: obj(o.clientId) ?? {}, client_secret: obj(o.clientSecret) ?? {}, scopes: o.scopes ?? undefined, token_url: str(o, 'tokenUrl') ?? '', endpoint_params: o.endpointParams ?? undefined });
}

function convertAuth(ep: Obj, safe: boolean): Obj {
  const a = obj(ep.authorization);
  const bts = obj(ep.bearerTokenSecret);
  return clean({
    basicAuth: isObj(ep.basicAuth) ? clean({ username: obj(ep.basicAuth.username), password: obj(ep.basicAuth.password) }) : undefined,
    tlsConfig: convertTLS(obj(ep.tlsConfig), safe),
    oauth2: convertOAuth2(obj(ep.oauth2)),
    authorization: a ? clean({ type: str(a, 'type'), credentials: obj(a.credentials) }) : undefined,
    bearerTokenFile: safe ? undefined : (replacePromDir(str(ep, 'bearerTokenFile')) as string | undefined) || undefined,
    bearerTokenSecret: bts && (str(bts, 'name') || str(bts, 'key')) ? bts : undefined,
  });
}

interface Converted {
  obj: KubeObject;
  /** VM path → source path (for origins and positions). */
  mapPath: (p: Path) => Path;
}

type IndexMaps = Map<string, number[]>;

function metadata(src: KubeObject, cfg: ConverterConfig): KubeObject['metadata'] {
  const m: KubeObject['metadata'] = { name: src.metadata.name, namespace: src.metadata.namespace ?? 'default' };
  const labels = filterPrefixes(src.metadata.labels, cfg.labelPrefixes);
  const ann = filterPrefixes(src.metadata.annotations, cfg.annotationPrefixes);
  if (labels) m.labels = labels;
  if (ann) m.annotations = ann;
  return m;
}

const RENAME: Record<string, string> = {
  relabelConfigs: 'relabelings',
  metricRelabelConfigs: 'metricRelabelings',
  discoveryRole: 'serviceDiscoveryRole',
  attach_metadata: 'attachMetadata',
  proxyURL: 'proxyUrl',
  client_id: 'clientId',
  client_secret: 'clientSecret',
  token_url: 'tokenUrl',
  endpoint_params: 'endpointParams',
  vmProberSpec: 'prober',
};

/** Renames VM field names back to the prometheus-operator ones and maps filtered relabel indexes. */
function pathMapper(maps: IndexMaps, special?: (p: Path) => Path): (p: Path) => Path {
  return (p) => {
    const q = special ? special(p) : p;
    const out: Path = [];
    for (let i = 0; i < q.length; i++) {
      const step = q[i] as string | number;
      const key = out.join('.');
      if (typeof step === 'number' && maps.has(key)) out.push(maps.get(key)?.[step] ?? step);
      else out.push(typeof step === 'string' ? (RENAME[step] ?? step) : step);
    }
    return out;
  };
}

function endpointFields(ep: Obj, i: number, base: string, maps: IndexMaps, safe: boolean): Obj {
  const rel = convertRelabelings(isObj(ep) && Array.isArray(ep.relabelings) ? objList(ep, 'relabelings') : undefined);
  const mrel = convertRelabelings(Array.isArray(ep.metricRelabelings) ? objList(ep, 'metricRelabelings') : undefined);
  if (rel) maps.set(`spec.${base}.${i}.relabelings`, rel.from);
  if (mrel) maps.set(`spec.${base}.${i}.metricRelabelings`, mrel.from);
  return clean({
    path: str(ep, 'path'),
    scheme: str(ep, 'scheme')?.toLowerCase(),
    params: ep.params ?? undefined,
    interval: str(ep, 'interval'),
    scrapeTimeout: str(ep, 'scrapeTimeout'),
    honorLabels: bool(ep, 'honorLabels') || undefined,
    honorTimestamps: bool(ep, 'honorTimestamps'),
    proxyURL: str(ep, 'proxyUrl'),
    follow_redirects: bool(ep, 'followRedirects'),
    ...convertAuth(ep, safe),
    relabelConfigs: rel?.rules,
    metricRelabelConfigs: mrel?.rules,
  });
}

export function convertServiceMonitor(src: KubeObject, cfg: ConverterConfig): Converted {
  const spec = obj(src.spec) ?? {};
  const maps: IndexMaps = new Map();
  const endpoints = objList(spec, 'endpoints').map((ep, i) => clean({ port: str(ep, 'port') || undefined, targetPort: ep.targetPort ?? undefined, ...endpointFields(ep, i, 'endpoints', maps, false) }));
  const ns = obj(spec.namespaceSelector);
  const out: Obj = clean({
    jobLabel: str(spec, 'jobLabel'),
    targetLabels: spec.targetLabels ?? undefined,
    podTargetLabels: spec.podTargetLabels ?? undefined,
    selector: spec.selector ?? {},
    endpoints,
    namespaceSelector: clean({ any: bool(ns, 'any') || undefined, matchNames: ns?.matchNames ?? undefined }),
    scrapeClass: str(spec, 'scrapeClass'),
    discoveryRole: str(spec, 'serviceDiscoveryRole')?.toLowerCase(),
    sampleLimit: typeof spec.sampleLimit === 'number' ? spec.sampleLimit : undefined,
    attach_metadata: isObj(spec.attachMetadata) ? clean({ node: bool(spec.attachMetadata, 'node') }) : undefined,
  });
  return { obj: { apiVersion: 'operator.victoriametrics.com/v1beta1', kind: 'VMServiceScrape', metadata: metadata(src, cfg), spec: out }, mapPath: pathMapper(maps) };
}

export function convertPodMonitor(src: KubeObject, cfg: ConverterConfig): Converted {
  const spec = obj(src.spec) ?? {};
  const maps: IndexMaps = new Map();
  const eps = objList(spec, 'podMetricsEndpoints').map((ep, i) =>
    clean({ port: str(ep, 'port'), portNumber: typeof ep.portNumber === 'number' ? ep.portNumber : undefined, targetPort: ep.targetPort ?? undefined, filterRunning: bool(ep, 'filterRunning'), ...endpointFields(ep, i, 'podMetricsEndpoints', maps, true) }),
  );
  const ns = obj(spec.namespaceSelector);
  const out: Obj = clean({
    jobLabel: str(spec, 'jobLabel'),
    podTargetLabels: spec.podTargetLabels ?? undefined,
    selector: spec.selector ?? {},
    namespaceSelector: clean({ any: bool(ns, 'any') || undefined, matchNames: ns?.matchNames ?? undefined }),
    podMetricsEndpoints: eps,
    scrapeClass: str(spec, 'scrapeClass'),
    sampleLimit: typeof spec.sampleLimit === 'number' ? spec.sampleLimit : undefined,
    attach_metadata: isObj(spec.attachMetadata) ? clean({ node: bool(spec.attachMetadata, 'node') }) : undefined,
  });
  return { obj: { apiVersion: 'operator.victoriametrics.com/v1beta1', kind: 'VMPodScrape', metadata: metadata(src, cfg), spec: out }, mapPath: pathMapper(maps) };
}

export function convertProbe(src: KubeObject, cfg: ConverterConfig): Converted {
  const spec = obj(src.spec) ?? {};
  const maps: IndexMaps = new Map();
  const targets = obj(spec.targets) ?? {};
  const ing = obj(targets.ingress);
  const st = obj(targets.staticConfig);
  const ingRel = convertRelabelings(ing ? objList(ing, 'relabelingConfigs') : undefined);
  const stRel = convertRelabelings(st ? objList(st, 'relabelingConfigs') : undefined);
  const mrel = convertRelabelings(Array.isArray(spec.metricRelabelings) ? objList(spec, 'metricRelabelings') : undefined);
  if (ingRel) maps.set('spec.targets.ingress.relabelingConfigs', ingRel.from);
  if (stRel) maps.set('spec.targets.staticConfig.relabelingConfigs', stRel.from);
  if (mrel) maps.set('spec.metricRelabelings', mrel.from);
  const prober = obj(spec.prober) ?? {};
  const ns = obj(ing?.namespaceSelector);
  const out: Obj = clean({
    jobName: str(spec, 'jobName'),
    vmProberSpec: clean({ url: str(prober, 'url') ?? '', scheme: str(prober, 'scheme')?.toLowerCase(), path: str(prober, 'path') }),
    module: str(spec, 'module'),
    targets: clean({
      kubernetes: ing ? [clean({ role: 'ingress', selector: ing.selector ?? {}, namespaceSelector: clean({ any: bool(ns, 'any') || undefined, matchNames: ns?.matchNames ?? undefined }), relabelingConfigs: ingRel?.rules })] : undefined,
      static: st ? clean({ targets: st.static ?? [], labels: st.labels ?? undefined, relabelingConfigs: stRel?.rules }) : undefined,
    }),
    interval: str(spec, 'interval'),
    scrapeTimeout: str(spec, 'scrapeTimeout'),
    ...convertAuth(spec, true),
    metricRelabelConfigs: mrel?.rules,
    scrapeClass: str(spec, 'scrapeClass'),
    proxyURL: str(prober, 'proxyUrl'),
    sampleLimit: typeof spec.sampleLimit === 'number' ? spec.sampleLimit : undefined,
  });
  const special = (p: Path): Path => {
    if (p[1] === 'targets' && p[2] === 'kubernetes') return ['spec', 'targets', 'ingress', ...p.slice(4)];
    if (p[1] === 'targets' && p[2] === 'static') return ['spec', 'targets', 'staticConfig', ...(p[3] === 'targets' ? ['static', ...p.slice(4)] : p.slice(3))];
    if (p[1] === 'metricRelabelConfigs') return ['spec', 'metricRelabelings', ...p.slice(2)];
    return p;
  };
  return { obj: { apiVersion: 'operator.victoriametrics.com/v1beta1', kind: 'VMProbe', metadata: metadata(src, cfg), spec: out }, mapPath: pathMapper(maps, special) };
}

/** converter/v1alpha1 ScrapeConfig: the spec is copied through JSON (shared field names survive), with
 * relabelings, metricsPath, scrapeInterval, enableCompression and the role case fixed up. */
export function convertScrapeConfig(src: KubeObject, cfg: ConverterConfig): Converted {
  const spec = { ...(obj(src.spec) ?? {}) };
  const maps: IndexMaps = new Map();
  const rel = convertRelabelings(Array.isArray(spec.relabelings) ? objList(spec, 'relabelings') : undefined);
  const mrel = convertRelabelings(Array.isArray(spec.metricRelabelings) ? objList(spec, 'metricRelabelings') : undefined);
  if (rel) maps.set('spec.relabelings', rel.from);
  if (mrel) maps.set('spec.metricRelabelings', mrel.from);
  const out: Obj = { ...spec };
  for (const k of ['relabelings', 'metricRelabelings', 'metricsPath', 'scrapeInterval', 'enableCompression']) delete out[k];
  Object.assign(out, clean({ relabelConfigs: rel?.rules, metricRelabelConfigs: mrel?.rules, path: str(spec, 'metricsPath'), scrape_interval: str(spec, 'scrapeInterval') }));
  if (bool(spec, 'enableCompression') !== undefined) out.vm_scrape_params = { disable_compression: !bool(spec, 'enableCompression') };
  out.kubernetesSDConfigs = objList(spec, 'kubernetesSDConfigs').map((k) => ({ ...k, role: (str(k, 'role') ?? '').toLowerCase(), selectors: objList(k, 'selectors').map((s) => ({ ...s, role: (str(s, 'role') ?? '').toLowerCase() })) }));
  if (!(out.kubernetesSDConfigs as unknown[]).length) delete out.kubernetesSDConfigs;
  const special = (p: Path): Path => (p[1] === 'path' ? ['spec', 'metricsPath'] : p[1] === 'scrape_interval' ? ['spec', 'scrapeInterval'] : p);
  return { obj: { apiVersion: 'operator.victoriametrics.com/v1beta1', kind: 'VMScrapeConfig', metadata: metadata(src, cfg), spec: out }, mapPath: pathMapper(maps, special) };
}

const CONVERTERS = {
  ServiceMonitor: ['VMServiceScrape', convertServiceMonitor],
  PodMonitor: ['VMPodScrape', convertPodMonitor],
  Probe: ['VMProbe', convertProbe],
  ScrapeConfig: ['VMScrapeConfig', convertScrapeConfig],
} as const;

export interface ConvertedObject extends StoredObject {
  convertedFrom: { kind: string; namespace: string; name: string };
  /** The prometheus-operator object it came from, and VM path → source path. */
  source: StoredObject;
  mapPath: (p: Path) => Path;
}

/** Every enabled prometheus-operator object, converted; positions point back into the source object. */
export function convertAll(store: ObjectStore, cfg: ConverterConfig): { kind: string; so: ConvertedObject }[] {
  const out: { kind: string; so: ConvertedObject }[] = [];
  for (const [srcKind, [vmKind, fn]] of Object.entries(CONVERTERS)) {
    if (!cfg.enabled[srcKind as keyof ConverterConfig['enabled']]) continue;
    for (const src of store.list(srcKind)) {
      const c = fn(src.obj, cfg);
      const so: ConvertedObject = {
        obj: c.obj,
        origin: src.origin,
        locate: (p) => src.locate?.(c.mapPath(p)),
        convertedFrom: { kind: srcKind, namespace: src.obj.metadata.namespace ?? 'default', name: src.obj.metadata.name },
        source: src,
        mapPath: c.mapPath,
      };
      out.push({ kind: vmKind, so });
    }
  }
  return out;
}
