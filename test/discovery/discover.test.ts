// The entry point: namespaces (kubernetes.go getNamespaces), selector checks
// (SDConfig.UnmarshalYAML), informer scoping (Discovery.Run) and the discovery manager's
// handling of groups (manager.go updateGroup: zero-target groups deleted).
import { describe, expect, it } from 'vitest';
import { attachFlags } from '../../src/engine/discovery/discover.ts';
import { P242, P314, run, sd, sel, store } from './helpers.ts';

const pod = (ns: string, name: string, ip = '10.0.0.1', phase = 'Running') => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: {app: ${name}}}
spec: {containers: [{name: c, image: i}]}
status: {phase: ${phase}, podIP: "${ip}"}
---
`;

const PODS = store(pod('b', 'p2') + pod('a', 'p1') + pod('c', 'p3') + pod('a', 'no-ip', '') + pod('b', 'done', '10.0.0.9', 'Succeeded'));

const sources = (r: { groups: { source: string }[] }) => r.groups.map((g) => g.source);

describe('discover', () => {
  it('groups sorted by Source; zero-target groups (pod without IP) removed', () => {
    expect(sources(run(sd('pod'), PODS))).toEqual(['pod/a/p1', 'pod/b/done', 'pod/b/p2', 'pod/c/p3']);
  });

  it('getNamespaces: names restrict, duplicates collapse, unknown names give nothing, empty = all', () => {
    expect(sources(run(sd('pod', { namespaces: ['c', 'a', 'c', 'nope'] }), PODS))).toEqual(['pod/a/p1', 'pod/c/p3']);
    expect(sources(run(sd('pod', { namespaces: [] }), PODS))).toHaveLength(4);
  });

  it('getNamespaces: own_namespace adds the given namespace; without one it warns and adds nothing', () => {
    expect(sources(run(sd('pod', { namespaces: ['a'], ownNamespace: true }), PODS, P314, 'c'))).toEqual(['pod/a/p1', 'pod/c/p3']);
    expect(sources(run(sd('pod', { ownNamespace: true }), PODS, P314, 'b'))).toEqual(['pod/b/done', 'pod/b/p2']);
    const r = run(sd('pod', { ownNamespace: true }), PODS);
    expect(r.groups).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['DISCOVERY_WARNING']);
  });

  it('main-role selectors filter the main objects (label and field)', () => {
    expect(sources(run(sd('pod', { selectors: [sel('pod', 'app in (p1, p3)')] }), PODS))).toEqual(['pod/a/p1', 'pod/c/p3']);
    expect(sources(run(sd('pod', { selectors: [sel('pod', undefined, 'status.phase!=Succeeded,metadata.namespace!=c')] }), PODS))).toEqual(['pod/a/p1', 'pod/b/p2']);
  });

  it('SDConfig.UnmarshalYAML: duplicated or disallowed selector roles and unparsable selectors are config errors (no groups)', () => {
    const cases: [ReturnType<typeof sd>, string, string][] = [
      [sd('pod', { selectors: [sel('pod', 'a=b'), sel('pod', 'c=d')] }), 'SD_CONFIG_INVALID', 'duplicated selector role: pod'],
      [sd('service', { selectors: [sel('pod', 'a=b')] }), 'SD_CONFIG_INVALID', 'service role supports only service selectors'],
      [sd('endpoints', { selectors: [sel('node', 'a=b')] }), 'SD_CONFIG_INVALID', 'endpoints role supports only pod, service, endpoints selectors'],
      [sd('pod', { selectors: [sel('pod', 'a in b')] }), 'SELECTOR_INVALID', "unable to parse requirement: found 'b' expected: '('"],
      [sd('pod', { selectors: [sel('pod', undefined, 'nonsense')] }), 'SELECTOR_INVALID', "invalid selector: 'nonsense'; can't understand 'nonsense'"],
    ];
    for (const [cfg, code, msg] of cases) {
      const r = run(cfg, PODS);
      expect(r.groups).toEqual([]);
      expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([[code, 'error', msg]]);
    }
  });

  it('an unsupported field on the main role: the list fails, nothing is discovered, an error says why', () => {
    const r = run(sd('pod', { selectors: [sel('pod', undefined, 'status.hostIP=1.2.3.4')] }), PODS);
    expect(r.groups).toEqual([]);
    expect(r.diagnostics[0]!.message).toContain('field label not supported: status.hostIP');
  });

  it('an unsupported node field matters for the pod role only with attach_metadata.node (the node informer exists then)', () => {
    const bad = [sel('node', undefined, 'status.phase=Ready')];
    expect(sources(run(sd('pod', { selectors: bad }), PODS))).toHaveLength(4);
    expect(run(sd('pod', { selectors: bad, attach: { node: true } }), PODS).groups).toEqual([]);
  });

  it('attachFlags: profile-gated (namespace 3.6+, workload 3.11+) and ignored by roles that do not use them', () => {
    const all = { node: true, namespace: true, deployment: true, job: true, cronjob: true };
    expect(attachFlags(sd('pod', { attach: all }), P314)).toEqual(all);
    expect(attachFlags(sd('pod', { attach: all }), P242)).toEqual({ node: true, namespace: false, deployment: false, job: false, cronjob: false });
    expect(attachFlags(sd('service', { attach: all }), P314)).toEqual({ node: false, namespace: true, deployment: false, job: false, cronjob: false });
    expect(attachFlags(sd('node', { attach: all }), P314)).toEqual({ node: false, namespace: false, deployment: false, job: false, cronjob: false });
    expect(attachFlags(sd('endpointslice', { attach: all }), P314)).toEqual(all);
  });
});
