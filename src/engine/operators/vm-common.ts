// VictoriaMetrics operator pieces shared by the VM scrape generators
// (internal/controller/operator/factory/vmscrapes/vmscrapes.go and build/cache.go): relabel rules,
// selector rules, kubernetes_sd_configs, common scrape parameters, auth rendering with Secret values
// inlined and TLS assets turned into mounted file paths, and the scrape-class merges.
import type { StoredObject } from '../ingest/kinds.ts';
import type { RuleOrigin } from '../trace.ts';
import type { Assets, Lookup } from './assets.ts';
import { isEmptySelector, selectorString, type LabelSelector } from './label-selector.ts';
import { rule, Rules } from './rules.ts';
import type { OperatorOwner } from './types.ts';
import { bool, int, isObj, obj, objList, originOf, parseVMDuration, sanitizeLabelName, str, strList, strListMap, type Obj, type Path } from './values.ts';
import { MapSlice, type YValue } from './yaml-emit.ts';

export interface VMCtx {
  owner: OperatorOwner;
  so: StoredObject | undefined;
  /** VMAgent spec (CommonScrapeParams and the rest). */
  spec: Obj;
  assets: Assets;
  tlsDir: string;
  /** ParsedObjects.IgnoreNamespaceSelectors: set only when the operator lacks cluster-wide access — the
   * VMAgent's own spec.ignoreNamespaceSelectors is not read by the generators. */
  ignoreNamespaceSelectors: boolean;
  /** spec.daemonSetMode. */
  mustUseNodeSelector: boolean;
}

/** A referenced Secret/ConfigMap (or key) does not exist: the VM operator skips the whole object
 * (build.IsNotFound → ForEachCollectSkipNotFound). */
export class VMNotFound extends Error {
  constructor(
    message: string,
    readonly path: Path,
  ) {
    super(message);
  }
}

export const vmOrigin = (ctx: VMCtx, path: Path): RuleOrigin => originOf(ctx.so, ctx.owner.kind, ctx.owner.namespace, ctx.owner.name, path);

export const need = (l: Lookup | undefined, path: Path): string => {
  if (!l) return '';
  if (!l.ok) throw new VMNotFound(l.error, path);
  return l.value;
};

/** StringOrArray marshalling: one element → the string, several → a list. */
function stringOrArray(v: unknown): YValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length === 1 ? String(v[0]) : v.length === 0 ? undefined : v.map(String);
  return String(v);
}

/** generateRelabelConfig (camelCase fields win over snake_case ones, RelabelConfig.UnmarshalJSON). */
export function vmRelabel(rc: Obj): MapSlice {
  const r = new MapSlice();
  const sl = strList(rc, 'sourceLabels').length ? strList(rc, 'sourceLabels') : strList(rc, 'source_labels');
  if (sl.length) r.add('source_labels', sl);
  if (rc.separator !== undefined && rc.separator !== null) r.add('separator', String(rc.separator));
  const tl = str(rc, 'targetLabel') || str(rc, 'target_label');
  if (tl) r.add('target_label', tl);
  r.add('regex', stringOrArray(rc.regex));
  const mod = int(rc, 'modulus');
  if (mod) r.add('modulus', mod);
  if (rc.replacement !== undefined && rc.replacement !== null) r.add('replacement', String(rc.replacement));
  if (str(rc, 'action')) r.add('action', str(rc, 'action'));
  r.add('if', stringOrArray(rc.if));
  if (str(rc, 'match')) r.add('match', str(rc, 'match'));
  const labels = obj(rc.labels);
  if (labels && Object.keys(labels).length) r.add('labels', labels as { [k: string]: YValue });
  return r;
}

/** The same RelabelConfig marshalled through its yaml tags (global relabel configs). */
export function vmRelabelYamlTags(rc: Obj): MapSlice {
  const r = new MapSlice();
  const sl = strList(rc, 'source_labels').length ? strList(rc, 'source_labels') : strList(rc, 'sourceLabels');
  if (sl.length) r.add('source_labels', sl);
  const tl = str(rc, 'target_label') || str(rc, 'targetLabel');
  if (tl) r.add('target_label', tl);
  if (rc.separator !== undefined && rc.separator !== null) r.add('separator', String(rc.separator));
  r.add('regex', stringOrArray(rc.regex));
  if (int(rc, 'modulus')) r.add('modulus', int(rc, 'modulus'));
  if (rc.replacement !== undefined && rc.replacement !== null) r.add('replacement', String(rc.replacement));
  if (str(rc, 'action')) r.add('action', str(rc, 'action'));
  r.add('if', stringOrArray(rc.if));
  if (str(rc, 'match')) r.add('match', str(rc, 'match'));
  if (isObj(rc.labels) && Object.keys(rc.labels).length) r.add('labels', rc.labels as { [k: string]: YValue });
  return r;
}

export function pushRelabels(rules: Rules, list: Obj[], origin: (i: number) => RuleOrigin): void {
  list.forEach((rc, i) => rules.push(vmRelabel(rc), origin(i)));
}

/** addSelectorToRelabelingFor: matchLabels keys sorted, raw value as regex (no labelpresent pairing). */
export function vmSelectorRules(rules: Rules, typeName: string, sel: LabelSelector, origin: (p: Path) => RuleOrigin): void {
  const label = (k: string) => `__meta_kubernetes_${typeName}_label_${sanitizeLabelName(k)}`;
  const present = (k: string) => `__meta_kubernetes_${typeName}_labelpresent_${sanitizeLabelName(k)}`;
  for (const k of Object.keys(sel.matchLabels).sort()) {
    rules.push(rule(['action', 'keep'], ['source_labels', [label(k)]], ['regex', sel.matchLabels[k] as string]), origin(['matchLabels', k]));
  }
  sel.matchExpressions.forEach((e, i) => {
    const o = origin(['matchExpressions', i]);
    if (e.operator === 'In') rules.push(rule(['action', 'keep'], ['source_labels', [label(e.key)]], ['regex', e.values.join('|')]), o);
    else if (e.operator === 'NotIn') rules.push(rule(['action', 'drop'], ['source_labels', [label(e.key)]], ['regex', e.values.join('|')]), o);
    else if (e.operator === 'Exists') rules.push(rule(['action', 'keep'], ['source_labels', [present(e.key)]], ['regex', 'true']), o);
    else if (e.operator === 'DoesNotExist') rules.push(rule(['action', 'drop'], ['source_labels', [present(e.key)]], ['regex', 'true']), o);
  });
}

/** getNamespacesFromNamespaceSelector; [] = every namespace. */
export function vmNamespaces(ctx: VMCtx, nsSel: Obj | undefined, namespace: string): string[] {
  if (ctx.ignoreNamespaceSelectors) return [namespace];
  if (bool(nsSel, 'any')) return [];
  const names = strList(nsSel, 'matchNames');
  return names.length ? names : [namespace];
}

export interface VMK8sSD {
  role: string;
  namespaces?: string[];
  attach?: { node?: boolean; namespace?: boolean };
  selector?: LabelSelector;
  namespace: string;
}

/** addAttachMetadata: only `true` values, and only for the roles that support them. */
export function attachMetadata(dst: MapSlice, am: { node?: boolean; namespace?: boolean } | undefined, role: string): void {
  if (!am) return;
  const items = new MapSlice();
  if (am.node && ['pod', 'endpoints', 'endpointslice', 'endpointslices'].includes(role)) items.add('node', true);
  if (am.namespace && ['pod', 'service', 'endpoints', 'endpointslice', 'ingress', 'endpointslices'].includes(role)) items.add('namespace', true);
  if (items.size) dst.add('attach_metadata', items);
}

/** generateK8SSDConfig for one or more roles (a VMProbe may have several). */
export function vmK8sSDConfigs(ctx: VMCtx, opts: VMK8sSD[]): MapSlice[] {
  const api = obj(ctx.spec.apiServerConfig);
  const apiSelectors = bool(ctx.spec, 'enableKubernetesAPISelectors') === true;
  return opts.map((o) => {
    const sd = new MapSlice().add('role', o.role);
    attachMetadata(sd, o.attach, o.role);
    if (o.namespaces?.length) sd.add('namespaces', new MapSlice().add('names', o.namespaces));
    if (api) {
      sd.add('api_server', str(api, 'host') ?? '');
      if (isObj(api.basicAuth)) {
        const ba = basicAuth(ctx, o.namespace, api.basicAuth, ['apiServerConfig', 'basicAuth']);
        if (ba.size) sd.add('basic_auth', ba);
      }
      if (str(api, 'bearerTokenFile')) sd.add('bearer_token_file', str(api, 'bearerTokenFile'));
      else if (str(api, 'bearerToken')) sd.add('bearer_token', str(api, 'bearerToken'));
      for (const [k, v] of authorization(ctx, o.namespace, obj(api.authorization), ['apiServerConfig', 'authorization']).items) sd.add(k, v);
      if (isObj(api.tlsConfig)) {
        const t = tls(ctx, o.namespace, api.tlsConfig, ['apiServerConfig', 'tlsConfig']);
        if (t.size) sd.add('tls_config', t);
      }
    }
    const selectors: MapSlice[] = [];
    if (ctx.mustUseNodeSelector) selectors.push(new MapSlice().add('role', 'pod').add('field', 'spec.nodeName=%{KUBE_NODE_NAME}'));
    else if (apiSelectors && o.selector && !isEmptySelector(o.selector)) {
      const s = selectorString(o.selector);
      selectors.push(new MapSlice().add('role', o.role).add('label', s));
      // Endpoints roles also watch pods and services: the selector applies to them too.
      if (['endpoints', 'endpointslice', 'endpointslices'].includes(o.role)) for (const r of ['pod', 'service']) selectors.push(new MapSlice().add('role', r).add('label', s));
    }
    if (selectors.length) sd.add('selectors', selectors);
    return sd;
  });
}

/** setScrapeIntervalToWithLimit: scrape_interval (else interval), clamped by min/maxScrapeInterval. */
export function scrapeInterval(ctx: VMCtx, ep: Obj): string | undefined {
  const v = str(ep, 'scrape_interval') || str(ep, 'interval');
  if (!v) return v;
  const min = str(ctx.spec, 'minScrapeInterval');
  const max = str(ctx.spec, 'maxScrapeInterval');
  if (min === undefined && max === undefined) return v;
  const d = parseVMDuration(v);
  if (d === undefined) return v;
  if (min !== undefined) {
    const m = parseVMDuration(min);
    if (m === undefined) return v;
    if (m >= d) return min;
  }
  if (max !== undefined) {
    const m = parseVMDuration(max);
    if (m === undefined) return v;
    if (m < d) return max;
  }
  return v;
}

export interface ScrapeParams {
  ep: Obj;
  interval: string | undefined;
  timeout?: string | undefined;
  sampleLimit?: number | undefined;
  seriesLimit?: number | undefined;
}

/** addCommonScrapeParamsTo. */
export function addCommonScrapeParams(ctx: VMCtx, cfg: MapSlice, p: ScrapeParams): void {
  const ep = p.ep;
  const override = bool(ctx.spec, 'overrideHonorLabels') === true;
  cfg.add('honor_labels', (bool(ep, 'honorLabels') ?? false) && !override);
  const ht = bool(ep, 'honorTimestamps');
  const overrideTs = bool(ctx.spec, 'overrideHonorTimestamps') === true;
  if (ht !== undefined || overrideTs) cfg.add('honor_timestamps', (ht ?? false) && !overrideTs);
  if (p.interval) cfg.add('scrape_interval', p.interval);
  const timeout = p.timeout ?? str(ep, 'scrapeTimeout');
  if (timeout) cfg.add('scrape_timeout', timeout);
  if (str(ep, 'path')) cfg.add('metrics_path', str(ep, 'path'));
  if (ep.proxyURL !== undefined && ep.proxyURL !== null) cfg.add('proxy_url', String(ep.proxyURL));
  if (bool(ep, 'follow_redirects') !== undefined) cfg.add('follow_redirects', bool(ep, 'follow_redirects'));
  const params = strListMap(ep, 'params');
  if (params && Object.keys(params).length) cfg.add('params', params);
  if (str(ep, 'scheme')) cfg.add('scheme', (str(ep, 'scheme') as string).toLowerCase());
  if (str(ep, 'max_scrape_size')) cfg.add('max_scrape_size', str(ep, 'max_scrape_size'));
  const sl = p.sampleLimit ?? int(ep, 'sampleLimit') ?? 0;
  if (sl > 0) cfg.add('sample_limit', sl);
  const srl = p.seriesLimit ?? int(ep, 'seriesLimit') ?? 0;
  if (srl > 0) cfg.add('series_limit', srl);
}

/** addMetricRelabelingsTo: rules targeting the enforced namespace label are dropped. */
export function addMetricRelabelings(ctx: VMCtx, cfg: MapSlice, list: Obj[], origin: (i: number) => RuleOrigin): Rules {
  const rules = new Rules();
  const enforced = str(ctx.spec, 'enforcedNamespaceLabel');
  list.forEach((rc, i) => {
    const tl = str(rc, 'targetLabel') || str(rc, 'target_label');
    if (tl && enforced && tl === enforced) return;
    rules.push(vmRelabel(rc), origin(i));
  });
  if (rules.length) cfg.add('metric_relabel_configs', rules.rules);
  return rules;
}

export function enforceNamespaceLabel(ctx: VMCtx, rules: Rules, namespace: string): void {
  const l = str(ctx.spec, 'enforcedNamespaceLabel');
  if (l) rules.push(rule(['target_label', l], ['replacement', namespace]), vmOrigin(ctx, ['enforcedNamespaceLabel']));
}

// --- auth (build/cache.go) ------------------------------------------------------------------------

function assetPath(ctx: VMCtx, ns: string, soc: Obj | undefined, path: Path): string | undefined {
  if (isObj(soc?.secret)) {
    need(ctx.assets.secret(ns, soc.secret, 'vm'), [...path, 'secret']);
    return `${ctx.tlsDir}/${ns}_${str(soc.secret, 'name') ?? ''}_${str(soc.secret, 'key') ?? ''}`;
  }
  if (isObj(soc?.configMap)) {
    need(ctx.assets.configMap(ns, soc.configMap, 'vm'), [...path, 'configMap']);
    return `${ctx.tlsDir}/${ns}_configmap_${str(soc.configMap, 'name') ?? ''}_${str(soc.configMap, 'key') ?? ''}`;
  }
  return undefined;
}

/** TLSToYAML: Secret/ConfigMap references become files under the VMAgent's TLS assets mount. */
export function tls(ctx: VMCtx, ns: string, t: Obj, path: Path): MapSlice {
  const r = new MapSlice();
  if (bool(t, 'insecureSkipVerify')) r.add('insecure_skip_verify', true);
  r.add('ca_file', str(t, 'caFile') || assetPath(ctx, ns, obj(t.ca), [...path, 'ca']));
  r.add('cert_file', str(t, 'certFile') || assetPath(ctx, ns, obj(t.cert), [...path, 'cert']));
  r.add('key_file', str(t, 'keyFile') || (isObj(t.keySecret) ? assetPath(ctx, ns, { secret: t.keySecret }, [...path, 'keySecret']) : undefined));
  if (str(t, 'serverName')) r.add('server_name', str(t, 'serverName'));
  return r;
}

export function basicAuth(ctx: VMCtx, ns: string, b: Obj, path: Path): MapSlice {
  const r = new MapSlice();
  const user = str(obj(b.username), 'name') ? need(ctx.assets.secret(ns, obj(b.username), 'vm'), [...path, 'username']) : '';
  const pass = str(obj(b.password), 'name') ? need(ctx.assets.secret(ns, obj(b.password), 'vm'), [...path, 'password']) : '';
  if (user) r.add('username', user);
  if (pass) r.add('password', pass);
  if (str(b, 'password_file')) r.add('password_file', str(b, 'password_file'));
  return r;
}

/** AuthorizationToYAML: `{authorization: {...}}` or nothing. */
export function authorization(ctx: VMCtx, ns: string, a: Obj | undefined, path: Path): MapSlice {
  const out = new MapSlice();
  if (!a || (!isObj(a.credentials) && !str(a, 'credentialsFile'))) return out;
  const r = new MapSlice();
  if (isObj(a.credentials)) {
    const c = need(ctx.assets.secret(ns, a.credentials, 'vm'), [...path, 'credentials']);
    if (c) r.add('credentials', c);
  } else r.add('credentials_file', str(a, 'credentialsFile'));
  r.add('type', str(a, 'type') || 'Bearer');
  return out.add('authorization', r);
}

/** OAuth2ToYAML: `{oauth2: {...}}` or nothing. */
export function oauth2(ctx: VMCtx, ns: string, o: Obj | undefined, path: Path): MapSlice {
  const out = new MapSlice();
  if (!o) return out;
  const secret = isObj(o.client_secret) ? need(ctx.assets.secret(ns, o.client_secret, 'vm'), [...path, 'client_secret']) : '';
  const id = ctx.assets.secretOrConfigMap(ns, obj(o.client_id), 'vm');
  const clientId = id ? need(id, [...path, 'client_id']) : '';
  const r = new MapSlice();
  if (clientId) r.add('client_id', clientId);
  if (isObj(o.client_secret)) r.add('client_secret', secret);
  else if (str(o, 'client_secret_file')) r.add('client_secret_file', str(o, 'client_secret_file'));
  if (strList(o, 'scopes').length) r.add('scopes', strList(o, 'scopes'));
  if (isObj(o.endpoint_params) && Object.keys(o.endpoint_params).length) r.add('endpoint_params', o.endpoint_params as { [k: string]: YValue });
  if (str(o, 'token_url')) r.add('token_url', str(o, 'token_url'));
  if (str(o, 'proxy_url')) r.add('proxy_url', str(o, 'proxy_url'));
  if (isObj(o.tls_config)) {
    const t = tls(ctx, ns, o.tls_config, [...path, 'tls_config']);
    if (t.size) r.add('tls_config', t);
  }
  if (r.size) out.add('oauth2', r);
  return out;
}

/** addEndpointAuthTo: tls_config, bearer token, basic_auth, oauth2, authorization. */
export function addEndpointAuth(ctx: VMCtx, cfg: MapSlice, ea: Obj, ns: string, path: Path): void {
  if (isObj(ea.tlsConfig)) {
    const t = tls(ctx, ns, ea.tlsConfig, [...path, 'tlsConfig']);
    if (t.size) cfg.add('tls_config', t);
  }
  if (str(ea, 'bearerTokenFile')) cfg.add('bearer_token_file', str(ea, 'bearerTokenFile'));
  else if (isObj(ea.bearerTokenSecret) && str(ea.bearerTokenSecret, 'name')) cfg.add('bearer_token', need(ctx.assets.secret(ns, ea.bearerTokenSecret, 'vm'), [...path, 'bearerTokenSecret']));
  if (isObj(ea.basicAuth)) {
    const b = basicAuth(ctx, ns, ea.basicAuth, [...path, 'basicAuth']);
    if (b.size) cfg.add('basic_auth', b);
  }
  for (const [k, v] of oauth2(ctx, ns, obj(ea.oauth2), [...path, 'oauth2']).items) cfg.add(k, v);
  for (const [k, v] of authorization(ctx, ns, obj(ea.authorization), [...path, 'authorization']).items) cfg.add(k, v);
}

/** buildVMScrapeParams: vmagent-only scrape options, then the proxy client config. */
export function addVMScrapeParams(ctx: VMCtx, cfg: MapSlice, p: Obj | undefined, ns: string, path: Path): void {
  if (!p) return;
  const keys: [string, string][] = [
    ['scrape_align_interval', 'scrape_align_interval'],
    ['stream_parse', 'stream_parse'],
    ['disable_compression', 'disable_compression'],
    ['scrape_offset', 'scrape_offset'],
    ['no_stale_markers', 'no_stale_markers'],
    ['disable_keepalive', 'disable_keep_alive'],
  ];
  for (const [key, field] of keys) if (p[field] !== undefined && p[field] !== null) cfg.add(key, p[field] as YValue);
  if (strList(p, 'headers').length) cfg.add('headers', strList(p, 'headers'));
  const pc = obj(p.proxy_client_config);
  if (!pc) return;
  const pp = [...path, 'proxy_client_config'];
  if (isObj(pc.basic_auth)) {
    const b = basicAuth(ctx, ns, pc.basic_auth, [...pp, 'basic_auth']);
    if (b.size) cfg.add('proxy_basic_auth', b);
  }
  if (isObj(pc.tls_config)) {
    const t = tls(ctx, ns, pc.tls_config, [...pp, 'tls_config']);
    if (t.size) cfg.add('proxy_tls_config', t);
  }
  // The operator nests the AuthorizationToYAML / OAuth2ToYAML result under the proxy key as is.
  const a = authorization(ctx, ns, obj(pc.authorization), [...pp, 'authorization']);
  if (a.size) cfg.add('proxy_authorization', a);
  const o = oauth2(ctx, ns, obj(pc.oauth2), [...pp, 'oauth2']);
  if (o.size) cfg.add('proxy_oauth2', o);
  if (isObj(pc.bearer_token)) {
    const t = need(ctx.assets.secret(ns, pc.bearer_token, 'vm'), [...pp, 'bearer_token']);
    if (t) cfg.add('proxy_bearer_token', t);
  } else if (str(pc, 'bearer_token_file')) cfg.add('proxy_bearer_token_file', str(pc, 'bearer_token_file'));
}

// --- scrape classes ----------------------------------------------------------------------------------

export interface VMScrapeClass {
  cls: Obj;
  index: number;
}

/** getScrapeClass: the named class, else the default one. */
export function vmScrapeClass(ctx: VMCtx, name: string | undefined): VMScrapeClass | undefined {
  let def: VMScrapeClass | undefined;
  for (const [index, cls] of objList(ctx.spec, 'scrapeClasses').entries()) {
    if ((name ?? '') === (str(cls, 'name') ?? '')) return { cls, index };
    if (bool(cls, 'default')) def = { cls, index };
  }
  return def;
}

function mergeTLS(left: Obj | undefined, right: Obj | undefined): Obj | undefined {
  if (!right) return left;
  if (!left) return right;
  const l = { ...left };
  if (!str(l, 'caFile') && !isObj(l.ca)) [l.caFile, l.ca] = [right.caFile, right.ca];
  if (!str(l, 'certFile') && !isObj(l.cert)) [l.certFile, l.cert] = [right.certFile, right.cert];
  if (!str(l, 'keyFile') && !isObj(l.keySecret)) [l.keyFile, l.keySecret] = [right.keyFile, right.keySecret];
  if (!str(l, 'serverName')) l.serverName = right.serverName;
  return l;
}

/** mergeEndpointAuthWithScrapeClass: returns a copy of `ea` with the class' auth filled in. */
export function mergeEndpointAuth(ea: Obj, cls: Obj): Obj {
  const e = { ...ea };
  const ca = obj(cls.authorization);
  if (ca) {
    const a = obj(e.authorization);
    if (!a) e.authorization = ca;
    else {
      const m = { ...a };
      if (!isObj(m.credentials)) m.credentials = ca.credentials;
      if (!isObj(m.credentials) && !str(m, 'credentialsFile')) [m.credentials, m.credentialsFile] = [ca.credentials, ca.credentialsFile];
      e.authorization = m;
    }
  }
  const cb = obj(cls.basicAuth);
  if (cb) {
    const b = obj(e.basicAuth);
    if (!b) e.basicAuth = cb;
    else {
      const m = { ...b };
      if (!str(obj(m.username), 'name')) m.username = cb.username;
      if (!str(obj(m.password), 'name') && !str(m, 'password_file')) [m.password, m.password_file] = [cb.password, cb.password_file];
      e.basicAuth = m;
    }
  }
  e.tlsConfig = mergeTLS(obj(e.tlsConfig), obj(cls.tlsConfig));
  const co = obj(cls.oauth2);
  if (co) {
    const o = obj(e.oauth2);
    if (!o) e.oauth2 = co;
    else {
      const m = { ...o };
      m.tls_config = mergeTLS(obj(m.tls_config), obj(co.tls_config));
      if (!isObj(m.client_secret) && !str(m, 'client_secret_file')) [m.client_secret, m.client_secret_file] = [co.client_secret, co.client_secret_file];
      if (!isObj(m.client_id) || Object.keys(m.client_id).length === 0) m.client_id = co.client_id;
      if (!isObj(m.endpoint_params) || !Object.keys(m.endpoint_params).length) m.endpoint_params = co.endpoint_params;
      if (!strList(m, 'scopes').length) m.scopes = co.scopes;
      if (!str(m, 'token_url')) m.token_url = co.token_url;
      if (!str(m, 'proxy_url')) m.proxy_url = co.proxy_url;
      e.oauth2 = m;
    }
  }
  if (!str(e, 'bearerTokenFile')) e.bearerTokenFile = cls.bearerTokenFile;
  if (!isObj(e.bearerTokenSecret)) e.bearerTokenSecret = cls.bearerTokenSecret;
  return e;
}

/** Relabel rules with their origins: the scrape class' ones first, then the endpoint's. */
export function classThenOwn(ctx: VMCtx, cls: VMScrapeClass | undefined, field: 'relabelConfigs' | 'metricRelabelConfigs', own: Obj[], ownOrigin: (i: number) => RuleOrigin): { list: Obj[]; origin: (i: number) => RuleOrigin } {
  const classList = cls ? objList(cls.cls, field) : [];
  return {
    list: [...classList, ...own],
    origin: (i) => (i < classList.length ? vmOrigin(ctx, ['scrapeClasses', cls?.index ?? 0, field, i]) : ownOrigin(i - classList.length)),
  };
}

/** attach_metadata: the endpoint's, else the scrape class' (merged first), else the object's. */
export function mergedAttach(ep: Obj | undefined, spec: Obj | undefined, cls: Obj | undefined): { node?: boolean; namespace?: boolean } {
  const pick = (k: string) => bool(ep, k) ?? bool(cls, k) ?? bool(spec, k);
  const node = pick('node');
  const namespace = pick('namespace');
  return { ...(node !== undefined ? { node } : {}), ...(namespace !== undefined ? { namespace } : {}) };
}

/** Origins of an object's fields; for an object the converter made, the prometheus-operator object's. */
export function originFor(so: StoredObject, kind: string): (p: Path) => RuleOrigin {
  const ns = so.obj.metadata.namespace ?? 'default';
  const c = so as StoredObject & { convertedFrom?: { kind: string }; source?: StoredObject; mapPath?: (p: Path) => Path };
  if (c.convertedFrom && c.source && c.mapPath) {
    const { source, mapPath, convertedFrom } = c;
    return (p) => {
      const mapped = mapPath(p[0] === 'metadata' ? p : ['spec', ...p]);
      return originOf(source, convertedFrom.kind, ns, so.obj.metadata.name, mapped[0] === 'spec' ? mapped.slice(1) : mapped);
    };
  }
  return (p) => originOf(so, kind, ns, so.obj.metadata.name, p);
}
