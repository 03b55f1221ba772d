// RunResult → the page's view model: structured-clone safe, counts that add up, traces kept out of
// the result and sent per target, label diffs per step.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose, run, whyNot } from '../../src/engine/index.ts';
import { AUTO_DIAGNOSE_BYTES, AUTO_DIAGNOSE_TARGETS, skipReason, targetCount, verifyBudget } from '../../src/worker/advice.ts';
import { diffLabels, findTarget, podStateOf, toRunView, traceView } from '../../src/worker/view.ts';

const EX = join(import.meta.dirname, '..', '..', 'examples');
const files = (id: string) =>
  readdirSync(join(EX, id))
    .filter((f) => f !== 'README.md')
    .map((f) => ({ name: f, text: readFileSync(join(EX, id, f), 'utf8') }));

describe('view model', () => {
  it.each(readdirSync(EX).filter((d) => statSync(join(EX, d)).isDirectory()))('%s: structured-clone safe, no traces inside, counts add up', (id) => {
    const res = run(files(id), { trace: true });
    const v = toRunView(res, { profileAuto: true, ms: 1, traced: true });
    expect(() => structuredClone(v)).not.toThrow();
    expect(structuredClone(v)).toEqual(v);
    expect(JSON.stringify(v)).not.toContain('"trace"');
    expect(v.summary.active).toBe(res.jobs.reduce((n, j) => n + j.active.length, 0));
    expect(v.summary.dropped).toBe(res.jobs.reduce((n, j) => n + j.dropped.length, 0));
    expect(v.summary.objects).toBe(res.store.size());
    expect(v.objects.filter((o) => o.simulated).length).toBe(res.simulated.length);
  });

  it('a target trace becomes steps with added, changed and removed labels', () => {
    const res = run(files('03-founding-generated-config'), { trace: true });
    const t = res.jobs[0]!.dropped[0]!;
    expect(findTarget(res, t.id)).toBe(t);
    const tv = traceView(t.id, t.trace!);
    expect(tv.steps.length).toBe(t.trace!.length);
    expect(tv.steps[tv.steps.length - 1]!.keep).toBe(false);
    expect(tv.steps[tv.steps.length - 1]!.rule?.summary).toBe('keep __meta_kubernetes_pod_container_port_number =~ "10299"');
  });

  it('diffLabels sorts and classifies', () => {
    expect(diffLabels({ a: '1', b: '2', c: '3' }, { a: '1', b: '9', d: '4' })).toEqual({ added: [['d', '4']], changed: [['b', '2', '9']], removed: [['c', '3']] });
  });

  it.each(readdirSync(EX).filter((d) => statSync(join(EX, d)).isDirectory()))('%s: diagnoses and "why not?" answers cross the worker boundary unchanged', (id) => {
    const fs = files(id);
    const res = run(fs, {});
    const ds = diagnose(fs, res, { verify: true });
    expect(structuredClone(ds)).toEqual(ds);
    const pod = res.store.all().find((o) => o.obj.kind === 'Pod');
    if (pod) {
      const a = whyNot(fs, res, { kind: 'Pod', namespace: pod.obj.metadata.namespace ?? 'default', name: pod.obj.metadata.name });
      expect(a.length).toBeGreaterThan(0);
      expect(structuredClone(a)).toEqual(a);
    }
  });

  it('Pods carry the state discovery saw (after what-if knobs) and their ports; Services their ports', () => {
    const fs = files('02-founding-fix-declare-port');
    const plain = toRunView(run(fs, {}), { profileAuto: true, ms: 1, traced: false });
    const pod = plain.objects.find((o) => o.kind === 'Pod')!;
    expect(pod.podState).toBe('ready');
    expect(pod.ports?.map((p) => p.port).sort()).toEqual([10299, 8080].sort());
    expect(plain.objects.find((o) => o.kind === 'Service')!.ports).toEqual([{ port: 80, name: 'http' }]);
    for (const state of ['not-ready', 'pending', 'failed'] as const) {
      const v = toRunView(run(fs, { whatIf: [{ kind: 'Deployment', namespace: 'default', name: 'audit', state }] }), { profileAuto: true, ms: 1, traced: false });
      expect(v.objects.find((o) => o.kind === 'Pod')!.podState).toBe(state);
    }
  });

  it('podStateOf reads the phase, then the Ready condition', () => {
    expect(podStateOf({ status: { phase: 'Pending' } })).toBe('pending');
    expect(podStateOf({ status: { phase: 'Succeeded' } })).toBe('succeeded');
    expect(podStateOf({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } })).toBe('not-ready');
    expect(podStateOf({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } })).toBe('ready');
    expect(podStateOf({ status: { phase: 'Running' } })).toBe('not-ready');
    expect(podStateOf({})).toBe('unknown');
  });
});

describe('when the worker diagnoses on its own', () => {
  it('small inputs at once; big inputs or runs on request', () => {
    expect(skipReason(1000, 10)).toBeUndefined();
    expect(skipReason(AUTO_DIAGNOSE_BYTES + 1, 10)).toMatch(/MiB/);
    expect(skipReason(1000, AUTO_DIAGNOSE_TARGETS + 1)).toMatch(/targets/);
    expect(targetCount({ jobs: [{ active: [1], dropped: [1, 2], failed: [], duplicates: [1] }] } as never)).toBe(4);
  });
  it('verification spends fewer pipeline runs as inputs grow', () => {
    expect(verifyBudget(1000)).toBeGreaterThan(verifyBudget(1024 * 1024));
    expect(verifyBudget(1024 * 1024)).toBeGreaterThan(verifyBudget(8 * 1024 * 1024));
  });
});
