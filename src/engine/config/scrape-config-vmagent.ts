// vmagent's `-promscrape.config` → Config (lib/promscrape/config.go: Config.parseData, getScrapeWorkConfig).
// Differences from Prometheus' loader (config/scrape-config.ts) that decide targets:
//   * unknown keys: refused by vmagent's default strict parsing; reported as warnings here because the goldens
//     ran with -promscrape.config.strictParse=false (profile config.unknownKeys);
//   * intervals: a job value ≤ 0 falls back to global, then 1m / 10s; a timeout above the interval is clamped,
//     not refused; durations are MetricsQL durations (metricsql.DurationValue);
//   * `scheme` must be http or https; `job_name` must be set and unique;
//   * any error (type errors, relabel rules, schemes) refuses the whole config: no targets at all.
import { isMap, type Node } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics.ts';
import type { ConfigDoc } from '../ingest/ingest.ts';
import type { Profile } from '../profiles/types.ts';
import type { RelabelRule } from '../relabel/types.ts';
import { parseVmRelabelConfigs } from './relabel-config-vmagent.ts';
import type { ParseConfigResult } from './scrape-config.ts';
import { parseVmKubernetesSD } from './sd-config-vmagent.ts';
import type { GlobalConfig, KubernetesSDConfig, ScrapeConfig } from './types.ts';
import { VmReader } from './vm-read.ts';
import { isNullNode, mapPairs, pairKey, rangeOf, seqItems } from './yaml-nodes.ts';

const DEFAULT_INTERVAL = 60_000;
const DEFAULT_TIMEOUT = 10_000;

interface VmGlobal extends GlobalConfig {
  /** vmagent 1.150 `global.relabel_configs`: run before every job's rules. */
  relabelConfigs: RelabelRule[];
}

function parseGlobal(node: unknown, r: VmReader, profile: Profile): VmGlobal {
  const g: VmGlobal = {
    scrapeInterval: DEFAULT_INTERVAL,
    scrapeTimeout: DEFAULT_TIMEOUT,
    externalLabels: {},
    scrapeNativeHistograms: false,
    alwaysScrapeClassicHistograms: false,
    convertClassicHistogramsToNhcb: false,
    nameValidation: 'legacy',
    relabelConfigs: [],
  };
  if (node === undefined || isNullNode(node)) return g;
  if (!isMap(node)) {
    r.typeError(node, 'promscrape.GlobalConfig');
    return g;
  }
  const keys = profile.config.keys;
  if (keys) r.checkKeys(node, 'promscrape.GlobalConfig', keys.global);
  const si = r.duration(node, 'scrape_interval');
  const st = r.duration(node, 'scrape_timeout');
  if (si !== undefined && si > 0) g.scrapeInterval = si;
  if (st !== undefined && st > 0) g.scrapeTimeout = st;
  for (const [k, v] of r.strMap(node, 'external_labels') ?? []) g.externalLabels[k] = v;
  if (keys?.global.includes('relabel_configs')) {
    g.relabelConfigs = parseVmRelabelConfigs(r.node(node, 'relabel_configs'), r, profile, { jobName: '', kind: 'relabel_configs', global: true });
    for (const rule of g.relabelConfigs) rule.origin = { kind: 'global', name: 'relabel_configs', field: `global.relabel_configs[${rule.index}]`, pos: rule.pos };
  }
  return g;
}

function parseJob(node: Node | null, r: VmReader, global: VmGlobal, profile: Profile): ScrapeConfig | undefined {
  if (isNullNode(node)) {
    r.error('cannot parse `scrape_config`: missing `job_name` field in `scrape_config`', r.pos(node));
    return undefined;
  }
  if (!isMap(node)) {
    r.typeError(node, 'promscrape.ScrapeConfig');
    return undefined;
  }
  const keys = profile.config.keys;
  if (keys) r.checkKeys(node, 'promscrape.ScrapeConfig', keys.scrape);
  for (const p of mapPairs(node)) {
    const k = pairKey(p);
    if (k.endsWith('_configs') && k !== 'kubernetes_sd_configs' && k !== 'static_configs' && k !== 'relabel_configs' && k !== 'metric_relabel_configs' && keys?.scrape.includes(k)) {
      r.warn(`${k} is not simulated: only kubernetes_sd_configs and static_configs produce targets here`, r.pos(p.key));
    }
  }
  const pos = rangeOf(r.src, node);
  const jobName = r.str(node, 'job_name');
  if (jobName === '') {
    r.error('cannot parse `scrape_config`: missing `job_name` field in `scrape_config`', r.pos(r.node(node, 'job_name') ?? node));
    return undefined;
  }
  const si = r.duration(node, 'scrape_interval');
  const st = r.duration(node, 'scrape_timeout');
  const scrapeInterval = si !== undefined && si > 0 ? si : global.scrapeInterval;
  let scrapeTimeout = st !== undefined && st > 0 ? st : global.scrapeTimeout;
  // "Limit the `scrape_timeout` with `scrape_interval` like Prometheus does" — silently.
  if (scrapeTimeout > scrapeInterval) scrapeTimeout = scrapeInterval;
  const metricsPath = r.str(node, 'metrics_path') || '/metrics';
  const scheme = r.str(node, 'scheme') || 'http';
  if (scheme !== 'http' && scheme !== 'https') {
    r.error(`cannot parse \`scrape_config\`: unexpected \`scheme\` for \`job_name\` ${JSON.stringify(jobName)}: ${JSON.stringify(scheme)}; supported values: http or https`, r.pos(r.node(node, 'scheme')));
  }
  const params: [string, string[]][] = [];
  const pn = r.node(node, 'params');
  if (pn !== undefined && !isNullNode(pn)) {
    if (!isMap(pn)) r.typeError(pn, 'map[string][]string');
    else for (const p of mapPairs(pn)) params.push([pairKey(p), r.strListOf(p.value) ?? []]);
  }
  const rel = parseVmRelabelConfigs(r.node(node, 'relabel_configs'), r, profile, { jobName, kind: 'relabel_configs' });
  const mrel = parseVmRelabelConfigs(r.node(node, 'metric_relabel_configs'), r, profile, { jobName, kind: 'metric_relabel_configs' });
  const sdConfigs: KubernetesSDConfig[] = [];
  r.seq(node, 'kubernetes_sd_configs', '[]kubernetes.SDConfig').forEach((s, i) => {
    const sd = parseVmKubernetesSD(s, i, jobName, r, profile);
    if (sd) sdConfigs.push(sd);
  });
  const staticConfigs: ScrapeConfig['staticConfigs'] = [];
  for (const s of r.seq(node, 'static_configs', '[]promscrape.StaticConfig')) {
    if (!isMap(s)) {
      if (!isNullNode(s)) r.typeError(s, 'promscrape.StaticConfig');
      continue;
    }
    if (keys) r.checkKeys(s, 'promscrape.StaticConfig', keys.staticConfig);
    const targets: string[] = [];
    for (const t of r.strList(s, 'targets') ?? []) {
      if (t === '') r.warn(`\`static_configs\` target for \`job_name\` ${JSON.stringify(jobName)} cannot be empty; skipping it`, r.pos(s));
      else targets.push(t);
    }
    staticConfigs.push({ targets, labels: Object.fromEntries(r.strMap(s, 'labels') ?? []), pos: r.pos(s) });
  }
  return {
    jobName,
    scrapeInterval,
    scrapeTimeout,
    metricsPath,
    metricsPathSet: true,
    scheme,
    params,
    honorLabels: r.bool(node, 'honor_labels'),
    scrapeNativeHistograms: false,
    alwaysScrapeClassicHistograms: false,
    convertClassicHistogramsToNhcb: false,
    nameValidation: 'legacy',
    sdConfigs,
    staticConfigs,
    relabelConfigs: [...global.relabelConfigs, ...rel],
    metricRelabelConfigs: mrel,
    pos,
  };
}

/** Parses vmagent config documents (scrape_configs of later documents are appended, as for Prometheus). */
export function parseVmConfig(docs: ConfigDoc[], profile: Profile): ParseConfigResult {
  const diagnostics: Diagnostic[] = [];
  let global: VmGlobal | undefined;
  const scrapeConfigs: ScrapeConfig[] = [];
  const seen = new Set<string>();
  docs.forEach((doc, di) => {
    const r = new VmReader(doc.src, diagnostics, profile);
    if (!isMap(doc.node)) {
      r.typeError(doc.node, 'promscrape.Config');
      return;
    }
    const keys = profile.config.keys;
    if (keys) r.checkKeys(doc.node, 'promscrape.Config', keys.top);
    if (di === 0) global = parseGlobal(r.node(doc.node, 'global'), r, profile);
    else if (r.has(doc.node, 'global')) r.warn("only the first config document's global section is used", r.pos(r.node(doc.node, 'global')));
    if (r.has(doc.node, 'scrape_config_files')) r.warn('scrape_config_files are not read by this simulator; paste the files instead', r.pos(r.node(doc.node, 'scrape_config_files')));
    for (const jobNode of r.seq(doc.node, 'scrape_configs', '[]*promscrape.ScrapeConfig')) {
      const job = parseJob(jobNode, r, global ?? parseGlobal(undefined, r, profile), profile);
      if (!job) continue;
      if (seen.has(job.jobName)) {
        r.error(`duplicate \`job_name\` in \`scrape_configs\`: ${JSON.stringify(job.jobName)}`, r.pos(r.node(jobNode, 'job_name')));
        continue;
      }
      seen.add(job.jobName);
      scrapeConfigs.push(job);
    }
  });
  const g = global ?? { scrapeInterval: DEFAULT_INTERVAL, scrapeTimeout: DEFAULT_TIMEOUT, externalLabels: {}, scrapeNativeHistograms: false, alwaysScrapeClassicHistograms: false, convertClassicHistogramsToNhcb: false, nameValidation: 'legacy' as const, relabelConfigs: [] };
  const { relabelConfigs: _unused, ...plainGlobal } = g;
  const rejected = diagnostics.some((d) => d.severity === 'error');
  if (rejected) {
    const first = diagnostics.find((d) => d.severity === 'error');
    if (first) first.notes = [...(first.notes ?? []), 'vmagent refuses the whole config: it starts no scraping at all'];
  }
  return { config: { global: plainGlobal, scrapeConfigs }, diagnostics, rejected };
}

export { diag };
