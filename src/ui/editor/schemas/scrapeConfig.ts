// The scrape config schema (prometheus.yml / vmagent -promscrape.config): the parts the playground
// simulates in full, and the common others so completion knows them. The engine validates strictly
// and reports its own errors; the schema is for completion and hover.
import { arr, bool, duration, enumOf, int, obj, ref, str, strList, strMap, type Schema } from './helpers.ts';

const ACTIONS: Record<string, string> = {
  replace: 'Default. Join `source_labels` with `separator`, match `regex` (fully anchored), and set `target_label` to the expanded `replacement`. No match: nothing changes.',
  keep: 'Drop the target unless the joined `source_labels` match `regex` (fully anchored).',
  drop: 'Drop the target if the joined `source_labels` match `regex`.',
  keepequal: 'Drop the target unless the joined `source_labels` equal the value of `target_label` (Prometheus 2.41+; vmagent: keep_if_equal).',
  dropequal: 'Drop the target if the joined `source_labels` equal the value of `target_label`.',
  hashmod: 'Set `target_label` to a hash of the joined `source_labels` modulo `modulus` (Prometheus: md5; vmagent: xxhash — different shards).',
  labelmap: 'Copy every label whose NAME matches `regex` to the expanded `replacement` name (the source label stays).',
  labeldrop: 'Remove every label whose name matches `regex`.',
  labelkeep: 'Remove every label whose name does not match `regex` (careful: __address__ too).',
  lowercase: 'Set `target_label` to the lowercased joined `source_labels`.',
  uppercase: 'Set `target_label` to the uppercased joined `source_labels`.',
  keep_if_equal: 'vmagent: keep the target if all `source_labels` have equal values.',
  drop_if_equal: 'vmagent: drop the target if all `source_labels` have equal values.',
  keep_if_contains: 'vmagent: keep the target if `target_label` contains all `source_labels` values.',
  drop_if_contains: 'vmagent: drop the target if `target_label` contains all `source_labels` values.',
  replace_all: 'vmagent: replace every `regex` match in the joined `source_labels` and store it in `target_label`.',
  labelmap_all: 'vmagent: replace every `regex` match in every label name with `replacement`.',
  keep_metrics: 'vmagent: keep metrics whose name matches `regex` (metric relabeling).',
  drop_metrics: 'vmagent: drop metrics whose name matches `regex` (metric relabeling).',
  graphite: 'vmagent: match a Graphite-style metric name with `match` and set `labels`.',
};

const relabelRule = obj(
  {
    action: { type: 'string', enum: Object.keys(ACTIONS), enumDescriptions: Object.values(ACTIONS), description: 'What the rule does (default `replace`).' } as Schema,
    source_labels: strList('Labels whose values are joined with `separator` (missing labels read as ""). Meta labels: hover one to see where it comes from.'),
    separator: str('Joins the `source_labels` values (default `;`).'),
    regex: str('RE2 regex, fully anchored: `api` matches only "api", not "api-gateway" (default `(.*)`).'),
    modulus: int('For `hashmod`.'),
    target_label: str('The label to write (`replace`, `hashmod`, `lowercase`, `uppercase`, `keepequal`, `dropequal`).'),
    replacement: str('Default `$1`. Go expansion: `$1x` means the group named "1x" (empty!) — write `${1}x`.'),
    if: { description: 'vmagent: apply the rule only to series matching this selector (e.g. `{__meta_kubernetes_pod_label_app="web"}`).' } as Schema,
    match: str('vmagent `graphite` action: the Graphite pattern.'),
    labels: strMap('vmagent `graphite` action: labels to set.'),
  },
  'A relabeling rule. Rules run in order; the first one that drops the target ends the chain.',
  { additionalProperties: false },
);

const sdConfig = obj(
  {
    role: enumOf(['pod', 'service', 'endpoints', 'endpointslice', 'node', 'ingress'], 'What to discover: one target per pod port, service port, endpoint address × port, slice endpoint, node, or ingress rule path.'),
    namespaces: obj({ names: strList('Namespaces to watch (default: all).'), own_namespace: bool('Also watch the namespace Prometheus runs in.') }),
    selectors: arr(
      obj({ role: enumOf(['pod', 'service', 'endpoints', 'endpointslice', 'node', 'ingress']), label: str('Label selector, e.g. `app=web,tier!=cache`.'), field: str('Field selector, e.g. `metadata.name=web`.') }, undefined, { required: ['role'] }),
      'Server-side selectors: objects they exclude are never discovered (not even as dropped targets).',
    ),
    attach_metadata: obj({
      node: bool('Attach `__meta_kubernetes_node_*` labels of the pod\'s node.'),
      namespace: bool('Attach `__meta_kubernetes_namespace_label_*`/`_annotation_*` (Prometheus 3.6+).'),
      deployment: bool('Attach `__meta_kubernetes_pod_deployment_name` (3.11+).'),
      job: bool('Attach `__meta_kubernetes_pod_job_name` (3.11+).'),
      cronjob: bool('Attach `__meta_kubernetes_pod_cronjob_name` (3.11+).'),
    }),
    api_server: str('Not used offline.'),
    kubeconfig_file: str('Not used offline.'),
  },
  'Kubernetes service discovery.',
  { required: ['role'] },
);

const auth = {
  basic_auth: obj({ username: str(), password: str('Stripped from permalinks by default.'), password_file: str() }),
  authorization: obj({ type: str(), credentials: str('Stripped from permalinks by default.'), credentials_file: str() }),
  bearer_token: str('Stripped from permalinks by default.'),
  bearer_token_file: str(),
  oauth2: obj({ client_id: str(), client_secret: str('Stripped from permalinks by default.'), token_url: str(), scopes: strList() }),
  tls_config: obj({ ca_file: str(), cert_file: str(), key_file: str(), server_name: str(), insecure_skip_verify: bool() }),
};

const scrapeJob = obj(
  {
    job_name: str('The job name: default `job` label and scrape pool.'),
    scrape_interval: duration('Becomes `__scrape_interval__`.'),
    scrape_timeout: duration('Becomes `__scrape_timeout__`; must not exceed the interval.'),
    metrics_path: str('Becomes `__metrics_path__` (default /metrics).'),
    scheme: enumOf(['http', 'https'], 'Becomes `__scheme__`.'),
    params: { type: 'object', additionalProperties: strList(), description: 'URL parameters; each becomes `__param_<name>` (first value).' },
    honor_labels: bool(),
    honor_timestamps: bool(),
    kubernetes_sd_configs: arr(sdConfig),
    static_configs: arr(obj({ targets: strList('host:port addresses.'), labels: strMap('Labels for these targets.') })),
    relabel_configs: arr(relabelRule, 'Target relabeling: decides which discovered targets are scraped and with which labels.'),
    metric_relabel_configs: arr(relabelRule, 'Applied to scraped samples (not simulated).'),
    sample_limit: int(),
    ...auth,
  },
  'One scrape job.',
  { required: ['job_name'] },
);

export const SCRAPE_DEFINITIONS: Record<string, Schema> = {
  relabelRule,
  scrapeConfig: obj({
    global: obj({
      scrape_interval: duration('Default interval (1m).'),
      scrape_timeout: duration('Default timeout (10s).'),
      evaluation_interval: duration('Not used here (vmagent in strict mode refuses it).'),
      external_labels: strMap('Added to samples on the way out (vmagent: also visible to relabeling).'),
    }),
    scrape_configs: arr(scrapeJob, 'The jobs.'),
    scrape_config_files: strList('Not read offline: paste their content instead.'),
  }),
};

export { ref };
