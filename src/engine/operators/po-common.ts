// prometheus-operator pieces shared by the ServiceMonitor, PodMonitor, Probe and ScrapeConfig
// generators (pkg/prometheus/promcfg.go): the generator context, relabel rule conversion, selector
// rules, the enforced namespace label, sharding, kubernetes_sd_configs and the HTTP client keys.
import type { StoredObject } from '../ingest/kinds.ts';
import type { RuleOrigin } from '../trace.ts';
import type { Assets } from './assets.ts';
import type { LabelSelector } from './label-selector.ts';
import { selectorString } from './label-selector.ts';
import { rule, Rules } from './rules.ts';
import type { OperatorOwner } from './types.ts';
import { bool, isObj, obj, objList, originOf, sanitizeLabelName, str, strList, versionAtLeast, type Obj, type Path } from './values.ts';
import { MapSlice, type YValue } from './yaml-emit.ts';

export const DEFAULT_PROMETHEUS_VERSION = 'v3.13.2';
const TLS_ASSETS_DIR = '/etc/prometheus/certs';

export interface ScrapeClassRef {
  cls: Obj;
  index: number;
}

/** Everything the generator reads from the Prometheus/PrometheusAgent object (CommonPrometheusFields). */
export interface PromCtx {
  owner: OperatorOwner;
  so: StoredObject | undefined;
  spec: Obj;
  version: [number, number, number];
  agent: boolean;
  /** PrometheusAgent mode: DaemonSet (only PodMonitors are rendered, no sharding). */
  daemonSet: boolean;
  scrapeClasses: Map<string, ScrapeClassRef>;
  defaultClass: string | undefined;
  shards: number;
  shardRetention: boolean;
  assets: Assets;
}

export const atLeast = (ctx: PromCtx, v: string): boolean => versionAtLeast(ctx.version, v);

export const promOrigin = (ctx: PromCtx, path: Path): RuleOrigin => originOf(ctx.so, ctx.owner.kind, ctx.owner.namespace, ctx.owner.name, path);

/** getScrapeClassOrDefault: the named class if it exists, else the default one, else none. */
export function scrapeClassFor(ctx: PromCtx, name: string | undefined): ScrapeClassRef | undefined {
  if (name && ctx.scrapeClasses.has(name)) return ctx.scrapeClasses.get(name);
  if (ctx.defaultClass) return ctx.scrapeClasses.get(ctx.defaultClass);
  return undefined;
}

/** generateRelabelConfig: keys in the operator's order, action lower-cased. The CRD defaults an absent
 * action to `replace` (objects read from the API server carry it). */
export function poRelabel(rc: Obj, defaultAction = true): MapSlice {
  const r = new MapSlice();
  const sl = strList(rc, 'sourceLabels');
  if (sl.length) r.add('source_labels', sl);
  if (rc.separator !== undefined && rc.separator !== null) r.add('separator', String(rc.separator));
  const tl = str(rc, 'targetLabel');
  if (tl) r.add('target_label', tl);
  const re = str(rc, 'regex');
  if (re) r.add('regex', re);
  const mod = typeof rc.modulus === 'number' ? rc.modulus : Number(str(rc, 'modulus') ?? 0);
  if (mod) r.add('modulus', mod);
  if (rc.replacement !== undefined && rc.replacement !== null) r.add('replacement', String(rc.replacement));
  const action = str(rc, 'action') ?? (defaultAction ? 'replace' : undefined);
  if (action) r.add('action', action.toLowerCase());
  return r;
}

export function appendRelabels(rules: Rules, list: Obj[], origin: (i: number) => RuleOrigin): void {
  list.forEach((rc, i) => rules.push(poRelabel(rc), origin(i)));
}

/** Selector → keep/drop rules on `__meta_kubernetes_<kind>_label_*` paired with `_labelpresent_*`. */
export function selectorRules(rules: Rules, sel: LabelSelector, kind: string, origin: (path: Path) => RuleOrigin): void {
  const label = (k: string) => `__meta_kubernetes_${kind}_label_${sanitizeLabelName(k)}`;
  const present = (k: string) => `__meta_kubernetes_${kind}_labelpresent_${sanitizeLabelName(k)}`;
  for (const k of Object.keys(sel.matchLabels).sort()) {
    rules.push(rule(['action', 'keep'], ['source_labels', [label(k), present(k)]], ['regex', `(${sel.matchLabels[k]});true`]), origin(['matchLabels', k]));
  }
  sel.matchExpressions.forEach((e, i) => {
    const o = origin(['matchExpressions', i]);
    const vals = `(${e.values.join('|')});true`;
    if (e.operator === 'In') rules.push(rule(['action', 'keep'], ['source_labels', [label(e.key), present(e.key)]], ['regex', vals]), o);
    else if (e.operator === 'NotIn') rules.push(rule(['action', 'drop'], ['source_labels', [label(e.key), present(e.key)]], ['regex', vals]), o);
    else if (e.operator === 'Exists') rules.push(rule(['action', 'keep'], ['source_labels', [present(e.key)]], ['regex', 'true']), o);
    else if (e.operator === 'DoesNotExist') rules.push(rule(['action', 'drop'], ['source_labels', [present(e.key)]], ['regex', 'true']), o);
  });
}

const RESOURCE_KIND: Record<string, string> = {
  servicemonitors: 'ServiceMonitor',
  podmonitors: 'PodMonitor',
  probes: 'Probe',
  scrapeconfigs: 'ScrapeConfig',
  prometheusrules: 'PrometheusRule',
};

/** namespacelabeler.GetRelabelingConfigs: the enforced namespace rule, unless the monitor is excluded. */
export function enforcedNamespaceRule(ctx: PromCtx, kind: string, namespace: string, name: string): { rule: MapSlice; origin: RuleOrigin } | undefined {
  const label = str(ctx.spec, 'enforcedNamespaceLabel');
  if (!label) return undefined;
  for (const ex of objList(ctx.spec, 'excludedFromEnforcement')) {
    const group = str(ex, 'group') ?? 'monitoring.coreos.com';
    const exKind = RESOURCE_KIND[str(ex, 'resource') ?? ''];
    const exNs = str(ex, 'namespace') ?? '';
    if (!exNs || !exKind || group !== 'monitoring.coreos.com') continue;
    const exName = str(ex, 'name') ?? '';
    if (exKind === kind && exNs === namespace && (exName === '' || exName === name)) return undefined;
  }
  return { rule: rule(['target_label', label], ['replacement', namespace]), origin: promOrigin(ctx, ['enforcedNamespaceLabel']) };
}

/** appendShardingRelabelingWithLabel (topology sharding off). */
export function appendSharding(ctx: PromCtx, rules: Rules, shardLabel: string): void {
  const o = promOrigin(ctx, ['shards']);
  if (ctx.shardRetention) {
    rules.push(rule(['target_label', '__tmp_current_shard'], ['replacement', '$(SHARD)'], ['action', 'replace']), o);
    const pattern = Array.from({ length: ctx.shards }, (_, i) => String(i)).join('|');
    rules.push(rule(['source_labels', ['__tmp_current_shard']], ['regex', pattern], ['action', 'keep']), o);
  }
  rules.push(rule(['source_labels', [shardLabel, '__tmp_hash']], ['target_label', '__tmp_hash'], ['regex', '(.+);'], ['replacement', '$1'], ['action', 'replace']), o);
  rules.push(rule(['source_labels', ['__tmp_hash']], ['target_label', '__tmp_hash'], ['modulus', ctx.shards], ['action', 'hashmod']), o);
  rules.push(rule(['source_labels', ['__tmp_hash', '__tmp_disable_sharding']], ['regex', '$(SHARD);|.+;.+'], ['action', 'keep']), o);
}

/** The namespaces a monitor discovers in (getNamespacesFromNamespaceSelector); [] = all. */
export function monitorNamespaces(ctx: PromCtx, nsSel: Obj | undefined, namespace: string): string[] {
  if (bool(ctx.spec, 'ignoreNamespaceSelectors')) return [namespace];
  if (bool(nsSel, 'any')) return [];
  const names = strList(nsSel, 'matchNames');
  return names.length ? names : [namespace];
}

export interface K8sSDOptions {
  nsSel: Obj | undefined;
  namespace: string;
  role: string;
  /** attach_metadata.node and the minimum Prometheus version for it, when set. */
  attachNode?: { node: boolean; minVersion: string };
  /** RoleSelector mechanism: roles to emit `selectors` for, with the monitor's selector. */
  roleSelector?: { roles: string[]; selector: LabelSelector };
}

/** generateK8SSDConfig: one kubernetes_sd_configs entry. */
export function k8sSDConfig(ctx: PromCtx, o: K8sSDOptions): MapSlice {
  const sd = new MapSlice().add('role', o.role);
  const ns = monitorNamespaces(ctx, o.nsSel, o.namespace);
  if (ns.length) sd.add('namespaces', new MapSlice().add('names', ns));
  const api = obj(ctx.spec.apiserverConfig);
  if (api) {
    sd.add('api_server', str(api, 'host') ?? '');
    addBasicAuth(ctx, sd, o.namespace, obj(api.basicAuth));
    if (str(api, 'bearerToken')) sd.add('bearer_token', str(api, 'bearerToken'));
    if (str(api, 'bearerTokenFile')) sd.add('bearer_token_file', str(api, 'bearerTokenFile'));
    addAuthorization(ctx, sd, o.namespace, obj(api.authorization));
    addTLS(ctx, sd, o.namespace, obj(api.tlsConfig));
    addProxy(ctx, sd, o.namespace, api);
  }
  if (o.attachNode && atLeast(ctx, o.attachNode.minVersion)) sd.add('attach_metadata', new MapSlice().add('node', o.attachNode.node));
  const selectors: MapSlice[] = [];
  if (ctx.daemonSet) selectors.push(new MapSlice().add('role', 'pod').add('field', 'spec.nodeName=$(NODE_NAME)'));
  if (o.roleSelector) {
    const s = selectorString(o.roleSelector.selector);
    for (const role of o.roleSelector.roles) selectors.push(new MapSlice().add('role', role).add('label', s));
  }
  if (selectors.length) sd.add('selectors', selectors);
  return sd;
}

// --- HTTP client keys ------------------------------------------------------------------------------

export function addBasicAuth(ctx: PromCtx, cfg: MapSlice, ns: string, ba: Obj | undefined): void {
  if (!ba) return;
  const u = ctx.assets.secret(ns, obj(ba.username), 'po');
  const p = ctx.assets.secret(ns, obj(ba.password), 'po');
  cfg.add('basic_auth', new MapSlice().add('username', u.ok ? u.value : '').add('password', p.ok ? p.value : ''));
}

export function addAuthorization(ctx: PromCtx, cfg: MapSlice, ns: string, auth: Obj | undefined): void {
  if (!auth || !atLeast(ctx, '2.26.0')) return;
  const a = new MapSlice().add('type', (str(auth, 'type') || 'Bearer').trim());
  if (isObj(auth.credentials)) {
    const c = ctx.assets.secret(ns, auth.credentials, 'po');
    if (c.ok) a.add('credentials', c.value);
  }
  if (str(auth, 'credentialsFile')) a.add('credentials_file', str(auth, 'credentialsFile'));
  cfg.add('authorization', a);
}

/** addProxyConfigtoYaml; `p` holds the inline ProxyConfig fields. */
export function addProxy(ctx: PromCtx, cfg: MapSlice, ns: string, p: Obj | undefined): void {
  if (!p) return;
  if (str(p, 'proxyUrl') !== undefined) cfg.add('proxy_url', str(p, 'proxyUrl'));
  if (!atLeast(ctx, '2.43.0')) return;
  if (str(p, 'noProxy') !== undefined) cfg.add('no_proxy', str(p, 'noProxy'));
  if (bool(p, 'proxyFromEnvironment') !== undefined) cfg.add('proxy_from_environment', bool(p, 'proxyFromEnvironment'));
  const h = obj(p.proxyConnectHeader);
  if (h) {
    const out: { [k: string]: YValue } = {};
    for (const [k, sels] of Object.entries(h)) {
      out[k] = (Array.isArray(sels) ? sels : []).map((s) => {
        const v = ctx.assets.secret(ns, obj(s), 'po');
        return v.ok ? v.value : '';
      });
    }
    cfg.add('proxy_connect_header', out);
  }
}

const tlsAsset = (ns: string, soc: Obj | undefined): string | undefined => {
  if (isObj(soc?.secret)) return `${TLS_ASSETS_DIR}/0_${ns}_${str(soc.secret, 'name') ?? ''}_${str(soc.secret, 'key') ?? ''}`;
  if (isObj(soc?.configMap)) return `${TLS_ASSETS_DIR}/1_${ns}_${str(soc.configMap, 'name') ?? ''}_${str(soc.configMap, 'key') ?? ''}`;
  return undefined;
};

/** addSafeTLStoYaml + the file fields of addTLStoYaml. */
export function tlsConfig(ctx: PromCtx, ns: string, tls: Obj): MapSlice {
  const t = new MapSlice();
  if (bool(tls, 'insecureSkipVerify') !== undefined) t.add('insecure_skip_verify', bool(tls, 'insecureSkipVerify'));
  t.add('ca_file', tlsAsset(ns, obj(tls.ca)));
  t.add('cert_file', tlsAsset(ns, obj(tls.cert)));
  if (isObj(tls.keySecret)) t.add('key_file', tlsAsset(ns, { secret: tls.keySecret }));
  if (str(tls, 'serverName')) t.add('server_name', str(tls, 'serverName'));
  if (str(tls, 'minVersion') && atLeast(ctx, '2.35.0')) t.add('min_version', str(tls, 'minVersion'));
  if (str(tls, 'maxVersion') && atLeast(ctx, '2.41.0')) t.add('max_version', str(tls, 'maxVersion'));
  if (str(tls, 'caFile')) t.add('ca_file', str(tls, 'caFile'));
  if (str(tls, 'certFile')) t.add('cert_file', str(tls, 'certFile'));
  if (str(tls, 'keyFile')) t.add('key_file', str(tls, 'keyFile'));
  return t;
}

export function addTLS(ctx: PromCtx, cfg: MapSlice, ns: string, tls: Obj | undefined): void {
  if (tls) cfg.add('tls_config', tlsConfig(ctx, ns, tls));
}

const isZero = (o: Obj | undefined): boolean => !o || Object.values(o).every((v) => v === undefined || v === null);

/** mergeTLSConfigWithScrapeClass / mergeSafeTLSConfigWithScrapeClass. */
export function mergeTLS(tls: Obj | undefined, cls: Obj | undefined, safe: boolean): Obj | undefined {
  const classTLS = obj(cls?.tlsConfig);
  if (!tls || (safe && isZero(tls))) return classTLS;
  if (!classTLS) return tls;
  const t = { ...tls };
  if (!str(t, 'caFile') && !isObj(t.ca)) t.caFile = classTLS.caFile;
  if (!str(t, 'certFile') && !isObj(t.cert)) t.certFile = classTLS.certFile;
  if (!str(t, 'keyFile') && !isObj(t.keySecret)) t.keyFile = classTLS.keyFile;
  return t;
}

/** mergeSafeAuthorizationWithScrapeClass. */
export function mergeAuthorization(auth: Obj | undefined, cls: Obj | undefined): Obj | undefined {
  const classAuth = obj(cls?.authorization);
  if (!auth || isZero(auth)) return classAuth;
  if (!classAuth) return auth;
  const a = { ...auth };
  if (!isObj(a.credentials)) a.credentials = classAuth.credentials;
  if (!isObj(a.credentials) && !str(a, 'credentialsFile')) {
    a.credentials = classAuth.credentials;
    a.credentialsFile = classAuth.credentialsFile;
  }
  return a;
}

export function addOAuth2(ctx: PromCtx, cfg: MapSlice, ns: string, o: Obj | undefined): void {
  if (!o || !atLeast(ctx, '2.27.0')) return;
  const id = ctx.assets.secretOrConfigMap(ns, obj(o.clientId), 'po');
  const secret = ctx.assets.secret(ns, obj(o.clientSecret), 'po');
  if (!id?.ok || !secret.ok) return;
  const m = new MapSlice().add('client_id', id.value).add('client_secret', secret.value).add('token_url', str(o, 'tokenUrl') ?? '');
  const scopes = strList(o, 'scopes');
  if (scopes.length) m.add('scopes', scopes);
  const ep = obj(o.endpointParams);
  if (ep && Object.keys(ep).length) m.add('endpoint_params', ep as { [k: string]: YValue });
  if (atLeast(ctx, '2.43.0')) {
    addProxy(ctx, m, ns, o);
    if (isObj(o.tlsConfig)) m.add('tls_config', tlsConfig(ctx, ns, o.tlsConfig));
  }
  cfg.add('oauth2', m);
}

export function addBearerTokenSecret(ctx: PromCtx, cfg: MapSlice, ns: string, sel: unknown): void {
  if (!isObj(sel) || !str(sel, 'name')) return;
  const v = ctx.assets.secret(ns, sel, 'po');
  if (v.ok) cfg.add('bearer_token', v.value);
}

// --- scrape-level keys ------------------------------------------------------------------------------

/** honor_labels (always; forced false by overrideHonorLabels). */
export function addHonorLabels(ctx: PromCtx, cfg: MapSlice, v: boolean): void {
  cfg.add('honor_labels', bool(ctx.spec, 'overrideHonorLabels') ? false : v);
}

/** honor_timestamps only when set or overridden. */
export function addHonorTimestamps(ctx: PromCtx, cfg: MapSlice, v: boolean | undefined): void {
  const override = bool(ctx.spec, 'overrideHonorTimestamps') ?? false;
  if (v === undefined && !override) return;
  if (atLeast(ctx, '2.9.0')) cfg.add('honor_timestamps', (v ?? false) && !override);
}

export function addTrackTimestampsStaleness(ctx: PromCtx, cfg: MapSlice, v: boolean | undefined): void {
  if (v !== undefined && atLeast(ctx, '2.48.0')) cfg.add('track_timestamps_staleness', v);
}

const LIMITS: [spec: string, enforced: string, key: string, min: string][] = [
  ['sampleLimit', 'enforcedSampleLimit', 'sample_limit', ''],
  ['targetLimit', 'enforcedTargetLimit', 'target_limit', '2.21.0'],
  ['labelLimit', 'enforcedLabelLimit', 'label_limit', '2.27.0'],
  ['labelNameLengthLimit', 'enforcedLabelNameLengthLimit', 'label_name_length_limit', '2.27.0'],
  ['labelValueLengthLimit', 'enforcedLabelValueLengthLimit', 'label_value_length_limit', '2.27.0'],
  ['keepDroppedTargets', 'enforcedKeepDroppedTargets', 'keep_dropped_targets', '2.47.0'],
];

const num = (o: Obj | undefined, k: string): number | undefined => (typeof o?.[k] === 'number' ? (o[k] as number) : undefined);

/** AddLimitsToYAML for every limit, then native histograms, scrape protocols and the fallback protocol. */
export function addLimits(ctx: PromCtx, cfg: MapSlice, spec: Obj, cls: Obj | undefined, withBodySize: boolean): void {
  for (const [k, ek, key, min] of LIMITS) {
    const user = num(spec, k);
    const enforced = num(ctx.spec, ek);
    let v: number | undefined;
    if (!enforced) v = user;
    else if (!user) v = atLeast(ctx, '2.45.0') ? undefined : enforced;
    else v = Math.min(user, enforced);
    if (v !== undefined && (!min || atLeast(ctx, min))) cfg.add(key, v);
  }
  if (bool(spec, 'scrapeNativeHistograms') !== undefined && atLeast(ctx, '3.8.0')) cfg.add('scrape_native_histograms', bool(spec, 'scrapeNativeHistograms'));
  if (num(spec, 'nativeHistogramBucketLimit') !== undefined && atLeast(ctx, '2.45.0')) cfg.add('native_histogram_bucket_limit', num(spec, 'nativeHistogramBucketLimit'));
  if (spec.nativeHistogramMinBucketFactor !== undefined && atLeast(ctx, '2.50.0')) cfg.add('native_histogram_min_bucket_factor', Number(spec.nativeHistogramMinBucketFactor));
  if (bool(spec, 'scrapeClassicHistograms') !== undefined) {
    cfg.add(ctx.version[0] >= 3 ? 'always_scrape_classic_histograms' : 'scrape_classic_histograms', bool(spec, 'scrapeClassicHistograms'));
  }
  if (bool(spec, 'convertClassicHistogramsToNHCB') !== undefined && atLeast(ctx, '3.0.0')) cfg.add('convert_classic_histograms_to_nhcb', bool(spec, 'convertClassicHistogramsToNHCB'));
  addScrapeProtocols(ctx, cfg, spec, cls);
  if (withBodySize) {
    const v = str(spec, 'bodySizeLimit');
    const e = str(ctx.spec, 'enforcedBodySizeLimit');
    const body = !e ? v : !v ? e : byteSize(v) > byteSize(e) ? e : v;
    if (body && atLeast(ctx, '2.28.0')) cfg.add('body_size_limit', body);
  }
}

export function addScrapeProtocols(ctx: PromCtx, cfg: MapSlice, spec: Obj, cls: Obj | undefined): void {
  const sp = strList(spec, 'scrapeProtocols').filter((p) => p !== 'PrometheusText1.0.0' || atLeast(ctx, '3.0.0'));
  if (spec.scrapeProtocols !== undefined && atLeast(ctx, '2.49.0') && strList(spec, 'scrapeProtocols').length) cfg.add('scrape_protocols', sp);
  const fb = str(spec, 'fallbackScrapeProtocol') ?? str(cls, 'fallbackScrapeProtocol');
  if (fb && atLeast(ctx, '3.0.0')) cfg.add('fallback_scrape_protocol', fb);
}

/** units.ParseBase2Bytes, enough to compare body size limits. */
function byteSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGTPE]?i?B)?$/i.exec(s.trim());
  if (!m) return 0;
  const pow = { '': 0, B: 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 } as Record<string, number>;
  const unit = (m[2] ?? '').toUpperCase().replace(/I?B$/, '');
  return Number(m[1]) * 1024 ** (pow[unit] ?? 0);
}

export function metricRelabelings(ctx: PromCtx, cls: ScrapeClassRef | undefined, list: Obj[], monitor: { kind: string; namespace: string; name: string }, origin: (i: number) => RuleOrigin): Rules {
  const rules = new Rules();
  objList(cls?.cls, 'metricRelabelings').forEach((rc, i) => rules.push(poRelabel(rc), promOrigin(ctx, ['scrapeClasses', cls?.index ?? 0, 'metricRelabelings', i])));
  appendRelabels(rules, list, origin);
  const enf = enforcedNamespaceRule(ctx, monitor.kind, monitor.namespace, monitor.name);
  if (enf) rules.push(enf.rule, enf.origin);
  return rules;
}
