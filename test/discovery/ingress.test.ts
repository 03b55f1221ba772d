// role: ingress. Each case names the upstream function it follows (prometheus discovery/kubernetes/ingress.go).
import { describe, expect, it } from 'vitest';
import { matchesHostnamePattern, rulePaths } from '../../src/engine/discovery/ingress.ts';
import { P242, run, sd } from './helpers.ts';

const M = '__meta_kubernetes_';

const ING = (spec: string, api = 'networking.k8s.io/v1') => `
apiVersion: ${api}
kind: Ingress
metadata: {name: web, namespace: ns, labels: {app: web}, annotations: {kubernetes.io/ingress.class: legacy}}
spec:
${spec}
`;

describe('role ingress: buildIngress', () => {
  it('matchesHostnamePattern: exact, or *.suffix with the same number of parts', () => {
    const table: [string, string, boolean][] = [
      ['a.ex.com', 'a.ex.com', true],
      ['*.ex.com', 'a.ex.com', true],
      ['*.ex.com', 'a.b.ex.com', false],
      ['*.ex.com', 'ex.com', false],
      ['*.ex.com', 'a.ex.org', false],
      ['a.*.com', 'a.ex.com', false],
      ['', '', true],
    ];
    for (const [p, h, want] of table) expect([p, h, matchesHostnamePattern(p, h)]).toEqual([p, h, want]);
  });

  it('rulePaths / pathsFromIngressPaths: no http → "/", "" → "/", http with no paths → none', () => {
    expect(rulePaths({ host: 'a' })).toEqual(['/']);
    expect(rulePaths({ host: 'a', http: { paths: [{ path: '' }, { path: '/x' }, {}] } })).toEqual(['/', '/x', '/']);
    expect(rulePaths({ host: 'a', http: { paths: [] } })).toEqual([]);
    expect(rulePaths({ host: 'a', http: {} })).toEqual([]);
  });

  it('one target per rule × path, host verbatim as address, scheme from TLS hosts only, class from spec.ingressClassName', () => {
    const { groups } = run(
      sd('ingress'),
      ING(`  ingressClassName: nginx
  tls:
  - hosts: ["*.ex.com"]
  - secretName: no-hosts
  rules:
  - host: a.ex.com
    http: {paths: [{path: /api, pathType: Prefix}, {path: /web, pathType: Exact}]}
  - host: ex.com
  - http: {paths: [{path: /x}]}`),
    );
    expect(groups[0]!.source).toBe('ingress/ns/web');
    expect(groups[0]!.labels).toMatchObject({ [`${M}namespace`]: 'ns', [`${M}ingress_name`]: 'web', [`${M}ingress_class_name`]: 'nginx', [`${M}ingress_label_app`]: 'web', [`${M}ingress_annotation_kubernetes_io_ingress_class`]: 'legacy' });
    expect(groups[0]!.targets).toEqual([
      { __address__: 'a.ex.com', [`${M}ingress_scheme`]: 'https', [`${M}ingress_host`]: 'a.ex.com', [`${M}ingress_path`]: '/api' },
      { __address__: 'a.ex.com', [`${M}ingress_scheme`]: 'https', [`${M}ingress_host`]: 'a.ex.com', [`${M}ingress_path`]: '/web' },
      { __address__: 'ex.com', [`${M}ingress_scheme`]: 'http', [`${M}ingress_host`]: 'ex.com', [`${M}ingress_path`]: '/' },
      { __address__: '', [`${M}ingress_scheme`]: 'http', [`${M}ingress_host`]: '', [`${M}ingress_path`]: '/x' },
    ]);
  });

  it('ingressLabels: no ingressClassName → no class label (the legacy annotation is not used)', () => {
    const g = run(sd('ingress'), ING('  rules: [{host: a}]')).groups[0]!;
    expect(g.labels[`${M}ingress_class_name`]).toBeUndefined();
  });

  it('buildIngress: defaultBackend is ignored, so an Ingress without rules contributes nothing', () => {
    expect(run(sd('ingress'), ING('  defaultBackend: {service: {name: s, port: {number: 80}}}')).groups).toEqual([]);
  });

  it('API versions: v1beta1 / extensions ingresses are read by 2.42 only', () => {
    for (const api of ['networking.k8s.io/v1beta1', 'extensions/v1beta1']) {
      const yaml = ING('  rules: [{host: a.ex.com}]', api);
      expect(run(sd('ingress'), yaml).groups).toEqual([]);
      expect(run(sd('ingress'), yaml, P242).groups[0]!.targets[0]!.__address__).toBe('a.ex.com');
    }
  });
});
