// Which VM scrape objects a VMAgent picks up (VictoriaMetrics operator vmscrapes/objects.go select*,
// k8stools/selectors.go VisitSelected/discoverNamespaces) and which ValidateObjects() rejects.
import { diag, type Diagnostic } from '../diagnostics.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';
import { describeSelector, EMPTY_SELECTOR, matchSelector, readSelector, selectorError, type LabelSelector } from './label-selector.ts';
import { describeLabels } from './prometheus-selection.ts';
import { schemaError } from './schema.ts';
import type { MonitorSelection } from './types.ts';
import { bool, goLess, isObj, obj, objList, originOf, str, type Obj, type Path } from './values.ts';
import { vmOrigin, type VMCtx } from './vm-common.ts';

import { OWNER_SELECTOR_KEYS } from './selector-keys.ts';

export const VM_KINDS = ['VMServiceScrape', 'VMPodScrape', 'VMProbe', 'VMNodeScrape', 'VMStaticScrape', 'VMScrapeConfig'] as const;
export type VMKind = (typeof VM_KINDS)[number];

const SELECTORS: Record<VMKind, readonly [sel: string, nsSel: string]> = OWNER_SELECTOR_KEYS;

/** Where each kind keeps its endpoints (for the arbitrary-FS-access check). */
const ENDPOINTS: Record<VMKind, string | undefined> = {
  VMServiceScrape: 'endpoints',
  VMPodScrape: 'podMetricsEndpoints',
  VMStaticScrape: 'targetEndpoints',
  VMNodeScrape: undefined,
  VMProbe: undefined,
  VMScrapeConfig: undefined,
};

export type VMSelected = Record<VMKind, StoredObject[]>;

export interface VMRejection {
  message: string;
  path: Path;
}

export function selectVMObjects(ctx: VMCtx, store: ObjectStore, objects: Record<VMKind, StoredObject[]>): { selected: VMSelected; selection: MonitorSelection[]; diagnostics: Diagnostic[] } {
  const selected = Object.fromEntries(VM_KINDS.map((k) => [k, [] as StoredObject[]])) as unknown as VMSelected;
  const selection: MonitorSelection[] = [];
  const diagnostics: Diagnostic[] = [];
  const { owner } = ctx;
  const ownerName = `${owner.kind} ${owner.namespace}/${owner.name}`;
  const selectAll = bool(ctx.spec, 'selectAllByDefault') === true;
  const ingestOnly = bool(ctx.spec, 'ingestOnlyMode') === true;
  const ownerField = (path: string) => {
    const o = vmOrigin(ctx, path.split('.'));
    return { kind: owner.kind, namespace: owner.namespace, name: owner.name, path: `spec.${path}`, ...(o.pos ? { pos: o.pos } : {}) };
  };

  for (const kind of VM_KINDS) {
    const list = objects[kind];
    if (!list.length) continue;
    const [selKey, nsKey] = SELECTORS[kind];
    const record = (so: StoredObject, outcome: MonitorSelection['outcome'], reason?: string, field?: MonitorSelection['field']) => {
      const s: MonitorSelection = { monitor: { kind, namespace: so.obj.metadata.namespace ?? 'default', name: so.obj.metadata.name, pos: so.origin.pos }, owner, outcome };
      if (reason) s.reason = reason;
      if (field) s.field = field;
      const from = (so as StoredObject & { convertedFrom?: MonitorSelection['convertedFrom'] }).convertedFrom;
      if (from) s.convertedFrom = from;
      selection.push(s);
    };
    const sel = readSelector(ctx.spec[selKey]);
    const nsSel = readSelector(ctx.spec[nsKey]);
    if (ingestOnly) {
      for (const so of list) record(so, 'not-selected', `${ownerName} has ingestOnlyMode: true and scrapes nothing`, ownerField('ingestOnlyMode'));
      continue;
    }
    if (ctx.mustUseNodeSelector && kind !== 'VMPodScrape') {
      for (const so of list) record(so, 'not-selected', `${ownerName} has daemonSetMode: true, which selects only VMPodScrape objects`, ownerField('daemonSetMode'));
      continue;
    }
    if (!sel && !nsSel && !selectAll) {
      for (const so of list) record(so, 'not-selected', `${selKey} and ${nsKey} are both nil and selectAllByDefault is false: ${ownerName} selects no ${kind}`, ownerField(selKey));
      continue;
    }
    const bad = (sel && selectorError(sel)) || (nsSel && selectorError(nsSel));
    if (bad) {
      diagnostics.push(diag('OPERATOR_REJECTED', 'error', `${ownerName}: cannot convert selector (${bad}); selecting ${kind} objects fails`, ownerField(selKey).pos));
      for (const so of list) record(so, 'not-selected', `${ownerName}'s selector is invalid: ${bad}`, ownerField(selKey));
      continue;
    }
    // discoverNamespaces: object selector alone → the VMAgent's namespace; a namespace selector `{}` →
    // every namespace; otherwise Namespaces by labels (none matching → nothing at all).
    let namespaces: Set<string> | 'all';
    if (sel && !nsSel) namespaces = new Set([owner.namespace]);
    else if (nsSel) namespaces = isEmpty(nsSel) ? 'all' : new Set(store.list('Namespace').filter((n) => matchSelector(nsSel, n.obj.metadata.labels)).map((n) => n.obj.metadata.name));
    else namespaces = 'all';
    const chosen: StoredObject[] = [];
    for (const so of list) {
      const ns = so.obj.metadata.namespace ?? 'default';
      if (namespaces !== 'all' && !namespaces.has(ns)) {
        const reason = nsSel && namespaces.size === 0
          ? `${nsKey} ${describeSelector(nsSel)} matches no Namespace, so ${ownerName} selects no ${kind} at all`
          : nsSel
          ? `Namespace ${ns} (labels ${describeLabels(store.get('Namespace', undefined, ns)?.obj.metadata.labels)}) does not match ${nsKey} ${describeSelector(nsSel)}`
          : `${nsKey} is nil while ${selKey} is set, which selects only ${ownerName}'s own namespace ${owner.namespace}, not ${ns} (selectAllByDefault does not widen it)`;
        record(so, 'not-selected', reason, ownerField(nsKey));
        continue;
      }
      if (sel && !matchSelector(sel, so.obj.metadata.labels)) {
        const o = originOf(so, kind, ns, so.obj.metadata.name, ['metadata', 'labels']);
        record(so, 'not-selected', `labels ${describeLabels(so.obj.metadata.labels)} do not match ${selKey} ${describeSelector(sel)}`, { kind, namespace: ns, name: so.obj.metadata.name, path: 'metadata.labels', ...(o.pos ? { pos: o.pos } : {}) });
        continue;
      }
      if (so.obj.metadata.deletionTimestamp) {
        record(so, 'not-selected', 'the object is being deleted (metadata.deletionTimestamp is set)');
        continue;
      }
      const rej = schemaError(kind, obj(so.obj.spec) ?? {}) ?? validateVMObject(ctx, kind, obj(so.obj.spec) ?? {});
      if (rej) {
        const o = originOf(so, kind, ns, so.obj.metadata.name, rej.path);
        record(so, 'rejected', rej.message, { kind, namespace: ns, name: so.obj.metadata.name, path: o.field === 'spec' ? 'spec' : `spec.${o.field}`, ...(o.pos ? { pos: o.pos } : {}) });
        diagnostics.push(diag('OPERATOR_REJECTED', 'warning', `${kind} ${ns}/${so.obj.metadata.name} was rejected by ${ownerName}: ${rej.message}`, o.pos ?? { ...so.origin.pos }));
        continue;
      }
      record(so, 'selected');
      chosen.push(so);
    }
    // build.NewChildObjects orders objects by "namespace/name".
    chosen.sort((a, b) => goLess(`${a.obj.metadata.namespace}/${a.obj.metadata.name}`, `${b.obj.metadata.namespace}/${b.obj.metadata.name}`));
    selected[kind] = chosen;
  }
  return { selected, selection, diagnostics };
}

const isEmpty = (s: LabelSelector) => Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0;

/** ValidateObjects(): arbitrary FS access (when denied), unknown scrape class, unparsable selectors. */
export function validateVMObject(ctx: VMCtx, kind: VMKind, spec: Obj): VMRejection | undefined {
  if (bool(obj(ctx.spec.arbitraryFSAccessThroughSMs), 'deny') === true) {
    const epKey = ENDPOINTS[kind];
    const eps = epKey ? objList(spec, epKey).map((e, i) => ({ e, path: [epKey, i] as Path })) : [{ e: spec, path: [] as Path }];
    for (const { e, path } of eps) {
      const fs = fsAccessError(e);
      if (fs) return { message: fs, path };
    }
  }
  const sc = str(spec, 'scrapeClass');
  if (sc !== undefined && !objList(ctx.spec, 'scrapeClasses').some((c) => str(c, 'name') === sc)) return { message: `scrape class "${sc}" not supported`, path: ['scrapeClass'] };
  if (kind === 'VMServiceScrape' || kind === 'VMPodScrape') {
    const e = selectorError(readSelector(spec.selector) ?? EMPTY_SELECTOR);
    if (e) return { message: e, path: ['selector'] };
  }
  if (kind === 'VMProbe') {
    const targets = obj(spec.targets) ?? {};
    for (const [i, t] of objList(targets, 'kubernetes').entries()) {
      if (!str(t, 'role')) return { message: `spec.targets.kubernetes[${i}].role is required`, path: ['targets', 'kubernetes', i] };
      const e = selectorError(readSelector(t.selector) ?? EMPTY_SELECTOR);
      if (e) return { message: `invalid spec.targets.kubernetes[${i}].selector: ${e}`, path: ['targets', 'kubernetes', i, 'selector'] };
    }
    if (isObj(targets.staticConfig) && isObj(targets.static)) return { message: 'both spec.targets.staticConfig and spec.targets.static are set, which is not allowed. Use spec.targets.static', path: ['targets'] };
    const ing = obj(targets.ingress);
    const e = ing && selectorError(readSelector(ing.selector) ?? EMPTY_SELECTOR);
    if (e) return { message: `invalid spec.targets.ingress.selector: ${e}`, path: ['targets', 'ingress', 'selector'] };
  }
  return undefined;
}

/** EndpointScrapeParams.ValidateArbitraryFSAccess. */
function fsAccessError(e: Obj): string | undefined {
  const props: string[] = [];
  if (str(e, 'bearerTokenFile')) props.push('bearerTokenFile');
  if (str(obj(e.basicAuth), 'password_file')) props.push('basicAuth.passwordFile');
  if (str(obj(e.oauth2), 'client_secret_file')) props.push('oauth2.clientSecretFile');
  if (str(obj(e.authorization), 'credentialsFile')) props.push('authorization.credentialsFile');
  const t = obj(e.tlsConfig);
  if (t) {
    if (isObj(t.ca) && str(t, 'caFile')) return 'endpoint auth contains prohibited properties for arbitrary filesystem access mode: tls config can not both specify CAFile and CA';
    if (str(t, 'caFile')) props.push('tlsConfig.caFile');
    if (str(t, 'certFile')) props.push('tlsConfig.certFile');
    if (str(t, 'keyFile')) props.push('tlsConfig.keyFile');
  }
  if (props.length) return `endpoint auth contains prohibited properties for arbitrary filesystem access mode: ${props.join(', ')} are prohibited`;
  const pc = obj(obj(e.vm_scrape_params)?.proxy_client_config);
  if (pc) {
    const p: string[] = [];
    if (str(pc, 'bearer_token_file')) p.push('bearer_token_file');
    if (str(obj(pc.basic_auth), 'password_file')) p.push('basic_auth.passwordFile');
    if (str(obj(pc.oauth2), 'client_secret_file')) p.push('oauth2.clientSecretFile');
    if (str(obj(pc.authorization), 'credentialsFile')) p.push('authorization.credentialsFile');
    const pt = obj(pc.tls_config);
    for (const [f, n] of [['caFile', 'tlsConfig.caFile'], ['certFile', 'tlsConfig.certFile'], ['keyFile', 'tlsConfig.keyFile']] as const) if (str(pt, f)) p.push(n);
    if (p.length) return `endpoint proxy auth contains prohibited properties for arbitrary filesystem access mode: ${p.join(', ')} are prohibited`;
  }
  return undefined;
}
