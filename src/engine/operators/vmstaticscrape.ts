// VMStaticScrape → one scrape job per targetEndpoint, following the VictoriaMetrics operator
// internal/controller/operator/factory/vmscrapes/staticscrape.go generateStaticScrapeConfig.
import type { StoredObject } from '../ingest/kinds.ts';
import { jobOrigins, rule, Rules, type BuiltJob } from './rules.ts';
import { int, obj, objList, str, strList, strMap, type Path } from './values.ts';
import {
  addCommonScrapeParams,
  finishEndpointJob,
  mergeEndpointAuth,
  originFor,
  scrapeInterval,
  type VMCtx,
  vmOrigin,
  vmScrapeClass,
} from './vm-common.ts';
import { MapSlice } from './yaml-emit.ts';

export function generateVMStaticScrape(ctx: VMCtx, so: StoredObject): BuiltJob[] {
  const ns = so.obj.metadata.namespace ?? 'default';
  const name = so.obj.metadata.name;
  const spec = obj(so.obj.spec) ?? {};
  const at = originFor(so, 'VMStaticScrape');
  const cls = vmScrapeClass(ctx, str(spec, 'scrapeClass'));
  return objList(spec, 'targetEndpoints').map((rawEp, i) => {
    const e = (...p: Path) => at(['targetEndpoints', i, ...p]);
    const ep = cls ? mergeEndpointAuth(rawEp, cls.cls) : rawEp;
    const jobName = `staticScrape/${ns}/${name}/${i}`;
    const cfg = new MapSlice().add('job_name', jobName);
    const tg = new MapSlice().add('targets', strList(ep, 'targets'));
    const labels = strMap(ep, 'labels');
    if (labels) tg.add('labels', labels);
    cfg.add('static_configs', [tg]);
    addCommonScrapeParams(ctx, cfg, {
      ep,
      interval: scrapeInterval(ctx, ep),
      timeout: str(ep, 'scrapeTimeout') || str(ctx.spec, 'scrapeTimeout'),
      sampleLimit: int(ep, 'sampleLimit') || int(spec, 'sampleLimit'),
      seriesLimit: int(ep, 'seriesLimit') || int(spec, 'seriesLimit'),
    });
    const rules = new Rules();
    if (str(spec, 'jobName')) rules.push(rule(['target_label', 'job'], ['replacement', str(spec, 'jobName') as string]), at(['jobName']));
    return finishEndpointJob(ctx, { name: jobName, cfg, rules, cls, rawEp, ep, ns }, { endpoint: ['targetEndpoints', i], template: 'staticScrapeRelabelTemplate', origin: e });
  });
}
