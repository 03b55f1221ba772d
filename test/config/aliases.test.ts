// YAML anchors and aliases in scrape configs, as yaml.v2 decodes them for Prometheus and vmagent: a job that reuses
// another's relabel_configs (or sd configs, or a single rule) through `*name` behaves exactly like the same job
// written out. Common in hand-written prometheus.yml files.
import { describe, expect, it } from 'vitest';
import { run, type ProfileId } from '../../src/engine/index.ts';

const objects = `apiVersion: v1
kind: Pod
metadata: {name: web-0, namespace: shop, labels: {app: web}, annotations: {prometheus.io/scrape: "true"}}
spec: {containers: [{name: web, image: w, ports: [{name: metrics, containerPort: 9090}, {name: http, containerPort: 8080}]}]}
status: {phase: Running, podIP: 10.0.0.5, conditions: [{type: Ready, status: "True"}]}
`;

const written = `scrape_configs:
  - job_name: a
    kubernetes_sd_configs: [{role: pod}]
    relabel_configs:
      - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape], action: keep, regex: "true"}
      - {source_labels: [__meta_kubernetes_pod_container_port_name], action: keep, regex: metrics}
      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
  - job_name: b
    kubernetes_sd_configs: [{role: pod}]
    relabel_configs:
      - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape], action: keep, regex: "true"}
      - {source_labels: [__meta_kubernetes_pod_container_port_name], action: keep, regex: metrics}
      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
      - {target_label: team, replacement: web}
`;

const aliased = `scrape_configs:
  - job_name: a
    kubernetes_sd_configs: &sd [{role: pod}]
    relabel_configs: &common
      - &scrape {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape], action: keep, regex: "true"}
      - {source_labels: [__meta_kubernetes_pod_container_port_name], action: keep, regex: metrics}
      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
  - job_name: b
    kubernetes_sd_configs: *sd
    relabel_configs:
      - *scrape
      - {source_labels: [__meta_kubernetes_pod_container_port_name], action: keep, regex: metrics}
      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
      - {target_label: team, replacement: web}
`;

function targets(config: string, profile: ProfileId) {
  const r = run([{ name: 'pod.yaml', text: objects }, { name: 'prometheus.yml', text: config }], { profile });
  return { jobs: r.jobs.map((j) => [j.job, j.active.map((t) => [t.scrapeUrl, t.labels]), j.dropped.length]), errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

describe('anchors and aliases in scrape configs', () => {
  it.each(['prometheus-3.14', 'prometheus-2.42', 'vmagent-1.79', 'vmagent-1.150'] as ProfileId[])('%s: aliased lists, rules and sd configs = written out', (profile) => {
    const want = targets(written, profile);
    expect(want.errors).toEqual([]);
    expect(want.jobs).toEqual([
      ['a', [['http://10.0.0.5:9090/metrics', expect.objectContaining({ namespace: 'shop', job: 'a' })]], 1],
      ['b', [['http://10.0.0.5:9090/metrics', expect.objectContaining({ namespace: 'shop', job: 'b', team: 'web' })]], 1],
    ]);
    expect(targets(aliased, profile)).toEqual(want);
    // A whole list reused by alias, too.
    expect(targets(aliased.replace(/relabel_configs:\n      - \*scrape[\s\S]*$/, 'relabel_configs: *common\n'), profile).jobs[1]).toEqual(['b', [['http://10.0.0.5:9090/metrics', expect.not.objectContaining({ team: 'web' })]], 1]);
  });

  it('an alias to no anchor is an error at its position, and the rest of the config still loads', () => {
    const r = run([{ name: 'pod.yaml', text: objects }, { name: 'prometheus.yml', text: written.replace('regex: metrics}\n      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}\n      - {target_label: team', 'regex: *nowhere}\n      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}\n      - {target_label: team') }]);
    const errs = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.every((d) => d.pos?.file === 'prometheus.yml' && d.pos.line >= 1)).toBe(true);
  });
});
