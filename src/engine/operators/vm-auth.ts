// VM operator auth rendering (build/cache.go): Secret values inlined, Secret/ConfigMap TLS assets turned
// into files under the VMAgent's TLS mount, vm_scrape_params, and the scrape-class auth merge
// (vmscrapes.go mergeEndpointAuthWithScrapeClass).
import { need, type VMCtx } from './vm-context.ts';
import { bool, isObj, obj, str, strList, type Obj, type Path } from './values.ts';
import { MapSlice, type YValue } from './yaml-emit.ts';

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

