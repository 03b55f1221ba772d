// The trees of YAML documents are kept between runs (yaml-documents.ts parseSlice): the playground re-runs on every
// keystroke and the scrape config's tree was a third of a re-run. A kept tree must give what a fresh one gives —
// aliases resolved once (resolveAliases changes the tree), positions read against the file of this run.
import { describe, expect, it } from 'vitest';
import { run, type RunResult } from '../../src/engine/index.ts';

const manifests = (comment: string) => `apiVersion: v1
kind: Pod
metadata: {name: web-0, namespace: default}
spec: {containers: [{name: web, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.0.0.1, phase: Running}
${comment}
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: default}
spec: {containers: [{name: db, ports: [{containerPort: 5432}]}]}
status: {podIP: 10.0.0.2, phase: Running}
`;

const config = `scrape_configs:
  - job_name: a
    kubernetes_sd_configs: [{role: pod}]
    relabel_configs: &rc
      - {source_labels: [__meta_kubernetes_pod_name], regex: "web-.*", action: keep}
  - job_name: b
    kubernetes_sd_configs: [{role: pod}]
    relabel_configs: *rc
  - job_name: c
    kubernetes_sd_configs: [{role: pod}]
    relabel_configs:
      - {source_labels: [__meta_kubernetes_pod_name], regex: "(", action: keep}
`;

// Without the alias: the scanner reads this document (a document with aliases goes to the library, whose trees are
// not kept), so its tree is the kept one.
const plainConfig = config.replace('relabel_configs: &rc', 'relabel_configs:').replace(
  'relabel_configs: *rc',
  'relabel_configs:\n      - {source_labels: [__meta_kubernetes_pod_name], regex: "web-.*", action: keep}',
);

/** What a run shows: per job its targets by state, and every diagnostic with its place. */
function shown(r: RunResult) {
  return {
    jobs: r.jobs.map((j) => [j.job, j.active.map((t) => t.scrapeUrl), j.dropped.map((t) => t.source)]),
    diagnostics: r.diagnostics.map((d) => [d.code, d.severity, d.message, d.pos?.file, d.pos?.line, d.pos?.col, d.pos?.offset]),
  };
}

const files = (head: string, cfg = plainConfig) => [{ name: 'all.yaml', text: `${head}---\n${cfg}` }];

describe('YAML trees kept between runs', () => {
  for (const [name, cfg] of [['plain', plainConfig], ['with an alias', config]] as const) {
    it(`the same input twice (${name}): the same jobs and diagnostics`, () => {
      const first = shown(run(files(manifests('# one'), cfg)));
      const again = shown(run(files(manifests('# one'), cfg)));
      expect(again).toEqual(first);
      // Job b has job a's rule (through the alias, or written again): the same kept target.
      expect(first.jobs[0]?.[1]).toEqual(['http://10.0.0.1:8080/metrics']);
      expect(first.jobs[1]?.[1]).toEqual(first.jobs[0]?.[1]);
      expect(first.diagnostics.filter(([, severity]) => severity === 'error')).toHaveLength(1);
    });
  }

  it('the config at the same offset on other lines: positions follow the lines of this run', () => {
    const one = manifests('# 0123456789');
    const two = manifests('#\n#\n#\n# 0123');
    expect(two.length).toBe(one.length);
    const a = run(files(one));
    const b = run(files(two));
    const bad = (r: RunResult) => r.diagnostics.find((d) => d.severity === 'error' && d.pos?.file === 'all.yaml');
    expect(bad(a)?.pos?.offset).toBe(bad(b)?.pos?.offset);
    expect(bad(b)?.pos?.line).toBe((bad(a)?.pos?.line as number) + 3);
    // And each matches a run that never saw the other text.
    expect(shown(run(files(two)))).toEqual(shown(b));
  });

  it('the same config at another offset: positions of that offset', () => {
    const short = run(files(manifests('# x')));
    const long = run(files(manifests('# a longer comment, so that the config starts later')));
    const bad = (r: RunResult) => r.diagnostics.find((d) => d.severity === 'error' && d.pos?.file === 'all.yaml');
    const shift = manifests('# a longer comment, so that the config starts later').length - manifests('# x').length;
    expect(bad(long)?.pos?.offset).toBe((bad(short)?.pos?.offset as number) + shift);
    expect(bad(long)?.pos?.line).toBe(bad(short)?.pos?.line);
  });

  it('an edited config is read anew', () => {
    const before = run(files(manifests('# x')));
    const edited = run(files(manifests('# x'), plainConfig.replace('regex: "web-.*"', 'regex: "db-.*"')));
    expect(shown(edited).jobs[0]?.[1]).toEqual(['http://10.0.0.2:5432/metrics']);
    expect(shown(before).jobs[0]?.[1]).toEqual(['http://10.0.0.1:8080/metrics']);
  });
});
