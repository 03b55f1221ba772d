// kubernetes_sd_configs entries (Prometheus discovery/kubernetes/kubernetes.go:
// SDConfig.UnmarshalYAML, Role.UnmarshalYAML, allowedSelectors). Messages are the
// ones Prometheus gives at config load.
import type { Profile } from '../profiles/types.ts';
import { parseFieldSelector, parseLabelSelector } from '../discovery/selectors.ts';
import { HTTP_CLIENT_KEYS, checkKeys } from './strict.ts';
import type { Reader } from './read.ts';
import { ROLES, type KubernetesSDConfig, type Role, type SelectorConfig } from './types.ts';
import { getNode, nodeKind, seqItems } from './yaml-nodes.ts';

const SD_KEYS = new Set(['role', 'api_server', 'kubeconfig_file', 'namespaces', 'selectors', 'attach_metadata', ...HTTP_CLIENT_KEYS]);

/** Which selector roles each main role accepts. The pod role accepts node selectors since 3.11. */
function allowedSelectors(role: Role, profile: Profile): Role[] {
  switch (role) {
    case 'pod':
      return profile.discovery.podNodeStoreFilter ? ['pod', 'node'] : ['pod'];
    case 'service':
      return ['service'];
    case 'endpoints':
      return ['pod', 'service', 'endpoints'];
    case 'endpointslice':
      return ['pod', 'service', 'endpointslice'];
    case 'node':
      return ['node'];
    case 'ingress':
      return ['ingress'];
  }
}

/** Parses one kubernetes_sd_configs entry; returns undefined (with diagnostics) when Prometheus would refuse it. */
export function parseKubernetesSD(node: unknown, index: number, r: Reader, profile: Profile, strict: 'error' | 'warning'): KubernetesSDConfig | undefined {
  const before = r.diagnostics.length;
  if (nodeKind(node) !== 'map') {
    r.error('kubernetes_sd_configs entries must be mappings', node);
    return undefined;
  }
  checkKeys(node, r.src, { typeName: 'kubernetes.plain', known: SD_KEYS }, strict, r.diagnostics);
  const roleField = r.str(node, 'role');
  const role = roleField.value;
  if (role === undefined || role === '') {
    r.error('role missing (one of: pod, service, endpoints, endpointslice, node, ingress)', roleField.present ? roleField.node : node, 'SD_CONFIG_INVALID');
    return undefined;
  }
  if (!(ROLES as readonly string[]).includes(role)) {
    r.error(`unknown Kubernetes SD role ${JSON.stringify(role)}`, roleField.node, 'SD_CONFIG_INVALID');
    return undefined;
  }
  const ns = getNode(node, 'namespaces');
  const namespaces = r.strList(ns, 'names').values;
  const ownNamespace = r.bool(ns, 'own_namespace', false);
  if (ownNamespace && (r.str(node, 'api_server').value || r.str(node, 'kubeconfig_file').value)) {
    r.error('cannot use own_namespace with api_server or kubeconfig_file', ns, 'SD_CONFIG_INVALID');
  }
  if (r.str(node, 'api_server').value && r.str(node, 'kubeconfig_file').value) {
    r.error('cannot use api_server and kubeconfig_file at the same time', node, 'SD_CONFIG_INVALID');
  }
  if (ns !== undefined) checkKeys(ns, r.src, { typeName: 'kubernetes.NamespaceDiscovery', known: new Set(['names', 'own_namespace']) }, strict, r.diagnostics);

  const am = getNode(node, 'attach_metadata');
  const amKeys = new Set(['node']);
  if (profile.discovery.namespaceMetadata) amKeys.add('namespace');
  if (profile.discovery.workloadMetadata) for (const k of ['deployment', 'job', 'cronjob']) amKeys.add(k);
  if (am !== undefined) checkKeys(am, r.src, { typeName: 'kubernetes.AttachMetadataConfig', known: amKeys }, strict, r.diagnostics);
  const attachMetadata = {
    node: r.bool(am, 'node', false),
    namespace: amKeys.has('namespace') && r.bool(am, 'namespace', false),
    deployment: amKeys.has('deployment') && r.bool(am, 'deployment', false),
    job: amKeys.has('job') && r.bool(am, 'job', false),
    cronjob: amKeys.has('cronjob') && r.bool(am, 'cronjob', false),
  };

  const selectors: SelectorConfig[] = [];
  const seen = new Set<string>();
  const allowed = allowedSelectors(role as Role, profile);
  for (const s of seqItems(getNode(node, 'selectors'))) {
    checkKeys(s, r.src, { typeName: 'kubernetes.SelectorConfig', known: new Set(['role', 'label', 'field']) }, strict, r.diagnostics);
    const sr = r.str(s, 'role');
    const sRole = sr.value ?? '';
    if (!(ROLES as readonly string[]).includes(sRole)) {
      r.error(`unknown Kubernetes SD role ${JSON.stringify(sRole)}`, sr.node ?? s, 'SD_CONFIG_INVALID');
      continue;
    }
    if (seen.has(sRole)) {
      r.error(`duplicated selector role: ${sRole}`, sr.node, 'SD_CONFIG_INVALID');
      continue;
    }
    seen.add(sRole);
    if (!allowed.includes(sRole as Role)) {
      r.error(`${role} role supports only ${allowed.join(', ')} selectors`, sr.node, 'SD_CONFIG_INVALID');
      continue;
    }
    const label = r.str(s, 'label');
    const field = r.str(s, 'field');
    if (field.value) {
      const f = parseFieldSelector(field.value);
      if (!f.ok) {
        r.error(f.message, field.node, 'SELECTOR_INVALID');
        continue;
      }
    }
    if (label.value) {
      const l = parseLabelSelector(label.value);
      if (!l.ok) {
        r.error(l.message, label.node, 'SELECTOR_INVALID');
        continue;
      }
    }
    const sel: SelectorConfig = { role: sRole as Role, pos: r.pos(s) };
    if (label.value) sel.label = label.value;
    if (field.value) sel.field = field.value;
    selectors.push(sel);
  }
  if (r.diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;
  return { role: role as Role, roleText: role, namespaces, ownNamespace, selectors, attachMetadata, index, pos: r.pos(node) };
}
