// Jobs in one run share the groups of the objects they both discover (discovery/discover.ts SharedGroups): a job
// scoped to one namespace reuses what the cluster-wide job built, unless building looked into another namespace or
// reported something. Sharing must never change a target: every job of a many-job config gives exactly what it gives
// when it runs alone (no other job to share with).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { asYaml, BENCH_SCRAPE_CONFIG, generateCluster } from '../../bench/generate.ts';
import { run, type ProfileId } from '../../src/engine/index.ts';
import type { JobTargets } from '../../src/engine/targets/types.ts';

const PROFILES: ProfileId[] = ['prometheus-3.14', 'prometheus-2.42', 'vmagent-1.79', 'vmagent-1.150'];

/** The reason without source positions (the job alone is written into another file, so its rules sit elsewhere). */
function reasonOf(r: unknown): unknown {
  return JSON.parse(JSON.stringify(r ?? null, (k, v: unknown) => (k === 'pos' || k === 'fieldPos' ? undefined : v)));
}

function summary(j: JobTargets) {
  const t = (x: JobTargets['active'][number]) => [x.source, x.index, x.state, x.discoveredLabels, x.labels, x.scrapeUrl, reasonOf(x.reason), x.error];
  return { active: j.active.map(t), dropped: j.dropped.map(t), failed: j.failed.map(t), duplicates: j.duplicates.map(t) };
}

/** Every job of `config` run together, and each alone: the same targets. */
function expectSameAlone(objects: string, config: string, profile: ProfileId): number {
  const all = run([{ name: 'objects.yaml', text: objects }, { name: 'prometheus.yml', text: config }], { profile });
  const doc = parse(config) as { scrape_configs: { job_name: string }[] };
  let compared = 0;
  doc.scrape_configs.forEach((job, i) => {
    const alone = run([{ name: 'objects.yaml', text: objects }, { name: 'prometheus.yml', text: stringify({ ...doc, scrape_configs: [job] }) }], { profile });
    const together = all.jobs.filter((j) => j.job === job.job_name);
    // Jobs of one name (vmagent keeps duplicates apart by position): compare by position among equals.
    const same = doc.scrape_configs.slice(0, i).filter((x) => x.job_name === job.job_name).length;
    expect(together[same] && summary(together[same]), `${profile} job ${job.job_name}`).toEqual(alone.jobs[0] && summary(alone.jobs[0]));
    compared += (alone.jobs[0]?.active.length ?? 0) + (alone.jobs[0]?.dropped.length ?? 0);
  });
  return compared;
}

describe('groups shared between jobs', () => {
  it.each(PROFILES)('%s: the 50-job benchmark mix on a 60-pod cluster — every job as alone', (profile) => {
    expect(expectSameAlone(asYaml(generateCluster(60)), BENCH_SCRAPE_CONFIG, profile)).toBeGreaterThan(300);
  });

  // An Endpoints object whose address points at a Pod in another namespace: the cluster-wide job finds the pod, a
  // job scoped to the Endpoints' namespace does not (its pod informer is namespaced) — so that group is not shared,
  // in either order of the jobs.
  const crossNamespace = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: web, namespace: shop}
subsets:
- addresses: [{ip: 10.0.0.5, targetRef: {kind: Pod, name: web-0, namespace: other}}]
  ports: [{name: http, port: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-0, namespace: other, labels: {app: web}}
spec: {containers: [{name: web, image: w, ports: [{containerPort: 8080}]}]}
status: {phase: Running, podIP: 10.0.0.5, conditions: [{type: Ready, status: "True"}]}
`;
  const wide = '  - job_name: wide\n    kubernetes_sd_configs: [{role: endpoints}]\n';
  const scoped = '  - job_name: scoped\n    kubernetes_sd_configs: [{role: endpoints, namespaces: {names: [shop]}}]\n';
  it.each(PROFILES)('%s: a group built with a lookup in another namespace is not shared (both orders)', (profile) => {
    for (const jobs of [wide + scoped, scoped + wide]) {
      const config = `scrape_configs:\n${jobs}`;
      expectSameAlone(crossNamespace, config, profile);
      const r = run([{ name: 'objects.yaml', text: crossNamespace }, { name: 'prometheus.yml', text: config }], { profile });
      const podName = (job: string) => r.jobs.find((j) => j.job === job)!.active.map((t) => t.discoveredLabels['__meta_kubernetes_pod_name'] ?? '');
      // The case shows the difference it guards: the pod's labels only where the pod is visible.
      expect([podName('wide'), podName('scoped')]).toEqual([['web-0'], ['']]);
    }
  });

  // Selectors of the role's own objects only choose which objects are listed, so those jobs share the groups of a job
  // without them; selectors of another role filter a side store (here the pods an Endpoints object's addresses name),
  // so those do not — in either order of the jobs.
  const selectorJobs = [
    '  - job_name: pods-all\n    kubernetes_sd_configs: [{role: pod}]\n',
    '  - job_name: pods-backend\n    kubernetes_sd_configs: [{role: pod, selectors: [{role: pod, label: tier=backend}]}]\n',
    '  - job_name: pods-field\n    kubernetes_sd_configs: [{role: pod, selectors: [{role: pod, field: metadata.namespace=ns-1}]}]\n',
    '  - job_name: eps-all\n    kubernetes_sd_configs: [{role: endpoints}]\n',
    '  - job_name: eps-own\n    kubernetes_sd_configs: [{role: endpoints, selectors: [{role: endpoints, label: app=app-1}]}]\n',
    '  - job_name: eps-pods\n    kubernetes_sd_configs: [{role: endpoints, selectors: [{role: pod, label: tier=backend}]}]\n',
    '  - job_name: slices-svc\n    kubernetes_sd_configs: [{role: endpointslice, selectors: [{role: service, label: app=app-2}]}]\n',
    '  - job_name: slices-all\n    kubernetes_sd_configs: [{role: endpointslice}]\n',
  ];
  it.each(PROFILES)('%s: jobs with selectors of their own role and of a side store (both orders)', (profile) => {
    const objects = asYaml(generateCluster(60));
    for (const jobs of [selectorJobs, [...selectorJobs].reverse()]) {
      const config = `scrape_configs:\n${jobs.join('')}`;
      expect(expectSameAlone(objects, config, profile)).toBeGreaterThan(300);
      const r = run([{ name: 'objects.yaml', text: objects }, { name: 'prometheus.yml', text: config }], { profile });
      const withPod = (job: string) => r.jobs.find((j) => j.job === job)!.dropped.concat(r.jobs.find((j) => j.job === job)!.active).filter((t) => t.discoveredLabels['__meta_kubernetes_pod_name'] !== undefined).length;
      // The side-store selector shows the difference it makes: fewer targets carry their pod.
      expect(withPod('eps-pods')).toBeLessThan(withPod('eps-all'));
      expect(withPod('eps-pods')).toBeGreaterThan(0);
    }
  });

  // Each conformance fixture's jobs, plus a copy of each scoped to every namespace its objects use.
  const dir = join(import.meta.dirname, '..', 'conformance', 'fixtures');
  const fixtures = readdirSync(dir).filter((f) => /^\d\d-/.test(f));
  it.each(PROFILES)('%s: every conformance fixture, its jobs cluster-wide and scoped to each namespace', (profile) => {
    let compared = 0;
    for (const f of fixtures) {
      const objects = readFileSync(join(dir, f, 'objects.yaml'), 'utf8');
      const scrape = parse(readFileSync(join(dir, f, 'scrape.yaml'), 'utf8')) as { scrape_configs?: Record<string, unknown>[] } | null;
      if (!scrape?.scrape_configs) continue;
      const namespaces = [...new Set([...objects.matchAll(/^\s+namespace: (\S+)$/gm)].map((m) => m[1]!))];
      const jobs: Record<string, unknown>[] = [];
      for (const job of scrape.scrape_configs) {
        jobs.push(job);
        const sds = job['kubernetes_sd_configs'] as Record<string, unknown>[] | undefined;
        // Nodes are not namespaced (Prometheus refuses `namespaces` on role node).
        if (!sds || sds.some((sd) => sd['role'] === 'node')) continue;
        for (const ns of namespaces) {
          jobs.push({ ...job, job_name: `${String(job['job_name'])}-in-${ns}`, kubernetes_sd_configs: sds.map((sd) => ({ ...sd, namespaces: { names: [ns] } })) });
        }
      }
      compared += expectSameAlone(objects, stringify({ ...scrape, scrape_configs: jobs }), profile);
    }
    expect(compared).toBeGreaterThan(100);
  });
});
