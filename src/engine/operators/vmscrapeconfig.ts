// VMScrapeConfig → one scrape job with its service discoveries passed through, following the
// VictoriaMetrics operator internal/controller/operator/factory/vmscrapes/scrapeconfig.go
// generateScrapeConfig. No selector/port/job rules are generated, and Kubernetes discovery without
// `namespaces` watches the whole cluster.
import type { StoredObject } from '../ingest/kinds.ts';
import { jobOrigins, Rules, type BuiltJob } from './rules.ts';
import { bool, isObj, obj, objList, str, strList, strMap, type Obj, type Path } from './values.ts';
import {
  addCommonScrapeParams,
  addEndpointAuth,
  addMetricRelabelings,
  addVMScrapeParams,
  attachMetadata,
  authorization,
  basicAuth,
  classThenOwn,
  enforceNamespaceLabel,
  mergeEndpointAuth,
  need,
  oauth2,
  originFor,
  pushRelabels,
  scrapeInterval,
  tls,
  vmOrigin,
  vmScrapeClass,
  type VMCtx,
} from './vm-common.ts';
import { MapSlice, type YValue } from './yaml-emit.ts';

const OTHER_SDS: [string, string][] = [
  ['ec2SDConfigs', 'ec2_sd_configs'],
  ['azureSDConfigs', 'azure_sd_configs'],
  ['gceSDConfigs', 'gce_sd_configs'],
  ['openstackSDConfigs', 'openstack_sd_configs'],
  ['digitalOceanSDConfigs', 'digitalocean_sd_configs'],
  ['nomadSDConfigs', 'nomad_sd_configs'],
  ['kumaSDConfigs', 'kuma_sd_configs'],
  ['ovhcloudSDConfigs', 'ovhcloud_sd_configs'],
  ['puppetDBSDConfigs', 'puppetdb_sd_configs'],
  ['vultrSDConfigs', 'vultr_sd_configs'],
  ['hetznerSDConfigs', 'hetzner_sd_configs'],
  ['eurekaSDConfigs', 'eureka_sd_configs'],
  ['consulAgentSDConfigs', 'consulagent_sd_configs'],
  ['dockerSDConfigs', 'docker_sd_configs'],
  ['dockerSwarmSDConfigs', 'dockerswarm_sd_configs'],
  ['marathonSDConfigs', 'marathon_sd_configs'],
  ['yandexCloudSDConfigs', 'yandexcloud_sd_configs'],
];

export function generateVMScrapeConfig(ctx: VMCtx, so: StoredObject, kind = 'VMScrapeConfig'): BuiltJob {
  const ns = so.obj.metadata.namespace ?? 'default';
  const name = so.obj.metadata.name;
  const raw = obj(so.obj.spec) ?? {};
  const at = originFor(so, kind);
  const cls = vmScrapeClass(ctx, str(raw, 'scrapeClass'));
  const spec = cls ? mergeEndpointAuth(raw, cls.cls) : raw;
  const jobName = `scrapeConfig/${ns}/${name}`;
  const cfg = new MapSlice().add('job_name', jobName);
  addCommonScrapeParams(ctx, cfg, { ep: spec, interval: scrapeInterval(ctx, spec) });
  const rules = new Rules();
  const rel = classThenOwn(ctx, cls, 'relabelConfigs', objList(raw, 'relabelConfigs'), (j) => at(['relabelConfigs', j]));
  pushRelabels(rules, rel.list, rel.origin);
  pushRelabels(rules, objList(ctx.spec, 'scrapeConfigRelabelTemplate'), (j) => vmOrigin(ctx, ['scrapeConfigRelabelTemplate', j]));
  enforceNamespaceLabel(ctx, rules, ns);
  cfg.add('relabel_configs', rules.rules);
  const mrel = classThenOwn(ctx, cls, 'metricRelabelConfigs', objList(raw, 'metricRelabelConfigs'), (j) => at(['metricRelabelConfigs', j]));
  const metric = addMetricRelabelings(ctx, cfg, mrel.list, mrel.origin);
  addVMScrapeParams(ctx, cfg, obj(spec.vm_scrape_params), ns, ['vm_scrape_params']);
  addEndpointAuth(ctx, cfg, spec, ns, []);

  const statics = objList(spec, 'staticConfigs');
  if (statics.length) cfg.add('static_configs', statics.map((s) => new MapSlice().add('targets', strList(s, 'targets')).add('labels', strMap(s, 'labels') ?? {})));
  const files = objList(spec, 'fileSDConfigs');
  if (files.length) cfg.add('file_sd_configs', files.map((f) => new MapSlice().add('files', strList(f, 'files'))));
  const https = objList(spec, 'httpSDConfigs');
  if (https.length) cfg.add('http_sd_configs', https.map((h, i) => httpOptions(ctx, new MapSlice().add('url', str(h, 'url') ?? ''), h, ns, ['httpSDConfigs', i])));
  const k8s = objList(spec, 'kubernetesSDConfigs');
  if (k8s.length) {
    cfg.add(
      'kubernetes_sd_configs',
      k8s.map((k, i) => {
        const c = new MapSlice();
        if (str(k, 'apiServer') !== undefined) c.add('api_server', str(k, 'apiServer'));
        const role = str(k, 'role') ?? '';
        c.add('role', role);
        const nsd = obj(k.namespaces);
        if (nsd) c.add('namespaces', new MapSlice().add('names', strList(nsd, 'names')).add('own_namespace', bool(nsd, 'ownNamespace')));
        httpOptions(ctx, c, k, ns, ['kubernetesSDConfigs', i]);
        const am = obj(k.attach_metadata);
        attachMetadata(c, am ? { ...(bool(am, 'node') !== undefined ? { node: bool(am, 'node') } : {}), ...(bool(am, 'namespace') !== undefined ? { namespace: bool(am, 'namespace') } : {}) } : undefined, role);
        const sels = objList(k, 'selectors');
        if (sels.length) c.add('selectors', sels.map((s) => new MapSlice().add('role', (str(s, 'role') ?? '').toLowerCase()).add('label', str(s, 'label') ?? '').add('field', str(s, 'field') ?? '')));
        return c;
      }),
    );
  }
  const consul = objList(spec, 'consulSDConfigs');
  if (consul.length) cfg.add('consul_sd_configs', consul.map((c, i) => consulSD(ctx, c, ns, ['consulSDConfigs', i])));
  const dns = objList(spec, 'dnsSDConfigs');
  if (dns.length) cfg.add('dns_sd_configs', dns.map((d) => new MapSlice().add('names', strList(d, 'names')).add('type', str(d, 'type')).add('port', typeof d.port === 'number' ? d.port : undefined)));
  for (const [field, key] of OTHER_SDS) {
    const list = objList(spec, field);
    if (list.length) cfg.add(key, list.map((x) => snakeCase(x)));
  }
  return { name: jobName, cfg, origins: jobOrigins(at([]), rules, metric) };
}

/** generateHTTPSDOptions, appended to `c`. */
function httpOptions(ctx: VMCtx, c: MapSlice, o: Obj, ns: string, path: Path): MapSlice {
  if (isObj(o.basicAuth)) c.add('basic_auth', basicAuth(ctx, ns, o.basicAuth, [...path, 'basicAuth']));
  for (const [k, v] of authorization(ctx, ns, obj(o.authorization), [...path, 'authorization']).items) c.add(k, v);
  for (const [k, v] of oauth2(ctx, ns, obj(o.oauth2), [...path, 'oauth2']).items) c.add(k, v);
  if (o.proxyURL !== undefined && o.proxyURL !== null) c.add('proxy_url', String(o.proxyURL));
  if (isObj(o.proxy_client_config)) {
    const tmp = new MapSlice();
    addVMScrapeParams(ctx, tmp, { proxy_client_config: o.proxy_client_config }, ns, path);
    for (const [k, v] of tmp.items) c.add(k, v);
  }
  if (bool(o, 'followRedirects') !== undefined) c.add('follow_redirects', bool(o, 'followRedirects'));
  if (isObj(o.tlsConfig)) {
    const t = tls(ctx, ns, o.tlsConfig, [...path, 'tlsConfig']);
    if (t.size) c.add('tls_config', t);
  }
  return c;
}

function consulSD(ctx: VMCtx, c: Obj, ns: string, path: Path): MapSlice {
  const o = new MapSlice().add('server', str(c, 'server') ?? '');
  if (isObj(c.tokenRef) && str(c.tokenRef, 'name')) {
    o.add('bearer_token', need(ctx.assets.secret(ns, c.tokenRef, 'vm'), [...path, 'tokenRef']));
  }
  for (const f of ['datacenter', 'namespace', 'partition']) o.add(f, str(c, f));
  if (str(c, 'scheme') !== undefined) o.add('scheme', (str(c, 'scheme') as string).toLowerCase());
  if (strList(c, 'services').length) o.add('services', strList(c, 'services'));
  if (strList(c, 'tags').length) o.add('tags', strList(c, 'tags'));
  o.add('tag_separator', str(c, 'tagSeparator'));
  const meta = strMap(c, 'nodeMeta');
  if (meta && Object.keys(meta).length) o.add('node_meta', meta);
  o.add('allow_stale', bool(c, 'allowStale'));
  if (str(c, 'filter')) o.add('filter', str(c, 'filter'));
  return httpOptions(ctx, o, c, ns, path);
}

function snakeCase(v: unknown): YValue {
  if (Array.isArray(v)) return v.map(snakeCase);
  if (isObj(v)) {
    const m = new MapSlice();
    for (const [k, val] of Object.entries(v)) m.add(k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(), snakeCase(val));
    return m;
  }
  return v === undefined ? null : (v as YValue);
}
