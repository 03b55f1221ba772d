// The founding case, link by link: the diagnosis names the VMServiceScrape's endpoints[0].targetPort: 10299
// (with its position), the Deployment container that lacks the port, the keep rule, and suggests adding
// containerPort 10299 to that container — and applying that text edit yields exactly one active target.
// Run on both vmagent profiles and on Prometheus 3.14 (each must be registered: nothing is skipped).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getProfile, run, type ProfileId } from '../../src/engine/index.ts';
import { applyEdits, diagnose } from '../../src/engine/diagnose/index.ts';

const dir = join(import.meta.dirname, '..', 'triage', 'cases', '01-vm-founding-targetport-not-declared');
const files = [{ name: 'input.yaml', text: readFileSync(join(dir, 'input.yaml'), 'utf8') }];
const lineOf = (needle: string): number => files[0]!.text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe.each(['vmagent-1.79', 'vmagent-1.150', 'prometheus-3.14'] as ProfileId[])('founding case on %s', (profile) => {
  it('the profile is registered', () => expect(getProfile(profile)?.id).toBe(profile));

  const opts = { profile };
  const res = run(files, opts);
  const ds = diagnose(files, res, { runOptions: opts });
  const d = ds.find((x) => x.kind === 'target-port-number-not-declared')!;

  it('before: the target is dropped, and the diagnosis is the first one', () => {
    expect(res.jobs.reduce((n, j) => n + j.active.length, 0)).toBe(0);
    expect(d).toBeDefined();
    expect(ds[0]).toBe(d);
    expect(d.family).toBe('ports');
  });

  it("names the VMServiceScrape's endpoints[0].targetPort: 10299 with its position", () => {
    expect(d.sentence).toContain('VMServiceScrape default/audit endpoints[0].targetPort: 10299');
    const rel = d.related?.find((r) => r.label.startsWith('VMServiceScrape default/audit endpoints[0].targetPort'));
    expect(rel?.label).toBe('VMServiceScrape default/audit endpoints[0].targetPort: 10299');
    expect(rel?.pos).toMatchObject({ file: 'input.yaml', line: lineOf('targetPort: 10299'), col: 17 });
    expect(d.rule?.origin).toMatchObject({ kind: 'VMServiceScrape', namespace: 'default', name: 'audit', field: 'endpoints[0].targetPort' });
  });

  it('names the keep rule', () => {
    expect(d.rule).toMatchObject({ index: 1, action: 'keep', summary: 'keep __meta_kubernetes_pod_container_port_number =~ "10299"' });
    expect(d.evidence).toMatchObject({ sourceLabels: ['__meta_kubernetes_pod_container_port_number'], seen: '', regex: '10299' });
  });

  it('names the Deployment container that lacks the port, and points at its ports field', () => {
    expect(d.objects).toContainEqual(expect.objectContaining({ kind: 'Deployment', namespace: 'default', name: 'audit', role: 'workload', part: 'container audit' }));
    expect(d.objects).toContainEqual(expect.objectContaining({ kind: 'VMServiceScrape', role: 'monitor' }));
    expect(d.objects).toContainEqual(expect.objectContaining({ kind: 'Service', name: 'audit', role: 'service' }));
    expect(d.location).toMatchObject({ file: 'input.yaml', line: lineOf('- containerPort: 8080'), col: 9 });
    expect(d.locationField).toBe('Deployment default/audit spec.template.spec.containers[0].ports');
    expect(d.sentence).toMatch(/^declare containerPort 10299 in container audit of Deployment default\/audit/);
    expect(d.sentence).toContain('declares only 8080');
  });

  it('suggests adding containerPort 10299 to that container, verified, as a text edit that keeps the file as written', () => {
    const s = d.suggestion!;
    expect(s.verified).toBe(true);
    expect(s.resultingTargets).toBe(1);
    expect(s.yamlSnippet).toBe('- containerPort: 10299');
    expect(s.edits).toHaveLength(1);
    const edited = applyEdits(files, s.edits)!;
    const want = files[0]!.text.replace('        - containerPort: 8080\n', '        - containerPort: 8080\n        - containerPort: 10299\n');
    expect(edited[0]!.text).toBe(want);
  });

  it('applying it yields one active target, on port 10299, and no diagnosis left', () => {
    const edited = applyEdits(files, d.suggestion!.edits)!;
    const after = run(edited, opts);
    const active = after.jobs.flatMap((j) => j.active);
    expect(active).toHaveLength(1);
    expect(active[0]!.scrapeUrl).toMatch(/:10299\/metrics$/);
    expect(diagnose(edited, after, { runOptions: opts }).filter((x) => x.severity !== 'info')).toEqual([]);
  });
});
