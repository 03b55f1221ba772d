// scrape/target.go PopulateDiscoveredLabels + PopulateLabels, per profile, on cases the corpus does not reach.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config/scrape-config.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { getProfile } from '../../src/engine/profiles/index.ts';
import { populate } from '../../src/engine/targets/populate.ts';
import type { Labels } from '../../src/engine/labels.ts';

function job(yaml: string, profileId: 'prometheus-3.14' | 'prometheus-2.42' = 'prometheus-3.14') {
  const profile = getProfile(profileId)!;
  const { config, diagnostics } = parseConfig(ingest([{ name: 'c.yml', text: yaml }]).configs, profile);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { job: config.scrapeConfigs[0]!, global: config.global, profile };
}

function pop(yaml: string, target: Labels, profileId: 'prometheus-3.14' | 'prometheus-2.42' = 'prometheus-3.14', group: Labels = {}) {
  const r = populate({ ...job(yaml, profileId), target, group, trace: true });
  // With a trace the discovered set is always built.
  if (r.discovered === undefined) throw new Error('traced populate left the discovered labels out');
  return { ...r, discovered: r.discovered };
}

describe('PopulateDiscoveredLabels', () => {
  it('target labels win over group labels; empty values vanish (Builder.Set(""))', () => {
    const r = pop('scrape_configs: [{job_name: j}]', { __address__: 'a:1', x: 't', e: '' }, 'prometheus-3.14', { x: 'g', y: 'g', z: '' });
    expect(r.discovered).toMatchObject({ x: 't', y: 'g' });
    expect('e' in r.discovered || 'z' in r.discovered).toBe(false);
  });
  it('a group label named like an Object.prototype member is still added (the target lacks it)', () => {
    const r = pop('scrape_configs: [{job_name: j}]', { __address__: 'a:1' }, 'prometheus-3.14', { constructor: 'c', toString: 't' });
    expect(Object.prototype.hasOwnProperty.call(r.discovered, 'constructor') && r.discovered['constructor']).toBe('c');
    expect(Object.prototype.hasOwnProperty.call(r.discovered, 'toString') && r.discovered['toString']).toBe('t');
  });
  it('job defaults only fill empty or absent labels', () => {
    const r = pop('scrape_configs: [{job_name: j, metrics_path: /m}]', { __address__: 'a:1', __metrics_path__: '/custom', job: '' });
    expect(r.discovered).toMatchObject({ __metrics_path__: '/custom', job: 'j', __scheme__: 'http', __scrape_interval__: '1m', __scrape_timeout__: '10s' });
  });
  it('3.x: an SD-provided __param_* wins over config params; 2.42: the config overwrites it', () => {
    const y = 'scrape_configs: [{job_name: j, params: {module: [cfg]}}]';
    expect(pop(y, { __address__: 'a:1', __param_module: 'sd' }).discovered.__param_module).toBe('sd');
    expect(pop(y, { __address__: 'a:1', __param_module: 'sd' }, 'prometheus-2.42').discovered.__param_module).toBe('cfg');
  });
  it('3.13+ adds the three histogram labels; 2.42 does not', () => {
    expect(pop('scrape_configs: [{job_name: j, scrape_native_histograms: true}]', { __address__: 'a:1' }).discovered).toMatchObject({
      __scrape_native_histograms__: 'true',
      __always_scrape_classic_histograms__: 'false',
      __convert_classic_histograms_to_nhcb__: 'false',
    });
    expect(Object.keys(pop('scrape_configs: [{job_name: j}]', { __address__: 'a:1' }, 'prometheus-2.42').discovered).some((k) => k.includes('histograms'))).toBe(false);
  });
});

describe('PopulateLabels', () => {
  it('3.x never adds a port; instance is the verbatim address', () => {
    const r = pop('scrape_configs: [{job_name: j}]', { __address__: 'example.com' });
    expect(r).toMatchObject({ state: 'active', url: 'http://example.com/metrics', labels: { instance: 'example.com', job: 'j' } });
  });
  it('2.42 adds :80 / :443 by scheme and instance gets it; fd00::1 (never valid) is left alone', () => {
    expect(pop('scrape_configs: [{job_name: j}]', { __address__: 'example.com' }, 'prometheus-2.42')).toMatchObject({ url: 'http://example.com:80/metrics', labels: { instance: 'example.com:80' } });
    expect(pop('scrape_configs: [{job_name: j, scheme: https}]', { __address__: 'example.com' }, 'prometheus-2.42')).toMatchObject({ labels: { instance: 'example.com:443' } });
    expect(pop('scrape_configs: [{job_name: j}]', { __address__: 'fd00::1' }, 'prometheus-2.42')).toMatchObject({ labels: { instance: 'fd00::1' } });
  });
  it('2.42: a port-less address with an unknown scheme fails naming the job scheme', () => {
    const r = pop('scrape_configs: [{job_name: j, scheme: ftp}]', { __address__: 'h' }, 'prometheus-2.42');
    expect(r).toMatchObject({ state: 'failed', code: 'INVALID_SCHEME', message: 'invalid scheme: "ftp"' });
  });
  it('labelkeep that removes __scrape_interval__ fails with "empty duration string"', () => {
    const r = pop('scrape_configs:\n- job_name: j\n  relabel_configs:\n  - {action: labelkeep, regex: __address__|job}\n', { __address__: 'a:1' });
    expect(r).toMatchObject({ state: 'failed', code: 'BAD_INTERVAL', message: 'error parsing scrape interval: empty duration string' });
  });
  it('relabeling that deletes job leaves the target without job; deleting __scheme__ gives //host', () => {
    const r = pop('scrape_configs:\n- job_name: j\n  relabel_configs:\n  - {action: labeldrop, regex: job|__scheme__}\n', { __address__: 'a:1' });
    expect(r).toMatchObject({ state: 'active', url: '//a:1/metrics', labels: { instance: 'a:1' } });
    expect((r as any).labels.job).toBeUndefined();
  });
  it('__tmp_* labels stay internal (identity) but are not public', () => {
    const r = pop('scrape_configs:\n- job_name: j\n  relabel_configs:\n  - {target_label: __tmp_x, replacement: y}\n', { __address__: 'a:1' });
    expect(r.state).toBe('active');
    if (r.state === 'active') {
      expect(r.internal.__tmp_x).toBe('y');
      expect(r.labels.__tmp_x).toBeUndefined();
    }
  });
  it('histogram labels must parse as Go bools (3.13+)', () => {
    const r = pop('scrape_configs:\n- job_name: j\n  relabel_configs:\n  - {target_label: __scrape_native_histograms__, replacement: yes}\n', { __address__: 'a:1' });
    expect(r).toMatchObject({ state: 'failed', code: 'BAD_BOOL_LABEL' });
  });
  it('the trace has the implicit steps in order', () => {
    const r = pop('scrape_configs:\n- job_name: j\n  params: {a: [b]}\n  relabel_configs:\n  - {source_labels: [__meta_x], target_label: x}\n', { __address__: 'a:1', __meta_x: 'v' });
    expect(r.trace!.map((s) => s.implicit ?? `rule ${s.rule!.index}`)).toEqual(['job-defaults', 'params', 'rule 0', 'drop-meta', 'instance', 'drop-internal', 'scrape-url']);
  });
});
