// Errors are data: diagnose() and whyNot() never throw, on any input the engine accepts (every example,
// operator case and conformance fixture) or on garbage; what they return is plain data whose positions
// point into the input (or the generated config).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type InputFile } from '../../src/engine/index.ts';
import { diagnose, FAMILY_OF, whyNot, type Diagnosis } from '../../src/engine/diagnose/index.ts';

const root = join(import.meta.dirname, '..', '..');

function filesUnder(dir: string): InputFile[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return [];
      if (!/\.(ya?ml|json)$/.test(n) || /^(expected|case)\./.test(n)) return [];
      return [{ name: n, text: readFileSync(p, 'utf8') }];
    });
}

function inputs(): { name: string; files: InputFile[] }[] {
  const out: { name: string; files: InputFile[] }[] = [];
  for (const base of ['examples', 'test/conformance/fixtures', 'test/operators/cases/prometheus-operator', 'test/operators/cases/victoriametrics-operator']) {
    const dir = join(root, base);
    if (!existsSync(dir)) continue;
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (!statSync(p).isDirectory()) continue;
      const files = filesUnder(p).filter((f) => f.name !== 'expected.yaml');
      if (files.length) out.push({ name: `${base}/${n}`, files });
    }
  }
  return out;
}

function wellFormed(ds: Diagnosis[], files: InputFile[]): void {
  expect(Array.isArray(ds)).toBe(true);
  expect(structuredClone(ds)).toEqual(ds);
  const names = new Set(files.map((f) => f.name));
  for (const d of ds) {
    expect(FAMILY_OF[d.kind]).toBe(d.family);
    expect(d.sentence).toBeTruthy();
    if (d.location) {
      expect(names.has(d.location.file) || d.location.file.startsWith('generated/'), `${d.kind}: ${d.location.file}`).toBe(true);
      expect(d.location.line).toBeGreaterThanOrEqual(1);
    }
    for (const s of [d.suggestion, ...(d.alternatives ?? [])]) for (const e of s?.edits ?? []) expect(names.has(e.file)).toBe(true);
  }
}

describe('robustness', () => {
  const all = inputs();
  it('finds the inputs', () => expect(all.length).toBeGreaterThan(100));

  it.each(all.map((x) => [x.name, x.files] as const))('%s: diagnose and whyNot never throw', (_name, files) => {
    const res = run(files);
    const ds = diagnose(files, res, { verify: false });
    wellFormed(ds, files);
    const pod = res.store.list('Pod')[0];
    if (pod) wellFormed(whyNot(files, res, { kind: 'Pod', namespace: pod.obj.metadata.namespace ?? '', name: pod.obj.metadata.name }, { verify: false }), files);
    const svc = res.store.list('Service')[0];
    if (svc) wellFormed(whyNot(files, res, { kind: 'Service', namespace: svc.obj.metadata.namespace ?? '', name: svc.obj.metadata.name, port: 'metrics' }, { verify: false }), files);
  });

  it.each([
    ['empty', ''],
    ['broken yaml', 'kind: Service\nmetadata: {name: [oops\n'],
    ['a config with no jobs', 'scrape_configs: []\n'],
    ['a monitor and nothing else', 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: a}\nspec: {endpoints: [{port: x}]}\n'],
    ['a json stream', '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"}}\n{"kind":"Service"'],
    ['a config with an invalid regex', 'scrape_configs:\n- job_name: a\n  kubernetes_sd_configs: [{role: pod}]\n  relabel_configs: [{source_labels: [a], regex: "(", action: keep}]\n'],
  ])('garbage: %s', (_n, text) => {
    const files = [{ name: 'x.yaml', text }];
    const res = run(files);
    wellFormed(diagnose(files, res), files);
    wellFormed(whyNot(files, res, { kind: 'Service', namespace: 'default', name: 'a' }), files);
  });

  it('every verified suggestion on the examples yields targets when applied', async () => {
    const { applyEdits } = await import('../../src/engine/diagnose/index.ts');
    for (const x of all.filter((i) => i.name.startsWith('examples/'))) {
      const res = run(x.files);
      for (const d of diagnose(x.files, res)) {
        for (const s of [d.suggestion, ...(d.alternatives ?? [])]) {
          if (!s?.verified) continue;
          const after = run(applyEdits(x.files, s.edits)!);
          const before = res.jobs.reduce((n, j) => n + j.active.length, 0);
          expect(after.jobs.reduce((n, j) => n + j.active.length, 0), `${x.name}: ${s.description}`).toBeGreaterThan(before);
        }
      }
    }
  });
});
