// Entry point of the operator layer: for every Prometheus / PrometheusAgent / VMAgent in the input (or
// a permissive one assumed when monitors exist without one), the scrape config the operator would
// generate, plus the selection verdict for every monitor.
import { diag, type Diagnostic, type SourceRange } from '../diagnostics.ts';
import type { SecretValues } from '../ingest/ingest.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';
import { Assets } from './assets.ts';
import { convertAll, converterConfig } from './converter.ts';
import { buildPrometheusConfig } from './prometheus-config.ts';
import { prunedFields } from './schema.ts';
import { buildPromCtx, isUnmanaged, PO_MONITOR_KINDS, selectPrometheusMonitors } from './prometheus-selection.ts';
import type { GeneratedConfig, GenerateOptions, MonitorSelection, OperatorOwner } from './types.ts';
import { buildVMAgentConfig } from './vmagent-config.ts';
import { selectVMObjects, VM_KINDS, type VMKind } from './vmagent-selection.ts';
import { bool, obj, originOf, type Obj } from './values.ts';
import type { VMCtx } from './vm-common.ts';

export type { GeneratedConfig, GenerateOptions, MonitorSelection, OperatorOwner } from './types.ts';

const DEFAULT_VM_TLS_DIR = '/etc/vmagent-tls/certs';

export function generateOperatorConfigs(store: ObjectStore, secretValues: SecretValues, opts: GenerateOptions = {}): { configs: GeneratedConfig[]; selection: MonitorSelection[]; diagnostics: Diagnostic[] } {
  const configs: GeneratedConfig[] = [];
  const selection: MonitorSelection[] = [];
  const diagnostics: Diagnostic[] = [];
  const assets = new Assets(store, secretValues, opts.revealSecrets ?? false);
  const shard = opts.shard ?? 0;

  const proms: { so?: StoredObject; owner: OperatorOwner; spec: Obj }[] = [...store.list('Prometheus'), ...store.list('PrometheusAgent')].map((so) => ({
    so,
    owner: ownerOf(so),
    spec: obj(so.obj.spec) ?? {},
  }));
  const vmagents: { so?: StoredObject; owner: OperatorOwner; spec: Obj }[] = store.list('VMAgent').map((so) => ({ so, owner: ownerOf(so), spec: obj(so.obj.spec) ?? {} }));
  const hasPO = PO_MONITOR_KINDS.some((k) => store.has(k));
  const hasVM = VM_KINDS.some((k) => store.has(k));

  // No Prometheus but prometheus-operator monitors (and no VMAgent converting them): assume one that
  // selects every monitor in every namespace.
  if (!proms.length && hasPO && !vmagents.length) {
    const owner: OperatorOwner = { kind: 'Prometheus', namespace: 'default', name: 'prometheus', assumed: true };
    const all = { serviceMonitorSelector: {}, serviceMonitorNamespaceSelector: {}, podMonitorSelector: {}, podMonitorNamespaceSelector: {}, probeSelector: {}, probeNamespaceSelector: {}, scrapeConfigSelector: {}, scrapeConfigNamespaceSelector: {} };
    proms.push({ owner, spec: all });
    diagnostics.push(diag('OPERATOR_ASSUMED', 'info', 'no Prometheus object in the input: assuming Prometheus default/prometheus that selects every ServiceMonitor, PodMonitor, Probe and ScrapeConfig in every namespace (all selectors {})', firstPos(store, PO_MONITOR_KINDS)));
  }
  if (!vmagents.length && hasVM) {
    const owner: OperatorOwner = { kind: 'VMAgent', namespace: 'default', name: 'vmagent', assumed: true };
    vmagents.push({ owner, spec: { selectAllByDefault: true } });
    diagnostics.push(diag('OPERATOR_ASSUMED', 'info', 'no VMAgent object in the input: assuming VMAgent default/vmagent with selectAllByDefault: true (selects every VM scrape object in every namespace)', firstPos(store, VM_KINDS)));
  }

  for (const p of proms) {
    const { ctx, diagnostics: d } = buildPromCtx(p.owner, p.so, p.spec, assets, { shardRetention: opts.shardRetention ?? true });
    diagnostics.push(...d);
    const sel = selectPrometheusMonitors(ctx, store);
    selection.push(...sel.selection);
    diagnostics.push(...sel.diagnostics);
    const built = buildPrometheusConfig(ctx, sel.selected, isUnmanaged(ctx), shard);
    diagnostics.push(...built.diagnostics);
    configs.push(built.config);
  }

  if (vmagents.length) {
    // The VM operator converts prometheus-operator objects into VM ones (on by default).
    const objects = Object.fromEntries(VM_KINDS.map((k) => [k, [...store.list(k)]])) as unknown as Record<VMKind, StoredObject[]>;
    const conv = converterConfig(opts.vmOperatorEnv);
    if (!proms.length) {
      for (const k of PO_MONITOR_KINDS) {
        if (!conv.enabled[k] && store.has(k)) diagnostics.push(diag('OPERATOR_NOT_SELECTED', 'info', `${k} objects are ignored: there is no Prometheus in the input and the VM operator's ${k} converter is disabled`, firstPos(store, [k])));
      }
    }
    for (const { kind, so } of convertAll(store, conv)) {
      const list = objects[kind as VMKind];
      if (list.some((o) => o.obj.metadata.namespace === so.obj.metadata.namespace && o.obj.metadata.name === so.obj.metadata.name)) {
        diagnostics.push(diag('OPERATOR_ASSUMED', 'info', `${so.convertedFrom.kind} ${so.convertedFrom.namespace}/${so.convertedFrom.name}: a ${kind} with the same name exists in the input; using it instead of the converter's output`, { ...so.origin.pos }));
        continue;
      }
      list.push(so);
    }
    for (const v of vmagents) {
      const ctx: VMCtx = {
        owner: v.owner,
        so: v.so,
        spec: v.spec,
        assets,
        tlsDir: opts.vmTlsAssetsDir ?? DEFAULT_VM_TLS_DIR,
        ignoreNamespaceSelectors: false,
        mustUseNodeSelector: bool(v.spec, 'daemonSetMode') === true,
        enforceEndpointSlices: (opts.vmOperatorEnv?.VM_VMSERVICESCRAPEDEFAULT_ENFORCEENDPOINTSLICES ?? '').toLowerCase() === 'true',
      };
      if (bool(v.spec, 'ignoreNamespaceSelectors')) {
        const o = originOf(v.so, 'VMAgent', v.owner.namespace, v.owner.name, ['ignoreNamespaceSelectors']);
        diagnostics.push(diag('OPERATOR_ASSUMED', 'info', `VMAgent ${v.owner.namespace}/${v.owner.name}: spec.ignoreNamespaceSelectors is not read by the current VM operator's config generator (namespaces come from each object's namespaceSelector)`, o.pos));
      }
      const sel = selectVMObjects(ctx, store, objects);
      diagnostics.push(...sel.diagnostics);
      const built = buildVMAgentConfig(ctx, sel.selected, shard);
      diagnostics.push(...built.diagnostics);
      for (const s of built.skipped) {
        const rec = sel.selection.find((r) => r.monitor.kind === s.kind && r.monitor.namespace === s.so.obj.metadata.namespace && r.monitor.name === s.so.obj.metadata.name);
        const o = originOf(s.so, s.kind, s.so.obj.metadata.namespace ?? 'default', s.so.obj.metadata.name, s.path);
        if (rec) {
          rec.outcome = 'rejected';
          rec.reason = `skipped while generating the config: ${s.message}`;
          rec.field = { kind: s.kind, namespace: s.so.obj.metadata.namespace ?? 'default', name: s.so.obj.metadata.name, path: `spec.${o.field}`, ...(o.pos ? { pos: o.pos } : {}) };
        }
        diagnostics.push(diag('OPERATOR_REJECTED', 'warning', `${s.kind} ${s.so.obj.metadata.namespace}/${s.so.obj.metadata.name} is skipped by VMAgent ${v.owner.namespace}/${v.owner.name}: ${s.message}`, o.pos ?? { ...s.so.origin.pos }));
      }
      selection.push(...sel.selection);
      configs.push(built.config);
    }
  }

  for (const kind of ['Prometheus', 'PrometheusAgent', 'VMAgent', ...PO_MONITOR_KINDS, ...VM_KINDS]) {
    for (const so of store.list(kind)) {
      for (const p of prunedFields(kind, obj(so.obj.spec) ?? {})) {
        const o = originOf(so, kind, so.obj.metadata.namespace ?? 'default', so.obj.metadata.name, p.path);
        diagnostics.push(diag('INVALID_FIELD', 'warning', `${kind} ${so.obj.metadata.namespace}/${so.obj.metadata.name}: ${p.message}`, o.pos ?? { ...so.origin.pos }));
      }
    }
  }
  for (const s of selection) {
    if (s.outcome !== 'not-selected') continue;
    const pos = s.field?.pos ?? s.monitor.pos;
    diagnostics.push(diag('OPERATOR_NOT_SELECTED', 'info', `${s.monitor.kind} ${s.monitor.namespace}/${s.monitor.name} is not selected by ${s.owner.kind} ${s.owner.namespace}/${s.owner.name}: ${s.reason ?? ''}`, pos));
  }
  return { configs, selection, diagnostics };
}

function ownerOf(so: StoredObject): OperatorOwner {
  return { kind: so.obj.kind as OperatorOwner['kind'], namespace: so.obj.metadata.namespace ?? 'default', name: so.obj.metadata.name, assumed: false };
}

/** Position of the first object of the given kinds (where an assumption about them is anchored). */
function firstPos(store: ObjectStore, kinds: readonly string[]): SourceRange | undefined {
  for (const k of kinds) {
    const so = store.list(k)[0];
    if (so) return { ...so.origin.pos };
  }
  return undefined;
}
