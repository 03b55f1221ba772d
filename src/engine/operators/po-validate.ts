// The checks prometheus-operator runs on every selected monitor before generating its config
// (pkg/prometheus/resource_selector.go check*): a monitor failing any of them is rejected as a whole,
// with the error text the operator logs ("skipping object") and puts into the InvalidConfiguration event.
import { getProfile } from '../profiles/index.ts';
import type { RegexProfile } from '../relabel/regex.ts';
import { compileRegex } from '../relabel/regex.ts';
import { readSelector, selectorError } from './label-selector.ts';
import type { PromCtx } from './po-common.ts';
import { atLeast } from './po-common.ts';
import { bool, isObj, obj, objList, parsePromDuration, str, strList, type Obj, type Path } from './values.ts';

/** A rejection: the operator's message and the field it is about (relative to spec). */
export interface Rejection {
  message: string;
  path: Path;
}

const fail = (message: string, path: Path): Rejection => ({ message, path });

const REGEX_PROFILE = getProfile('prometheus-3.14') as RegexProfile;
const LEGACY_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LEGACY_TARGET = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

function validLabelName(ctx: PromCtx, n: string): boolean {
  return ctx.version[0] >= 3 ? n.length > 0 : LEGACY_NAME.test(n);
}

/** validation.LabelConfigValidator.ValidateRelabelConfig. */
function relabelError(ctx: PromCtx, rc: Obj): string | undefined {
  const rawAction = str(rc, 'action') || 'replace';
  const action = rawAction.toLowerCase();
  const target = str(rc, 'targetLabel') ?? '';
  const replacement = rc.replacement === undefined || rc.replacement === null ? undefined : String(rc.replacement);
  const modulus = typeof rc.modulus === 'number' ? rc.modulus : 0;
  const separator = rc.separator === undefined || rc.separator === null ? undefined : String(rc.separator);
  const regex = str(rc, 'regex') ?? '';
  if ((action === 'lowercase' || action === 'uppercase') && !atLeast(ctx, '2.36.0')) return `${rawAction} relabel action is only supported from Prometheus version 2.36.0`;
  if ((action === 'keepequal' || action === 'dropequal') && !atLeast(ctx, '2.41.0')) return `${rawAction} relabel action is only supported from Prometheus version 2.41.0`;
  const re = compileRegex(regex || '(.*)', REGEX_PROFILE);
  if (!re.ok) return `invalid regex ${regex} for relabel configuration: ${re.message}`;
  if (modulus === 0 && action === 'hashmod') return 'relabel configuration for hashmod requires non-zero modulus';
  if (['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(action) && target === '') return `relabel configuration for ${rawAction} action needs targetLabel value`;
  if (action === 'replace' && !validLabelName(ctx, target) && !(target.includes('$') && ctx.version[0] < 3 && LEGACY_TARGET.test(target))) {
    return `"${target}" is invalid 'target_label' for ${rawAction} action`;
  }
  if (['lowercase', 'uppercase', 'keepequal', 'dropequal', 'hashmod'].includes(action) && !validLabelName(ctx, target)) return `"${target}" is invalid 'target_label' for ${rawAction} action`;
  if (['lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(action) && replacement !== undefined && replacement !== '$1') return `'replacement' can not be set for ${rawAction} action`;
  if (action === 'labelmap' && replacement !== undefined && !(ctx.version[0] >= 3 ? replacement.length > 0 : LEGACY_TARGET.test(replacement))) return `"${replacement}" is invalid 'replacement' for ${rawAction} action`;
  if (action === 'keepequal' || action === 'dropequal') {
    if ((regex && regex !== '(.*)') || (modulus && modulus !== 0) || (separator !== undefined && separator !== ';') || (replacement !== undefined && replacement !== '$1')) {
      return `${rawAction} action requires only 'source_labels' and \`target_label\`, and no other fields`;
    }
  }
  if (action === 'labeldrop' || action === 'labelkeep') {
    if (strList(rc, 'sourceLabels').length || (target && target !== '') || modulus || (separator !== undefined && separator !== ';') || (replacement !== undefined && replacement !== '$1')) {
      return `${rawAction} action requires only 'regex', and no other fields`;
    }
  }
  return undefined;
}

function relabelsError(ctx: PromCtx, list: Obj[], path: Path, what: string): Rejection | undefined {
  for (let i = 0; i < list.length; i++) {
    const e = relabelError(ctx, list[i] as Obj);
    if (e) return fail(`${what}: [${i}]: ${e}`, [...path, i]);
  }
  return undefined;
}

function intervalError(ctx: PromCtx, interval: string | undefined, timeout: string | undefined): string | undefined {
  if (!timeout) return undefined;
  const iv = interval || str(ctx.spec, 'scrapeInterval') || '30s';
  const si = parsePromDuration(iv);
  if (si === undefined) return `invalid scrapeInterval "${iv}": not a valid duration string: "${iv}"`;
  const st = parsePromDuration(timeout);
  if (st === undefined) return `invalid scrapeTimeout: "${timeout}": not a valid duration string: "${timeout}"`;
  return st > si ? `scrapeTimeout "${timeout}" greater than scrapeInterval "${iv}"` : undefined;
}

/** HTTPConfig*.Validate: one authentication method at a time, and proxy/TLS sanity. */
function httpConfigError(c: Obj): string | undefined {
  const has = (k: string) => isObj(c[k]);
  if (has('authorization')) {
    if (has('basicAuth')) return 'authorization and basicAuth cannot be configured at the same time';
    if (has('bearerTokenSecret')) return 'authorization and bearerTokenSecret cannot be configured at the same time';
    if (has('oauth2')) return 'authorization and oauth2 cannot be configured at the same time';
  } else if (has('basicAuth')) {
    if (has('bearerTokenSecret')) return 'basicAuth and bearerTokenSecret cannot be configured at the same time';
    if (has('oauth2')) return 'basicAuth and oauth2 cannot be configured at the same time';
  } else if (has('bearerTokenSecret') && has('oauth2')) return 'bearerTokenSecret and oauth2 cannot be configured at the same time';
  const auth = obj(c.authorization);
  if (auth && (str(auth, 'type') ?? '').trim().toLowerCase() === 'basic') return 'authorization: authorization type cannot be set to "basic", use "basic_auth" instead';
  const o = obj(c.oauth2);
  if (o && !str(o, 'tokenUrl')) return 'oauth2: OAuth2 tokenURL must be specified';
  if (o && !isObj(o.clientId)) return "oauth2: OAuth2 'clientID' must be specified";
  const tls = obj(c.tlsConfig);
  if (tls && isObj(tls.ca) && str(tls, 'caFile')) return 'tlsConfig: tls config can not both specify CAFile and CA';
  if (tls && isObj(tls.cert) && str(tls, 'certFile')) return 'tlsConfig: tls config can not both specify CertFile and Cert';
  if (tls && isObj(tls.keySecret) && str(tls, 'keyFile')) return 'tlsConfig: tls config can not both specify KeyFile and KeySecret';
  const hasCert = isObj(tls?.cert) || !!str(tls, 'certFile');
  const hasKey = isObj(tls?.keySecret) || !!str(tls, 'keyFile');
  if (tls && hasCert !== hasKey) return `tlsConfig: ${hasCert ? 'cert' : 'key'} specified without ${hasCert ? 'key' : 'cert'}`;
  return proxyError(c);
}

function proxyError(p: Obj): string | undefined {
  const fromEnv = bool(p, 'proxyFromEnvironment') === true;
  const url = !!str(p, 'proxyUrl');
  const noProxy = !!str(p, 'noProxy');
  if (isObj(p.proxyConnectHeader) && Object.keys(p.proxyConnectHeader).length && !fromEnv && !url) return 'if proxyConnectHeader is configured, proxyUrl or proxyFromEnvironment must also be configured';
  if (fromEnv && url) return 'if proxyFromEnvironment is configured, proxyUrl must not be configured';
  if (fromEnv && noProxy) return 'if proxyFromEnvironment is configured, noProxy must not be configured';
  if (!url && noProxy) return 'if noProxy is configured, proxyUrl must also be configured';
  return undefined;
}

/** The Secrets/ConfigMaps an HTTP config references must exist, in the monitor's namespace. */
function referencesError(ctx: PromCtx, ns: string, c: Obj, path: Path): Rejection | undefined {
  const a = ctx.assets;
  const check = (what: string, r: ReturnType<typeof a.secret> | undefined, p: Path) => (r && !r.ok ? fail(`${what}: ${r.error}`, [...path, ...p]) : undefined);
  if (isObj(c.bearerTokenSecret) && str(c.bearerTokenSecret, 'name')) {
    const e = check('bearerTokenSecret', a.secret(ns, c.bearerTokenSecret, 'po'), ['bearerTokenSecret']);
    if (e) return e;
  }
  const ba = obj(c.basicAuth);
  if (ba) {
    const e = check('basicAuth: failed to get basic auth username', a.secret(ns, obj(ba.username), 'po'), ['basicAuth', 'username']) ?? check('basicAuth: failed to get basic auth password', a.secret(ns, obj(ba.password), 'po'), ['basicAuth', 'password']);
    if (e) return e;
  }
  const tls = obj(c.tlsConfig);
  if (tls) {
    const e =
      check('tlsConfig: failed to get CA', a.secretOrConfigMap(ns, obj(tls.ca), 'po'), ['tlsConfig', 'ca']) ??
      check('tlsConfig: failed to get cert', a.secretOrConfigMap(ns, obj(tls.cert), 'po'), ['tlsConfig', 'cert']) ??
      (isObj(tls.keySecret) ? check('tlsConfig: failed to get key', a.secret(ns, tls.keySecret, 'po'), ['tlsConfig', 'keySecret']) : undefined);
    if (e) return e;
  }
  const o = obj(c.oauth2);
  if (o) {
    const e = check('oauth2: failed to get oauth2 client id', a.secretOrConfigMap(ns, obj(o.clientId), 'po'), ['oauth2', 'clientId']) ?? check('oauth2: failed to get oauth2 client secret', a.secret(ns, obj(o.clientSecret), 'po'), ['oauth2', 'clientSecret']);
    if (e) return e;
  }
  const auth = obj(c.authorization);
  if (auth && isObj(auth.credentials) && str(auth.credentials, 'name')) {
    const e = check(`authorization: failed to get authorization token of type "${str(auth, 'type') ?? ''}"`, a.secret(ns, auth.credentials, 'po'), ['authorization', 'credentials']);
    if (e) return e;
  }
  const h = obj(c.proxyConnectHeader);
  for (const [k, sels] of Object.entries(h ?? {})) {
    for (const [j, s] of (Array.isArray(sels) ? sels : []).entries()) {
      const e = check(`header[${k}][${j}]`, a.secret(ns, obj(s), 'po'), ['proxyConnectHeader', k, j]);
      if (e) return e;
    }
  }
  return undefined;
}

function scrapeClassError(ctx: PromCtx, spec: Obj): Rejection | undefined {
  const sc = str(spec, 'scrapeClass');
  if (sc && !ctx.scrapeClasses.has(sc)) return fail(`scrapeClass "${sc}" not found in Prometheus scrapeClasses`, ['scrapeClass']);
  return undefined;
}

function selectorMechanismError(ctx: PromCtx, spec: Obj): Rejection | undefined {
  if (str(spec, 'selectorMechanism') === 'RoleSelector' && !atLeast(ctx, '2.17.0')) return fail('RoleSelector selectorMechanism is only supported in Prometheus 2.17.0 and newer', ['selectorMechanism']);
  return undefined;
}

export function checkServiceMonitor(ctx: PromCtx, ns: string, spec: Obj): Rejection | undefined {
  const selErr = selectorError(readSelector(spec.selector) ?? { matchLabels: {}, matchExpressions: [] });
  if (selErr) return fail(selErr, ['selector']);
  const sm = selectorMechanismError(ctx, spec);
  if (sm) return sm;
  const deny = bool(obj(ctx.spec.arbitraryFSAccessThroughSMs), 'deny') === true;
  const eps = objList(spec, 'endpoints');
  for (let i = 0; i < eps.length; i++) {
    const ep = eps[i] as Obj;
    const p: Path = ['endpoints', i];
    const pre = `endpoints[${i}]`;
    if (deny) {
      if (str(ep, 'bearerTokenFile')) return fail(`${pre}: it accesses file system via bearer token file which Prometheus specification prohibits`, [...p, 'bearerTokenFile']);
      const tls = obj(ep.tlsConfig);
      if (tls && (str(tls, 'caFile') || str(tls, 'certFile') || str(tls, 'keyFile'))) return fail(`${pre}: it accesses file system via tls config which Prometheus specification prohibits`, [...p, 'tlsConfig']);
    }
    const he = httpConfigError(ep);
    if (he) return fail(`${pre}: ${he}`, p);
    const re = referencesError(ctx, ns, ep, p);
    if (re) return { ...re, message: `${pre}: ${re.message}` };
    const ie = intervalError(ctx, str(ep, 'interval'), str(ep, 'scrapeTimeout'));
    if (ie) return fail(`${pre}: ${ie}`, [...p, 'scrapeTimeout']);
    const r1 = relabelsError(ctx, objList(ep, 'relabelings'), [...p, 'relabelings'], 'relabelConfigs') ?? relabelsError(ctx, objList(ep, 'metricRelabelings'), [...p, 'metricRelabelings'], 'metricRelabelConfigs');
    if (r1) return { ...r1, message: `${pre}: ${r1.message}` };
  }
  const sc = scrapeClassError(ctx, spec);
  return sc ? { ...sc, message: `scrapeClassName: ${sc.message}` } : undefined;
}

export function checkPodMonitor(ctx: PromCtx, ns: string, spec: Obj): Rejection | undefined {
  const selErr = selectorError(readSelector(spec.selector) ?? { matchLabels: {}, matchExpressions: [] });
  if (selErr) return fail(`failed to parse label selector: ${selErr}`, ['selector']);
  const sm = selectorMechanismError(ctx, spec);
  if (sm) return sm;
  const eps = objList(spec, 'podMetricsEndpoints');
  for (let i = 0; i < eps.length; i++) {
    const ep = eps[i] as Obj;
    const p: Path = ['podMetricsEndpoints', i];
    const pre = `endpoint[${i}]`;
    const ie = intervalError(ctx, str(ep, 'interval'), str(ep, 'scrapeTimeout'));
    if (ie) return fail(`${pre}: ${ie}`, [...p, 'scrapeTimeout']);
    const r1 = relabelsError(ctx, objList(ep, 'relabelings'), [...p, 'relabelings'], 'relabelConfigs') ?? relabelsError(ctx, objList(ep, 'metricRelabelings'), [...p, 'metricRelabelings'], 'metricRelabelConfigs');
    if (r1) return { ...r1, message: `${pre}: ${r1.message}` };
    const he = httpConfigError(ep);
    if (he) return fail(`${pre}: ${he}`, p);
    const re = referencesError(ctx, ns, ep, p);
    if (re) return { ...re, message: `${pre}: ${re.message}` };
  }
  const sc = scrapeClassError(ctx, spec);
  return sc ? { ...sc, message: `scrapeClassName: ${sc.message}` } : undefined;
}

const DNS_NAME = /^([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const isHost = (h: string): boolean => DNS_NAME.test(h) || IPV4.test(h) || (/^[0-9a-fA-F:.]+$/.test(h) && h.includes(':'));

/** validateProberURL: `host` or `host:port` (net.SplitHostPort + govalidator.IsHost/IsPort), no scheme. */
function proberURLError(url: string): string | undefined {
  let host: string | undefined;
  let port: string | undefined;
  const br = /^\[([^\]]*)\]:([^:]*)$/.exec(url);
  if (br) [host, port] = [br[1] as string, br[2] as string];
  else if (url.includes(':') && url.indexOf(':') === url.lastIndexOf(':')) [host, port] = [url.slice(0, url.indexOf(':')), url.slice(url.indexOf(':') + 1)];
  if (port === undefined) return isHost(url) ? undefined : `invalid host: "${url}"`;
  if (!isHost(host as string)) return `invalid host: "${host}"`;
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) return `invalid port: "${port}"`;
  return undefined;
}

export function checkProbe(ctx: PromCtx, ns: string, spec: Obj): Rejection | undefined {
  const sc = scrapeClassError(ctx, spec);
  if (sc) return { ...sc, message: `scrapeClassName: ${sc.message}` };
  const targets = obj(spec.targets);
  if (!isObj(targets?.staticConfig) && !isObj(targets?.ingress)) return fail('at least one of .spec.targets.staticConfig and .spec.targets.ingress is required', ['targets']);
  const re = referencesError(ctx, ns, spec, []);
  if (re) return re;
  const ie = intervalError(ctx, str(spec, 'interval'), str(spec, 'scrapeTimeout'));
  if (ie) return fail(ie, ['scrapeTimeout']);
  const mr = relabelsError(ctx, objList(spec, 'metricRelabelings'), ['metricRelabelings'], 'metricRelabelConfigs');
  if (mr) return mr;
  const st = obj(targets?.staticConfig);
  if (st) {
    for (const l of Object.keys(obj(st.labels) ?? {}).sort()) {
      if (!(ctx.version[0] >= 3 ? l.length > 0 : LEGACY_NAME.test(l))) return fail(`targets.staticConfig.labels: invalid label "${l}"`, ['targets', 'staticConfig', 'labels', l]);
    }
    const r = relabelsError(ctx, objList(st, 'relabelingConfigs'), ['targets', 'staticConfig', 'relabelingConfigs'], 'targets.staticConfig.relabelConfigs');
    if (r) return r;
  }
  const ing = obj(targets?.ingress);
  if (ing) {
    const r = relabelsError(ctx, objList(ing, 'relabelingConfigs'), ['targets', 'ingress', 'relabelingConfigs'], 'targets.ingress.relabelConfigs');
    if (r) return r;
  }
  const prober = obj(spec.prober) ?? {};
  const pe = proxyError(prober);
  if (pe) return fail(`proxy configuration: ${pe}`, ['prober']);
  const url = str(prober, 'url') ?? '';
  const ue = proberURLError(url);
  if (ue) return fail(`"${url}" url specified in proberSpec is invalid, it should be of the format \`hostname\` or \`hostname:port\`: ${ue}`, ['prober', 'url']);
  return undefined;
}

const SELECTOR_ROLES: Record<string, string[]> = {
  pod: ['pod'],
  service: ['service'],
  endpointslice: ['pod', 'service', 'endpointslice'],
  endpoints: ['pod', 'service', 'endpoints'],
  node: ['node'],
  ingress: ['ingress'],
};

export function checkScrapeConfig(ctx: PromCtx, ns: string, spec: Obj): Rejection | undefined {
  const sc = scrapeClassError(ctx, spec);
  if (sc) return sc;
  const rr = relabelsError(ctx, objList(spec, 'relabelings'), ['relabelings'], 'relabelConfigs');
  if (rr) return rr;
  const re = referencesError(ctx, ns, { basicAuth: spec.basicAuth, authorization: spec.authorization, oauth2: spec.oauth2, tlsConfig: spec.tlsConfig, proxyConnectHeader: spec.proxyConnectHeader }, []);
  if (re) return re;
  const ie = intervalError(ctx, str(spec, 'scrapeInterval'), str(spec, 'scrapeTimeout'));
  if (ie) return fail(ie, ['scrapeTimeout']);
  const mr = relabelsError(ctx, objList(spec, 'metricRelabelings'), ['metricRelabelings'], 'metricRelabelConfigs');
  if (mr) return mr;
  for (const [i, s] of objList(spec, 'staticConfigs').entries()) {
    for (const l of Object.keys(obj(s.labels) ?? {}).sort()) {
      if (!validLabelName(ctx, l)) return fail(`staticConfigs: [${i}]: invalid label name "${l}"`, ['staticConfigs', i, 'labels', l]);
    }
  }
  for (const [i, k] of objList(spec, 'kubernetesSDConfigs').entries()) {
    const p: Path = ['kubernetesSDConfigs', i];
    const refs = referencesError(ctx, ns, k, p);
    if (refs) return { ...refs, message: `kubernetesSDConfigs: [${i}]: ${refs.message}` };
    const role = (str(k, 'role') ?? '').toLowerCase();
    if (role === 'endpointslice' && !atLeast(ctx, '2.21.0')) return fail(`kubernetesSDConfigs: [${i}]: EndpointSlice role is only supported for Prometheus version >= 2.21.0`, [...p, 'role']);
    if (str(k, 'apiServer') && bool(obj(k.namespaces), 'ownNamespace')) return fail(`kubernetesSDConfigs: [${i}]: cannot use 'apiServer' and 'namespaces.ownNamespace' simultaneously`, [...p, 'namespaces']);
    for (const [j, s] of objList(k, 'selectors').entries()) {
      const allowed = SELECTOR_ROLES[role];
      if (!allowed) return fail(`kubernetesSDConfigs: [${i}]: invalid role: "${str(s, 'role') ?? ''}", expecting one of: pod, service, endpoints, endpointslice, node or ingress`, [...p, 'role']);
      if (!allowed.includes((str(s, 'role') ?? '').toLowerCase())) return fail(`kubernetesSDConfigs: [${i}] : ${str(k, 'role') ?? ''} role supports only ${allowed.join(', ')} selectors`, [...p, 'selectors', j, 'role']);
    }
  }
  return undefined;
}
