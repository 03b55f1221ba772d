// vmagent kubernetes_sd_configs entries (lib/promscrape/discovery/kubernetes kubernetes.go SDConfig, api.go
// newAPIConfig). Nothing here refuses the config: a bad role or api_server + kubeconfig_file only make
// vmagent log "skipping kubernetes_sd_config targets for job_name …" and that entry discovers nothing.
// Selectors are not validated (api_watcher.go joinSelectors); discovery joins and applies them.
import { isMap } from 'yaml';
import { diag } from '../diagnostics.ts';
import type { Profile } from '../profiles/types.ts';
import type { VmReader } from './vm-read.ts';
import { ROLES, type KubernetesSDConfig, type Role, type SelectorConfig } from './types.ts';
import { isNullNode } from './yaml-nodes.ts';

export function parseVmKubernetesSD(node: unknown, index: number, jobName: string, r: VmReader, profile: Profile): KubernetesSDConfig | undefined {
  const keys = profile.config.keys;
  if (!isMap(node)) {
    if (!isNullNode(node)) r.typeError(node, 'kubernetes.SDConfig');
    return undefined;
  }
  if (keys) r.checkKeys(node, 'kubernetes.SDConfig', keys.sd);
  const pos = r.pos(node);
  const skip = (why: string): undefined => {
    r.out.push(diag('SD_CONFIG_INVALID', 'warning', `skipping kubernetes_sd_config targets for job_name ${JSON.stringify(jobName)} because of error: cannot create API config for kubernetes: ${why}`, pos));
    return undefined;
  };
  const roleText = r.str(node, 'role');
  const role = profile.config.roleAliases[roleText] ?? roleText;
  const apiServer = r.str(node, 'api_server');
  const kubeconfig = r.str(node, 'kubeconfig_file');

  const ns = r.node(node, 'namespaces');
  let names: string[] = [];
  let ownNamespace = false;
  if (ns !== undefined && !isNullNode(ns)) {
    if (!isMap(ns)) r.typeError(ns, 'kubernetes.Namespaces');
    else {
      r.checkKeys(ns, 'kubernetes.Namespaces', ['own_namespace', 'names']);
      names = r.strList(ns, 'names') ?? [];
      ownNamespace = r.bool(ns, 'own_namespace');
    }
  }
  const selectors: SelectorConfig[] = [];
  for (const s of r.seq(node, 'selectors', '[]kubernetes.Selector')) {
    if (!isMap(s)) {
      if (!isNullNode(s)) r.typeError(s, 'kubernetes.Selector');
      continue;
    }
    r.checkKeys(s, 'kubernetes.Selector', ['role', 'label', 'field']);
    const sRole = r.str(s, 'role');
    const label = r.str(s, 'label');
    const field = r.str(s, 'field');
    // A selector for a role that is not one of the six never matches a watcher: ignored, like vmagent does.
    if (!(ROLES as readonly string[]).includes(sRole)) {
      r.out.push(diag('SD_CONFIG_INVALID', 'warning', `selectors: role ${JSON.stringify(sRole)} is never watched, so this selector has no effect (vmagent does not validate selectors)`, r.pos(s)));
      continue;
    }
    const sel: SelectorConfig = { role: sRole as Role, pos: r.pos(s) };
    if (label) sel.label = label;
    if (field) sel.field = field;
    selectors.push(sel);
  }
  const am = r.node(node, 'attach_metadata');
  const attachMetadata = { node: false, namespace: false, deployment: false, job: false, cronjob: false };
  if (am !== undefined && !isNullNode(am)) {
    if (!isMap(am)) r.typeError(am, 'kubernetes.AttachMetadata');
    else {
      if (keys) r.checkKeys(am, 'kubernetes.AttachMetadata', keys.attachMetadata);
      attachMetadata.node = r.bool(am, 'node');
      if (keys?.attachMetadata.includes('namespace')) attachMetadata.namespace = r.bool(am, 'namespace');
    }
  }

  // api.go newAPIConfig: role check, then api_server vs kubeconfig_file.
  if (!(ROLES as readonly string[]).includes(role)) {
    return skip(`unexpected \`role\`: ${JSON.stringify(role)}; must be one of \`node\`, \`pod\`, \`service\`, \`endpoints\`, \`endpointslice\` or \`ingress\``);
  }
  if (kubeconfig && apiServer) {
    return skip(`\`api_server: ${JSON.stringify(apiServer)}\` and \`kubeconfig_file: ${JSON.stringify(kubeconfig)}\` options cannot be set simultaneously`);
  }
  return { role: role as Role, roleText, namespaces: names, ownNamespace, selectors, attachMetadata, index, pos };
}
