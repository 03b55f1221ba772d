// role: node — one group with exactly one target per Node: the kubelet address.
import type { Node, StoredObject } from '../ingest/kinds.ts';
import type { Labels } from '../labels.ts';
import { addObjectMetaLabels, describe, fieldPos, joinHostPort, lv, META, sanitizeLabelName } from './common.ts';
import type { RoleContext, TargetGroup } from './types.ts';

/** `node/<name>` (nodeSource). */
export function nodeSource(n: Node): string {
  return `node/${n.metadata.name}`;
}

/** Address types in the order nodeAddress tries them (k8s.io/kubernetes pkg/util/node). */
const ADDRESS_PRIORITY = ['InternalIP', 'InternalDNS', 'ExternalIP', 'ExternalDNS', 'LegacyHostIP', 'Hostname'];

/** nodeAddress: the first address of the first present type in priority order, and every type's addresses. */
export function nodeAddress(n: Node): { addr: string | undefined; byType: Map<string, string[]> } {
  const byType = new Map<string, string[]>();
  for (const a of n.status?.addresses ?? []) {
    const t = lv(a.type);
    const list = byType.get(t);
    if (list) list.push(lv(a.address));
    else byType.set(t, [lv(a.address)]);
  }
  for (const t of ADDRESS_PRIORITY) {
    const list = byType.get(t);
    if (list) return { addr: list[0], byType };
  }
  return { addr: undefined, byType };
}

/** nodeLabels: provider ID, conditions (3.12+) and object meta, all group-level. */
function nodeLabels(o: StoredObject<Node>, ctx: RoleContext): Labels {
  const n = o.obj;
  const ls: Labels = { [`${META}node_provider_id`]: lv(n.spec?.providerID) };
  if (ctx.profile.nodeConditions) {
    // A slice, not a map: with two conditions of one type the later one wins, deterministically.
    for (const c of n.status?.conditions ?? []) {
      ls[`${META}node_condition_${sanitizeLabelName(lv(c.type).toLowerCase())}`] = lv(c.status).toLowerCase();
    }
  }
  addObjectMetaLabels(ls, o, 'node', ctx.report);
  return ls;
}

/** One group per node with one target; a node without any address gives nothing (Prometheus logs a warning).
 * See prometheus discovery/kubernetes/node.go buildNode */
export function buildNode(o: StoredObject<Node>, ctx: RoleContext): TargetGroup | undefined {
  const n = o.obj;
  const { addr, byType } = nodeAddress(n);
  if (addr === undefined) {
    ctx.report.add('DISCOVERY_WARNING', 'warning', `${describe(n)} has no address in status.addresses; Prometheus skips it ("No node address found")`, fieldPos(o, ['status']));
    return undefined;
  }
  // A missing kubelet endpoint is the zero port, so the address ends in ":0".
  const port = lv(n.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 0);
  const t: Labels = { __address__: joinHostPort(addr, port), instance: n.metadata.name };
  for (const [type, list] of byType) t[sanitizeLabelName(`${META}node_address_${type}`)] = list[0] as string;
  return { source: nodeSource(n), labels: nodeLabels(o, ctx), targets: [t] };
}
