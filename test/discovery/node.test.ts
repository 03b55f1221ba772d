// role: node. Each case names the upstream function it follows (prometheus discovery/kubernetes/node.go).
import { describe, expect, it } from 'vitest';
import { only, P242, run, sd, sel } from './helpers.ts';

const M = '__meta_kubernetes_';

const node = (name: string, addresses: string, extra = '') => `
apiVersion: v1
kind: Node
metadata: {name: ${name}, labels: {node-role.kubernetes.io/worker: "", pool: gpu}, annotations: {a.b/c: d}}
spec: {providerID: "aws:///i-1"}
status:
  addresses: ${addresses}
${extra}---
`;

describe('role node: buildNode / nodeLabels / nodeAddress', () => {
  it('nodeAddress: priority InternalIP > InternalDNS > ExternalIP > ExternalDNS > LegacyHostIP > Hostname, first of a type', () => {
    const table: [string, string][] = [
      ['[{type: Hostname, address: h}, {type: ExternalIP, address: 1.1.1.1}, {type: InternalIP, address: 10.0.0.1}, {type: InternalIP, address: 10.0.0.2}]', '10.0.0.1'],
      ['[{type: Hostname, address: h}, {type: ExternalDNS, address: e.dns}, {type: InternalDNS, address: i.dns}]', 'i.dns'],
      ['[{type: Hostname, address: h}, {type: ExternalDNS, address: e.dns}, {type: ExternalIP, address: 1.1.1.1}]', '1.1.1.1'],
      ['[{type: Hostname, address: h}, {type: ExternalDNS, address: e.dns}]', 'e.dns'],
      ['[{type: Hostname, address: h}, {type: LegacyHostIP, address: 9.9.9.9}]', '9.9.9.9'],
      ['[{type: Hostname, address: h}]', 'h'],
      ['[{type: InternalIP, address: "fd00::1"}]', '[fd00::1]:0'],
    ];
    for (const [addrs, want] of table) {
      const t = only(run(sd('node'), node('n1', addrs)).groups);
      expect(t.__address__).toBe(want.includes(':') ? want : `${want}:0`);
    }
  });

  it('buildNode: kubelet port from daemonEndpoints, instance preset to the node name, one address label per type (first one)', () => {
    const extra = '  daemonEndpoints: {kubeletEndpoint: {Port: 10250}}\n';
    const { groups } = run(sd('node'), node('n1', '[{type: InternalIP, address: 10.0.0.1}, {type: InternalIP, address: 10.0.0.2}, {type: Hostname, address: n1}]', extra));
    expect(groups[0]!.source).toBe('node/n1');
    expect(groups[0]!.targets).toEqual([
      { __address__: '10.0.0.1:10250', instance: 'n1', [`${M}node_address_InternalIP`]: '10.0.0.1', [`${M}node_address_Hostname`]: 'n1' },
    ]);
    expect(groups[0]!.labels).toEqual({
      [`${M}node_name`]: 'n1',
      [`${M}node_provider_id`]: 'aws:///i-1',
      [`${M}node_label_node_role_kubernetes_io_worker`]: '',
      [`${M}node_labelpresent_node_role_kubernetes_io_worker`]: 'true',
      [`${M}node_label_pool`]: 'gpu',
      [`${M}node_labelpresent_pool`]: 'true',
      [`${M}node_annotation_a_b_c`]: 'd',
      [`${M}node_annotationpresent_a_b_c`]: 'true',
    });
  });

  it('buildNode: a node without addresses is skipped with a warning', () => {
    const r = run(sd('node'), node('n1', '[]'));
    expect(r.groups).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['DISCOVERY_WARNING']);
  });

  it('nodeLabels (3.12+): one node_condition_<lower type> label per condition, lowercased status; none in 2.42', () => {
    const extra = '  conditions: [{type: Ready, status: "True"}, {type: MemoryPressure, status: "False"}, {type: Custom-Thing, status: Unknown}]\n';
    const yaml = node('n1', '[{type: InternalIP, address: 10.0.0.1}]', extra);
    expect(only(run(sd('node'), yaml).groups)).toMatchObject({
      [`${M}node_condition_ready`]: 'true',
      [`${M}node_condition_memorypressure`]: 'false',
      [`${M}node_condition_custom_thing`]: 'unknown',
    });
    expect(Object.keys(only(run(sd('node'), yaml, P242).groups)).some((k) => k.includes('condition'))).toBe(false);
  });

  it('Discovery.Run: node selectors filter nodes; namespaces do not apply to nodes', () => {
    const yaml = node('n1', '[{type: InternalIP, address: 10.0.0.1}]') + node('n2', '[{type: InternalIP, address: 10.0.0.2}]').replace('pool: gpu', 'pool: cpu');
    const r = run(sd('node', { namespaces: ['x'], selectors: [sel('node', 'pool in (cpu)', 'metadata.name!=n9')] }), yaml);
    expect(r.groups.map((g) => g.source)).toEqual(['node/n2']);
  });
});
