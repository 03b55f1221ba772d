// The operator layer's public shapes: which config an operator object (Prometheus, PrometheusAgent,
// VMAgent) would generate, and which monitors it selected, skipped or rejected — and why.
import type { SourcePos, SourceRange } from '../diagnostics.ts';
import type { RuleOrigin } from '../trace.ts';

export interface OperatorOwner {
  kind: 'Prometheus' | 'PrometheusAgent' | 'VMAgent';
  namespace: string;
  name: string;
  /** No such object in the input: a permissive one was assumed (and a diagnostic says so). */
  assumed: boolean;
}

export interface JobOrigins {
  /** The object (and field) the job was generated from, e.g. `endpoints[0]` of a ServiceMonitor. */
  job: RuleOrigin;
  /** Index-aligned with the job's relabel_configs. */
  relabel: (RuleOrigin | undefined)[];
  /** Index-aligned with the job's metric_relabel_configs. */
  metricRelabel?: (RuleOrigin | undefined)[];
}

export interface GeneratedConfig {
  owner: OperatorOwner;
  family: 'prometheus' | 'vmagent';
  /** The whole generated config (global + scrape_configs) in the operator's order, yaml.v2 style. */
  yaml: string;
  /** The same config after the config-reloader's `$(VAR)` expansion for shard `shard` (what the
   * scraper actually loads: `$(SHARD)` → shard index, `$(POD_NAME)` → the first pod's name). Feed this
   * one to discovery; show `yaml` as the operator's output. */
  runtimeYaml: string;
  /** The shard `runtimeYaml` is for, and how many the owner has. */
  shard: number;
  shards: number;
  /** Per generated job (by job_name): where each relabel rule came from. */
  origins: Record<string, JobOrigins>;
  /** True when the operator does not manage this owner's config (every selector nil): it writes an empty
   * config and no jobs. */
  unmanaged?: boolean;
}

export interface MonitorSelection {
  monitor: { kind: string; namespace: string; name: string; pos?: SourcePos };
  owner: OperatorOwner;
  outcome: 'selected' | 'not-selected' | 'rejected';
  /** Plain words: which selector (label or namespace, nil vs {}) did not match, or the operator's
   * rejection reason. */
  reason?: string;
  /** Field to change (e.g. the Prometheus' serviceMonitorSelector, or the monitor's metadata.labels). */
  field?: { kind: string; namespace?: string; name: string; path: string; pos?: SourceRange };
  /** Set when the monitor is a VM object the VM operator converted from a prometheus-operator object. */
  convertedFrom?: { kind: string; namespace: string; name: string };
}

export interface GenerateOptions {
  /** Show Secret values the operators inline (basic auth, bearer tokens, …). Masked as `<secret>`
   * otherwise. */
  revealSecrets?: boolean;
  /** prometheus-operator feature gate PrometheusShardRetentionPolicy (on by default since v0.92.0): adds
   * the two `__tmp_current_shard` rules before the sharding block. Default true. */
  shardRetention?: boolean;
  /** Shard index the runtime config is expanded for (default 0). */
  shard?: number;
  /** Where the VM operator mounts TLS assets (default `/etc/vmagent-tls/certs`, the VMAgent's). */
  vmTlsAssetsDir?: string;
  /** VM operator environment (e.g. VM_FILTERPROMETHEUSCONVERTERLABELPREFIXES, VM_ENABLEDPROMETHEUSCONVERTER_*). */
  vmOperatorEnv?: Record<string, string>;
}
