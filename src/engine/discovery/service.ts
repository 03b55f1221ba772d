// role: service — one group per Service, one target per spec.ports entry, addressed by the
// in-cluster DNS name and the service port.
import type { Service, StoredObject } from '../ingest/kinds.ts';
import type { Labels } from '../labels.ts';
import { addNamespaceLabels, addObjectMetaLabels, joinHostPort, lv, lvInt, META, NAMESPACE_LABEL } from './common.ts';
import type { RoleContext, TargetGroup } from './types.ts';

// The service labels, named once (a template key is a new string to look up per target).
const SERVICE_CLUSTER_IP = `${META}service_cluster_ip`;
const SERVICE_EXTERNAL_NAME = `${META}service_external_name`;
const SERVICE_LOADBALANCER_IP = `${META}service_loadbalancer_ip`;
const SERVICE_PORT_NAME = `${META}service_port_name`;
const SERVICE_PORT_NUMBER = `${META}service_port_number`;
const SERVICE_PORT_PROTOCOL = `${META}service_port_protocol`;
const SERVICE_TYPE = `${META}service_type`;

/** `svc/<namespace>/<name>` (serviceSource) — "svc", not "service". */
export function serviceSource(s: Service): string {
  return `svc/${lv(s.metadata.namespace)}/${s.metadata.name}`;
}

/** serviceLabels: namespace plus the Service's object meta. The endpoints roles attach exactly this set.
 * See prometheus discovery/kubernetes/service.go serviceLabels. vmagent's Service.appendCommonLabels also has the
 * type and the cluster IP (or external name), on endpoints targets too (serviceCommonLabelsOnEndpoints). */
export function serviceLabels(o: StoredObject<Service>, ctx: RoleContext): Labels {
  const ls: Labels = { [NAMESPACE_LABEL]: lv(o.obj.metadata.namespace) };
  addObjectMetaLabels(ls, o, 'service', ctx.report);
  if (ctx.profile.serviceCommonLabelsOnEndpoints) Object.assign(ls, serviceTypeLabels(o.obj));
  return ls;
}

/** `_service_type` and `_service_cluster_ip` (or `_service_external_name` for ExternalName). */
function serviceTypeLabels(s: Service): Labels {
  const type = lv(s.spec?.type);
  const t: Labels = { [SERVICE_TYPE]: type };
  if (type === 'ExternalName') t[SERVICE_EXTERNAL_NAME] = lv(s.spec?.externalName);
  else t[SERVICE_CLUSTER_IP] = lv(s.spec?.clusterIP);
  return t;
}

/** One target per port at `<name>.<namespace>.svc:<port>` (no cluster domain, never the externalName).
 * See prometheus discovery/kubernetes/service.go buildService */
export function buildService(o: StoredObject<Service>, ctx: RoleContext): TargetGroup {
  const s = o.obj;
  const labels = addNamespaceLabels(serviceLabels(o, ctx), s.metadata.namespace, ctx);
  const spec = s.spec ?? {};
  const type = lv(spec.type);
  const targets = (spec.ports ?? []).map((port) => {
    const num = lvInt(port.port);
    const t: Labels = {
      __address__: joinHostPort(`${s.metadata.name}.${lv(s.metadata.namespace)}.svc`, num),
      [SERVICE_PORT_NAME]: lv(port.name),
      [SERVICE_PORT_PROTOCOL]: lv(port.protocol),
      ...serviceTypeLabels(s),
    };
    // Prometheus; vmagent 1.81+ (service.go getTargetLabels).
    if (ctx.profile.servicePortNumber) t[SERVICE_PORT_NUMBER] = num;
    // Prometheus only.
    if (type === 'LoadBalancer' && ctx.profile.serviceLoadBalancerIP) t[SERVICE_LOADBALANCER_IP] = lv(spec.loadBalancerIP);
    return t;
  });
  return { source: serviceSource(s), labels, targets };
}
