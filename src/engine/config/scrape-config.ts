// prometheus.yml → Config. Follows Prometheus config/config.go (Load, GlobalConfig.UnmarshalYAML,
// ScrapeConfig.UnmarshalYAML, ScrapeConfig.Validate): defaults, timeout capping, duplicate job
// names, strict keys. Each problem is a diagnostic with the position of the value at fault; a
// broken job is left out and every other job is still returned.
import type { Node } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics.ts';
import type { ConfigDoc } from '../ingest/ingest.ts';
import type { Profile } from '../profiles/types.ts';
import { parseRelabelConfigs } from './relabel-config.ts';
import { Reader } from './read.ts';
import { parseKubernetesSD } from './sd-config.ts';
import { parseVmConfig } from './scrape-config-vmagent.ts';
import { HTTP_CLIENT_KEYS, checkKeys } from './strict.ts';
import type { Config, GlobalConfig, KubernetesSDConfig, ScrapeConfig } from './types.ts';
import { getNode, getPair, mapPairs, nodeKind, pairKey, rangeOf, resolveAliases, scalarText, seqItems } from './yaml-nodes.ts';

const TOP_KEYS = new Set(['global', 'scrape_configs', 'scrape_config_files', 'rule_files', 'alerting', 'remote_write', 'remote_read', 'storage', 'tracing', 'otlp', 'runtime']);
const GLOBAL_KEYS = new Set([
  'scrape_interval', 'scrape_timeout', 'scrape_protocols', 'evaluation_interval', 'rule_query_offset', 'external_labels',
  'query_log_file', 'scrape_failure_log_file', 'body_size_limit', 'sample_limit', 'target_limit', 'label_limit',
  'label_name_length_limit', 'label_value_length_limit', 'keep_dropped_targets', 'metric_name_validation_scheme',
  'metric_name_escaping_scheme', 'scrape_native_histograms', 'always_scrape_classic_histograms',
  'convert_classic_histograms_to_nhcb', 'extra_scrape_metrics',
]);
const SCRAPE_KEYS = new Set([
  'job_name', 'honor_labels', 'honor_timestamps', 'track_timestamps_staleness', 'params', 'scrape_interval', 'scrape_timeout',
  'scrape_protocols', 'fallback_scrape_protocol', 'scrape_classic_histograms', 'always_scrape_classic_histograms',
  'convert_classic_histograms_to_nhcb', 'scrape_native_histograms', 'metrics_path', 'scheme', 'enable_compression',
  'body_size_limit', 'sample_limit', 'target_limit', 'label_limit', 'label_name_length_limit', 'label_value_length_limit',
  'native_histogram_bucket_limit', 'native_histogram_min_bucket_factor', 'keep_dropped_targets',
  'metric_name_validation_scheme', 'metric_name_escaping_scheme', 'scrape_failure_log_file', 'relabel_configs',
  'metric_relabel_configs', 'static_configs', 'kubernetes_sd_configs', 'extra_scrape_metrics', ...HTTP_CLIENT_KEYS,
]);

export interface ParseConfigOptions {
  /** Unknown keys: Prometheus refuses the config ('error'); vmagent non-strict mode only warns. */
  strictness?: 'error' | 'warning';
}

export interface ParseConfigResult {
  config: Config;
  diagnostics: Diagnostic[];
  /** True when the real engine would refuse to load the config at all (any error). */
  rejected: boolean;
}

export const DEFAULT_GLOBAL: GlobalConfig = {
  scrapeInterval: 60_000,
  scrapeTimeout: 10_000,
  externalLabels: {},
  scrapeNativeHistograms: false,
  alwaysScrapeClassicHistograms: false,
  convertClassicHistogramsToNhcb: false,
  nameValidation: 'utf8',
};

/** Parses one or more config documents (scrape_configs of later documents are appended). */
export function parseConfig(docs: ConfigDoc[], profile: Profile, opts: ParseConfigOptions = {}): ParseConfigResult {
  for (const d of docs) resolveAliases(d.node);
  if (profile.engine === 'vmagent') return parseVmConfig(docs, profile);
  const diagnostics: Diagnostic[] = [];
  const strict = opts.strictness ?? 'error';
  let global: GlobalConfig = { ...DEFAULT_GLOBAL, nameValidation: profile.relabel.defaultNameValidation };
  const scrapeConfigs: ScrapeConfig[] = [];
  const jobNames = new Map<string, Node | undefined>();
  docs.forEach((doc, di) => {
    const r = new Reader(doc.src, diagnostics);
    if (nodeKind(doc.node) !== 'map') {
      r.error('config document must be a mapping', doc.node, 'CONFIG_PARSE');
      return;
    }
    checkKeys(doc.node, doc.src, { typeName: 'config.plain', known: TOP_KEYS }, strict, diagnostics);
    if (di === 0) global = parseGlobal(getNode(doc.node, 'global'), r, profile, strict);
    else if (getPair(doc.node, 'global')) r.warn('only the first config document\'s global section is used', getPair(doc.node, 'global')?.key);
    const sc = getNode(doc.node, 'scrape_configs');
    if (sc !== undefined && nodeKind(sc) !== 'seq' && nodeKind(sc) !== 'null') {
      r.error(`line ${r.pos(sc).line}: cannot unmarshal into []*config.ScrapeConfig`, sc, 'CONFIG_PARSE');
      return;
    }
    seqItems(sc).forEach((jobNode) => {
      if (nodeKind(jobNode) === 'null') {
        r.error('empty or null scrape config section', jobNode ?? sc, 'CONFIG_INVALID');
        return;
      }
      const job = parseScrapeConfig(jobNode, r, global, profile, strict);
      if (!job) return;
      if (jobNames.has(job.jobName)) {
        r.error(`found multiple scrape configs with job name ${JSON.stringify(job.jobName)}`, getNode(jobNode, 'job_name'), 'CONFIG_INVALID');
        return;
      }
      jobNames.set(job.jobName, getNode(jobNode, 'job_name') ?? undefined);
      scrapeConfigs.push(job);
    });
  });
  const rejected = diagnostics.some((d) => d.severity === 'error');
  return { config: { global, scrapeConfigs }, diagnostics, rejected };
}

function parseGlobal(node: unknown, r: Reader, profile: Profile, strict: 'error' | 'warning'): GlobalConfig {
  const g: GlobalConfig = { ...DEFAULT_GLOBAL, nameValidation: profile.relabel.defaultNameValidation, externalLabels: {} };
  if (node === undefined || nodeKind(node) === 'null') return g;
  checkKeys(node, r.src, { typeName: 'config.plain', known: GLOBAL_KEYS }, strict, r.diagnostics);
  const si = r.duration(node, 'scrape_interval');
  const st = r.duration(node, 'scrape_timeout');
  if (si) g.scrapeInterval = si.ms;
  // GlobalConfig.UnmarshalYAML: an unset timeout becomes min(10s, interval).
  if (st) g.scrapeTimeout = st.ms;
  else g.scrapeTimeout = Math.min(DEFAULT_GLOBAL.scrapeTimeout, g.scrapeInterval);
  if (g.scrapeTimeout > g.scrapeInterval) r.error('global scrape timeout greater than scrape interval', st?.node ?? node);
  g.externalLabels = r.strMap(node, 'external_labels');
  g.scrapeNativeHistograms = r.bool(node, 'scrape_native_histograms', false);
  g.alwaysScrapeClassicHistograms = r.bool(node, 'always_scrape_classic_histograms', false);
  g.convertClassicHistogramsToNhcb = r.bool(node, 'convert_classic_histograms_to_nhcb', false);
  const nv = r.str(node, 'metric_name_validation_scheme').value;
  if (nv === 'utf8' || nv === 'legacy') g.nameValidation = nv;
  else if (nv) r.error(`unknown global name validation method specified, must be either '', 'legacy' or 'utf8', got ${nv}`, getNode(node, 'metric_name_validation_scheme'));
  return g;
}

function parseScrapeConfig(node: unknown, r: Reader, global: GlobalConfig, profile: Profile, strict: 'error' | 'warning'): ScrapeConfig | undefined {
  const before = r.diagnostics.length;
  checkKeys(node, r.src, { typeName: 'config.plain', known: SCRAPE_KEYS, accept: (k) => k.endsWith('_sd_configs') }, strict, r.diagnostics);
  for (const p of mapPairs(node)) {
    const k = pairKey(p);
    if (k.endsWith('_sd_configs') && !SCRAPE_KEYS.has(k)) {
      r.warn(`${k} is not simulated: only kubernetes_sd_configs and static_configs produce targets here`, p.key, 'CONFIG_WARNING');
    }
  }
  const jobName = r.str(node, 'job_name').value ?? '';
  if (!jobName) {
    r.error('job_name is empty', getNode(node, 'job_name') ?? node);
    return undefined;
  }
  const si = r.duration(node, 'scrape_interval');
  const st = r.duration(node, 'scrape_timeout');
  // ScrapeConfig.Validate: interval from global; explicit timeout > interval is an error; an unset
  // timeout is min(global timeout, interval).
  const scrapeInterval = si && si.ms !== 0 ? si.ms : global.scrapeInterval;
  let scrapeTimeout = st && st.ms !== 0 ? st.ms : 0;
  if (scrapeTimeout > scrapeInterval) {
    r.error(`scrape timeout greater than scrape interval for scrape config with job name ${JSON.stringify(jobName)}`, st?.node ?? node);
  }
  if (scrapeTimeout === 0) scrapeTimeout = Math.min(global.scrapeTimeout, scrapeInterval);

  const mp = r.str(node, 'metrics_path');
  const scheme = r.str(node, 'scheme');
  const params: [string, string[]][] = [];
  for (const p of mapPairs(getNode(node, 'params'))) {
    const vals = seqItems(p.value).map((i) => scalarText(i) ?? '');
    params.push([pairKey(p), vals]);
  }
  const nvText = r.str(node, 'metric_name_validation_scheme').value;
  const nameValidation = nvText === 'legacy' || nvText === 'utf8' ? nvText : global.nameValidation;
  if (nvText && nvText !== 'legacy' && nvText !== 'utf8') {
    r.error(`unknown scrape config name validation method specified, must be either '', 'legacy' or 'utf8', got ${nvText}`, getNode(node, 'metric_name_validation_scheme'));
  }

  const sdConfigs: KubernetesSDConfig[] = [];
  const sdNode = getNode(node, 'kubernetes_sd_configs');
  seqItems(sdNode).forEach((s, i) => {
    const sd = parseKubernetesSD(s, i, r, profile, strict);
    if (sd) sdConfigs.push(sd);
  });

  const staticConfigs: ScrapeConfig['staticConfigs'] = [];
  for (const s of seqItems(getNode(node, 'static_configs'))) {
    staticConfigs.push({ targets: r.strList(s, 'targets').values, labels: r.strMap(s, 'labels'), pos: r.pos(s) });
  }

  const relabelNode = getNode(node, 'relabel_configs');
  const rel = parseRelabelConfigs(relabelNode ?? null, r.src, profile, { nameValidation });
  r.diagnostics.push(...rel.diagnostics);
  const mrel = parseRelabelConfigs(getNode(node, 'metric_relabel_configs') ?? null, r.src, profile, { nameValidation, kind: 'metric' });
  r.diagnostics.push(...mrel.diagnostics);

  if (r.diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;
  return {
    jobName,
    scrapeInterval,
    scrapeTimeout,
    metricsPath: mp.present ? mp.value ?? '' : '/metrics',
    metricsPathSet: !(mp.present && !mp.value),
    scheme: scheme.present ? scheme.value ?? '' : 'http',
    params,
    honorLabels: r.bool(node, 'honor_labels', false),
    scrapeNativeHistograms: r.bool(node, 'scrape_native_histograms', global.scrapeNativeHistograms),
    alwaysScrapeClassicHistograms: r.bool(node, 'always_scrape_classic_histograms', global.alwaysScrapeClassicHistograms),
    convertClassicHistogramsToNhcb: r.bool(node, 'convert_classic_histograms_to_nhcb', global.convertClassicHistogramsToNhcb),
    nameValidation,
    sdConfigs,
    staticConfigs,
    relabelConfigs: rel.rules,
    metricRelabelConfigs: mrel.rules,
    pos: rangeOf(r.src, node as Node),
  };
}

export { diag };
