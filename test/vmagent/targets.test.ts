// vmagent target building (lib/promscrape/config.go getScrapeWork, mergeLabels; newer versions
// promrelabel/scrape_url.go GetScrapeURL), through the whole engine with static_configs. Each 1.79/1.150
// difference names the VictoriaMetrics function that decides it.
import { describe, expect, it } from 'vitest';
import type { ApiTargets } from '../../src/engine/index.ts';
import { BOTH, engine, V150, V179 } from './helpers.ts';
import type { Profile } from '../../src/engine/profiles/types.ts';

function scrape(jobs: string, global = ''): string {
  return `${global}scrape_configs:\n${jobs}`;
}

const run = (profile: Profile, jobs: string, global = ''): ApiTargets => engine('', scrape(jobs, global), profile);
const only = (t: ApiTargets) => {
  expect(t.error).toBeNull();
  expect(t.activeTargets).toHaveLength(1);
  return t.activeTargets[0]!;
};

describe('vmagent targets: 1.79 vs 1.150', () => {
  it('default port: into the URL and `instance` in 1.79, only into `instance` in 1.150 (scrape_url.go GetScrapeURL, v1.103.0)', () => {
    const job = `- job_name: j\n  static_configs: [{targets: [example.com]}]\n`;
    const a = only(run(V179, job));
    expect(a.scrapeUrl).toBe('http://example.com:80/metrics');
    expect(a.labels.instance).toBe('example.com:80');
    const b = only(run(V150, job));
    expect(b.scrapeUrl).toBe('http://example.com/metrics');
    expect(b.labels.instance).toBe('example.com:80');
  });

  it('https default port :443 (both; 1.79 in the URL too)', () => {
    const job = `- job_name: j\n  scheme: https\n  static_configs: [{targets: [example.com]}]\n`;
    expect(only(run(V179, job)).scrapeUrl).toBe('https://example.com:443/metrics');
    expect(only(run(V150, job)).labels.instance).toBe('example.com:443');
  });

  it('scheme and path inside __address__: dropped by 1.79, honoured by 1.150 (scrape_url.go GetScrapeURL, v1.83.0)', () => {
    const job = `- job_name: j\n  static_configs: [{targets: ['https://example.com/probe']}]\n`;
    const a = run(V179, job);
    expect(a.activeTargets).toHaveLength(0);
    expect(a.droppedTargets).toHaveLength(1);
    const b = only(run(V150, job));
    expect(b.scrapeUrl).toBe('https://example.com/probe');
    expect(b.labels.instance).toBe('example.com:443');
  });

  it('global external_labels are target labels in 1.79 (visible to relabeling), not in 1.150 (config.go mergeLabels, v1.82.0)', () => {
    const g = `global:\n  external_labels: {cluster: east, prometheus: mon/vm}\n`;
    const job = `- job_name: j\n  static_configs: [{targets: ['h:1']}]\n  relabel_configs:\n  - {source_labels: [cluster], target_label: seen}\n`;
    const a = only(run(V179, job, g));
    expect(a.discoveredLabels.cluster).toBe('east');
    expect(a.labels).toMatchObject({ cluster: 'east', prometheus: 'mon/vm', seen: 'east' });
    const b = only(run(V150, job, g));
    expect(b.discoveredLabels.cluster).toBeUndefined();
    expect(b.labels.seen).toBeUndefined();
  });

  it('scrapePool: the final `job` label in 1.79, the job_name in 1.150 (targetstatus.go)', () => {
    const job = `- job_name: serviceMonitor/apps/web/0\n  static_configs: [{targets: ['h:1']}]\n  relabel_configs:\n  - {target_label: job, replacement: web}\n`;
    expect(only(run(V179, job)).scrapePool).toBe('web');
    expect(only(run(V150, job)).scrapePool).toBe('serviceMonitor/apps/web/0');
    const deleted = `- job_name: j\n  static_configs: [{targets: ['h:1']}]\n  relabel_configs:\n  - {target_label: job, replacement: ''}\n`;
    expect(only(run(V179, deleted)).scrapePool).toBe('');
  });

  it('metrics path holding `?` plus params: no separator in 1.79, `&` in 1.150 (scrape_url.go GetScrapeURL)', () => {
    const job = `- job_name: j\n  metrics_path: /m?x=1\n  params: {a: [b]}\n  static_configs: [{targets: ['h:1']}]\n`;
    expect(only(run(V179, job)).scrapeUrl).toBe('http://h:1/m?x=1a=b');
    expect(only(run(V150, job)).scrapeUrl).toBe('http://h:1/m?x=1&a=b');
  });

  it('per-target __sample_limit__ is parsed (and can fail a target) only in newer versions (config.go getScrapeWork, v1.103.0)', () => {
    const job = `- job_name: j\n  static_configs: [{targets: ['h:1']}]\n  relabel_configs:\n  - {target_label: __sample_limit__, replacement: lots}\n`;
    expect(run(V179, job).activeTargets).toHaveLength(1);
    const b = run(V150, job);
    expect(b.activeTargets).toHaveLength(0);
    expect(b.failedTargets[0]).toMatchObject({ scrapePool: 'j', address: 'h:1', error: 'cannot parse __sample_limit__="lots": strconv.Atoi: parsing "lots": invalid syntax' });
  });

  it('an invalid URL fails the target with each version’s message', () => {
    const job = `- job_name: j\n  static_configs: [{targets: ['h:1']}]\n  relabel_configs:\n  - {target_label: __metrics_path__, replacement: '/100%'}\n`;
    expect(run(V179, job).failedTargets[0]?.error).toBe(
      'invalid url "http://h:1/100%" for scheme="http" ("http"), target="h:1" ("h:1"), metrics_path="/metrics" ("/100%") for `job_name` "j": parse "http://h:1/100%": invalid URL escape "%"',
    );
    expect(run(V150, job).failedTargets[0]?.error).toBe('invalid target url="http://h:1/100%" for job="j": parse "http://h:1/100%": invalid URL escape "%"');
  });
});

describe('vmagent targets: 1.79 and 1.150 alike', () => {
  for (const [ver, p] of BOTH) {
    it(`${ver}: __scrape_interval__ is a Go duration (1m0s) and a timeout above the interval is clamped`, () => {
      const t = only(run(p, `- job_name: j\n  scrape_interval: 1m\n  scrape_timeout: 2m\n  static_configs: [{targets: ['h:1']}]\n`));
      expect(t.discoveredLabels.__scrape_interval__).toBe('1m0s');
      expect(t.discoveredLabels.__scrape_timeout__).toBe('1m0s');
    });

    it(`${ver}: a deleted __param_* leaves the URL; extra config values follow the label's`, () => {
      const t = only(
        run(p, `- job_name: j\n  params: {a: [x, y], b: [z]}\n  static_configs: [{targets: ['h:1']}]\n  relabel_configs:\n  - {target_label: __param_b, replacement: ''}\n  - {target_label: __param_a, replacement: X}\n`),
      );
      expect(t.scrapeUrl).toBe('http://h:1/metrics?a=X&a=y');
    });

    it(`${ver}: duplicates are dropped (the first stays active) and dropped targets are listed once per label set`, () => {
      const job = `- job_name: j\n  static_configs: [{targets: ['a:1', 'b:1', 'c:1', 'c:1']}]\n  relabel_configs:\n  - {source_labels: [__address__], regex: 'c:1', action: drop}\n  - {target_label: __address__, replacement: 'same:1'}\n`;
      const t = run(p, job);
      expect(t.activeTargets).toHaveLength(1);
      expect(t.activeTargets[0]?.discoveredLabels.__address__).toBe('a:1');
      // b:1 is a duplicate; c:1 twice is one dropped entry.
      expect(t.droppedTargets.map((d) => d.discoveredLabels.__address__).sort()).toEqual(['b:1', 'c:1']);
    });

    it(`${ver}: an empty __address__ after relabeling is dropped, not failed`, () => {
      const t = run(p, `- job_name: j\n  static_configs: [{targets: ['h:1']}]\n  relabel_configs:\n  - {target_label: __address__, replacement: ''}\n`);
      expect(t.activeTargets).toHaveLength(0);
      expect(t.failedTargets).toHaveLength(0);
      expect(t.droppedTargets).toHaveLength(1);
    });

    it(`${ver}: an unparsable __scrape_interval__ fails the target with vmagent's log text`, () => {
      const t = run(p, `- job_name: j\n  static_configs: [{targets: ['h:1']}]\n  relabel_configs:\n  - {target_label: __scrape_interval__, replacement: thirty}\n`);
      expect(t.failedTargets).toEqual([expect.objectContaining({ scrapePool: 'j', address: 'h:1', error: 'cannot parse __scrape_interval__="thirty": cannot parse duration "thirty"' })]);
    });

    it(`${ver}: a zero per-target interval crashes vmagent (scrapework.go run): an error and no targets`, () => {
      const t = run(p, `- job_name: j\n  static_configs: [{targets: ['h:1', 'h:2']}]\n  relabel_configs:\n  - {source_labels: [__address__], regex: 'h:1', target_label: __scrape_interval__, replacement: 0s}\n`);
      expect(t.error).toMatch(/vmagent would crash/);
      expect(t.activeTargets).toHaveLength(0);
    });

    it(`${ver}: a job scheme other than http/https refuses the config`, () => {
      const t = run(p, `- job_name: j\n  scheme: ftp\n  static_configs: [{targets: ['h:1']}]\n`);
      expect(t.error).toBe('cannot parse `scrape_config`: unexpected `scheme` for `job_name` "j": "ftp"; supported values: http or https');
    });

    it(`${ver}: an odd relabeled __scheme__ is used as is (no scheme check per target)`, () => {
      const t = only(run(p, `- job_name: j\n  static_configs: [{targets: [h]}]\n  relabel_configs:\n  - {target_label: __scheme__, replacement: HTTPS}\n`));
      expect(t.scrapeUrl).toBe(p === V179 ? 'HTTPS://h:80/metrics' : 'HTTPS://h/metrics');
    });
  }
});
