// Probe → one scrape job (static targets or ingress discovery), following prometheus-operator
// pkg/prometheus/promcfg.go generateProbeConfig (v0.93.0).
import type { StoredObject } from '../ingest/kinds.ts';
import { EMPTY_SELECTOR, readSelector } from './label-selector.ts';
import {
  addAuthorization,
  addBasicAuth,
  addBearerTokenSecret,
  addHonorTimestamps,
  addLimits,
  addOAuth2,
  addProxy,
  addTLS,
  appendRelabels,
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
import { bool, obj, objList, originOf, str, strList, strMap, type Obj, type Path } from './values.ts';
import { MapSlice, type YValue } from './yaml-emit.ts';

export function generateProbe(ctx: PromCtx, so: StoredObject): BuiltJob {
  const m = so.obj;
  const ns = m.metadata.namespace ?? 'default';
  const name = m.metadata.name;
  const spec = obj(m.spec) ?? {};
  const at = (...p: Path) => originOf(so, 'Probe', ns, name, p);
  const cls = scrapeClassFor(ctx, str(spec, 'scrapeClass'));
  const prober = obj(spec.prober) ?? {};
  const targets = obj(spec.targets) ?? {};
  const jobName = `probe/${ns}/${name}`;

  const cfg = new MapSlice().add('job_name', jobName);
  addHonorTimestamps(ctx, cfg, true);
  cfg.add('metrics_path', str(prober, 'path') ?? '/probe');
  if (str(spec, 'interval')) cfg.add('scrape_interval', str(spec, 'interval'));
  if (str(spec, 'scrapeTimeout')) cfg.add('scrape_timeout', str(spec, 'scrapeTimeout'));
  if (str(prober, 'scheme')) cfg.add('scheme', (str(prober, 'scheme') as string).toLowerCase());
  const params = new MapSlice();
  const module = str(spec, 'module');
  if (module) params.add('module', [module]);
  for (const p of objList(spec, 'params')) {
    if (module && str(p, 'name') === 'module') continue;
    params.add(str(p, 'name') ?? '', strList(p, 'values'));
  }
  if (params.size) cfg.add('params', params);
  addLimits(ctx, cfg, spec, cls?.cls, false);
  if (str(ctx.spec, 'enforcedBodySizeLimit') && atLeast(ctx, '2.28.0')) cfg.add('body_size_limit', str(ctx.spec, 'enforcedBodySizeLimit'));

  const rules = new Rules();
  rules.push(rule(['source_labels', ['job']], ['target_label', '__tmp_prometheus_job_name']), at());
  if (str(spec, 'jobName')) rules.push(rule(['target_label', 'job'], ['replacement', str(spec, 'jobName') as string]), at('jobName'));

  addProxy(ctx, cfg, ns, prober);
  if (bool(spec, 'followRedirects') !== undefined && atLeast(ctx, '2.26.0')) cfg.add('follow_redirects', bool(spec, 'followRedirects'));
  if (bool(spec, 'enableHttp2') !== undefined && atLeast(ctx, '2.35.0')) cfg.add('enable_http2', bool(spec, 'enableHttp2'));
  addTLS(ctx, cfg, ns, mergeTLS(obj(spec.tlsConfig), cls?.cls, true));

  const proberURL = str(prober, 'url') ?? '';
  const classRules = () => objList(cls?.cls, 'relabelings').forEach((rc, j) => rules.push(poRelabel(rc), promOrigin(ctx, ['scrapeClasses', cls?.index ?? 0, 'relabelings', j])));
  const enforced = () => {
    const enf = enforcedNamespaceRule(ctx, 'Probe', ns, name);
    if (enf) rules.push(enf.rule, enf.origin);
  };
  const staticConfig = obj(targets.staticConfig);
  const ingress = obj(targets.ingress);
  if (staticConfig) {
    // The operator adds `namespace: <probe ns>` unless the user gave a namespace label.
    const labels: { [k: string]: YValue } = { ...(strMap(staticConfig, 'labels') ?? {}) };
    if (labels.namespace === undefined) labels.namespace = ns;
    cfg.add('static_configs', [new MapSlice().add('targets', strList(staticConfig, 'static')).add('labels', labels)]);
    const t = (...p: Path) => at('targets', 'staticConfig', ...p);
    rules.push(rule(['source_labels', ['__address__']], ['target_label', '__param_target']), t('static'));
    rules.push(rule(['source_labels', ['__param_target']], ['target_label', 'instance']), t('static'));
    rules.push(rule(['target_label', '__address__'], ['replacement', proberURL]), at('prober', 'url'));
    classRules();
    appendRelabels(rules, objList(staticConfig, 'relabelingConfigs'), (j) => t('relabelingConfigs', j));
    enforced();
  } else if (ingress) {
    const t = (...p: Path) => at('targets', 'ingress', ...p);
    selectorRules(rules, readSelector(ingress.selector) ?? EMPTY_SELECTOR, 'ingress', (p) => t('selector', ...p));
    cfg.add('kubernetes_sd_configs', [k8sSDConfig(ctx, { nsSel: obj(ingress.namespaceSelector), namespace: ns, role: 'ingress' })]);
    rules.push(
      rule(['source_labels', ['__meta_kubernetes_ingress_scheme', '__address__', '__meta_kubernetes_ingress_path']], ['separator', ';'], ['regex', '(.+);(.+);(.+)'], ['target_label', '__param_target'], ['replacement', '${1}://${2}${3}'], ['action', 'replace']),
      t(),
    );
    rules.push(rule(['source_labels', ['__meta_kubernetes_namespace']], ['target_label', 'namespace']), t());
    rules.push(rule(['source_labels', ['__meta_kubernetes_ingress_name']], ['target_label', 'ingress']), t());
    rules.push(rule(['source_labels', ['__address__']], ['separator', ';'], ['regex', '(.*)'], ['target_label', '__tmp_ingress_address'], ['replacement', '$1'], ['action', 'replace']), t());
    rules.push(rule(['source_labels', ['__param_target']], ['target_label', 'instance']), t());
    rules.push(rule(['target_label', '__address__'], ['replacement', proberURL]), at('prober', 'url'));
    classRules();
    appendRelabels(rules, objList(ingress, 'relabelingConfigs'), (j) => t('relabelingConfigs', j));
    enforced();
  }
  appendSharding(ctx, rules, '__param_target');
  cfg.add('relabel_configs', rules.rules);

  if (obj(spec.bearerTokenSecret)) addBearerTokenSecret(ctx, cfg, ns, { name: 'x', ...(spec.bearerTokenSecret as Obj) });
  addBasicAuth(ctx, cfg, ns, obj(spec.basicAuth));
  addOAuth2(ctx, cfg, ns, obj(spec.oauth2));
  addAuthorization(ctx, cfg, ns, mergeAuthorization(obj(spec.authorization), cls?.cls));
  const metric = metricRelabelings(ctx, cls, objList(spec, 'metricRelabelings'), { kind: 'Probe', namespace: ns, name }, (j) => at('metricRelabelings', j));
  if (metric.length) cfg.add('metric_relabel_configs', metric.rules);
  return { name: jobName, cfg, origins: jobOrigins(at(), rules, metric) };
}
