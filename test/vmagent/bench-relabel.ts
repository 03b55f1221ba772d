// Throughput of vmagent relabeling next to Prometheus' on the same rules (not a test):
// `npx tsx test/vmagent/bench-relabel.ts`. Rounds are interleaved and the best of each is printed, because the
// figures of one run drift with machine load.
import { LineCounter, parseDocument } from 'yaml';
import { parseRelabelConfigs } from '../../src/engine/config/relabel-config.ts';
import { applyRelabel } from '../../src/engine/relabel/apply.ts';
import { applyRelabelVm } from '../../src/engine/relabel/vmagent/index.ts';
import { prometheus314 } from '../../src/engine/profiles/prometheus.ts';
import type { Profile } from '../../src/engine/profiles/types.ts';
import { rules as vmRules, V150, V179 } from './helpers.ts';

const labels: Record<string, string> = {
  __address__: '10.244.1.5:10299', __meta_kubernetes_namespace: 'shop', __meta_kubernetes_pod_name: 'web-7d4f9c-abcde',
  __meta_kubernetes_pod_container_port_number: '10299', __meta_kubernetes_pod_container_name: 'app',
  __meta_kubernetes_pod_label_app: 'web', __meta_kubernetes_pod_label_pod_template_hash: '7d4f9c', __meta_kubernetes_pod_ip: '10.244.1.5',
  __meta_kubernetes_pod_node_name: 'node-1', __meta_kubernetes_pod_phase: 'Running', __meta_kubernetes_pod_ready: 'true',
  __scheme__: 'http', __metrics_path__: '/metrics', __scrape_interval__: '30s', __scrape_timeout__: '10s', job: 'shop',
};

// vmagent relabels the merged labels sorted by name (populate-vmagent.ts builds them so).
const sortedLabels: Record<string, string> = {};
for (const k of Object.keys(labels).sort()) sortedLabels[k] = labels[k] as string;

const cases: [string, string][] = [
  ['keep on one label (literal)', `- {source_labels: [__meta_kubernetes_pod_container_port_number], regex: "10299", action: keep}`],
  ['replace copying one label (default regex)', `- {source_labels: [__meta_kubernetes_pod_name], target_label: pod}`],
  ['drop on alternation', `- {source_labels: [__meta_kubernetes_pod_phase], regex: Succeeded|Failed, action: drop}`],
  ['labelmap pod labels', `- {regex: __meta_kubernetes_pod_label_(.+), action: labelmap}`],
  ['hashmod', `- {source_labels: [__address__], modulus: 4, target_label: __tmp_hash, action: hashmod}`],
  [
    '8-rule job (2 filters, 6 replaces)',
    `
- {source_labels: [__meta_kubernetes_pod_container_port_number], regex: "10299", action: keep}
- {source_labels: [__meta_kubernetes_pod_phase], regex: Succeeded|Failed, action: drop}
- {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
- {source_labels: [__meta_kubernetes_pod_name], target_label: pod}
- {source_labels: [__meta_kubernetes_pod_container_name], target_label: container}
- {source_labels: [__meta_kubernetes_pod_node_name], target_label: node}
- {source_labels: [__meta_kubernetes_pod_label_app], target_label: app}
- {target_label: cluster, replacement: prod}`,
  ],
];

function promRules(y: string, p: Profile) {
  const lineCounter = new LineCounter();
  return parseRelabelConfigs(parseDocument(y, { schema: 'failsafe', lineCounter }).contents, { file: 'b', lineCounter }, p).rules;
}

for (const [name, y] of cases) {
  const runs: [string, () => unknown, number][] = [
    [prometheus314.id, ((r) => () => applyRelabel(labels, r, prometheus314))(promRules(y, prometheus314)), promRules(y, prometheus314).length],
    [V179.id, ((r) => () => applyRelabelVm(sortedLabels, r, V179))(vmRules(y, V179)), vmRules(y, V179).length],
    [V150.id, ((r) => () => applyRelabelVm(sortedLabels, r, V150))(vmRules(y, V150)), vmRules(y, V150).length],
  ];
  const n = 20_000;
  const best = runs.map(() => Infinity);
  for (let round = 0; round < 15; round++) {
    runs.forEach(([, f], i) => {
      const t0 = performance.now();
      for (let k = 0; k < n; k++) f();
      best[i] = Math.min(best[i] as number, performance.now() - t0);
    });
  }
  const line = runs.map(([id, , rules], i) => `${id} ${((n * rules) / ((best[i] as number) / 1000) / 1e6).toFixed(2)}`).join('  ');
  console.log(`${name.padEnd(36)} M rule applications/s: ${line}`);
}
