// ScrapeConfig (monitoring.coreos.com/v1alpha1) → one scrape job, following prometheus-operator
// pkg/prometheus/promcfg.go generateScrapeConfig (v0.93.0). Static, file, HTTP, Kubernetes, Consul and
// DNS discovery are rendered key by key; the other service discoveries are passed through with their
// keys snake_cased (they produce no targets offline).
import type { StoredObject } from '../ingest/kinds.ts';
import {
  addAuthorization,
  addBasicAuth,
  addHonorLabels,
  addHonorTimestamps,
  addLimits,
  addOAuth2,
  addProxy,
  addTLS,
  addTrackTimestampsStaleness,
  appendRelabels,
  appendSharding,
  atLeast,
  enforcedNamespaceRule,
  mergeAuthorization,
  mergeTLS,
  metricRelabelings,
  poRelabel,
  promOrigin,
  scrapeClassFor,
  tlsConfig,
  type PromCtx,
} from './po-common.ts';
import { jobOrigins, rule, Rules, type BuiltJob } from './rules.ts';
import { bool, isObj, obj, objList, originOf, str, strList, strListMap, strMap, type Obj, type Path } from './values.ts';
import { MapSlice, type YValue } from './yaml-emit.ts';

/** SD fields in the order generateScrapeConfig emits them, with the generated key. */
const OTHER_SDS: [string, string][] = [
  ['ec2SDConfigs', 'ec2_sd_configs'],
  ['azureSDConfigs', 'azure_sd_configs'],
  ['gceSDConfigs', 'gce_sd_configs'],
  ['openstackSDConfigs', 'openstack_sd_configs'],
  ['digitalOceanSDConfigs', 'digitalocean_sd_configs'],
  ['kumaSDConfigs', 'kuma_sd_configs'],
  ['eurekaSDConfigs', 'eureka_sd_configs'],
  ['dockerSDConfigs', 'docker_sd_configs'],
  ['linodeSDConfigs', 'linode_sd_configs'],
  ['hetznerSDConfigs', 'hetzner_sd_configs'],
  ['nomadSDConfigs', 'nomad_sd_configs'],
  ['dockerSwarmSDConfigs', 'dockerswarm_sd_configs'],
  ['puppetDBSDConfigs', 'puppetdb_sd_configs'],
  ['lightSailSDConfigs', 'lightsail_sd_configs'],
  ['ovhcloudSDConfigs', 'ovhcloud_sd_configs'],
  ['scalewaySDConfigs', 'scaleway_sd_configs'],
  ['ionosSDConfigs', 'ionos_sd_configs'],
];

export function generateScrapeConfig(ctx: PromCtx, so: StoredObject): BuiltJob {
  const m = so.obj;
  const ns = m.metadata.namespace ?? 'default';
  const name = m.metadata.name;
  const spec = obj(m.spec) ?? {};
  const at = (...p: Path) => originOf(so, 'ScrapeConfig', ns, name, p);
  const cls = scrapeClassFor(ctx, str(spec, 'scrapeClass'));
  const jobName = `scrapeConfig/${ns}/${name}`;
  const cfg = new MapSlice().add('job_name', jobName);

  const rules = new Rules();
  rules.push(rule(['source_labels', ['job']], ['target_label', '__tmp_prometheus_job_name']), at());
  // Scrape class relabelings come first here, unlike the other kinds.
  objList(cls?.cls, 'relabelings').forEach((rc, j) => rules.push(poRelabel(rc), promOrigin(ctx, ['scrapeClasses', cls?.index ?? 0, 'relabelings', j])));
  if (spec.jobName !== undefined && spec.jobName !== null) rules.push(rule(['target_label', 'job'], ['action', 'replace'], ['replacement', String(spec.jobName)]), at('jobName'));

  if (bool(spec, 'honorTimestamps') !== undefined) addHonorTimestamps(ctx, cfg, bool(spec, 'honorTimestamps'));
  addTrackTimestampsStaleness(ctx, cfg, bool(spec, 'trackTimestampsStaleness'));
  if (bool(spec, 'honorLabels') !== undefined) addHonorLabels(ctx, cfg, bool(spec, 'honorLabels') as boolean);
  if (spec.metricsPath !== undefined && spec.metricsPath !== null) cfg.add('metrics_path', String(spec.metricsPath));
  const params = strListMap(spec, 'params');
  if (params && Object.keys(params).length) cfg.add('params', params);
  if (bool(spec, 'enableCompression') !== undefined && atLeast(ctx, '2.49.0')) cfg.add('enable_compression', bool(spec, 'enableCompression'));
  if (bool(spec, 'enableHTTP2') !== undefined && atLeast(ctx, '2.35.0')) cfg.add('enable_http2', bool(spec, 'enableHTTP2'));
  if (str(spec, 'scrapeInterval')) cfg.add('scrape_interval', str(spec, 'scrapeInterval'));
  if (str(spec, 'scrapeTimeout')) cfg.add('scrape_timeout', str(spec, 'scrapeTimeout'));
  // scrape_protocols and fallback_scrape_protocol come here for ScrapeConfigs.
  const protocols = new MapSlice();
  addLimitsProtocolsOnly(ctx, protocols, spec, cls?.cls);
  for (const [k, v] of protocols.items) cfg.add(k, v);
  if (str(spec, 'scheme')) cfg.add('scheme', (str(spec, 'scheme') as string).toLowerCase());
  addProxy(ctx, cfg, ns, spec);
  addBasicAuth(ctx, cfg, ns, obj(spec.basicAuth));
  addAuthorization(ctx, cfg, ns, mergeAuthorization(obj(spec.authorization), cls?.cls));
  addOAuth2(ctx, cfg, ns, obj(spec.oauth2));
  addTLS(ctx, cfg, ns, mergeTLS(obj(spec.tlsConfig), cls?.cls, true));
  const limits = new MapSlice();
  addLimits(ctx, limits, spec, cls?.cls, true);
  for (const [k, v] of limits.items) if (k !== 'scrape_protocols' && k !== 'fallback_scrape_protocol') cfg.add(k, v);

  sdConfigs(ctx, cfg, spec, ns);

  appendRelabels(rules, objList(spec, 'relabelings'), (j) => at('relabelings', j));
  const enf = enforcedNamespaceRule(ctx, 'ScrapeConfig', ns, name);
  if (enf && objList(spec, 'relabelings').length) rules.push(enf.rule, enf.origin);
  // A ScrapeConfig gets the sharding block only when sharded and without its own hashmod rule.
  if (ctx.shards !== 1 && !rules.hasAction('hashmod')) appendSharding(ctx, rules, '__address__');
  cfg.add('relabel_configs', rules.rules);
  const metric = metricRelabelings(ctx, cls, objList(spec, 'metricRelabelings'), { kind: 'ScrapeConfig', namespace: ns, name }, (j) => at('metricRelabelings', j));
  if (metric.length) cfg.add('metric_relabel_configs', metric.rules);
  if (str(spec, 'nameValidationScheme') && atLeast(ctx, '3.0.0')) cfg.add('metric_name_validation_scheme', (str(spec, 'nameValidationScheme') as string).toLowerCase());
  if (str(spec, 'nameEscapingScheme') && atLeast(ctx, '3.4.0')) cfg.add('metric_name_escaping_scheme', (str(spec, 'nameEscapingScheme') as string).toLowerCase());
  return { name: jobName, cfg, origins: jobOrigins(at(), rules, metric) };
}

function addLimitsProtocolsOnly(ctx: PromCtx, cfg: MapSlice, spec: Obj, cls: Obj | undefined): void {
  const all = new MapSlice();
  addLimits(ctx, all, spec, cls, false);
  for (const k of ['scrape_protocols', 'fallback_scrape_protocol']) if (all.has(k)) cfg.add(k, all.get(k));
}

function sdConfigs(ctx: PromCtx, cfg: MapSlice, spec: Obj, ns: string): void {
  const statics = objList(spec, 'staticConfigs');
  if (statics.length) {
    cfg.add(
      'static_configs',
      statics.map((s) => new MapSlice().add('targets', strList(s, 'targets')).add('labels', (strMap(s, 'labels') ?? null) as YValue)),
    );
  }
  const files = objList(spec, 'fileSDConfigs');
  if (files.length) cfg.add('file_sd_configs', files.map((f) => new MapSlice().add('files', strList(f, 'files')).add('refresh_interval', str(f, 'refreshInterval'))));
  const https = objList(spec, 'httpSDConfigs');
  if (https.length) {
    cfg.add(
      'http_sd_configs',
      https.map((h) => {
        const c = new MapSlice();
        addBasicAuth(ctx, c, ns, obj(h.basicAuth));
        addAuthorization(ctx, c, ns, obj(h.authorization));
        if (isObj(h.tlsConfig)) c.add('tls_config', tlsConfig(ctx, ns, h.tlsConfig));
        addProxy(ctx, c, ns, h);
        addOAuth2(ctx, c, ns, obj(h.oauth2));
        c.add('url', str(h, 'url') ?? '');
        c.add('refresh_interval', str(h, 'refreshInterval'));
        c.add('follow_redirects', bool(h, 'followRedirects'));
        c.add('enable_http2', bool(h, 'enableHTTP2'));
        return c;
      }),
    );
  }
  const k8s = objList(spec, 'kubernetesSDConfigs');
  if (k8s.length) cfg.add('kubernetes_sd_configs', k8s.map((k) => kubernetesSD(ctx, k, ns)));
  const consul = objList(spec, 'consulSDConfigs');
  if (consul.length) cfg.add('consul_sd_configs', consul.map((c) => consulSD(ctx, c, ns)));
  const dns = objList(spec, 'dnsSDConfigs');
  if (dns.length) {
    cfg.add('dns_sd_configs', dns.map((d) => new MapSlice().add('names', strList(d, 'names')).add('refresh_interval', str(d, 'refreshInterval')).add('type', str(d, 'type')).add('port', typeof d.port === 'number' ? d.port : undefined)));
  }
  for (const [field, key] of OTHER_SDS) {
    const list = objList(spec, field);
    if (list.length) cfg.add(key, list.map((x) => snakeCase(x)));
  }
}

function kubernetesSD(ctx: PromCtx, k: Obj, ns: string): MapSlice {
  const c = new MapSlice();
  if (str(k, 'apiServer') !== undefined) c.add('api_server', str(k, 'apiServer'));
  const role = (str(k, 'role') ?? '').toLowerCase();
  if (role !== 'endpointslice' || atLeast(ctx, '2.21.0')) c.add('role', role);
  addBasicAuth(ctx, c, ns, obj(k.basicAuth));
  addAuthorization(ctx, c, ns, obj(k.authorization));
  addOAuth2(ctx, c, ns, obj(k.oauth2));
  addProxy(ctx, c, ns, k);
  c.add('follow_redirects', bool(k, 'followRedirects'));
  c.add('enable_http2', bool(k, 'enableHTTP2'));
  if (isObj(k.tlsConfig)) c.add('tls_config', tlsConfig(ctx, ns, k.tlsConfig));
  const nsd = obj(k.namespaces);
  if (nsd) {
    const n = new MapSlice().add('names', strList(nsd, 'names'));
    n.add('own_namespace', bool(nsd, 'ownNamespace'));
    c.add('namespaces', n);
  }
  const sels = objList(k, 'selectors');
  if (sels.length && atLeast(ctx, '2.17.0')) {
    c.add('selectors', sels.map((s) => new MapSlice().add('role', (str(s, 'role') ?? '').toLowerCase()).add('label', str(s, 'label')).add('field', str(s, 'field'))));
  }
  const am = obj(k.attachMetadata);
  if (am) {
    // attach_metadata only exists for pod (>= 2.35) and endpoints/endpointslice (>= 2.37); ignored otherwise.
    if (role === 'pod' && atLeast(ctx, '2.35.0')) c.add('attach_metadata', am as { [k: string]: YValue });
    else if ((role === 'endpoints' || role === 'endpointslice') && atLeast(ctx, '2.37.0')) c.add('attach_metadata', am as { [k: string]: YValue });
  }
  return c;
}

function consulSD(ctx: PromCtx, c: Obj, ns: string): MapSlice {
  const o = new MapSlice();
  addBasicAuth(ctx, o, ns, obj(c.basicAuth));
  addAuthorization(ctx, o, ns, obj(c.authorization));
  addOAuth2(ctx, o, ns, obj(c.oauth2));
  addProxy(ctx, o, ns, c);
  if (isObj(c.tlsConfig)) o.add('tls_config', tlsConfig(ctx, ns, c.tlsConfig));
  o.add('server', str(c, 'server') ?? '');
  o.add('path_prefix', str(c, 'pathPrefix'));
  if (isObj(c.tokenRef)) {
    const t = ctx.assets.secret(ns, c.tokenRef, 'po');
    if (t.ok) o.add('token', t.value);
  }
  for (const [f, k] of [['datacenter', 'datacenter'], ['namespace', 'namespace'], ['partition', 'partition']] as const) o.add(k, str(c, f));
  if (str(c, 'scheme')) o.add('scheme', (str(c, 'scheme') as string).toLowerCase());
  if (strList(c, 'services').length) o.add('services', strList(c, 'services'));
  if (strList(c, 'tags').length) o.add('tags', strList(c, 'tags'));
  o.add('tag_separator', str(c, 'tagSeparator'));
  const meta = strMap(c, 'nodeMeta');
  if (meta && Object.keys(meta).length) o.add('node_meta', meta);
  o.add('filter', str(c, 'filter'));
  o.add('health_filter', str(c, 'healthFilter'));
  o.add('allow_stale', bool(c, 'allowStale'));
  o.add('refresh_interval', str(c, 'refreshInterval'));
  o.add('follow_redirects', bool(c, 'followRedirects'));
  o.add('enable_http2', bool(c, 'enableHttp2'));
  return o;
}

/** Approximate rendering of the service discoveries we do not model key by key. */
function snakeCase(v: unknown): YValue {
  if (Array.isArray(v)) return v.map(snakeCase);
  if (isObj(v)) {
    const m = new MapSlice();
    for (const [k, val] of Object.entries(v)) m.add(k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(), snakeCase(val));
    return m;
  }
  return v === undefined ? null : (v as YValue);
}
