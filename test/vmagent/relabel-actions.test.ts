// vmagent relabel actions (lib/promrelabel/relabel.go parsedRelabelConfig.apply), run through the vmagent config
// parser and applyRelabelVm. The first table holds what 1.79 and 1.150 share; the second every difference
// between them, each with the VictoriaMetrics source function (tag v1.150.0 unless said otherwise) that decides it.
import { describe, expect, it } from 'vitest';
import type { Labels } from '../../src/engine/labels.ts';
import { apply, BOTH, V150, V179 } from './helpers.ts';

const L: Labels = {
  __address__: '10.0.0.1:8080',
  __meta_kubernetes_namespace: 'shop',
  __meta_kubernetes_pod_name: 'web-1',
  __meta_kubernetes_pod_label_app: 'billing-api',
  __meta_kubernetes_pod_label_tier: 'FrontEnd',
  __meta_kubernetes_pod_label_empty: '',
  __meta_kubernetes_pod_annotation_note: 'Notes:\nline two\n',
  __meta_kubernetes_pod_annotation_port: '8080',
  __meta_kubernetes_pod_container_port_number: '8080',
  job: 'pods',
};

type Case = [name: string, rules: string, expect: Record<string, string | null> | 'dropped' | 'kept'];

// Each case lists the labels it expects (null = absent), or the whole target's fate.
const SHARED: Case[] = [
  ['replace: no regex, `$1`: copies the joined value, newlines included (fast path)', `- {source_labels: [__meta_kubernetes_pod_annotation_note], target_label: note}`, { note: 'Notes:\nline two\n' }],
  ['replace: no regex, constant replacement: set without running a regex', `- {target_label: team, replacement: payments}`, { team: 'payments' }],
  ['replace: explicit regex with groups', `- {source_labels: [__meta_kubernetes_pod_name], regex: '([a-z]+)-(\\d)', target_label: n, replacement: '$2:$1'}`, { n: '1:web' }],
  ['replace: target_label is never validated: `app_${1}` creates app_billing-api', `- {source_labels: [__meta_kubernetes_pod_label_app], regex: '(.+)', target_label: 'app_\${1}', replacement: x}`, { 'app_billing-api': 'x' }],
  ['replace: an empty result removes the *expanded* target', `- {target_label: job, replacement: ''}`, { job: null }],
  ['replace: no match leaves everything', `- {source_labels: [__meta_kubernetes_pod_name], regex: 'api-.*', target_label: job, replacement: x}`, { job: 'pods' }],
  ['replace_all: every match replaced, unanchored', `- {action: replace_all, source_labels: [__meta_kubernetes_pod_label_app], regex: '-', replacement: _, target_label: app}`, { app: 'billing_api' }],
  ['replace_all: no match, nothing set', `- {action: replace_all, source_labels: [__meta_kubernetes_pod_name], regex: 'x', replacement: _, target_label: n}`, { n: null }],
  ['keep_if_equal: annotation port == container port', `- {action: keep_if_equal, source_labels: [__meta_kubernetes_pod_annotation_port, __meta_kubernetes_pod_container_port_number]}`, 'kept'],
  ['keep_if_equal: two missing labels are equal ("")', `- {action: keep_if_equal, source_labels: [a_missing, b_missing]}`, 'kept'],
  ['drop_if_equal', `- {action: drop_if_equal, source_labels: [__meta_kubernetes_pod_annotation_port, __meta_kubernetes_pod_container_port_number]}`, 'dropped'],
  ['keep: omitted regex keeps everything', `- {action: keep, source_labels: [__meta_kubernetes_pod_label_missing]}`, 'kept'],
  ['drop: omitted regex drops everything', `- {action: drop, source_labels: [__meta_kubernetes_pod_name]}`, 'dropped'],
  ['keep: `prefix.*` matches a multi-line value (matchString / PromRegex shortcut)', `- {action: keep, source_labels: [__meta_kubernetes_pod_annotation_note], regex: 'Notes.*'}`, 'kept'],
  ['keep: `.+` matches a multi-line value', `- {action: keep, source_labels: [__meta_kubernetes_pod_annotation_note], regex: '.+'}`, 'kept'],
  ['keep: an empty regex matches only ""', `- {action: keep, source_labels: [__meta_kubernetes_pod_label_empty], regex: ''}`, 'kept'],
  ['keep_metrics: keep on __name__ (none on targets: dropped)', `- {action: keep_metrics, regex: 'up|scrape_.*'}`, 'dropped'],
  ['drop_metrics: drop on __name__', `- {action: drop_metrics, regex: 'foo'}`, 'kept'],
  ['hashmod: xxhash64', `- {action: hashmod, source_labels: [__address__], modulus: 1000, target_label: h}`, { h: '29' }],
  ['labelmap: prefix `(.+)` fast path', `- {action: labelmap, regex: '__meta_kubernetes_pod_label_(.+)'}`, { app: 'billing-api', tier: 'FrontEnd', empty: null }],
  ['labelmap: with a replacement template', `- {action: labelmap, regex: '__meta_kubernetes_pod_label_(.+)', replacement: 'k8s_\${1}'}`, { k8s_app: 'billing-api' }],
  ['labelmap_all: rewrites every match inside every name', `- {action: labelmap_all, regex: '_kubernetes_', replacement: _k8s_}`, { __meta_k8s_pod_name: 'web-1', __meta_kubernetes_pod_name: null }],
  ['labeldrop', `- {action: labeldrop, regex: '__meta_kubernetes_pod_label_.*'}`, { __meta_kubernetes_pod_label_app: null, __meta_kubernetes_pod_name: 'web-1' }],
  ['labelkeep', `- {action: labelkeep, regex: '__address__|job'}`, { __address__: '10.0.0.1:8080', job: 'pods', __meta_kubernetes_pod_name: null }],
  ['labelkeep keeping nothing drops the target ("all the labels have been removed")', `- {action: labelkeep, regex: nothing}`, 'dropped'],
  ['uppercase / lowercase with Go case mapping', `- {action: uppercase, source_labels: [__meta_kubernetes_pod_label_tier], target_label: up}\n- {action: lowercase, source_labels: [__meta_kubernetes_pod_label_tier], target_label: low}`, { up: 'FRONTEND', low: 'frontend' }],
  ['graphite: `*` matches up to the next dot', `- {target_label: __name__, replacement: foo.bar.baz}\n- {action: graphite, match: 'foo.*.baz', labels: {job: '$1', x: '\${0}'}}`, { job: 'bar', x: 'foo.bar.baz' }],
  ['graphite: no match changes nothing', `- {action: graphite, match: 'foo.*', labels: {job: '$1'}}`, { job: 'pods' }],
  ['if: a matching selector runs the rule', `- {target_label: hit, replacement: 'yes', if: '{__meta_kubernetes_namespace="shop"}'}`, { hit: 'yes' }],
  ['if: a mismatch skips the rule', `- {target_label: hit, replacement: 'yes', if: '{__meta_kubernetes_namespace="other"}'}`, { hit: null }],
  ['if: a mismatch on `action: keep` drops the target', `- {action: keep, if: '{__meta_kubernetes_namespace="other"}'}`, 'dropped'],
  ['if: drop without regex is a pure filter', `- {action: drop, if: '{__meta_kubernetes_pod_name=~"web-.*"}'}`, 'dropped'],
  ['if: a missing label reads as ""', `- {action: keep, if: '{absent=""}'}`, 'kept'],
  ['regex as a YAML list is joined with |', `- {action: keep, source_labels: [__meta_kubernetes_pod_name], regex: [api-1, web-1]}`, 'kept'],
  ['a numeric regex is re-printed by Go: 1.10 is "1.1"', `- {target_label: v, replacement: '1.10'}\n- {action: keep, source_labels: [v], regex: 1.10}`, 'dropped'],
  ['separator', `- {source_labels: [__meta_kubernetes_namespace, __meta_kubernetes_pod_name], separator: /, target_label: id}`, { id: 'shop/web-1' }],
];

function check(profile: typeof V179, rulesText: string, want: Case[2]): void {
  const out = apply(L, rulesText, profile);
  if (want === 'dropped') return void expect(out).toBeNull();
  expect(out).not.toBeNull();
  if (want === 'kept') return;
  for (const [k, v] of Object.entries(want)) {
    if (v === null) expect(out, k).not.toHaveProperty(k);
    else expect(out?.[k], k).toBe(v);
  }
}

describe('vmagent relabel actions (1.79 and 1.150 alike)', () => {
  for (const [ver, profile] of BOTH) {
    it.each(SHARED)(`${ver}: %s`, (_name, rulesText, want) => check(profile, rulesText, want));
  }
});

// [name, source function, rules, 1.79 result, 1.150 result]
const DIFFERENCES: [string, string, string, Case[2], Case[2]][] = [
  [
    'explicit `(.*)` + `$1` on a multi-line value: 1.79 runs the Go regex (no match: nothing set); newest treats it as the default regex and copies',
    'config.go parseRelabelConfig / isDefaultRegex; relabel.go apply (replace fast path)',
    `- {source_labels: [__meta_kubernetes_pod_annotation_note], regex: '(.*)', target_label: note}`,
    { note: null },
    { note: 'Notes:\nline two\n' },
  ],
  [
    '`regex: .*` + `$1`: 1.79 expands an absent group (empty: label removed); newest copies the value',
    'config.go isDefaultRegex',
    `- {source_labels: [__meta_kubernetes_pod_name], regex: '.*', target_label: job}`,
    { job: null },
    { job: 'web-1' },
  ],
  [
    '`{{label}}` references in replacement: literal in 1.79, filled since 1.81',
    'relabel.go fillLabelReferences',
    `- {source_labels: [__meta_kubernetes_pod_name], target_label: id, replacement: '{{__meta_kubernetes_namespace}}/$1'}`,
    { id: '{{__meta_kubernetes_namespace}}/web-1' },
    { id: 'shop/web-1' },
  ],
  [
    'anchors: `^(.*)$` is an explicit regex in 1.79 (no newline match), the default regex after RemoveStartEndAnchors',
    'regexutil.RemoveStartEndAnchors, config.go isDefaultRegex',
    `- {source_labels: [__meta_kubernetes_pod_annotation_note], regex: '^(.*)$', target_label: note}`,
    { note: null },
    { note: 'Notes:\nline two\n' },
  ],
  [
    '`.*LIT.*` on a multi-line value: 1.79 runs the Go regex (`.` stops at "\\n"); PromRegex checks for the substring',
    'regexutil/promregex.go PromRegex.MatchString (substrDotStar)',
    `- {action: keep, source_labels: [__meta_kubernetes_pod_annotation_note], regex: '.*two.*'}`,
    'dropped',
    'kept',
  ],
  [
    'keepequal (Prometheus 2.41 semantics): unknown in 1.79 (see relabel-config.test.ts), supported since 1.86',
    'relabel.go apply, case "keepequal"',
    `- {action: keepequal, source_labels: [__meta_kubernetes_pod_annotation_port], target_label: __meta_kubernetes_pod_container_port_number}`,
    'dropped', // stands for "refused": checked separately
    'kept',
  ],
  [
    'keep_if_contains: the target value contains every source value',
    'relabel.go containsAllLabelValues (v1.96.0)',
    `- {action: keep_if_contains, source_labels: [__meta_kubernetes_namespace], target_label: __meta_kubernetes_pod_annotation_note}`,
    'dropped', // refused in 1.79
    'dropped',
  ],
  [
    'if: `or` inside braces (metricsql LabelFilterss) — refused by 1.79',
    'if_expression.go ifExpression.Match',
    `- {action: keep, if: '{__meta_kubernetes_namespace="x" or __meta_kubernetes_pod_name="web-1"}'}`,
    'dropped', // refused in 1.79
    'kept',
  ],
];

describe('vmagent 1.79 vs 1.150 relabeling', () => {
  it.each(DIFFERENCES)('%s (%s)', (_name, _source, rulesText, want179, want150) => {
    check(V150, rulesText, want150);
    let refused = false;
    try {
      apply(L, rulesText, V179);
    } catch {
      refused = true; // the 1.79 config does not load
    }
    if (!refused) check(V179, rulesText, want179);
    else expect(want179).toBe('dropped');
  });
});
