// VMServiceScrape → one scrape job per endpoint, following the VictoriaMetrics operator
// internal/controller/operator/factory/vmscrapes/servicescrape.go generateServiceScrapeConfig.
import type { StoredObject } from '../ingest/kinds.ts';
import { EMPTY_SELECTOR, readSelector } from './label-selector.ts';
import { jobOrigins, rule, Rules, type BuiltJob } from './rules.ts';
import { bool, int, obj, objList, sanitizeLabelName, str, strList, type Path } from './values.ts';
import {
  addCommonScrapeParams,
  finishEndpointJob,
  mergedAttach,
  mergeEndpointAuth,
  originFor,
  scrapeInterval,
  type VMCtx,
  vmK8sSDConfigs,
  vmNamespaces,
  vmOrigin,
  vmScrapeClass,
  vmSelectorRules,
} from './vm-common.ts';
import { MapSlice } from './yaml-emit.ts';

export function generateVMServiceScrape(ctx: VMCtx, so: StoredObject, kind = 'VMServiceScrape'): BuiltJob[] {
  const ns = so.obj.metadata.namespace ?? 'default';
  const name = so.obj.metadata.name;
  const spec = obj(so.obj.spec) ?? {};
  const at = originFor(so, kind);
  const cls = vmScrapeClass(ctx, str(spec, 'scrapeClass'));
  const role = str(spec, 'discoveryRole') || (ctx.enforceEndpointSlices ? 'endpointslice' : 'endpoints');
  const selector = readSelector(spec.selector) ?? EMPTY_SELECTOR;
  const apiSelectors = bool(ctx.spec, 'enableKubernetesAPISelectors') === true;
  const isSlice = role === 'endpointslice' || role === 'endpointslices';

  return objList(spec, 'endpoints').map((rawEp, i) => {
    const e = (...p: Path) => at(['endpoints', i, ...p]);
    const ep = cls ? mergeEndpointAuth(rawEp, cls.cls) : rawEp;
    const jobName = `serviceScrape/${ns}/${name}/${i}`;
    const cfg = new MapSlice().add('job_name', jobName);
    const sd = vmK8sSDConfigs(ctx, [
      {
        role,
        namespaces: vmNamespaces(ctx, obj(spec.namespaceSelector), ns),
        attach: mergedAttach(obj(rawEp.attach_metadata), obj(spec.attach_metadata), obj(cls?.cls.attachMetadata)),
        selector,
        namespace: ns,
      },
    ]);
    cfg.add('kubernetes_sd_configs', sd);
    addCommonScrapeParams(ctx, cfg, {
      ep,
      interval: scrapeInterval(ctx, ep),
      sampleLimit: int(ep, 'sampleLimit') || int(spec, 'sampleLimit'),
      seriesLimit: int(ep, 'seriesLimit') || int(spec, 'seriesLimit'),
    });

    const rules = new Rules();
    if (!apiSelectors) vmSelectorRules(rules, 'service', selector, (p) => at(['selector', ...p]));
    const port = str(ep, 'port');
    const tp = ep.targetPort;
    if (port) {
      const src = role === 'endpoints' ? '__meta_kubernetes_endpoint_port_name' : isSlice ? '__meta_kubernetes_endpointslice_port_name' : role === 'service' ? '__meta_kubernetes_service_port_name' : undefined;
      if (src) rules.push(rule(['action', 'keep'], ['source_labels', [src]], ['regex', port]), e('port'));
    } else if (tp !== undefined && tp !== null && role !== 'service') {
      // The VM operator writes the number as a string (TargetPort.String()), so yaml.v2 quotes it.
      if (typeof tp === 'string' && tp !== '') rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_name']], ['regex', tp]), e('targetPort'));
      else if (typeof tp === 'number' && tp !== 0) rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_number']], ['regex', String(tp)]), e('targetPort'));
    }
    if (role !== 'service') {
      const prefix = isSlice ? '__meta_kubernetes_endpointslice' : '__meta_kubernetes_endpoint';
      const kindLabels = [`${prefix}_address_target_kind`, `${prefix}_address_target_name`];
      rules.push(rule(['source_labels', kindLabels], ['separator', ';'], ['regex', 'Node;(.*)'], ['replacement', '${1}'], ['target_label', 'node']), e());
      rules.push(rule(['source_labels', kindLabels], ['separator', ';'], ['regex', 'Pod;(.*)'], ['replacement', '${1}'], ['target_label', 'pod']), e());
      rules.push(rule(['source_labels', ['__meta_kubernetes_pod_name']], ['target_label', 'pod']), e());
      rules.push(rule(['source_labels', ['__meta_kubernetes_pod_container_name']], ['target_label', 'container']), e());
    }
    rules.push(rule(['source_labels', ['__meta_kubernetes_namespace']], ['target_label', 'namespace']), e());
    rules.push(rule(['source_labels', ['__meta_kubernetes_service_name']], ['target_label', 'service']), e());
    strList(spec, 'targetLabels').forEach((l, j) => {
      rules.push(rule(['source_labels', [`__meta_kubernetes_service_label_${sanitizeLabelName(l)}`]], ['target_label', sanitizeLabelName(l)], ['regex', '(.+)'], ['replacement', '${1}']), at(['targetLabels', j]));
    });
    if (role !== 'service') {
      strList(spec, 'podTargetLabels').forEach((l, j) => {
        rules.push(rule(['source_labels', [`__meta_kubernetes_pod_label_${sanitizeLabelName(l)}`]], ['target_label', sanitizeLabelName(l)], ['regex', '(.+)'], ['replacement', '${1}']), at(['podTargetLabels', j]));
      });
    }
    rules.push(rule(['source_labels', ['__meta_kubernetes_service_name']], ['target_label', 'job'], ['replacement', '${1}']), e());
    const jobLabel = str(spec, 'jobLabel');
    if (jobLabel) rules.push(rule(['source_labels', [`__meta_kubernetes_service_label_${sanitizeLabelName(jobLabel)}`]], ['target_label', 'job'], ['regex', '(.+)'], ['replacement', '${1}']), at(['jobLabel']));
    if (port) rules.push(rule(['target_label', 'endpoint'], ['replacement', port]), e('port'));
    else if (tp !== undefined && tp !== null && role !== 'service' && String(tp) !== '') rules.push(rule(['target_label', 'endpoint'], ['replacement', String(tp)]), e('targetPort'));
    return finishEndpointJob(ctx, { name: jobName, cfg, rules, cls, rawEp, ep, ns }, { endpoint: ['endpoints', i], template: 'serviceScrapeRelabelTemplate', origin: e });
  });
}
