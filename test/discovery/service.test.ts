// role: service. Each case names the upstream function it follows (prometheus discovery/kubernetes/service.go).
import { describe, expect, it } from 'vitest';
import { flatten, only, run, sd } from './helpers.ts';

const M = '__meta_kubernetes_';

const svc = (spec: string, name = 's') => `
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ns, labels: {app: x}, annotations: {prometheus.io/scrape: "true"}}
spec:
${spec}
---
`;

describe('role service: buildService / serviceLabels', () => {
  it('buildService: svc/ source, one target per port at <name>.<ns>.svc:<port> (service port, not targetPort)', () => {
    const { groups } = run(sd('service'), svc('  clusterIP: 10.96.0.1\n  ports:\n  - {name: web, port: 80, targetPort: 8080}\n  - {port: 53, protocol: UDP}'));
    expect(groups.map((g) => g.source)).toEqual(['svc/ns/s']);
    expect(groups[0]!.labels).toEqual({
      [`${M}namespace`]: 'ns',
      [`${M}service_name`]: 's',
      [`${M}service_label_app`]: 'x',
      [`${M}service_labelpresent_app`]: 'true',
      [`${M}service_annotation_prometheus_io_scrape`]: 'true',
      [`${M}service_annotationpresent_prometheus_io_scrape`]: 'true',
    });
    expect(groups[0]!.targets).toEqual([
      { __address__: 's.ns.svc:80', [`${M}service_port_name`]: 'web', [`${M}service_port_number`]: '80', [`${M}service_port_protocol`]: 'TCP', [`${M}service_type`]: 'ClusterIP', [`${M}service_cluster_ip`]: '10.96.0.1' },
      { __address__: 's.ns.svc:53', [`${M}service_port_name`]: '', [`${M}service_port_number`]: '53', [`${M}service_port_protocol`]: 'UDP', [`${M}service_type`]: 'ClusterIP', [`${M}service_cluster_ip`]: '10.96.0.1' },
    ]);
  });

  it('buildService: ExternalName → external_name (no cluster_ip); LoadBalancer → spec.loadBalancerIP; headless cluster_ip "None"', () => {
    const ext = only(run(sd('service'), svc('  type: ExternalName\n  externalName: db.example.com\n  ports: [{port: 5432}]')).groups);
    expect(ext).toMatchObject({ __address__: 's.ns.svc:5432', [`${M}service_external_name`]: 'db.example.com', [`${M}service_type`]: 'ExternalName' });
    expect(ext[`${M}service_cluster_ip`]).toBeUndefined();
    const lb = only(run(sd('service'), svc('  type: LoadBalancer\n  clusterIP: 10.96.0.2\n  loadBalancerIP: 1.2.3.4\n  ports: [{port: 443}]')).groups);
    expect(lb).toMatchObject({ [`${M}service_loadbalancer_ip`]: '1.2.3.4', [`${M}service_cluster_ip`]: '10.96.0.2' });
    const lbStatusOnly = only(run(sd('service'), svc('  type: LoadBalancer\n  ports: [{port: 443}]\nstatus: {loadBalancer: {ingress: [{ip: 5.6.7.8}]}}')).groups);
    expect(lbStatusOnly[`${M}service_loadbalancer_ip`]).toBeUndefined(); // ≤ 3.14 reads spec.loadBalancerIP only
    expect(only(run(sd('service'), svc('  clusterIP: None\n  ports: [{port: 80}]')).groups)[`${M}service_cluster_ip`]).toBe('None');
  });

  it('buildService: a Service without ports (ExternalName typically) contributes nothing', () => {
    expect(run(sd('service'), svc('  type: ExternalName\n  externalName: x.example.com')).groups).toEqual([]);
  });

  it('buildService: IPv6 is irrelevant (DNS name), a service port number is decimal', () => {
    expect(flatten(run(sd('service'), svc('  ports: [{port: 8443}]')).groups)[0]!.__address__).toBe('s.ns.svc:8443');
  });
});
