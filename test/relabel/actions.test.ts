// Rule semantics, in the spirit of relabel_test.go TestRelabel (v3.14.0), run for both
// profiles where the behaviour is shared, and version-specific tables where it is not
// (reference §7.3-§7.5). Rules are YAML, parsed by parseRelabelConfigs.
import { describe, expect, it } from 'vitest';
import type { Labels } from '../../src/engine/labels.ts';
import { BOTH, P2, P3, run } from './helpers.ts';

type Row = { name: string; input: Labels; yaml: string; output?: Labels; drop?: boolean };

const shared: Row[] = [
  {
    name: 'TestRelabel#1 replace with ${1} twice',
    input: { a: 'foo', b: 'bar', c: 'baz' },
    yaml: `- {source_labels: [a], regex: f(.*), target_label: d, replacement: "ch\${1}-ch\${1}"}`,
    output: { a: 'foo', b: 'bar', c: 'baz', d: 'choo-choo' },
  },
  {
    name: 'TestRelabel#2 chained replaces see earlier output',
    input: { a: 'foo', b: 'bar', c: 'baz' },
    yaml: `
- {source_labels: [a, b], regex: "f(.*);(.*)r", target_label: a, replacement: "b\${1}\${2}m"}
- {source_labels: [c, a], regex: "(b).*b(.*)ba(.*)", target_label: d, replacement: "$1$2$2$3"}`,
    output: { a: 'boobam', b: 'bar', c: 'baz', d: 'boooom' },
  },
  {
    name: 'TestRelabel#3 drop stops before later rules',
    input: { a: 'foo' },
    yaml: `
- {source_labels: [a], regex: .*o.*, action: drop}
- {source_labels: [a], regex: f(.*), target_label: d, replacement: ch$1-ch$1}`,
    drop: true,
  },
  { name: 'TestRelabel#5 capture inside .*', input: { a: 'abc' }, yaml: `- {source_labels: [a], regex: .*(b).*, target_label: d}`, output: { a: 'abc', d: 'b' } },
  { name: 'TestRelabel#6 drop without match keeps', input: { a: 'foo' }, yaml: `- {source_labels: [a], regex: no-match, action: drop}`, output: { a: 'foo' } },
  { name: 'TestRelabel#7 alternation is anchored as a whole', input: { a: 'foo' }, yaml: `- {source_labels: [a], regex: f|o, action: drop}`, output: { a: 'foo' } },
  { name: 'TestRelabel#8 keep without match drops', input: { a: 'foo' }, yaml: `- {source_labels: [a], regex: no-match, action: keep}`, drop: true },
  { name: 'TestRelabel#9 keep with match', input: { a: 'foo' }, yaml: `- {source_labels: [a], regex: f.*, action: keep}`, output: { a: 'foo' } },
  { name: 'TestRelabel#10 replace without match changes nothing', input: { a: 'boo' }, yaml: `- {source_labels: [a], regex: f, target_label: b, replacement: bar}`, output: { a: 'boo' } },
  { name: 'TestRelabel hashmod 1000', input: { a: 'foo', b: 'bar', c: 'baz' }, yaml: `- {source_labels: [c], target_label: d, action: hashmod, modulus: 1000}`, output: { a: 'foo', b: 'bar', c: 'baz', d: '976' } },
  { name: 'TestRelabel hashmod over a newline', input: { a: 'foo\nbar' }, yaml: `- {source_labels: [a], target_label: b, action: hashmod, modulus: 1000}`, output: { a: 'foo\nbar', b: '734' } },
  {
    name: 'TestRelabel labelmap (b.*) → bar_${1}',
    input: { a: 'foo', b1: 'bar', b2: 'baz' },
    yaml: `- {regex: (b.*), replacement: "bar_\${1}", action: labelmap}`,
    output: { a: 'foo', b1: 'bar', b2: 'baz', bar_b1: 'bar', bar_b2: 'baz' },
  },
  {
    name: 'TestRelabel labelmap __meta_(my.*)',
    input: { a: 'foo', __meta_my_bar: 'aaa', __meta_my_baz: 'bbb', __meta_other: 'ccc' },
    yaml: `- {regex: __meta_(my.*), replacement: "\${1}", action: labelmap}`,
    output: { a: 'foo', __meta_my_bar: 'aaa', __meta_my_baz: 'bbb', __meta_other: 'ccc', my_bar: 'aaa', my_baz: 'bbb' },
  },
  {
    name: 'TestRelabel target_label from a capture',
    input: { a: 'some-name-value' },
    yaml: `- {source_labels: [a], regex: "some-([^-]+)-([^,]+)", replacement: "\${2}", target_label: "\${1}"}`,
    output: { a: 'some-name-value', name: 'value' },
  },
  {
    name: 'TestRelabel real-life tag parsing',
    input: { __meta_sd_tags: 'path:/secret,job:some-job,label:foo=bar' },
    yaml: `
- {source_labels: [__meta_sd_tags], regex: "(?:.+,|^)path:(/[^,]+).*", replacement: "\${1}", target_label: __metrics_path__}
- {source_labels: [__meta_sd_tags], regex: "(?:.+,|^)job:([^,]+).*", replacement: "\${1}", target_label: job}
- {source_labels: [__meta_sd_tags], regex: "(?:.+,|^)label:([^=]+)=([^,]+).*", replacement: "\${2}", target_label: "\${1}"}`,
    output: { __meta_sd_tags: 'path:/secret,job:some-job,label:foo=bar', __metrics_path__: '/secret', job: 'some-job', foo: 'bar' },
  },
  {
    name: 'TestRelabel prometheus#12283 labeldrop then recreate then keep',
    input: { __meta_kubernetes_pod_container_port_name: 'foo', __meta_kubernetes_pod_annotation_XXX_metrics_port: '9091' },
    yaml: `
- {regex: ^__meta_kubernetes_pod_container_port_name$, action: labeldrop}
- {source_labels: [__meta_kubernetes_pod_annotation_XXX_metrics_port], regex: (.+), replacement: metrics, target_label: __meta_kubernetes_pod_container_port_name}
- {source_labels: [__meta_kubernetes_pod_container_port_name], regex: ^metrics$, action: keep}`,
    output: { __meta_kubernetes_pod_annotation_XXX_metrics_port: '9091', __meta_kubernetes_pod_container_port_name: 'metrics' },
  },
  { name: 'TestRelabel labelkeep', input: { a: 'foo', b1: 'bar', b2: 'baz' }, yaml: `- {regex: (b.*), action: labelkeep}`, output: { b1: 'bar', b2: 'baz' } },
  { name: 'TestRelabel labeldrop', input: { a: 'foo', b1: 'bar', b2: 'baz' }, yaml: `- {regex: (b.*), action: labeldrop}`, output: { a: 'foo' } },
  {
    name: 'TestRelabel uppercase/lowercase',
    input: { foo: 'bAr123Foo' },
    yaml: `
- {source_labels: [foo], action: uppercase, target_label: foo_uppercase}
- {source_labels: [foo], action: lowercase, target_label: foo_lowercase}`,
    output: { foo: 'bAr123Foo', foo_lowercase: 'bar123foo', foo_uppercase: 'BAR123FOO' },
  },
  { name: 'TestRelabel keepequal equal → kept', input: { __tmp_port: '1234', __port1: '1234', __port2: '5678' }, yaml: `- {source_labels: [__tmp_port], action: keepequal, target_label: __port1}`, output: { __tmp_port: '1234', __port1: '1234', __port2: '5678' } },
  { name: 'TestRelabel dropequal equal → dropped', input: { __tmp_port: '1234', __port1: '1234' }, yaml: `- {source_labels: [__tmp_port], action: dropequal, target_label: __port1}`, drop: true },
  { name: 'TestRelabel dropequal different → kept', input: { __tmp_port: '1234', __port2: '5678' }, yaml: `- {source_labels: [__tmp_port], action: dropequal, target_label: __port2}`, output: { __tmp_port: '1234', __port2: '5678' } },
  { name: 'TestRelabel keepequal different → dropped', input: { __tmp_port: '1234', __port2: '5678' }, yaml: `- {source_labels: [__tmp_port], action: keepequal, target_label: __port2}`, drop: true },
  { name: 'keepequal: absent target equals absent source ("" == "")', input: { a: 'x' }, yaml: `- {source_labels: [nope], action: keepequal, target_label: nada}`, output: { a: 'x' } },
  // input value (relabel(): strings.Join of Get, absent = "")
  { name: 'two absent sources join to ";"', input: {}, yaml: `- {source_labels: [x, y], regex: ";", target_label: t, replacement: both-empty}`, output: { t: 'both-empty' } },
  { name: 'separator "" joins with nothing', input: { a: 'x', b: 'y' }, yaml: `- {source_labels: [a, b], separator: "", target_label: t}`, output: { a: 'x', b: 'y', t: 'xy' } },
  { name: 'separator: (null) is "" too', input: { a: 'x', b: 'y' }, yaml: `- source_labels: [a, b]\n  separator:\n  target_label: t`, output: { a: 'x', b: 'y', t: 'xy' } },
  { name: 'separator is literal text, never a regex', input: { a: 'x', b: 'y' }, yaml: `- {source_labels: [a, b], separator: "|", regex: "x\\\\|y", target_label: t, replacement: ok}`, output: { a: 'x', b: 'y', t: 'ok' } },
  { name: 'an absent source matches only regexes that accept ""', input: { a: 'x' }, yaml: `- {source_labels: [missing], regex: .+, action: keep}`, drop: true },
  { name: 'null regex is the empty regex (matches only "")', input: { a: 'x' }, yaml: `- {source_labels: [missing], regex: ~, target_label: t, replacement: empty}`, output: { a: 'x', t: 'empty' } },
  { name: 'empty replacement deletes the target', input: { a: 'x', t: 'old' }, yaml: `- {source_labels: [a], target_label: t, replacement: ""}`, output: { a: 'x' } },
  { name: 'lowercase of an absent label deletes the target', input: { t: 'set' }, yaml: `- {source_labels: [missing], action: lowercase, target_label: t}`, output: {} },
  { name: 'hashmod of an absent label hashes ""', input: {}, yaml: `- {source_labels: [missing], action: hashmod, modulus: 10, target_label: h}`, output: { h: '8' } },
  { name: 'action names are case-insensitive', input: { a: 'x' }, yaml: `- {source_labels: [a], regex: y, action: KeEp}`, drop: true },
  { name: 'labelkeep removes __address__ too', input: { __address__: '1.2.3.4:80', job: 'j', app: 'a' }, yaml: `- {regex: job|app, action: labelkeep}`, output: { job: 'j', app: 'a' } },
  { name: 'labelmap does not remove the source and sees the snapshot only', input: { __meta_x: '1' }, yaml: `- {regex: __meta_(.*), action: labelmap, replacement: "__meta_\${1}_copy"}`, output: { __meta_x: '1', __meta_x_copy: '1' } },
  { name: 'labelmap result is not validated (leading digit)', input: { __meta_kubernetes_pod_label_0abc: 'v' }, yaml: `- {regex: __meta_kubernetes_pod_label_(.+), action: labelmap}`, output: { __meta_kubernetes_pod_label_0abc: 'v', '0abc': 'v' } },
  { name: 'labelmap collision: the lexically last source wins (sorted order)', input: { a_x: '1', b_x: '2' }, yaml: `- {regex: "[ab]_(x)", action: labelmap}`, output: { a_x: '1', b_x: '2', x: '2' } },
  { name: 'labelmap with an unbalanced regex rewrites every match (ReplaceAllString)', input: { aab: 'v' }, yaml: `- {regex: "a)|(b", action: labelmap, replacement: X}`, output: { aab: 'v', XaX: 'v' } },
  { name: 'replace: target_label expands per match ($1 → name)', input: { team: 'billing' }, yaml: `- {source_labels: [team], regex: (.+), target_label: "team_\${1}", replacement: "yes"}`, output: { team: 'billing', team_billing: 'yes' } },
  { name: 'a value containing "$" is not re-expanded', input: { p: '$1 off' }, yaml: `- {source_labels: [p], target_label: t, replacement: "tier:$1"}`, output: { p: '$1 off', t: 'tier:$1 off' } },
  { name: 'separator default ";" with keep', input: { ns: 'pipeline', app: 'ingest' }, yaml: `- {source_labels: [ns, app], regex: "pipeline;ingest", action: keep}`, output: { ns: 'pipeline', app: 'ingest' } },
];

describe('relabel actions (both profiles)', () => {
  for (const [tag, profile] of BOTH) {
    for (const row of shared) {
      it(`${tag}: ${row.name}`, () => {
        const r = run(row.input, row.yaml, profile);
        expect(r.dropped).toBe(row.drop === true);
        if (!row.drop) expect(r.labels).toEqual(row.output);
      });
    }
  }
});

describe('3.x-only behaviour', () => {
  it('"." matches newlines: line1.*line2 (TestRelabel multiline)', () => {
    const r = run({ a: 'line1\nline2' }, `- {source_labels: [a], regex: line1.*line2, target_label: d, replacement: "match\${1}"}`, P3);
    expect(r.labels).toEqual({ a: 'line1\nline2', d: 'match' });
  });
  it('UTF-8 source and target names (TestRelabel UTF-8 cases)', () => {
    const y = `
- {source_labels: [utf-8.label], regex: line1.*line2, target_label: d, replacement: "match\${1}"}
- {source_labels: [utf-8.label], regex: line1.*line2, target_label: "utf-8.target\${1}", replacement: ok}`;
    expect(run({ 'utf-8.label': 'line1\nline2' }, y, P3).labels).toEqual({ 'utf-8.label': 'line1\nline2', d: 'match', 'utf-8.target': 'ok' });
  });
  it('(?<name>) groups in replacement (TestRelabel various $var styles)', () => {
    const y = `
- {source_labels: [a], regex: "(line1).*(?<second>line2)", target_label: "label1_\${1}", replacement: "val_\${second}"}
- {source_labels: [a], regex: "(line1).*(?<second>line2)", target_label: "label2_$1", replacement: "val_$second"}`;
    expect(run({ a: 'line1\nline2' }, y, P3).labels).toEqual({ a: 'line1\nline2', label1_line1: 'val_line2', label2_line1: 'val_line2' });
  });
  it('replace fast path: empty input + default regex sets the replacement', () => {
    expect(run({}, `- {target_label: h, replacement: static}`, P3).labels).toEqual({ h: 'static' });
  });
  it('explicit regex (.*) takes the slow path and still matches ""', () => {
    expect(run({}, `- {source_labels: [x], regex: (.*), target_label: n, replacement: pre-$1-post}`, P3).labels).toEqual({ n: 'pre--post' });
  });
  it('invalid expanded target is skipped; the unexpanded name is left alone (2.50+)', () => {
    const r = run({ a: 'billing-api', 'app_${1}': 'keep-me' }, `- {source_labels: [a], regex: (.+), target_label: "app_\${1}", replacement: x}`, P3, { nameValidation: 'legacy' });
    expect(r.labels).toEqual({ a: 'billing-api', 'app_${1}': 'keep-me' });
  });
  it('utf8 scheme: the same expanded name is valid and set', () => {
    const r = run({ a: 'billing-api' }, `- {source_labels: [a], regex: (.+), target_label: "app_\${1}", replacement: x}`, P3);
    expect(r.labels).toEqual({ a: 'billing-api', 'app_billing-api': 'x' });
  });
  it('expanded target "" is skipped', () => {
    expect(run({ a: 'x' }, `- {source_labels: [a], regex: (nomatch)?.*, target_label: "\${1}", replacement: v}`, P3).labels).toEqual({ a: 'x' });
  });
  it('empty expanded replacement deletes the *expanded* target', () => {
    const r = run({ team: 'billing', team_billing: 'yes' }, `- {source_labels: [team], regex: (.+), target_label: "team_\${1}", replacement: ""}`, P3);
    expect(r.labels).toEqual({ team: 'billing' });
  });
});

describe('2.42-only behaviour', () => {
  it('"." does not match "\\n"', () => {
    expect(run({ a: 'line1\nline2' }, `- {source_labels: [a], regex: line1.*line2, target_label: d, replacement: m}`, P2).labels).toEqual({ a: 'line1\nline2' });
  });
  it('default regex on a multi-line value does not match (no fast path): label not copied', () => {
    expect(run({ a: 'x\ny' }, `- {source_labels: [a], target_label: b}`, P2).labels).toEqual({ a: 'x\ny' });
  });
  it('no fast path, but (.*) matches "" anyway: same result for a constant', () => {
    expect(run({}, `- {target_label: h, replacement: static}`, P2).labels).toEqual({ h: 'static' });
  });
  it('invalid expanded target deletes the *unexpanded* target_label (≤ 2.49)', () => {
    const r = run({ a: 'billing-api', 'app_${1}': 'gone' }, `- {source_labels: [a], regex: (.+), target_label: "app_\${1}", replacement: x}`, P2);
    expect(r.labels).toEqual({ a: 'billing-api' });
  });
  it('empty expanded replacement deletes the unexpanded name, leaving the expanded one', () => {
    const r = run({ team: 'billing', team_billing: 'yes' }, `- {source_labels: [team], regex: (.+), target_label: "team_\${1}", replacement: ""}`, P2);
    expect(r.labels).toEqual({ team: 'billing', team_billing: 'yes' });
  });
});

describe('result object', () => {
  it('is the input object when no rule changed anything (no copy)', () => {
    const input = { a: 'x' };
    expect(run(input, `- {source_labels: [a], regex: x, action: keep}`, P3).labels).toBe(input);
  });
  it('never mutates the input', () => {
    const input = { a: 'x' };
    run(input, `- {source_labels: [a], target_label: b}\n- {regex: a, action: labeldrop}`, P3);
    expect(input).toEqual({ a: 'x' });
  });
  it('reports the dropping rule', () => {
    const r = run({ a: 'x' }, `- {source_labels: [a], target_label: b}\n- {source_labels: [a], regex: x, action: drop}`, P3);
    expect([r.dropped, r.droppedBy?.index, r.droppedBy?.action]).toEqual([true, 1, 'drop']);
  });
  it('a label named __proto__ or constructor is an ordinary label', () => {
    const r = run({}, `- {target_label: __proto__, replacement: p}\n- {source_labels: [constructor], target_label: c}`, P3);
    expect(Object.keys(r.labels)).toEqual(['__proto__']);
    expect(r.labels['__proto__']).toBe('p');
  });
});
