// Normalization of what vmagent shows into the goldens' shape, the config the recorder gives vmagent, and
// the comparison verify uses. Every checked-in golden must be a fixed point of the normalization.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineConfig } from '../../scripts/recorder/engine-config.ts';
import {
  dryRunWarning,
  failedTargets,
  formatRecording,
  logProblems,
  normalizeTargets,
  renormalize,
  scrub,
  semanticDiff,
  type Recording,
} from '../../scripts/recorder/normalize.ts';
import { listFixtures } from '../../scripts/recorder/verify.ts';
import { versionLabel } from '../../scripts/recorder/vmagent.ts';

const fixtures = listFixtures();
const golden = (dir: string) => readFileSync(join(dir, 'expected', 'vmagent.json'), 'utf8');
const goldenOf = (prefix: string) => JSON.parse(golden(fixtures.find((f) => f.includes(`/${prefix}-`))!)) as Recording;

describe('goldens', () => {
  it('are all there', () => expect(fixtures.length).toBeGreaterThanOrEqual(45));
  it.each(fixtures.map((f) => [f.split('/').pop()!, f]))('%s is a fixed point of the normalization', (_name, dir) => {
    const text = golden(dir);
    expect(formatRecording(renormalize(JSON.parse(text)))).toBe(text);
  });
  it('name the version the recorder reports for the Debian package', () => {
    expect(goldenOf('01').version).toBe(versionLabel('1.79.5+ds1-2+b5'));
  });
});

describe('targets', () => {
  it('sorts label keys and targets the goldens’ way', () => {
    const data = {
      activeTargets: [
        { scrapePool: 'b', scrapeUrl: 'http://x/metrics', labels: { z: '1', a: '2' }, discoveredLabels: { job: 'b' }, health: 'down', lastError: 'x' },
        { scrapePool: 'a', scrapeUrl: 'http://y/metrics', labels: { job: 'a' }, discoveredLabels: { job: 'a', __address__: 'y' } },
      ],
      droppedTargets: [{ discoveredLabels: { job: 'j', __address__: '2' } }, { discoveredLabels: { __address__: '1', job: 'j' } }],
    };
    const n = normalizeTargets(data);
    expect(n.activeTargets.map((t) => t.scrapePool)).toEqual(['a', 'b']);
    expect(Object.keys(n.activeTargets[1]!.labels)).toEqual(['a', 'z']);
    expect(Object.keys(n.activeTargets[0]!)).toEqual(['scrapePool', 'scrapeUrl', 'labels', 'discoveredLabels']);
    expect(n.droppedTargets.map((t) => t.discoveredLabels.__address__)).toEqual(['1', '2']);
    expect(Object.keys(n.droppedTargets[0]!.discoveredLabels)).toEqual(['__address__', 'job']);
  });
});

const TMP = '/tmp/ksd-recorder-Ab12Cd';
const LOG = [
  `2026-01-01T00:00:00.000Z\tinfo\tVictoriaMetrics/lib/promscrape/config.go:115\tstarting service discovery routines...`,
  `2026-01-01T00:00:00.100Z\terror\tVictoriaMetrics/lib/promscrape/scraper.go:343\tskipping duplicate scrape target with identical labels; endpoint=http://10.0.0.1:80/metrics, labels={instance="10.0.0.1:80",job="j"}; ${'x'.repeat(400)}`,
  `2026-01-01T00:00:00.100Z\terror\tVictoriaMetrics/lib/promscrape/config.go:285\tcannot create kubernetes_sd_config target "10.0.0.2:9100" for job_name "per-target": cannot parse __scrape_interval__="thirty": cannot parse duration "thirty"`,
  `2026-01-01T00:00:01.100Z\terror\tVictoriaMetrics/lib/promscrape/config.go:285\tcannot create kubernetes_sd_config target "10.0.0.2:9100" for job_name "per-target": cannot parse __scrape_interval__="thirty": cannot parse duration "thirty"`,
  `2026-01-01T00:00:02.000Z\twarn\tVictoriaMetrics/app/vmagent/remotewrite/client.go:300\tcouldn't send a block with size 100 bytes to "1:secret-url": Post "http://127.0.0.1:1/api/v1/write": connection refused`,
  `2026-01-01T00:00:02.000Z\terror\tVictoriaMetrics/lib/promscrape/scrapework.go:300\terror when scraping "http://10.0.0.1:80/metrics": dial tcp4 10.0.0.1:80: connect: network is unreachable`,
  `2026-01-01T00:00:03.000Z\tfatal\tVictoriaMetrics/lib/promscrape/scraper.go:107\tcannot read "${TMP}/vmagent.yml": cannot parse \`relabel_configs\`: unknown \`action\` "keepequal"`,
  `panic: runtime error: integer divide by zero`,
  ``,
  `goroutine 91 [running]:`,
  `github.com/VictoriaMetrics/VictoriaMetrics/lib/promscrape.(*scraperGroup).update(0xc000180000)`,
].join('\n');

describe('log', () => {
  it('keeps problems about the config and targets, without timestamps, cut at 400 characters, sorted', () => {
    const p = logProblems(LOG, TMP);
    expect(p).toEqual([
      'error\tVictoriaMetrics/lib/promscrape/config.go:285\tcannot create kubernetes_sd_config target "10.0.0.2:9100" for job_name "per-target": cannot parse __scrape_interval__="thirty": cannot parse duration "thirty"',
      expect.stringMatching(/^error\tVictoriaMetrics\/lib\/promscrape\/scraper.go:343\tskipping duplicate scrape target .*x …\[truncated\]$/),
      'fatal\tVictoriaMetrics/lib/promscrape/scraper.go:107\tcannot read "$TMP/vmagent.yml": cannot parse `relabel_configs`: unknown `action` "keepequal"',
      'panic: runtime error: integer divide by zero',
    ]);
    expect(p[1]!.length).toBe(400 + ' …[truncated]'.length);
  });

  it('reads targets vmagent could not create, once each', () => {
    expect(failedTargets(LOG)).toEqual([
      { scrapePool: 'per-target', address: '10.0.0.2:9100', error: 'cannot parse __scrape_interval__="thirty": cannot parse duration "thirty"' },
    ]);
  });

  it('reproduces golden 25’s failed target and 43’s raw Go escapes', () => {
    for (const g of [goldenOf('25'), goldenOf('43')]) {
      const log = g.failedTargets
        .map((t) => `2026-01-01T00:00:00.000Z\terror\tVictoriaMetrics/lib/promscrape/config.go:285\tcannot create kubernetes_sd_config target ${JSON.stringify(t.address)} for job_name ${JSON.stringify(t.scrapePool)}: ${t.error}`)
        .join('\n');
      expect(failedTargets(log)).toEqual(g.failedTargets);
    }
  });

  it('words a failed strict dry run as golden 35 does', () => {
    const stderr =
      `2026-01-01T00:00:00.000Z\tfatal\tVictoriaMetrics/app/vmagent/main.go:84\terror when checking -promscrape.config: cannot parse Prometheus config from "${TMP}/vmagent.yml": cannot unmarshal data: yaml: unmarshal errors:\n` +
      `  line 10: field evaluation_interval not found in type promscrape.GlobalConfig; pass -promscrape.config.strictParse=false command-line flag for ignoring unknown fields in yaml config\n`;
    expect([dryRunWarning(stderr, TMP)]).toEqual(goldenOf('35').configWarnings);
  });

  it('scrubs the temp dir and timestamps', () => {
    expect(scrub(`at 2026-01-01T00:00:00.123Z\tin ${TMP}/x and ${TMP}/y`, TMP)).toBe('at in $TMP/x and $TMP/y');
  });
});

describe('engine config', () => {
  const scrape = [
    '# header',
    'global:',
    '  evaluation_interval: 30s',
    'scrape_configs:',
    '  - job_name: a',
    '    kubernetes_sd_configs:',
    '      - role: pod',
    '        namespaces: {names: [x]}',
    '        bearer_token_file: /var/run/token',
    '      - role: node',
    '        api_server: https://kubernetes.default.svc',
    '    relabel_configs:',
    '      - action: keep',
    '        source_labels: [__meta_kubernetes_pod_name]',
    '  - job_name: static',
    '    static_configs: [{targets: [localhost:9090]}]',
  ].join('\n');

  it('points every kubernetes_sd_configs entry at the fake API server and strips credentials', () => {
    const c = engineConfig(scrape, 'http://127.0.0.1:1234');
    expect(c.sdCount).toBe(2);
    expect(c.removed).toEqual(['a: kubernetes_sd_configs[0].bearer_token_file']);
    expect(c.text).not.toMatch(/bearer_token_file|kubernetes\.default/);
    expect(c.text.match(/api_server: http:\/\/127\.0\.0\.1:1234/g)).toHaveLength(2);
    expect(c.text).toContain('static_configs');
  });

  it('keeps comments and the lines above the first inserted api_server where they were', () => {
    const lines = engineConfig(scrape, 'http://127.0.0.1:1').text.split('\n');
    expect(lines.slice(0, 7)).toEqual(scrape.split('\n').slice(0, 7));
    expect(lines[7]).toBe('        namespaces: { names: [ x ] }'); // flow style kept, on its line
    expect(lines[8]).toBe('        api_server: http://127.0.0.1:1'); // replaces the removed key's line
    expect(lines[10]).toBe('        api_server: http://127.0.0.1:1'); // set in place
    // golden 35's strict-parse complaint names line 10 of the config vmagent ran: the fixture's line 10.
    const f35 = fixtures.find((f) => f.includes('/35-'))!;
    const text35 = readFileSync(join(f35, 'scrape.yaml'), 'utf8');
    expect(engineConfig(text35, 'http://127.0.0.1:1').text.split('\n')[9]).toBe(text35.split('\n')[9]);
    expect(text35.split('\n')[9]).toMatch(/evaluation_interval/);
  });

  it('passes a config it cannot read through untouched, for vmagent to judge', () => {
    expect(engineConfig('scrape_configs: [', 'http://127.0.0.1:1')).toEqual({ text: 'scrape_configs: [', sdCount: 0, removed: [] });
  });
});

describe('comparison', () => {
  const base = goldenOf('04');
  it('finds nothing between a golden and itself, even reordered and with other informational fields', () => {
    const shuffled: Recording = { ...base, logProblems: ['x'], configWarnings: ['y'], activeTargets: [...base.activeTargets].reverse() };
    expect(semanticDiff(shuffled, base)).toEqual([]);
  });
  it('reports a changed label, a missing dropped target, a failed address and a config rejection', () => {
    const t = base.activeTargets[0]!;
    const changed: Recording = {
      ...base,
      activeTargets: [{ ...t, labels: { ...t.labels, extra: '1' } }, ...base.activeTargets.slice(1)],
      droppedTargets: base.droppedTargets.slice(1),
      failedTargets: [{ scrapePool: 'p', address: 'a:1', error: 'e' }],
    };
    const d = semanticDiff(changed, base);
    expect(d.filter((x) => x.startsWith('activeTargets: only in the recording'))).toHaveLength(1);
    expect(d.filter((x) => x.startsWith('activeTargets: only in the golden'))).toHaveLength(1);
    expect(d.filter((x) => x.startsWith('droppedTargets: only in the golden'))).toHaveLength(1);
    expect(d.filter((x) => x.startsWith('failedTargets'))).toHaveLength(1);
    expect(semanticDiff({ ...base, error: 'refused', activeTargets: [], droppedTargets: [] }, base)[0]).toMatch(/^error/);
  });
  it('counts failed targets by address only (vmagent’s message is informational)', () => {
    const g = goldenOf('25');
    expect(semanticDiff({ ...g, failedTargets: g.failedTargets.map((t) => ({ ...t, error: 'other words' })) }, g)).toEqual([]);
  });
});
