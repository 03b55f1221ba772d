// What each vmagent version refuses at config load, with vmagent's message (lib/promrelabel config.go
// parseRelabelConfig, MultiLineRegex; if_expression.go IfExpression.UnmarshalYAML). A refusal is an error: the
// whole config is refused and nothing is scraped.
import { describe, expect, it } from 'vitest';
import { firstError, parseRules, V150, V179 } from './helpers.ts';

const PREFIX = 'cannot parse `scrape_config`: cannot parse `relabel_configs` for `job_name` "test": error when parsing `relabel_config` #1: ';

// [rule, 1.79 error ('' = loads), 1.150 error, source function for the difference]
const TABLE: [string, string, string, string][] = [
  ['- {action: Keep, source_labels: [a]}', PREFIX + 'unknown `action` "Keep"', '', 'config.go parseRelabelConfig: strings.ToLower(rc.Action) since v1.81.0'],
  ['- {action: Replace, target_label: x}', PREFIX + 'unknown `action` "Replace"', '', 'config.go parseRelabelConfig (action lowercased)'],
  ['- {action: keepequal, source_labels: [a], target_label: b}', PREFIX + 'unknown `action` "keepequal"', '', 'config.go parseRelabelConfig case "keepequal" (v1.86.0)'],
  ['- {action: dropequal, source_labels: [a], target_label: b}', PREFIX + 'unknown `action` "dropequal"', '', 'config.go parseRelabelConfig case "dropequal" (v1.86.0)'],
  ['- {action: keep_if_contains, source_labels: [a], target_label: b}', PREFIX + 'unknown `action` "keep_if_contains"', '', 'config.go parseRelabelConfig case "keep_if_contains" (v1.96.0)'],
  ['- {action: drop_if_contains, source_labels: [a], target_label: b}', PREFIX + 'unknown `action` "drop_if_contains"', '', 'config.go parseRelabelConfig case "drop_if_contains" (v1.96.0)'],
  [
    "- {action: keep, if: ['{a=\"b\"}', '{c=\"d\"}']}",
    'cannot unmarshal data: cannot unmarshal `if` option: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into string',
    '',
    'if_expression.go IfExpression.unmarshalFromInterface (lists since v1.92.0)',
  ],
  ['- {action: keep_if_equal, source_labels: [a, b], target_label: c}', '', PREFIX + '`target_label` cannot be used for `action=keep_if_equal`', 'config.go parseRelabelConfig case "keep_if_equal"'],
  ['- {action: drop_if_equal, source_labels: [a, b], regex: x}', '', PREFIX + '`regex` cannot be used for `action=drop_if_equal`', 'config.go parseRelabelConfig case "drop_if_equal"'],
  [
    '- {action: keep, source_labels: [a], if: \'{a="b"}[5m]\'}',
    'cannot unmarshal data: cannot parse `if` series selector: expecting series selector; got "{a=\\"b\\"}[5m]"',
    'cannot unmarshal data: unexpected `match` option: expecting series selector; got "{a=\\"b\\"}[5m]"',
    'if_expression.go IfExpression.unmarshalFromInterface (message)',
  ],
  [
    '- {source_labels: [a], regex: "(?<n>x)", target_label: b, replacement: "${n}"}',
    PREFIX + 'cannot parse `regex` "^(?:(?<n>x))$": error parsing regexp: invalid or unsupported Perl syntax: `(?<`',
    '',
    'Go regexp/syntax: `(?<name>…)` since Go 1.22 (the Debian 1.79.5 binary is built with Go 1.19)',
  ],
  ['- {action: keepequal, source_labels: [a], target_label: b, regex: x}', PREFIX + 'unknown `action` "keepequal"', PREFIX + '`regex` cannot be used for `action=keepequal`', 'config.go parseRelabelConfig case "keepequal"'],
];

const SAME: [string, string][] = [
  ['- {action: hashmod, source_labels: [a], target_label: b, modulus: 0}', PREFIX + 'unexpected `modulus` for `action=hashmod`: 0; must be greater than 0'],
  ['- {action: hashmod, source_labels: [a], modulus: 2}', PREFIX + 'missing `target_label` for `action=hashmod`'],
  ['- {source_labels: [a]}', PREFIX + 'missing `target_label` for `action=replace`'],
  ['- {action: replace_all, target_label: x, regex: a}', PREFIX + 'missing `source_labels` for `action=replace_all`'],
  ['- {action: keep}', PREFIX + 'missing `source_labels` for `action=keep`'],
  ['- {action: keep, if: \'{a="b"}\'}', ''],
  ['- {action: keep_if_equal, source_labels: [a]}', PREFIX + '`source_labels` must contain at least two entries for `action=keep_if_equal`; got ["a"]'],
  ['- {action: uppercase, source_labels: [a]}', PREFIX + 'missing `target_label` for `action=uppercase`'],
  ['- {action: keep_metrics}', PREFIX + '`regex` must be non-empty for `action=keep_metrics`'],
  ['- {action: drop_metrics, regex: x, source_labels: [a]}', PREFIX + '`source_labels` must be empty for `action=drop_metrics`; got ["a"]'],
  ['- {action: replace, target_label: x, match: "a.*"}', PREFIX + '`match` config cannot be applied to `action=replace`; it is applied only to `action=graphite`'],
  ['- {action: frobnicate}', PREFIX + 'unknown `action` "frobnicate"'],
  ['- {action: keep, source_labels: [a], regex: "a(b"}', PREFIX + 'cannot parse `regex` "^(?:a(b)$": error parsing regexp: missing closing ): `^(?:a(b)$`'],
  ['- {action: keep, source_labels: [a], regex: {x: y}}', 'cannot unmarshal data: unexpected type for `regex`: map[interface {}]interface {}; want string or []string'],
  ['- {source_labels: a, target_label: b}', 'cannot unmarshal data: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `a` into []string'],
];

describe('vmagent relabel config: refused by one version only', () => {
  it.each(TABLE)('%s', (rule, e179, e150) => {
    expect(firstError(rule, V179)).toBe(e179);
    if (e150 === '') expect(firstError(rule, V150)).toBe('');
    else expect(firstError(rule, V150)).toBe(e150);
  });

  it('the 1.79 case-sensitivity refusal says that the whole config is refused', () => {
    const d = parseRules('- {action: Keep, source_labels: [a]}', V179).diagnostics[0];
    expect(d?.severity).toBe('error');
    expect(d?.notes?.join(' ')).toMatch(/compares action names as written.*refuses the whole config/);
  });
});

describe('vmagent relabel config: the same in 1.79 and 1.150', () => {
  it.each(SAME)('%s', (rule, e) => {
    expect(firstError(rule, V179)).toBe(e);
    expect(firstError(rule, V150)).toBe(e);
  });

  it('an unknown key is a warning (the goldens ran with -promscrape.config.strictParse=false), saying strict mode refuses it', () => {
    const { diagnostics, rules } = parseRules('- {source_labels: [a], target_label: b, sourceLabels: [c]}', V179);
    expect(rules).toHaveLength(1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.severity).toBe('warning');
    expect(diagnostics[0]?.message).toMatch(/field sourceLabels not found in type promrelabel.RelabelConfig.*strict parsing refuses the whole config/);
  });

  it('regex list items and non-string scalars are printed back as Go prints them', () => {
    const r = parseRules('- {action: keep, source_labels: [a], regex: [1.10, 0x10, yes, null, "q"]}', V179).rules[0];
    expect(r?.regexText).toBe('1.1|16|true|null|q');
  });

  it('a null replacement or separator keeps the default ($1, ";")', () => {
    const r = parseRules('- {source_labels: [a, b], target_label: c, replacement: , separator: }', V179).rules[0];
    expect(r?.replacement).toBe('$1');
    expect(r?.separator).toBe(';');
  });
});
