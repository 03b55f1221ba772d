// The Nodes simulated Pods run on and the pod IPs they get: the input's Nodes, or — when the
// input has none — one synthesized Node registered as a kubelet would register it.
import { diag } from '../diagnostics.ts';
import type { Node, StoredObject } from '../ingest/kinds.ts';
import { addSimulated, baseMeta, type SimContext } from './context.ts';
import { nodeInfo, type NodeInfo } from './scheduling.ts';

/** The Nodes pods can run on: the input's, or one synthesized `node-1` (made on first need, marked as the kubelet's). */
export function clusterNodes(ctx: SimContext, needer: StoredObject): NodeInfo[] {
  if (ctx.nodes) return ctx.nodes;
  const input = ctx.input.list<Node>('Node');
  if (input.length) {
    ctx.nodes = input.map((n, i) => nodeInfo(n, i, false));
    return ctx.nodes;
  }
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      ...baseMeta('Node', undefined, 'node-1'),
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'node-1',
        'kubernetes.io/os': 'linux',
      },
    },
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] } as Node['spec'],
    status: {
      addresses: [
        { type: 'InternalIP', address: '10.0.0.1' },
        { type: 'Hostname', address: 'node-1' },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
  const stored = addSimulated(ctx, node, 'kubelet', needer);
  ctx.diagnostics.push(
    diag('SIMULATED', 'info', 'the input has no Nodes: simulated Node node-1 (InternalIP 10.0.0.1, pod CIDR 10.244.0.0/24) to run the simulated Pods; it stands in for every node, so nodeSelector and taints are not checked against it', needer.origin.pos),
  );
  ctx.nodes = [nodeInfo(stored, 0, true)];
  return ctx.nodes;
}

/** The next free pod IP of `node`'s pod CIDR. */
export function allocatePodIP(ctx: SimContext, node: NodeInfo): string {
  for (;;) {
    const ip = node.podIP(node.nextHost++);
    if (!ctx.usedIPs.has(ip)) {
      ctx.usedIPs.add(ip);
      return ip;
    }
  }
}
