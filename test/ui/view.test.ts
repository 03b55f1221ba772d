// RunResult → the page's view model: structured-clone safe, counts that add up, traces kept out of
// the result and sent per target, label diffs per step.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/index.ts';
import { diffLabels, findTarget, toRunView, traceView } from '../../src/worker/view.ts';

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
});
