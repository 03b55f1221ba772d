// Throughput of applyRelabel on typical rules (not a test): `npx tsx test/relabel/bench-relabel.ts`.
// Each application = one applyRelabel call with one rule over a realistic pod label set.
import { LineCounter, parseDocument } from 'yaml';
import { parseRelabelConfigs } from '../../src/engine/config/relabel-config.ts';
import { prometheus242, prometheus314 } from '../../src/engine/profiles/prometheus.ts';
import type { Profile } from '../../src/engine/profiles/types.ts';
import { applyRelabel } from '../../src/engine/relabel/apply.ts';

const labels: Record<string, string> = {
  __address__: '10.244.1.5:10299', __meta_kubernetes_namespace: 'shop', __meta_kubernetes_pod_name: 'web-7d4f9c-abcde',
  __meta_kubernetes_pod_container_port_number: '10299', __meta_kubernetes_pod_container_name: 'app',
  __meta_kubernetes_pod_label_app: 'web', __meta_kubernetes_pod_label_pod_template_hash: '7d4f9c', __meta_kubernetes_pod_ip: '10.244.1.5',
  __meta_kubernetes_pod_node_name: 'node-1', __meta_kubernetes_pod_phase: 'Running', __meta_kubernetes_pod_ready: 'true',
  __scheme__: 'http', __metrics_path__: '/metrics', __scrape_interval__: '30s', __scrape_timeout__: '10s', job: 'shop',
};

function rulesOf(y: string, p: Profile) {
  const lineCounter = new LineCounter();
  return parseRelabelConfigs(parseDocument(y, { schema: 'failsafe', lineCounter }).contents, { file: 'b', lineCounter }, p).rules;
}

const cases: [string, string][] = [
  ['keep on one label (literal)', `- {source_labels: [__meta_kubernetes_pod_container_port_number], regex: "10299", action: keep}`],
  ['replace copying one label (default regex)', `- {source_labels: [__meta_kubernetes_pod_name], target_label: pod}`],
  ['drop on alternation', `- {source_labels: [__meta_kubernetes_pod_phase], regex: Succeeded|Failed, action: drop}`],
  ['keep on a general regex', `- {source_labels: [__meta_kubernetes_pod_container_port_number], regex: "\\\\d+", action: keep}`],
  ['replace address idiom (general regex)', `- {source_labels: [__address__, __meta_kubernetes_pod_container_port_number], regex: "([^:]+)(?::\\\\d+)?;(\\\\d+)", replacement: "$1:$2", target_label: __address__}`],
  ['labelmap pod labels', `- {regex: __meta_kubernetes_pod_label_(.+), action: labelmap}`],
];

const N = 1_000_000;
for (const p of [prometheus314, prometheus242]) {
  for (const [name, y] of cases) {
    const rules = rulesOf(y, p);
    const n = name.startsWith('labelmap') || name.includes('general') ? N / 10 : N;
    for (let i = 0; i < 10_000; i++) applyRelabel(labels, rules, p); // warm-up
    const t0 = performance.now();
    let kept = 0;
    for (let i = 0; i < n; i++) if (!applyRelabel(labels, rules, p).dropped) kept++;
    const ms = performance.now() - t0;
    console.log(`${p.id.padEnd(16)} ${name.padEnd(44)} ${((n / ms) * 1000 / 1e6).toFixed(2).padStart(6)} M applications/s  (${n} in ${ms.toFixed(0)} ms, kept ${kept})`);
  }
}

// A typical job: one copy of the label set per target, amortized over its rules.
const job = `
- {source_labels: [__meta_kubernetes_pod_container_port_number], regex: "10299", action: keep}
- {source_labels: [__meta_kubernetes_pod_phase], regex: Succeeded|Failed, action: drop}
- {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
- {source_labels: [__meta_kubernetes_pod_name], target_label: pod}
- {source_labels: [__meta_kubernetes_pod_container_name], target_label: container}
- {source_labels: [__meta_kubernetes_pod_node_name], target_label: node}
- {source_labels: [__meta_kubernetes_pod_label_app], target_label: app}
- {target_label: cluster, replacement: prod}`;
for (const p of [prometheus314, prometheus242]) {
  const rules = rulesOf(job, p);
  const n = 500_000;
  for (let i = 0; i < 10_000; i++) applyRelabel(labels, rules, p);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) applyRelabel(labels, rules, p);
  const ms = performance.now() - t0;
  console.log(`${p.id.padEnd(16)} ${'8-rule job (2 filters, 6 replaces)'.padEnd(44)} ${((n * rules.length / ms) * 1000 / 1e6).toFixed(2).padStart(6)} M rule applications/s (${((n / ms) * 1000 / 1e6).toFixed(2)} M targets/s)`);
}
