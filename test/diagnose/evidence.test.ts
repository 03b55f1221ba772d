// Evidence of keep/drop diagnoses from every family (relabel, readiness, ports): the value the rule saw, other values
// in the job that pass it, and the nearest passing or literal value — so a reader sees at once what would pass.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type ProfileId } from '../../src/engine/index.ts';
import { diagnose, whyNot } from '../../src/engine/diagnose/index.ts';

const casesDir = join(import.meta.dirname, '..', 'triage', 'cases');
function caseFiles(id: string) {
  const dir = join(casesDir, id);
  return readdirSync(dir).filter((f) => f !== 'case.json' && /\.(ya?ml|json)$/.test(f)).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}
function diagnoses(id: string, profile: ProfileId) {
  const files = caseFiles(id);
  return diagnose(files, run(files, { profile }), { runOptions: { profile } });
}

describe('keep/drop evidence', () => {
  it.each(['prometheus-3.14', 'vmagent-1.150'] as ProfileId[])('readiness (%s): the not-ready value seen, "true" the nearest that passes', (profile) => {
    const d = diagnoses('17-prom-keep-ready-endpoints', profile).find((x) => x.kind === 'pod-not-ready')!;
    expect(d.evidence).toMatchObject({ sourceLabels: ['__meta_kubernetes_endpoint_ready'], seen: 'false', regex: 'true', nearest: 'true', passing: [] });
  });

  it.each(['prometheus-3.14', 'vmagent-1.150'] as ProfileId[])('readiness (%s): with a ready pod beside it, its value is listed as passing', (profile) => {
    const files = caseFiles('17-prom-keep-ready-endpoints').map((f) => {
      if (f.name !== 'objects.yaml') return f;
      const pod = f.text.slice(f.text.indexOf('apiVersion: v1\nkind: Pod'));
      const ready = pod.replace('name: cart-0', 'name: cart-1').replace('10.244.1.9', '10.244.1.10').replace('status: "False"', 'status: "True"').replace('ready: false', 'ready: true');
      expect(ready).not.toBe(pod);
      return { ...f, text: `${f.text.trimEnd()}\n---\n${ready}` };
    });
    const res = run(files, { profile });
    expect(res.jobs.reduce((n, j) => n + j.active.length, 0)).toBe(1);
    // The job has a target, so only the question "why not cart-0?" names the dropped one.
    const d = whyNot(files, res, { kind: 'Pod', namespace: 'shop', name: 'cart-0' }, { runOptions: { profile } }).find((x) => x.kind === 'pod-not-ready')!;
    expect(d.evidence).toMatchObject({ seen: 'false', passing: ['true'], nearest: 'true' });
  });

  it.each(['vmagent-1.79', 'prometheus-3.14'] as ProfileId[])('ports (%s): the founding case names 10299 as the value that would pass', (profile) => {
    const d = diagnoses('01-vm-founding-targetport-not-declared', profile).find((x) => x.kind === 'target-port-number-not-declared')!;
    expect(d.evidence).toMatchObject({ sourceLabels: ['__meta_kubernetes_pod_container_port_number'], seen: '', regex: '10299', nearest: '10299' });
  });
});
