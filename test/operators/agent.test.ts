// PrometheusAgent specifics (GenerateAgentConfiguration), checked against the operator's golden
// pkg/prometheus/testdata/PromAgentDaemonSetPodMonitorConfig.golden (prometheus-operator v0.93.0).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { generateOperatorConfigs } from '../../src/engine/operators/generate.ts';

const run = (text: string, opts = {}) => {
  const { store, secretValues } = ingest([{ name: 'in.yaml', text }]);
  return generateOperatorConfigs(store, secretValues, opts);
};

const podMonitor = `---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: defaultPodMonitor, namespace: default, labels: {group: group1}}
spec:
  selector: {matchLabels: {group: group1}}
  podMetricsEndpoints: [{port: web, interval: 30s}]
`;

describe('PrometheusAgent', () => {
  it('DaemonSet mode: PodMonitors only, node field selector, no sharding (TestPromAgentDaemonSetPodMonitorConfig)', () => {
    const r = run(
      `apiVersion: monitoring.coreos.com/v1alpha1
kind: PrometheusAgent
metadata: {name: test, namespace: default}
spec:
  mode: DaemonSet
  scrapeInterval: 30s
  podMonitorSelector: {matchLabels: {group: group1}}
  serviceMonitorSelector: {}
` +
        podMonitor +
        `---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: sm, namespace: default}
spec: {selector: {}, endpoints: [{port: web}]}
`,
      { shardRetention: false },
    );
    const golden = `global:
  scrape_interval: 30s
  external_labels:
    prometheus: default/test
    prometheus_replica: $(POD_NAME)
scrape_configs:
- job_name: podMonitor/default/defaultPodMonitor/0
  honor_labels: false
  kubernetes_sd_configs:
  - role: pod
    namespaces:
      names:
      - default
    selectors:
    - role: pod
      field: spec.nodeName=$(NODE_NAME)
  scrape_interval: 30s
  relabel_configs:
  - source_labels:
    - job
    target_label: __tmp_prometheus_job_name
  - action: drop
    source_labels:
    - __meta_kubernetes_pod_phase
    regex: (Failed|Succeeded)
  - action: keep
    source_labels:
    - __meta_kubernetes_pod_label_group
    - __meta_kubernetes_pod_labelpresent_group
    regex: (group1);true
  - action: keep
    source_labels:
    - __meta_kubernetes_pod_container_port_name
    regex: web
  - source_labels:
    - __meta_kubernetes_namespace
    target_label: namespace
  - source_labels:
    - __meta_kubernetes_pod_container_name
    target_label: container
  - source_labels:
    - __meta_kubernetes_pod_name
    target_label: pod
  - target_label: job
    replacement: default/defaultPodMonitor
  - target_label: endpoint
    replacement: web
`;
    expect(r.configs[0]!.yaml).toBe(golden);
    expect(r.selection.find((s) => s.monitor.name === 'sm')).toMatchObject({ outcome: 'not-selected', field: { path: 'spec.mode' } });
  });

  it('agent job order: PodMonitors, additional scrape configs, then ServiceMonitors', () => {
    const r = run(
      `apiVersion: monitoring.coreos.com/v1alpha1
kind: PrometheusAgent
metadata: {name: test, namespace: default}
spec:
  podMonitorSelector: {}
  serviceMonitorSelector: {}
  additionalScrapeConfigs: {name: extra, key: jobs.yaml}
---
apiVersion: v1
kind: Secret
metadata: {name: extra, namespace: default}
stringData:
  jobs.yaml: |
    - job_name: extra
      static_configs: [{targets: [a:1]}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: sm, namespace: default}
spec: {selector: {}, endpoints: [{port: web}]}
` + podMonitor,
    );
    const names = (parse(r.configs[0]!.yaml) as { scrape_configs: { job_name: string }[] }).scrape_configs.map((j) => j.job_name);
    expect(names).toEqual(['podMonitor/default/defaultPodMonitor/0', 'extra', 'serviceMonitor/default/sm/0']);
    expect(r.configs[0]!.yaml).not.toContain('evaluation_interval');
  });
});
