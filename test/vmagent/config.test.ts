// vmagent's -promscrape.config loading (lib/promscrape/config.go Config.unmarshal, parseData,
// getScrapeWorkConfig; promutils.Duration): non-strict unknown keys, MetricsQL durations, interval defaults
// and clamping, load-time refusals, and which keys each version knows.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config/scrape-config.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import type { Profile } from '../../src/engine/profiles/types.ts';
import { BOTH, engine, V150, V179 } from './helpers.ts';

const load = (text: string, p: Profile) => parseConfig(ingest([{ name: 'vmagent.yml', text }]).configs, p);
const errors = (text: string, p: Profile) => load(text, p).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
const warnings = (text: string, p: Profile) => load(text, p).diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);

describe('vmagent config: 1.79 vs 1.150 keys', () => {
  it('global.relabel_configs: unknown to 1.79 (strict mode refuses it), run before every job in 1.150 (config.go GlobalConfig)', () => {
    const cfg = `global:\n  relabel_configs: [{target_label: env, replacement: prod}]\nscrape_configs:\n- job_name: j\n  static_configs: [{targets: ['h:1']}]\n`;
    expect(warnings(cfg, V179).join(' ')).toMatch(/field relabel_configs not found in type promscrape.GlobalConfig/);
    expect(engine('', cfg, V179).activeTargets[0]?.labels.env).toBeUndefined();
    expect(warnings(cfg, V150)).toEqual([]);
    expect(engine('', cfg, V150).activeTargets[0]?.labels.env).toBe('prod');
  });

  it('max_scrape_size and attach_metadata.namespace are unknown to 1.79 only', () => {
    const cfg = `scrape_configs:\n- job_name: j\n  max_scrape_size: 10MB\n  kubernetes_sd_configs: [{role: pod, attach_metadata: {namespace: true}}]\n`;
    expect(warnings(cfg, V179)).toHaveLength(2);
    expect(warnings(cfg, V150)).toEqual([]);
  });
});

describe('vmagent config: 1.79 and 1.150 alike', () => {
  for (const [ver, p] of BOTH) {
    it(`${ver}: unknown keys are warnings that say vmagent's default strict mode would refuse the config`, () => {
      const cfg = `global:\n  scrape_interval: 30s\n  evaluation_interval: 30s\nscrape_configs: []\n`;
      const r = load(cfg, p);
      expect(r.rejected).toBe(false);
      expect(r.diagnostics[0]?.message).toMatch(/^line 3: field evaluation_interval not found in type promscrape.GlobalConfig: ignored here, as with -promscrape.config.strictParse=false; vmagent's default strict parsing refuses the whole config/);
    });

    it(`${ver}: MetricsQL durations (fractions, plain seconds), job ≤ 0 falls back to global, then 1m / 10s`, () => {
      const cfg = `global:\n  scrape_timeout: 5s\nscrape_configs:\n- job_name: a\n  scrape_interval: 1.5m\n- job_name: b\n  scrape_interval: 30\n- job_name: c\n  scrape_interval: 0s\n`;
      const jobs = load(cfg, p).config.scrapeConfigs.map((j) => [j.jobName, j.scrapeInterval, j.scrapeTimeout]);
      expect(jobs).toEqual([
        ['a', 90_000, 5_000],
        ['b', 30_000, 5_000],
        ['c', 60_000, 5_000],
      ]);
    });

    it(`${ver}: load-time refusals`, () => {
      expect(errors(`scrape_configs:\n- scrape_interval: 1m\n`, p)).toEqual(['cannot parse `scrape_config`: missing `job_name` field in `scrape_config`']);
      expect(errors(`scrape_configs:\n- job_name: a\n- job_name: a\n`, p)[0]).toBe('duplicate `job_name` in `scrape_configs`: "a"');
      expect(errors(`scrape_configs:\n- job_name: a\n  scrape_interval: soon\n`, p)[0]).toBe('cannot unmarshal data: cannot parse duration "soon"');
      expect(errors(`scrape_configs:\n- job_name: a\n  honor_labels: maybe\n`, p)[0]).toMatch(/cannot unmarshal !!str `maybe` into bool/);
    });

    it(`${ver}: api_server together with kubeconfig_file only skips that entry ("skipping kubernetes_sd_config targets")`, () => {
      const cfg = `scrape_configs:\n- job_name: j\n  kubernetes_sd_configs: [{role: pod, api_server: 'https://k', kubeconfig_file: /k}]\n`;
      const r = load(cfg, p);
      expect(r.rejected).toBe(false);
      expect(r.config.scrapeConfigs[0]?.sdConfigs).toEqual([]);
      expect(r.diagnostics[0]?.message).toMatch(/^skipping kubernetes_sd_config targets for job_name "j" because of error: cannot create API config for kubernetes: `api_server: "https:\/\/k"` and `kubeconfig_file: "\/k"` options cannot be set simultaneously/);
    });
  }
});
