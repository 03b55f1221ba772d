// Prometheus config/config.go semantics: defaults, timeout capping, validation messages with positions.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config/scrape-config.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { getProfile } from '../../src/engine/profiles/index.ts';

const p3 = getProfile('prometheus-3.14')!;
const p2 = getProfile('prometheus-2.42')!;

function parse(text: string, profile = p3) {
  const ing = ingest([{ name: 'prometheus.yml', text }]);
  return parseConfig(ing.configs, profile);
}

describe('config defaults (DefaultGlobalConfig, ScrapeConfig.Validate)', () => {
  it('global defaults 1m / 10s; job inherits; metrics_path /metrics; scheme http', () => {
    const { config, diagnostics } = parse('scrape_configs:\n- job_name: a\n');
    expect(diagnostics).toEqual([]);
    expect(config.scrapeConfigs[0]).toMatchObject({ jobName: 'a', scrapeInterval: 60_000, scrapeTimeout: 10_000, metricsPath: '/metrics', scheme: 'http' });
  });
  it('an unset global timeout is min(10s, global interval) (GlobalConfig.UnmarshalYAML)', () => {
    const { config } = parse('global: {scrape_interval: 5s}\nscrape_configs:\n- job_name: a\n');
    expect(config.global.scrapeTimeout).toBe(5_000);
  });
  it('an unset job timeout is min(global timeout, job interval)', () => {
    const { config } = parse('global: {scrape_interval: 1m, scrape_timeout: 20s}\nscrape_configs:\n- {job_name: a, scrape_interval: 10s}\n- {job_name: b}\n');
    expect(config.scrapeConfigs.map((j) => j.scrapeTimeout)).toEqual([10_000, 20_000]);
  });
  it('keeps params in source order with every value', () => {
    const { config } = parse("scrape_configs:\n- job_name: a\n  params:\n    module: [http_2xx, b]\n    'match[]': ['{job=\"x\"}']\n");
    expect(config.scrapeConfigs[0]!.params).toEqual([
      ['module', ['http_2xx', 'b']],
      ['match[]', ['{job="x"}']],
    ]);
  });
  it('metrics_path: "" is an empty path (no label, no path in the URL)', () => {
    const { config } = parse('scrape_configs:\n- job_name: a\n  metrics_path: ""\n');
    expect(config.scrapeConfigs[0]!.metricsPath).toBe('');
  });
});

describe('config errors carry Prometheus\' message and the position of the value at fault', () => {
  const cases: [string, string, RegExp, number][] = [
    ['job_name empty', 'scrape_configs:\n- job_name: ""\n', /^job_name is empty$/, 2],
    ['duplicate job', 'scrape_configs:\n- job_name: a\n- job_name: a\n', /^found multiple scrape configs with job name "a"$/, 3],
    ['timeout > interval', 'scrape_configs:\n- job_name: a\n  scrape_interval: 5s\n  scrape_timeout: 6s\n', /^scrape timeout greater than scrape interval for scrape config with job name "a"$/, 4],
    ['bad duration', 'scrape_configs:\n- job_name: a\n  scrape_interval: 1.5m\n', /^not a valid duration string: "1.5m"$/, 3],
    ['unknown key', 'scrape_configs:\n- job_name: a\n  scrape_intervall: 5s\n', /^line 3: field scrape_intervall not found in type config.plain$/, 3],
    ['unknown role', 'scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pods\n', /^unknown Kubernetes SD role "pods"$/, 4],
    ['missing role', 'scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - namespaces: {names: [a]}\n', /^role missing/, 4],
    ['selector role not allowed', 'scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: service\n    selectors: [{role: pod, label: a=b}]\n', /^service role supports only service selectors$/, 5],
    ['duplicated selector role', 'scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pod\n    selectors:\n    - {role: pod, label: a=b}\n    - {role: pod, field: metadata.name=x}\n', /^duplicated selector role: pod$/, 7],
    ['global timeout > interval', 'global: {scrape_interval: 5s, scrape_timeout: 6s}\nscrape_configs: []\n', /^global scrape timeout greater than scrape interval$/, 1],
  ];
  it.each(cases)('%s', (_name, text, msg, line) => {
    const { diagnostics, rejected } = parse(text);
    const err = diagnostics.find((d) => d.severity === 'error');
    expect(rejected).toBe(true);
    expect(err?.message).toMatch(msg);
    expect(err?.pos?.line).toBe(line);
    expect(err?.pos?.file).toBe('prometheus.yml');
  });

  it('a broken job leaves the other jobs intact', () => {
    const { config } = parse('scrape_configs:\n- job_name: a\n  kubernetes_sd_configs: [{role: nope}]\n- job_name: b\n  kubernetes_sd_configs: [{role: pod}]\n');
    expect(config.scrapeConfigs.map((j) => j.jobName)).toEqual(['b']);
  });

  it('node selectors on the pod role: allowed in 3.14 (since 3.11), refused by 2.42', () => {
    const text = 'scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pod\n    selectors: [{role: node, label: a=b}]\n';
    expect(parse(text, p3).rejected).toBe(false);
    expect(parse(text, p2).diagnostics[0]?.message).toBe('pod role supports only pod selectors');
  });

  it('attach_metadata.namespace exists in 3.14 only (strict keys)', () => {
    const text = 'scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pod\n    attach_metadata: {namespace: true}\n';
    expect(parse(text, p3).config.scrapeConfigs[0]!.sdConfigs[0]!.attachMetadata.namespace).toBe(true);
    expect(parse(text, p2).diagnostics[0]?.message).toMatch(/field namespace not found in type kubernetes.AttachMetadataConfig/);
  });

  it('other *_sd_configs are accepted with a warning that they are not simulated', () => {
    const { diagnostics, rejected } = parse('scrape_configs:\n- job_name: a\n  consul_sd_configs: [{server: x}]\n');
    expect(rejected).toBe(false);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', message: expect.stringMatching(/consul_sd_configs is not simulated/) });
  });
});
