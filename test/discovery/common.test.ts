// Shared meta-label mechanics (prometheus util/strutil SanitizeLabelName, Go net.JoinHostPort,
// discovery/kubernetes/kubernetes.go addObjectAnnotationsAndLabels).
import { describe, expect, it } from 'vitest';
import { joinHostPort, sanitizeLabelName } from '../../src/engine/discovery/common.ts';
import { run, sd } from './helpers.ts';

describe('common helpers', () => {
  it('SanitizeLabelName: one "_" per non-[a-zA-Z0-9_] code point; leading digits kept', () => {
    const table: [string, string][] = [
      ['app.kubernetes.io/name', 'app_kubernetes_io_name'],
      ['a-b_c', 'a_b_c'],
      ['日本', '__'],
      ['a😀b', 'a_b'],
      ['0abc', '0abc'],
      ['', ''],
    ];
    for (const [k, want] of table) expect(sanitizeLabelName(k)).toBe(want);
  });

  it('net.JoinHostPort: brackets hosts containing ":" only', () => {
    expect(joinHostPort('10.0.0.1', '80')).toBe('10.0.0.1:80');
    expect(joinHostPort('fd00::1', '80')).toBe('[fd00::1]:80');
    expect(joinHostPort('host', 0)).toBe('host:0');
    expect(joinHostPort('', '9000')).toBe(':9000');
  });

  it('addObjectAnnotationsAndLabels: keys colliding after sanitising → last in sorted key order wins, LABEL_COLLISION warning', () => {
    const yaml = `apiVersion: v1
kind: Service
metadata:
  name: s
  namespace: ns
  labels: {a.b: dot, a_b: underscore, a-b: dash, same.x: v, same_x: v}
spec: {ports: [{port: 80}]}
`;
    const r = run(sd('service'), yaml);
    const labels = r.groups[0]!.labels;
    // Sorted keys: "a-b" < "a.b" < "a_b" — the last one wins.
    expect(labels.__meta_kubernetes_service_label_a_b).toBe('underscore');
    expect(labels.__meta_kubernetes_service_labelpresent_a_b).toBe('true');
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['LABEL_COLLISION', 'warning'],
      ['LABEL_COLLISION', 'info'], // equal values: no visible effect
    ]);
    expect(r.diagnostics[0]!.message).toContain('__meta_kubernetes_service_label_a_b');
    expect(r.diagnostics[0]!.pos?.line).toBe(6);
  });
});
