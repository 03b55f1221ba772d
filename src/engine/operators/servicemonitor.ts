// ServiceMonitor → one scrape job per endpoint, following prometheus-operator
// pkg/prometheus/promcfg.go generateServiceMonitorConfig (v0.93.0).
import type { StoredObject } from '../ingest/kinds.ts';
import { EMPTY_SELECTOR, readSelector } from './label-selector.ts';
import {
  addAuthorization,
  addBasicAuth,
  addBearerTokenSecret,
  addHonorLabels,
  addHonorTimestamps,
  addLimits,
  addOAuth2,
  addProxy,
  addTLS,
  addTrackTimestampsStaleness,
  appendSharding,
  atLeast,
  enforcedNamespaceRule,
  k8sSDConfig,
  mergeAuthorization,
  mergeTLS,
  metricRelabelings,
  poRelabel,
  promOrigin,
  scrapeClassFor,
  selectorRules,
  type PromCtx,
} from './po-common.ts';
import { jobOrigins, rule, Rules, type BuiltJob } from './rules.ts';
import { bool, obj, objList, originOf, sanitizeLabelName, str, strList, strListMap, type Obj, type Path } from './values.ts';
import { MapSlice } from './yaml-emit.ts';

/** The role the endpoints of a ServiceMonitor are discovered with (endpointRoleFlavor): EndpointSlice
 * needs Prometheus >= 2.21 (the EndpointSlice API is assumed available). */
export function endpointRole(ctx: PromCtx, smRole: string | undefined): string {
  const role = smRole ?? str(ctx.spec, 'serviceDiscoveryRole') ?? 'Endpoints';
  return role === 'EndpointSlice' && atLeast(ctx, '2.21.0') ? 'endpointslice' : 'endpoints';
}

export function generateServiceMonitor(ctx: PromCtx, so: StoredObject): BuiltJob[] {
  const m = so.obj;
  const ns = m.metadata.namespace ?? 'default';
  const name = m.metadata.name;
  const spec = obj(m.spec) ?? {};
  const at = (p: Path) => originOf(so, 'ServiceMonitor', ns, name, p);
  const cls = scrapeClassFor(ctx, str(spec, 'scrapeClass'));
  const selector = readSelector(spec.selector) ?? EMPTY_SELECTOR;
  const roleSelector = str(spec, 'selectorMechanism') === 'RoleSelector';
  const role = endpointRole(ctx, str(spec, 'serviceDiscoveryRole'));
  const attach = obj(spec.attachMetadata) ?? obj(cls?.cls.attachMetadata);

  return objList(spec, 'endpoints').map((ep, i) => {
    const e = (...p: Path) => at(['endpoints', i, ...p]);
    const cfg = new MapSlice().add('job_name', `serviceMonitor/${ns}/${name}/${i}`);
    addHonorLabels(ctx, cfg, bool(ep, 'honorLabels') ?? false);
    addHonorTimestamps(ctx, cfg, bool(ep, 'honorTimestamps'));
    addTrackTimestampsStaleness(ctx, cfg, bool(ep, 'trackTimestampsStaleness'));
    cfg.add('kubernetes_sd_configs', [
      k8sSDConfig(ctx, {
        nsSel: obj(spec.namespaceSelector),
        namespace: ns,
        role,
        ...(attach ? { attachNode: { node: bool(attach, 'node') ?? false, minVersion: '2.37.0' } } : {}),
        ...(roleSelector ? { roleSelector: { roles: [role, 'service'], selector } } : {}),
      }),
    ]);
    if (str(ep, 'interval')) cfg.add('scrape_interval', str(ep, 'interval'));
    if (str(ep, 'scrapeTimeout')) cfg.add('scrape_timeout', str(ep, 'scrapeTimeout'));
    if (str(ep, 'path')) cfg.add('metrics_path', str(ep, 'path'));
    const params = strListMap(ep, 'params');
    if (params) cfg.add('params', params);
    if (str(ep, 'scheme')) cfg.add('scheme', (str(ep, 'scheme') as string).toLowerCase());
    if (bool(ep, 'followRedirects') !== undefined && atLeast(ctx, '2.26.0')) cfg.add('follow_redirects', bool(ep, 'followRedirects'));
    if (bool(ep, 'enableHttp2') !== undefined && atLeast(ctx, '2.35.0')) cfg.add('enable_http2', bool(ep, 'enableHttp2'));
    addProxy(ctx, cfg, ns, ep);
    addOAuth2(ctx, cfg, ns, obj(ep.oauth2));
    addTLS(ctx, cfg, ns, mergeTLS(obj(ep.tlsConfig), cls?.cls, false));
    if (str(ep, 'bearerTokenFile')) cfg.add('bearer_token_file', str(ep, 'bearerTokenFile'));
    addBearerTokenSecret(ctx, cfg, ns, ep.bearerTokenSecret);
    addBasicAuth(ctx, cfg, ns, obj(ep.basicAuth));
    addAuthorization(ctx, cfg, ns, mergeAuthorization(obj(ep.authorization), cls?.cls));

    const rules = new Rules();
    rules.push(rule(['source_labels', ['job']], ['target_label', '__tmp_prometheus_job_name']), e());
    if (!roleSelector) selectorRules(rules, selector, 'service', (p) => at(['selector', ...p]));
    portFilter(rules, ep, role, e);
    const kindLabels = role === 'endpointslice' ? ['__meta_kubernetes_endpointslice_address_target_kind', '__meta_kubernetes_endpointslice_address_target_name'] : ['__meta_kubernetes_endpoint_address_target_kind', '__meta_kubernetes_endpoint_address_target_name'];
    rules.push(rule(['source_labels', kindLabels], ['separator', ';'], ['regex', 'Node;(.*)'], ['replacement', '${1}'], ['target_label', 'node']), e());
    rules.push(rule(['source_labels', kindLabels], ['separator', ';'], ['regex', 'Pod;(.*)'], ['replacement', '${1}'], ['target_label', 'pod']), e());
    rules.push(rule(['source_labels', ['__meta_kubernetes_namespace']], ['target_label', 'namespace']), e());
    rules.push(rule(['source_labels', ['__meta_kubernetes_service_name']], ['target_label', 'service']), e());
    rules.push(rule(['source_labels', ['__meta_kubernetes_pod_name']], ['target_label', 'pod']), e());
    rules.push(rule(['source_labels', ['__meta_kubernetes_pod_container_name']], ['target_label', 'container']), e());
    if (bool(ep, 'filterRunning') ?? true) {
      rules.push(rule(['action', 'drop'], ['source_labels', ['__meta_kubernetes_pod_phase']], ['regex', '(Failed|Succeeded)']), e(...(ep.filterRunning !== undefined ? ['filterRunning'] : [])));
    }
    strList(spec, 'targetLabels').forEach((l, j) => {
      rules.push(rule(['source_labels', [`__meta_kubernetes_service_label_${sanitizeLabelName(l)}`]], ['target_label', sanitizeLabelName(l)], ['regex', '(.+)'], ['replacement', '${1}']), at(['targetLabels', j]));
    });
    podTargetLabels(ctx, rules, spec, at);
    rules.push(rule(['source_labels', ['__meta_kubernetes_service_name']], ['target_label', 'job'], ['replacement', '${1}']), e());
    if (str(spec, 'jobLabel')) {
      rules.push(rule(['source_labels', [`__meta_kubernetes_service_label_${sanitizeLabelName(str(spec, 'jobLabel') as string)}`]], ['target_label', 'job'], ['regex', '(.+)'], ['replacement', '${1}']), at(['jobLabel']));
    }
    const port = str(ep, 'port');
    const tp = ep.targetPort;
    if (port) rules.push(rule(['target_label', 'endpoint'], ['replacement', port]), e('port'));
    else if (tp !== undefined && tp !== null && String(tp) !== '') rules.push(rule(['target_label', 'endpoint'], ['replacement', String(tp)]), e('targetPort'));
    objList(cls?.cls, 'relabelings').forEach((rc, j) => rules.push(poRelabel(rc), promOrigin(ctx, ['scrapeClasses', cls?.index ?? 0, 'relabelings', j])));
    objList(ep, 'relabelings').forEach((rc, j) => rules.push(poRelabel(rc), e('relabelings', j)));
    const enf = enforcedNamespaceRule(ctx, 'ServiceMonitor', ns, name);
    if (enf) rules.push(enf.rule, enf.origin);
    appendSharding(ctx, rules, '__address__');
    cfg.add('relabel_configs', rules.rules);

    addLimits(ctx, cfg, spec, cls?.cls, true);
    const metric = metricRelabelings(ctx, cls, objList(ep, 'metricRelabelings'), { kind: 'ServiceMonitor', namespace: ns, name }, (j) => e('metricRelabelings', j));
    if (metric.length) cfg.add('metric_relabel_configs', metric.rules);
    return { name: `serviceMonitor/${ns}/${name}/${i}`, cfg, origins: jobOrigins(e(), rules, metric) };
  });
}

/** Port filter: `port` (the Service/Endpoints port name) wins; else targetPort by its YAML type: a
 * string is a container port NAME, a number a container port NUMBER (emitted as a YAML int). */
function portFilter(rules: Rules, ep: Obj, role: string, e: (...p: Path) => ReturnType<typeof originOf>): void {
  const port = str(ep, 'port');
  const tp = ep.targetPort;
  if (port) {
    const src = role === 'endpointslice' ? '__meta_kubernetes_endpointslice_port_name' : '__meta_kubernetes_endpoint_port_name';
    rules.push(rule(['action', 'keep'], ['source_labels', [src]], ['regex', port]), e('port'));
  } else if (typeof tp === 'string' && tp !== '') {
    rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_name']], ['regex', tp]), e('targetPort'));
  } else if (typeof tp === 'number' && tp !== 0) {
    rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_number']], ['regex', tp]), e('targetPort'));
  }
}

/** The monitor's podTargetLabels, then the Prometheus' spec.podTargetLabels. */
export function podTargetLabels(ctx: PromCtx, rules: Rules, spec: Obj, at: (p: Path) => ReturnType<typeof originOf>): void {
  const add = (l: string, o: ReturnType<typeof originOf>) =>
    rules.push(rule(['source_labels', [`__meta_kubernetes_pod_label_${sanitizeLabelName(l)}`]], ['target_label', sanitizeLabelName(l)], ['regex', '(.+)'], ['replacement', '${1}']), o);
  strList(spec, 'podTargetLabels').forEach((l, j) => add(l, at(['podTargetLabels', j])));
  strList(ctx.spec, 'podTargetLabels').forEach((l, j) => add(l, promOrigin(ctx, ['podTargetLabels', j])));
}
