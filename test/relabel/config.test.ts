// Config loading: yaml.v2 UnmarshalStrict into relabel.Config plus Config.Validate
// (model/relabel/relabel.go at v3.14.0; at v2.42.0 the same checks live in UnmarshalYAML).
// Messages are Prometheus' own text (reference §7.6; relabel_test.go TestRelabelValidate).
import { describe, expect, it } from 'vitest';
import { BOTH, firstError, P2, P3, parse, rules } from './helpers.ts';

type V = [name: string, yaml: string, want3utf8: string, want3legacy: string, want242: string];
const OK = '';

// §7.6 items 1-3 and 5-11, per profile / scheme.
const table: V[] = [
  ['1 action null', `- {action: ~, target_label: x}`, 'relabel action cannot be empty', 'relabel action cannot be empty', 'relabel action cannot be empty'],
  ['1 action empty plain value', `- action:\n  target_label: x`, 'relabel action cannot be empty', 'relabel action cannot be empty', 'relabel action cannot be empty'],
  ['1b explicit "" is an unknown action', `- {action: "", target_label: x}`, 'unknown relabel action ""', 'unknown relabel action ""', 'unknown relabel action ""'],
  ['2 hashmod without modulus', `- {action: hashmod, target_label: h}`, 'relabel configuration for hashmod requires non-zero modulus', 'relabel configuration for hashmod requires non-zero modulus', 'relabel configuration for hashmod requires non-zero modulus'],
  ['2 hashmod modulus 0.5 truncates to 0', `- {action: hashmod, target_label: h, modulus: .5}`, 'relabel configuration for hashmod requires non-zero modulus', 'relabel configuration for hashmod requires non-zero modulus', 'relabel configuration for hashmod requires non-zero modulus'],
  ['3 replace without target', `- {source_labels: [a]}`, "relabel configuration for replace action requires 'target_label' value", "relabel configuration for replace action requires 'target_label' value", "relabel configuration for replace action requires 'target_label' value"],
  ['3 empty map', `- {}`, "relabel configuration for replace action requires 'target_label' value", "relabel configuration for replace action requires 'target_label' value", "relabel configuration for replace action requires 'target_label' value"],
  ['3 lowercase without target', `- {action: lowercase}`, "relabel configuration for lowercase action requires 'target_label' value", "relabel configuration for lowercase action requires 'target_label' value", "relabel configuration for lowercase action requires 'target_label' value"],
  ['3 keepequal without target', `- {action: keepequal}`, "relabel configuration for keepequal action requires 'target_label' value", "relabel configuration for keepequal action requires 'target_label' value", "relabel configuration for keepequal action requires 'target_label' value"],
  ['5 replace dotted target', `- {target_label: app.kubernetes.io/name}`, OK, `"app.kubernetes.io/name" is invalid 'target_label' for replace action`, `"app.kubernetes.io/name" is invalid 'target_label' for replace action`],
  ['5 replace ${1} target', `- {target_label: "\${1}"}`, OK, OK, OK],
  ['5 replace -${3} target (TestRelabelValidate)', `- {target_label: "-\${3}"}`, OK, `"-\${3}" is invalid 'target_label' for replace action`, `"-\${3}" is invalid 'target_label' for replace action`],
  ['5 replace 0${3} target', `- {target_label: "0\${3}"}`, OK, `"0\${3}" is invalid 'target_label' for replace action`, `"0\${3}" is invalid 'target_label' for replace action`],
  ['5 replace lone $', `- {target_label: "a$"}`, OK, `"a$" is invalid 'target_label' for replace action`, `"a$" is invalid 'target_label' for replace action`],
  ['6 lowercase ${3} target (TestRelabelValidate)', `- {action: lowercase, target_label: "\${3}"}`, OK, `"\${3}" is invalid 'target_label' for lowercase action`, OK],
  ['6 uppercase with replacement', `- {action: uppercase, target_label: u, replacement: x}`, "'replacement' can not be set for uppercase action", "'replacement' can not be set for uppercase action", "'replacement' can not be set for uppercase action"],
  ['6 keepequal with replacement (item 6 comes before item 9)', `- {action: keepequal, target_label: t, replacement: x}`, "'replacement' can not be set for keepequal action", "'replacement' can not be set for keepequal action", "'replacement' can not be set for keepequal action"],
  ['7 labelmap $1 (3.7.2 fix)', `- {action: labelmap, regex: "__meta_kubernetes_pod_label_(strimzi_io_.+)", replacement: $1}`, OK, OK, OK],
  ['7 labelmap dotted replacement', `- {action: labelmap, regex: (.*), replacement: a.$1}`, OK, `"a.$1" is invalid 'replacement' for labelmap action`, `"a.$1" is invalid 'replacement' for labelmap action`],
  ['7 labelmap empty replacement', `- {action: labelmap, regex: (.*), replacement: ""}`, `"" is invalid 'replacement' for labelmap action`, `"" is invalid 'replacement' for labelmap action`, `"" is invalid 'replacement' for labelmap action`],
  ['8 hashmod ${1} target', `- {action: hashmod, modulus: 2, target_label: "\${1}"}`, OK, `"\${1}" is invalid 'target_label' for hashmod action`, `"\${1}" is invalid 'target_label' for hashmod action`],
  ['9 keepequal with explicit default regex', `- {action: keepequal, target_label: t, regex: (.*)}`, "keepequal action requires only 'source_labels' and `target_label`, and no other fields", "keepequal action requires only 'source_labels' and `target_label`, and no other fields", "keepequal action requires only 'source_labels' and `target_label`, and no other fields"],
  ['9 dropequal with separator', `- {action: dropequal, target_label: t, separator: ","}`, "dropequal action requires only 'source_labels' and `target_label`, and no other fields", "dropequal action requires only 'source_labels' and `target_label`, and no other fields", "dropequal action requires only 'source_labels' and `target_label`, and no other fields"],
  ['9 dropequal with modulus', `- {action: dropequal, target_label: t, modulus: 3}`, "dropequal action requires only 'source_labels' and `target_label`, and no other fields", "dropequal action requires only 'source_labels' and `target_label`, and no other fields", "dropequal action requires only 'source_labels' and `target_label`, and no other fields"],
  ['9 keepequal plain', `- {action: keepequal, source_labels: [a], target_label: t}`, OK, OK, OK],
  ['10 labeldrop with source_labels: []', `- {action: labeldrop, regex: a, source_labels: []}`, "labeldrop action requires only 'regex', and no other fields", "labeldrop action requires only 'regex', and no other fields", "labeldrop action requires only 'regex', and no other fields"],
  ['10 labelkeep with target_label', `- {action: labelkeep, regex: a, target_label: t}`, "labelkeep action requires only 'regex', and no other fields", "labelkeep action requires only 'regex', and no other fields", "labelkeep action requires only 'regex', and no other fields"],
  ['10 labeldrop with replacement', `- {action: labeldrop, regex: a, replacement: x}`, "labeldrop action requires only 'regex', and no other fields", "labeldrop action requires only 'regex', and no other fields", "labeldrop action requires only 'regex', and no other fields"],
  ['10 labeldrop with source_labels: (null) is unset', `- action: labeldrop\n  regex: a\n  source_labels:`, OK, OK, OK],
  ['11 regex that does not compile', `- {source_labels: [a], regex: "(", target_label: t}`, 'error parsing regexp: missing closing ): `^(?s:()$`', 'error parsing regexp: missing closing ): `^(?s:()$`', 'error parsing regexp: missing closing ): `^(?:()$`'],
  ['11 (?<n>) is 3.x-only', `- {source_labels: [a], regex: "(?<n>x)", target_label: t}`, OK, OK, 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`'],
  ['unknown action', `- {action: foo}`, 'unknown relabel action "foo"', 'unknown relabel action "foo"', 'unknown relabel action "foo"'],
  ['unknown action keeps the user spelling in the message', `- {action: Keep_If_Equal}`, 'unknown relabel action "Keep_If_Equal"', 'unknown relabel action "Keep_If_Equal"', 'unknown relabel action "Keep_If_Equal"'],
  ['unknown key (UnmarshalStrict)', `- {target_label: t, foo: 1}`, 'line 1: field foo not found in type relabel.plain', 'line 1: field foo not found in type relabel.plain', 'line 1: field foo not found in type relabel.plain'],
  ['repeated key (UnmarshalStrict)', `- target_label: t\n  regex: a\n  regex: b`, 'line 3: field regex already set in type relabel.plain', 'line 3: field regex already set in type relabel.plain', 'line 3: field regex already set in type relabel.plain'],
  ['source_labels: a scalar', `- {source_labels: foo, target_label: t}`, 'line 1: cannot unmarshal !!str `foo` into model.LabelNames', 'line 1: cannot unmarshal !!str `foo` into model.LabelNames', 'line 1: cannot unmarshal !!str `foo` into model.LabelNames'],
  ['source_labels: a dotted name (global scheme)', `- {source_labels: [a.b], target_label: t}`, OK, OK, '"a.b" is not a valid label name'],
  ['source_labels: a quoted empty name', `- {source_labels: [""], target_label: t}`, '"" is not a valid label name', '"" is not a valid label name', '"" is not a valid label name'],
  ['source_labels: a null item is never checked', `- {source_labels: [~], target_label: t}`, OK, OK, OK],
  ['separator: a map', `- {target_label: t, separator: {a: b}}`, 'line 1: cannot unmarshal !!map into string', 'line 1: cannot unmarshal !!map into string', 'line 1: cannot unmarshal !!map into string'],
  ['modulus: text', `- {action: hashmod, target_label: h, modulus: abc}`, 'line 1: cannot unmarshal !!str `abc` into uint64', 'line 1: cannot unmarshal !!str `abc` into uint64', 'line 1: cannot unmarshal !!str `abc` into uint64'],
  ['modulus: long text is cut', `- {action: hashmod, target_label: h, modulus: abcdefghijkl}`, 'line 1: cannot unmarshal !!str `abcdefg...` into uint64', 'line 1: cannot unmarshal !!str `abcdefg...` into uint64', 'line 1: cannot unmarshal !!str `abcdefg...` into uint64'],
  ['modulus: negative', `- {action: hashmod, target_label: h, modulus: -1}`, 'line 1: cannot unmarshal !!int `-1` into uint64', 'line 1: cannot unmarshal !!int `-1` into uint64', 'line 1: cannot unmarshal !!int `-1` into uint64'],
  ['modulus: quoted', `- {action: hashmod, target_label: h, modulus: "8"}`, 'line 1: cannot unmarshal !!str `8` into uint64', 'line 1: cannot unmarshal !!str `8` into uint64', 'line 1: cannot unmarshal !!str `8` into uint64'],
  ['modulus: bool', `- {action: hashmod, target_label: h, modulus: yes}`, 'line 1: cannot unmarshal !!bool `yes` into uint64', 'line 1: cannot unmarshal !!bool `yes` into uint64', 'line 1: cannot unmarshal !!bool `yes` into uint64'],
  ['modulus: hex and float forms are numbers', `- {action: hashmod, target_label: h, modulus: 0x10}\n- {action: hashmod, target_label: h, modulus: 1e3}`, OK, OK, OK],
  ['null list item', `- {target_label: t}\n- ~`, 'empty or null target relabeling rule in scrape config', 'empty or null target relabeling rule in scrape config', 'empty or null target relabeling rule in scrape config'],
  ['scalar list item', `- foo`, 'line 1: cannot unmarshal !!str `foo` into relabel.plain', 'line 1: cannot unmarshal !!str `foo` into relabel.plain', 'line 1: cannot unmarshal !!str `foo` into relabel.plain'],
];

describe('validation table (Config.Validate / UnmarshalYAML messages)', () => {
  for (const [name, yaml, w3u, w3l, w2] of table) {
    it(`3.14 utf8: ${name}`, () => expect(firstError(yaml, P3)).toBe(w3u));
    it(`3.14 legacy: ${name}`, () => expect(firstError(yaml, P3, { nameValidation: 'legacy' })).toBe(w3l));
    it(`2.42: ${name}`, () => expect(firstError(yaml, P2)).toBe(w2));
  }
});

describe('parsing', () => {
  it('relabel_configs that is a map is a type error', () => {
    expect(firstError('a: b', P3)).toBe('line 1: cannot unmarshal !!map into []*relabel.Config');
  });
  it('null list = no rules', () => {
    expect(parse('~', P3)).toEqual({ rules: [], diagnostics: [] });
  });
  it('every diagnostic is RELABEL_INVALID / error and points at the offending field', () => {
    const r = parse(`- target_label: ok\n- source_labels: [a]\n  regex: "(x"\n  target_label: t\n- action: hashmod\n  target_label: h`, P3);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.pos?.line, d.pos?.col])).toEqual([
      ['RELABEL_INVALID', 'error', 3, 10],
      ['RELABEL_INVALID', 'error', 5, 3],
    ]);
    // The valid rule is still returned, with its own index.
    expect(r.rules.map((x) => x.index)).toEqual([0]);
  });
  it('a rule-level problem without a field points at the rule', () => {
    const r = parse(`- source_labels: [a]\n  regex: x`, P3);
    expect([r.diagnostics[0]?.pos?.line, r.diagnostics[0]?.pos?.col]).toEqual([1, 3]);
  });
  it('collects several problems of one rule (type errors and unknown keys)', () => {
    const r = parse(`- {foo: 1, bar: 2, modulus: x, target_label: t}`, P3);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'line 1: field foo not found in type relabel.plain',
      'line 1: field bar not found in type relabel.plain',
      'line 1: cannot unmarshal !!str `x` into uint64',
    ]);
  });
  it('defaults: replace, ";", (.*) (default object), "$1", modulus 0', () => {
    const [r] = rules(`- {target_label: t}`, P3);
    expect(r && [r.action, r.separator, r.regexText, r.regexIsDefault, r.replacement, r.modulus, r.sourceLabels]).toEqual(['replace', ';', '(.*)', true, '$1', 0, undefined]);
  });
  it('explicit regex (.*) is not the default object', () => {
    const [r] = rules(`- {target_label: t, regex: (.*)}`, P3);
    expect(r?.regexIsDefault).toBe(false);
  });
  it('scalars keep their source text (yaml.v2 string fields)', () => {
    const [r] = rules(`- {source_labels: [a], regex: 1.10, target_label: t, replacement: 0123}`, P3);
    expect([r?.regexText, r?.replacement]).toEqual(['1.10', '0123']);
  });
  it('empty / null separator and replacement become "" (not the default)', () => {
    const [r] = rules(`- source_labels: [a]\n  separator:\n  replacement: ~\n  target_label: t`, P3);
    expect([r?.separator, r?.replacement]).toEqual(['', '']);
  });
  it('action is lowercased; the rule keeps the job scheme', () => {
    const [r] = rules(`- {action: LabelMap, regex: (.*)}`, P3, { nameValidation: 'legacy' });
    expect([r?.action, r?.nameValidation]).toEqual(['labelmap', 'legacy']);
  });
  it('modulus beyond 2^53 is kept exactly', () => {
    const [r] = rules(`- {action: hashmod, target_label: h, modulus: 18446744073709551615}`, P3);
    expect(r?.modulusBig).toBe(18446744073709551615n);
  });
  it('records field positions', () => {
    const [r] = rules(`- source_labels: [a]\n  regex: x(.*)\n  target_label: t`, P3);
    expect([r?.fieldPos.regex?.line, r?.fieldPos.regex?.col, r?.fieldPos.target_label?.line]).toEqual([2, 10, 3]);
  });
  it('metric_relabel_configs null entry message', () => {
    expect(parse('- ~', P3, { kind: 'metric' }).diagnostics[0]?.message).toBe('empty or null metric relabeling rule in scrape config');
  });
  for (const [tag, p] of BOTH) {
    it(`${tag}: every Prometheus action parses`, () => {
      const y = `
- {source_labels: [a], target_label: t}
- {source_labels: [a], regex: x, action: keep}
- {source_labels: [a], regex: x, action: drop}
- {source_labels: [a], target_label: t, action: keepequal}
- {source_labels: [a], target_label: t, action: dropequal}
- {source_labels: [a], target_label: t, action: hashmod, modulus: 3}
- {regex: (.*), action: labelmap}
- {regex: x, action: labeldrop}
- {regex: x, action: labelkeep}
- {source_labels: [a], target_label: t, action: lowercase}
- {source_labels: [a], target_label: t, action: uppercase}`;
      expect(rules(y, p).map((r) => r.action)).toEqual(['replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase']);
    });
  }
});
