// The whole scrape config the VictoriaMetrics operator writes for one VMAgent
// (vmscrapes/objects.go BuildScrapeJobsConfig): global section, jobs by kind (service, pod, probe,
// node, static, scrapeConfig), then additionalScrapeConfigs and inlineScrapeConfig. An object whose
// Secret/ConfigMap reference is missing is skipped as a whole (ForEachCollectSkipNotFound).
import { diag, type Diagnostic } from '../diagnostics.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import type { BuiltJob } from './rules.ts';
import type { GeneratedConfig, JobOrigins } from './types.ts';
import type { VMKind, VMSelected } from './vmagent-selection.ts';
import { int, obj, objList, str, strMap } from './values.ts';
import { VMNotFound, vmOrigin, vmRelabelYamlTags, type VMCtx } from './vm-common.ts';
import { generateVMNodeScrape } from './vmnodescrape.ts';
import { generateVMPodScrape } from './vmpodscrape.ts';
import { generateVMProbe } from './vmprobe.ts';
import { generateVMScrapeConfig } from './vmscrapeconfig.ts';
import { generateVMServiceScrape } from './vmservicescrape.ts';
import { generateVMStaticScrape } from './vmstaticscrape.ts';
import { emitYaml, fromYamlText, MapSlice, substitute, type YValue } from './yaml-emit.ts';

const ORDER: [VMKind, (ctx: VMCtx, so: StoredObject) => BuiltJob[]][] = [
  ['VMServiceScrape', (c, so) => generateVMServiceScrape(c, so)],
  ['VMPodScrape', (c, so) => generateVMPodScrape(c, so)],
  ['VMProbe', (c, so) => [generateVMProbe(c, so)]],
  ['VMNodeScrape', (c, so) => [generateVMNodeScrape(c, so)]],
  ['VMStaticScrape', (c, so) => generateVMStaticScrape(c, so)],
  ['VMScrapeConfig', (c, so) => [generateVMScrapeConfig(c, so)]],
];

export interface VMSkipped {
  so: StoredObject;
  kind: VMKind;
  message: string;
  path: (string | number)[];
}

export function buildVMAgentConfig(ctx: VMCtx, selected: VMSelected, shard: number): { config: GeneratedConfig; skipped: VMSkipped[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const skipped: VMSkipped[] = [];
  const { owner, spec } = ctx;
  const jobs: BuiltJob[] = [];
  for (const [kind, gen] of ORDER) {
    for (const so of selected[kind]) {
      try {
        jobs.push(...gen(ctx, so));
      } catch (e) {
        if (!(e instanceof VMNotFound)) throw e;
        skipped.push({ so, kind, message: e.message, path: e.path });
      }
    }
  }
  jobs.push(...rawJobs(ctx, diagnostics));

  const global = new MapSlice().add('scrape_interval', str(spec, 'scrapeInterval') || '30s').add('external_labels', externalLabels(ctx));
  const sl = int(spec, 'sampleLimit');
  if (sl && sl > 0) global.add('sample_limit', sl);
  if (str(spec, 'scrapeTimeout')) global.add('scrape_timeout', str(spec, 'scrapeTimeout'));
  const gm = objList(spec, 'globalScrapeMetricRelabelConfigs');
  if (gm.length) global.add('metric_relabel_configs', gm.map(vmRelabelYamlTags));
  const gr = objList(spec, 'globalScrapeRelabelConfigs');
  if (gr.length) global.add('relabel_configs', gr.map(vmRelabelYamlTags));

  const root = new MapSlice().add('global', global).add('scrape_configs', jobs.map((j) => j.cfg));
  const origins: Record<string, JobOrigins> = {};
  for (const j of jobs) origins[j.name] = j.origins;
  // %{KUBE_NODE_NAME} (daemonSet mode) is expanded by vmagent from its environment; we cannot know the node.
  const runtime = substitute(root, {});
  const shards = Math.max(1, int(spec, 'shardCount') ?? 1);
  return { config: { owner, family: 'vmagent', yaml: emitYaml(root), runtimeYaml: emitYaml(runtime), shard, shards, origins }, skipped, diagnostics };
}

/** externalLabels(): `prometheus` (or externalLabelName / vmAgentExternalLabelName) = <ns>/<name>, then spec.externalLabels. */
function externalLabels(ctx: VMCtx): { [k: string]: YValue } {
  const m: { [k: string]: YValue } = {};
  const name = ctx.spec.externalLabelName !== undefined && ctx.spec.externalLabelName !== null ? String(ctx.spec.externalLabelName) : ctx.spec.vmAgentExternalLabelName !== undefined && ctx.spec.vmAgentExternalLabelName !== null ? String(ctx.spec.vmAgentExternalLabelName) : 'prometheus';
  if (name) m[name] = `${ctx.owner.namespace}/${ctx.owner.name}`;
  for (const [k, v] of Object.entries(strMap(ctx.spec, 'externalLabels') ?? {})) m[k] = v;
  return m;
}

/** additionalScrapeConfigs (a Secret key in the VMAgent namespace) then inlineScrapeConfig, verbatim. */
function rawJobs(ctx: VMCtx, diagnostics: Diagnostic[]): BuiltJob[] {
  const texts: { text: string; field: string }[] = [];
  const sel = obj(ctx.spec.additionalScrapeConfigs);
  if (sel) {
    const r = ctx.assets.raw(ctx.owner.namespace, sel);
    if (r.ok) texts.push({ text: r.value, field: 'additionalScrapeConfigs' });
    else diagnostics.push(diag('OPERATOR_REJECTED', 'error', `${ctx.owner.kind} ${ctx.owner.namespace}/${ctx.owner.name}: loading additional scrape configs from Secret failed: ${r.error}`, vmOrigin(ctx, ['additionalScrapeConfigs']).pos));
  }
  if (str(ctx.spec, 'inlineScrapeConfig')) texts.push({ text: str(ctx.spec, 'inlineScrapeConfig') as string, field: 'inlineScrapeConfig' });
  const out: BuiltJob[] = [];
  for (const { text, field } of texts) {
    const v = fromYamlText(text);
    const where = vmOrigin(ctx, [field]);
    if (v === null || v === undefined) continue;
    if (!Array.isArray(v)) {
      diagnostics.push(diag('OPERATOR_REJECTED', 'error', `${ctx.owner.kind} ${ctx.owner.namespace}/${ctx.owner.name}: ${field} is not a YAML list of scrape configs`, where.pos));
      continue;
    }
    for (const job of v) {
      if (!(job instanceof MapSlice)) continue;
      const rc = job.get('relabel_configs');
      out.push({ name: String(job.get('job_name') ?? ''), cfg: job, origins: { job: where, relabel: Array.isArray(rc) ? rc.map(() => where) : [] } });
    }
  }
  return out;
}
