// "Why not?": ask about any Pod (optionally a port) or Service and get the first broken link for it, even
// when no target for it exists anywhere.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/index.ts';
import { applyEdits, whyNot } from '../../src/engine/diagnose/index.ts';
import { loadCases } from '../triage/harness.ts';

const cases = new Map(loadCases().map((c) => [c.name, c.files]));
const files = (name: string) => cases.get(name)!;
const podName = (f: ReturnType<typeof files>, ns: string, prefix: string) => run(f).store.list('Pod', ns).find((p) => p.obj.metadata.name.startsWith(prefix))!.obj.metadata.name;

describe('whyNot', () => {
  it('a Pod with no target anywhere: its port is not declared (founding case), with the verified fix', () => {
    const f = files('01-vm-founding-targetport-not-declared');
    const ds = whyNot(f, run(f), { kind: 'Pod', namespace: 'default', name: podName(f, 'default', 'audit-'), port: 10299 });
    expect(ds[0]?.kind).toBe('target-port-number-not-declared');
    expect(ds[0]?.suggestion?.verified).toBe(true);
  });

  it('a Service whose monitor is not selected: the selection link', () => {
    const f = files('04-po-servicemonitor-missing-release-label');
    const ds = whyNot(f, run(f), { kind: 'Service', namespace: 'shop', name: 'checkout' });
    expect(ds.map((d) => d.kind)).toEqual(['monitor-labels-not-selected']);
    expect(ds[0]?.suggestion?.verified).toBe(true);
  });

  it('a Service outside the namespaces its monitor watches', () => {
    const f = files('13-po-namespaceselector-matchnames-wrong');
    const ds = whyNot(f, run(f), { kind: 'Service', namespace: 'payments', name: 'ledger' });
    expect(ds[0]?.kind).toBe('job-wrong-namespaces');
  });

  it('a Service only a selector turned away: the nearest job and its selector rule', () => {
    const f = files('13-po-namespaceselector-matchnames-wrong');
    const ds = whyNot(f, run(f), { kind: 'Service', namespace: 'monitoring', name: 'grafana' });
    expect(ds[0]?.kind).toBe('relabel-keep-mismatch');
    expect(ds[0]?.evidence).toMatchObject({ seen: 'grafana;true', nearest: 'ledger;true' });
  });

  it('a Pod no Service selects, for an endpoints job', () => {
    const f = [...files('29-prom-keep-service-label-typo'), { name: 'lonely.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: lonely, namespace: default, labels: {app: lonely}}\nspec: {nodeName: n1, containers: [{name: c, ports: [{containerPort: 80}]}]}\nstatus: {phase: Running, podIP: 10.9.9.9, conditions: [{type: Ready, status: "True"}]}\n' }];
    const ds = whyNot(f, run(f), { kind: 'Pod', namespace: 'default', name: 'lonely' });
    expect(ds.map((d) => d.kind)).toContain('pod-not-selected-by-service');
  });

  it('a Service that selects no Pods', () => {
    const f = files('15-service-selects-no-pods');
    const ds = whyNot(f, run(f), { kind: 'Service', namespace: 'default', name: 'search' });
    expect(ds[0]?.kind).toBe('service-selects-no-pods');
    const after = run(applyEdits(f, ds[0]!.suggestion!.edits)!);
    expect(after.jobs.flatMap((j) => j.active)).toHaveLength(1);
  });

  it('an object that is scraped says so', () => {
    const f = files('30-vm179-extra-port-endpoints-name');
    const res = run(f, { profile: 'vmagent-1.150' });
    const ds = whyNot(f, res, { kind: 'Pod', namespace: 'default', name: podName(f, 'default', 'web-'), port: 'metrics' }, { runOptions: { profile: 'vmagent-1.150' } });
    expect(ds.map((d) => d.kind)).toEqual(['target-active']);
    expect(ds[0]?.sentence).toMatch(/:9100\/metrics is an active target/);
  });

  it('the same Pod on vmagent 1.79: the keep on __meta_kubernetes_endpoints_name, with the version note', () => {
    const f = files('30-vm179-extra-port-endpoints-name');
    const opts = { profile: 'vmagent-1.79' as const };
    const ds = whyNot(f, run(f, opts), { kind: 'Pod', namespace: 'default', name: podName(f, 'default', 'web-'), port: 9100 }, { runOptions: opts });
    expect(ds[0]?.kind).toBe('relabel-keep-mismatch');
    expect(ds[0]?.notes?.join(' ')).toMatch(/VictoriaMetrics#4154/);
    expect(ds[0]?.suggestion?.verified).toBe(true);
  });

  it('an unknown object is an answer, not an exception', () => {
    const f = files('01-vm-founding-targetport-not-declared');
    const ds = whyNot(f, run(f), { kind: 'Pod', namespace: 'nope', name: 'nope' });
    expect(ds.map((d) => d.kind)).toEqual(['no-job-for-object']);
  });
});
