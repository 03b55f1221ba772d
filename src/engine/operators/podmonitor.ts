// PodMonitor → one scrape job per podMetricsEndpoint, following prometheus-operator
// pkg/prometheus/promcfg.go generatePodMonitorConfig (v0.93.0).
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
import { podTargetLabels } from './servicemonitor.ts';
import { bool, obj, objList, originOf, sanitizeLabelName, str, strListMap, type Path } from './values.ts';
import { MapSlice } from './yaml-emit.ts';

export function generatePodMonitor(ctx: PromCtx, so: StoredObject): BuiltJob[] {
  const m = so.obj;
  const ns = m.metadata.namespace ?? 'default';
  const name = m.metadata.name;
  const spec = obj(m.spec) ?? {};
  const at = (p: Path) => originOf(so, 'PodMonitor', ns, name, p);
  const cls = scrapeClassFor(ctx, str(spec, 'scrapeClass'));
  const selector = readSelector(spec.selector) ?? EMPTY_SELECTOR;
  const roleSelector = str(spec, 'selectorMechanism') === 'RoleSelector';
  const attach = obj(spec.attachMetadata) ?? obj(cls?.cls.attachMetadata);

  return objList(spec, 'podMetricsEndpoints').map((ep, i) => {
    const e = (...p: Path) => at(['podMetricsEndpoints', i, ...p]);
    const cfg = new MapSlice().add('job_name', `podMonitor/${ns}/${name}/${i}`);
    addHonorLabels(ctx, cfg, bool(ep, 'honorLabels') ?? false);
    addHonorTimestamps(ctx, cfg, bool(ep, 'honorTimestamps'));
    addTrackTimestampsStaleness(ctx, cfg, bool(ep, 'trackTimestampsStaleness'));
    cfg.add('kubernetes_sd_configs', [
      k8sSDConfig(ctx, {
        nsSel: obj(spec.namespaceSelector),
        namespace: ns,
        role: 'pod',
        ...(attach ? { attachNode: { node: bool(attach, 'node') ?? false, minVersion: '2.35.0' } } : {}),
        ...(roleSelector ? { roleSelector: { roles: ['pod'], selector } } : {}),
      }),
    ]);
    if (str(ep, 'interval')) cfg.add('scrape_interval', str(ep, 'interval'));
    if (str(ep, 'scrapeTimeout')) cfg.add('scrape_timeout', str(ep, 'scrapeTimeout'));
    if (str(ep, 'path')) cfg.add('metrics_path', str(ep, 'path'));
    const params = strListMap(ep, 'params');
    if (params) cfg.add('params', params);
    if (str(ep, 'scheme')) cfg.add('scheme', (str(ep, 'scheme') as string).toLowerCase());
    // addHTTPConfigToYAML: follow_redirects, enable_http2, then the (scrape-class merged) TLS config.
    if (bool(ep, 'followRedirects') !== undefined && atLeast(ctx, '2.26.0')) cfg.add('follow_redirects', bool(ep, 'followRedirects'));
    if (bool(ep, 'enableHttp2') !== undefined && atLeast(ctx, '2.35.0')) cfg.add('enable_http2', bool(ep, 'enableHttp2'));
    addTLS(ctx, cfg, ns, mergeTLS(obj(ep.tlsConfig), cls?.cls, true));
    addBearerTokenSecret(ctx, cfg, ns, ep.bearerTokenSecret);
    addBasicAuth(ctx, cfg, ns, obj(ep.basicAuth));
    addOAuth2(ctx, cfg, ns, obj(ep.oauth2));
    addProxy(ctx, cfg, ns, ep);
    addAuthorization(ctx, cfg, ns, mergeAuthorization(obj(ep.authorization), cls?.cls));

    const rules = new Rules();
    rules.push(rule(['source_labels', ['job']], ['target_label', '__tmp_prometheus_job_name']), e());
    // Unlike ServiceMonitors, the running filter comes before the selector rules.
    if (bool(ep, 'filterRunning') ?? true) {
      rules.push(rule(['action', 'drop'], ['source_labels', ['__meta_kubernetes_pod_phase']], ['regex', '(Failed|Succeeded)']), e(...(ep.filterRunning !== undefined ? ['filterRunning'] : [])));
    }
    if (!roleSelector) selectorRules(rules, selector, 'pod', (p) => at(['selector', ...p]));
    const port = str(ep, 'port');
    const portNumber = typeof ep.portNumber === 'number' ? ep.portNumber : 0;
    const tp = ep.targetPort;
    if (port) rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_name']], ['regex', port]), e('port'));
    else if (portNumber) rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_number']], ['regex', portNumber]), e('portNumber'));
    else if (typeof tp === 'string' && tp) rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_name']], ['regex', tp]), e('targetPort'));
    else if (typeof tp === 'number' && tp) rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_number']], ['regex', tp]), e('targetPort'));
    rules.push(rule(['source_labels', ['__meta_kubernetes_namespace']], ['target_label', 'namespace']), e());
    rules.push(rule(['source_labels', ['__meta_kubernetes_pod_container_name']], ['target_label', 'container']), e());
    rules.push(rule(['source_labels', ['__meta_kubernetes_pod_name']], ['target_label', 'pod']), e());
    podTargetLabels(ctx, rules, spec, at);
    rules.push(rule(['target_label', 'job'], ['replacement', `${ns}/${name}`]), e());
    if (str(spec, 'jobLabel')) {
      rules.push(rule(['source_labels', [`__meta_kubernetes_pod_label_${sanitizeLabelName(str(spec, 'jobLabel') as string)}`]], ['target_label', 'job'], ['regex', '(.+)'], ['replacement', '${1}']), at(['jobLabel']));
    }
    if (port) rules.push(rule(['target_label', 'endpoint'], ['replacement', port]), e('port'));
    else if (tp !== undefined && tp !== null && String(tp) !== '') rules.push(rule(['target_label', 'endpoint'], ['replacement', String(tp)]), e('targetPort'));
    objList(cls?.cls, 'relabelings').forEach((rc, j) => rules.push(poRelabel(rc), promOrigin(ctx, ['scrapeClasses', cls?.index ?? 0, 'relabelings', j])));
    objList(ep, 'relabelings').forEach((rc, j) => rules.push(poRelabel(rc), e('relabelings', j)));
    const enf = enforcedNamespaceRule(ctx, 'PodMonitor', ns, name);
    if (enf) rules.push(enf.rule, enf.origin);
    if (!ctx.daemonSet) appendSharding(ctx, rules, '__address__');
    cfg.add('relabel_configs', rules.rules);

    addLimits(ctx, cfg, spec, cls?.cls, true);
    const metric = metricRelabelings(ctx, cls, objList(ep, 'metricRelabelings'), { kind: 'PodMonitor', namespace: ns, name }, (j) => e('metricRelabelings', j));
    if (metric.length) cfg.add('metric_relabel_configs', metric.rules);
    return { name: `podMonitor/${ns}/${name}/${i}`, cfg, origins: jobOrigins(e(), rules, metric) };
  });
}
