// Trace steps (modelled on Prometheus' /api/v1/targets/relabel_steps: one step per rule,
// labels before and after, stop at the drop) and one-line rule summaries.
import { describe, expect, it } from 'vitest';
import { applyRelabel } from '../../src/engine/relabel/apply.ts';
import { registerRelabelAction } from '../../src/engine/relabel/actions/index.ts';
import { ruleRef, ruleSummary } from '../../src/engine/relabel/summary.ts';
import { P2, P3, rules } from './helpers.ts';

describe('trace', () => {
  const yaml = `
- {source_labels: [a], target_label: b}
- {source_labels: [a], regex: x, action: drop}
- {target_label: never, replacement: reached}`;

  it('one step per applied rule, before/after snapshots, stops after the drop', () => {
    const r = applyRelabel({ a: 'x' }, rules(yaml, P3), P3, { trace: true });
    expect(r.dropped).toBe(true);
    expect(r.steps?.map((s) => [s.rule?.index, s.before, s.after, s.keep])).toEqual([
      [0, { a: 'x' }, { a: 'x', b: 'x' }, true],
      [1, { a: 'x', b: 'x' }, { a: 'x', b: 'x' }, false],
    ]);
    expect(r.steps?.[1]?.note).toBe('"x" matches "x": dropped');
  });
  it('no steps unless asked', () => {
    expect(applyRelabel({ a: 'x' }, rules(yaml, P3), P3).steps).toBeUndefined();
  });
  it('steps carry the rule summary and position', () => {
    const r = applyRelabel({ a: 'y' }, rules(yaml, P3), P3, { trace: true });
    expect(r.steps?.length).toBe(3);
    expect(r.steps?.[0]?.rule).toMatchObject({ index: 0, action: 'replace', summary: 'replace target_label=b from [a]', pos: { line: 2, col: 3 } });
  });
  it('notes explain replace outcomes', () => {
    const y = `
- {source_labels: [a], regex: nomatch, target_label: t}
- {source_labels: [a], regex: (.+), target_label: "x_\${1}", replacement: v}
- {target_label: c, replacement: const}`;
    const r = applyRelabel({ a: 'b-c' }, rules(y, P3, { nameValidation: 'legacy' }), P3, { trace: true });
    expect(r.steps?.map((s) => s.note)).toEqual([
      '"b-c" does not match "nomatch": nothing changed',
      'target label "x_b-c" is not a valid name: rule skipped',
      'empty input: c set to "const"',
    ]);
  });
  it('labelmap collisions are called out, with the 3.x ordering caveat', () => {
    const y = `- {regex: "[ab]_(x)", action: labelmap}`;
    const n3 = applyRelabel({ a_x: '1', b_x: '2' }, rules(y, P3), P3, { trace: true }).steps?.[0]?.note ?? '';
    const n2 = applyRelabel({ a_x: '1', b_x: '2' }, rules(y, P2), P2, { trace: true }).steps?.[0]?.note ?? '';
    expect(n3).toContain('"a_x" and "b_x" both map to "x"; "b_x" wins here (sorted order), but Prometheus 3.x iterates in an unspecified order');
    expect(n2).toContain('"b_x" wins here (sorted order)');
    expect(n2).not.toContain('unspecified');
  });
});

describe('registered (non-Prometheus) actions', () => {
  it('run through the registry; unknown ones change nothing', () => {
    registerRelabelAction('test_set_x', (rule, lb) => {
      lb.set(rule.targetLabel, 'x');
      return true;
    });
    const [base] = rules(`- {target_label: t}`, P3);
    if (!base) throw new Error('no rule');
    const r = applyRelabel({}, [{ ...base, action: 'test_set_x' }, { ...base, index: 1, action: 'nope' }], P3, { trace: true });
    expect(r.labels).toEqual({ t: 'x' });
    expect(r.steps?.[1]?.note).toBe('unknown action "nope": nothing changed');
  });
});

describe('ruleSummary', () => {
  const cases: [string, string][] = [
    [`- {source_labels: [__meta_kubernetes_pod_container_port_number], regex: "10299", action: keep}`, 'keep __meta_kubernetes_pod_container_port_number =~ "10299"'],
    [`- {source_labels: [__meta_kubernetes_pod_name], target_label: pod}`, 'replace target_label=pod from [__meta_kubernetes_pod_name]'],
    [`- {source_labels: [__address__, p], regex: "([^:]+)(?::\\\\d+)?;(\\\\d+)", replacement: "$1:$2", target_label: __address__}`, 'replace target_label=__address__ from [__address__, p] =~ "([^:]+)(?::\\\\d+)?;(\\\\d+)" replacement="$1:$2"'],
    [`- {source_labels: [a, b], separator: "/", regex: x, action: drop}`, 'drop [a, b] separator="/" =~ "x"'],
    [`- {target_label: h, replacement: static}`, 'replace target_label=h replacement="static"'],
    [`- {source_labels: [a], target_label: t, action: keepequal}`, 'keepequal target_label=t == [a]'],
    [`- {source_labels: [__address__], target_label: __tmp_hash, modulus: 4, action: hashmod}`, 'hashmod target_label=__tmp_hash = md5([__address__]) mod 4'],
    [`- {source_labels: [a], target_label: t, action: lowercase}`, 'lowercase target_label=t from [a]'],
    [`- {regex: __meta_kubernetes_pod_label_(.+), action: labelmap}`, 'labelmap "__meta_kubernetes_pod_label_(.+)" → "$1"'],
    [`- {regex: pod_template_hash, action: labeldrop}`, 'labeldrop =~ "pod_template_hash"'],
  ];
  for (const [y, want] of cases) it(want, () => expect(ruleSummary(rules(y, P3)[0]!)).toBe(want));
  it('ruleRef carries index, action, position and origin', () => {
    const r = { ...rules(`- {target_label: t}`, P3)[0]!, origin: { kind: 'ServiceMonitor', name: 'x', field: 'endpoints[0]' } };
    expect(ruleRef(r)).toMatchObject({ index: 0, action: 'replace', summary: 'replace target_label=t', origin: { kind: 'ServiceMonitor' } });
  });
});
