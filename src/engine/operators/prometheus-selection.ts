// Which ServiceMonitors, PodMonitors, Probes and ScrapeConfigs a Prometheus / PrometheusAgent picks up
// (prometheus-operator pkg/prometheus/resource_selector.go selectObjects, pkg/operator/operator.go
// SelectNamespacesFromCache, server/operator.go unmanagedPrometheusConfiguration), and why the others
// are not selected or are rejected.
import { diag, type Diagnostic } from '../diagnostics.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';
import type { Assets } from './assets.ts';
import { describeSelector, matchSelector, readSelector, selectorError } from './label-selector.ts';
import { DEFAULT_PROMETHEUS_VERSION, promOrigin, type PromCtx, type ScrapeClassRef } from './po-common.ts';
import { checkPodMonitor, checkProbe, checkScrapeConfig, checkServiceMonitor, type Rejection } from './po-validate.ts';
import { schemaError } from './schema.ts';
import type { MonitorSelection, OperatorOwner } from './types.ts';
import { bool, goLess, int, objList, obj, originOf, parsePromDuration, parseVersion, str, type Obj } from './values.ts';

export interface PromSelected {
  ServiceMonitor: StoredObject[];
  PodMonitor: StoredObject[];
  Probe: StoredObject[];
  ScrapeConfig: StoredObject[];
}

import { OWNER_SELECTOR_KEYS } from './selector-keys.ts';

export const PO_MONITOR_KINDS = ['ServiceMonitor', 'PodMonitor', 'Probe', 'ScrapeConfig'] as const;
type MonitorKind = (typeof PO_MONITOR_KINDS)[number];

const keysOf = (k: MonitorKind) => ({ sel: OWNER_SELECTOR_KEYS[k][0], nsSel: OWNER_SELECTOR_KEYS[k][1] });

const KINDS: { kind: MonitorKind; sel: string; nsSel: string; check: (ctx: PromCtx, ns: string, spec: Obj) => Rejection | undefined }[] = [
  { kind: 'ServiceMonitor', ...keysOf('ServiceMonitor'), check: checkServiceMonitor },
  { kind: 'PodMonitor', ...keysOf('PodMonitor'), check: checkPodMonitor },
  { kind: 'Probe', ...keysOf('Probe'), check: checkProbe },
  { kind: 'ScrapeConfig', ...keysOf('ScrapeConfig'), check: checkScrapeConfig },
];

export interface PromOptions {
  shardRetention: boolean;
}

/** The generator context for one Prometheus/PrometheusAgent (an assumed one has `so` undefined). */
/** Most shards the simulator renders (the operator itself has no limit). */
export const MAX_SHARDS = 10_000;

export function buildPromCtx(owner: OperatorOwner, so: StoredObject | undefined, spec: Obj, assets: Assets, opts: PromOptions): { ctx: PromCtx; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const where = so ? (so.locate?.(['spec']) ?? { ...so.origin.pos }) : undefined;
  const rawVersion = str(spec, 'version');
  let version = parseVersion(rawVersion ?? DEFAULT_PROMETHEUS_VERSION);
  if (!version) {
    diagnostics.push(diag('OPERATOR_REJECTED', 'error', `${owner.kind} ${owner.namespace}/${owner.name}: failed to parse Prometheus version "${rawVersion}"; assuming ${DEFAULT_PROMETHEUS_VERSION}`, so?.locate?.(['spec', 'version']) ?? where));
    version = parseVersion(DEFAULT_PROMETHEUS_VERSION) as [number, number, number];
  }
  const scrapeClasses = new Map<string, ScrapeClassRef>();
  let defaultClass: string | undefined;
  objList(spec, 'scrapeClasses').forEach((cls, index) => {
    const name = str(cls, 'name') ?? '';
    if (bool(cls, 'default')) {
      if (defaultClass !== undefined) {
        diagnostics.push(diag('OPERATOR_REJECTED', 'error', `${owner.kind} ${owner.namespace}/${owner.name}: multiple default scrape classes defined; the operator fails to generate the configuration`, so?.locate?.(['spec', 'scrapeClasses', index]) ?? where));
      }
      defaultClass = name;
    }
    scrapeClasses.set(name, { cls, index });
  });
  let shards = Math.max(1, int(spec, 'shards') ?? 1);
  if (shards > MAX_SHARDS) {
    // The operator would render a keep regex listing every shard and one StatefulSet per shard; past this
    // many the page would run out of memory, and no real Prometheus runs that many shards.
    diagnostics.push(diag('OPERATOR_REJECTED', 'warning', `${owner.kind} ${owner.namespace}/${owner.name}: shards ${shards} is more than the simulator renders; using ${MAX_SHARDS}`, so?.locate?.(['spec', 'shards']) ?? where));
    shards = MAX_SHARDS;
  }
  const agent = owner.kind === 'PrometheusAgent';
  const ctx: PromCtx = {
    owner,
    so,
    spec,
    version,
    agent,
    daemonSet: agent && str(spec, 'mode') === 'DaemonSet',
    scrapeClasses,
    defaultClass,
    shards,
    shardRetention: opts.shardRetention,
    assets,
  };
  const timeout = str(spec, 'scrapeTimeout');
  if (timeout) {
    const si = parsePromDuration(str(spec, 'scrapeInterval') ?? '30s');
    const st = parsePromDuration(timeout);
    if (si !== undefined && st !== undefined && st > si) {
      diagnostics.push(diag('OPERATOR_REJECTED', 'error', `${owner.kind} ${owner.namespace}/${owner.name}: scrapeTimeout "${timeout}" greater than scrapeInterval "${str(spec, 'scrapeInterval') ?? '30s'}"; the operator fails to generate the configuration`, so?.locate?.(['spec', 'scrapeTimeout']) ?? where));
    }
  }
  return { ctx, diagnostics };
}

/** Server only: with every monitor selector nil the operator leaves the config alone (no jobs at all). */
export function isUnmanaged(ctx: PromCtx): boolean {
  return !ctx.agent && KINDS.every((k) => ctx.spec[k.sel] === undefined || ctx.spec[k.sel] === null);
}

export function selectPrometheusMonitors(ctx: PromCtx, store: ObjectStore): { selected: PromSelected; selection: MonitorSelection[]; diagnostics: Diagnostic[] } {
  const selected: PromSelected = { ServiceMonitor: [], PodMonitor: [], Probe: [], ScrapeConfig: [] };
  const selection: MonitorSelection[] = [];
  const diagnostics: Diagnostic[] = [];
  const { owner } = ctx;
  const ownerName = `${owner.kind} ${owner.namespace}/${owner.name}`;
  const field = (path: string) => ({ kind: owner.kind, namespace: owner.namespace, name: owner.name, path, ...posOf(ctx, path) });
  const unmanaged = isUnmanaged(ctx);

  for (const k of KINDS) {
    const monitors = store.list(k.kind);
    if (!monitors.length) continue;
    const record = (so: StoredObject, outcome: MonitorSelection['outcome'], reason?: string, f?: MonitorSelection['field']) => {
      const s: MonitorSelection = { monitor: { kind: k.kind, namespace: so.obj.metadata.namespace ?? 'default', name: so.obj.metadata.name, pos: so.origin.pos }, owner, outcome };
      if (reason) s.reason = reason;
      if (f) s.field = f;
      selection.push(s);
    };
    if (unmanaged) {
      for (const so of monitors) {
        record(so, 'not-selected', `the operator does not manage ${ownerName}'s configuration: serviceMonitorSelector, podMonitorSelector, probeSelector and scrapeConfigSelector are all nil (set one, e.g. ${k.sel}: {})`, field(`spec.${k.sel}`));
      }
      continue;
    }
    const sel = readSelector(ctx.spec[k.sel]);
    const nsSel = readSelector(ctx.spec[k.nsSel]);
    const bad = (sel && selectorError(sel)) || (nsSel && selectorError(nsSel));
    if (bad) {
      diagnostics.push(diag('OPERATOR_REJECTED', 'error', `${ownerName}: ${sel && selectorError(sel) ? k.sel : k.nsSel} is invalid (${bad}); the operator fails to select ${k.kind}s`, posOf(ctx, `spec.${k.sel}`).pos));
      for (const so of monitors) record(so, 'not-selected', `${ownerName}'s selector is invalid: ${bad}`, field(`spec.${k.sel}`));
      continue;
    }
    const namespaces = selectedNamespaces(ctx, store, nsSel);
    const chosen: StoredObject[] = [];
    for (const so of monitors) {
      const ns = so.obj.metadata.namespace ?? 'default';
      if (!namespaces.has(ns)) {
        const reason = nsSel
          ? `Namespace ${ns} (labels ${describeLabels(store.get('Namespace', undefined, ns)?.obj.metadata.labels)}) does not match ${k.nsSel} ${describeSelector(nsSel)}`
          : `${k.nsSel} is nil, which selects only ${ownerName}'s own namespace ${owner.namespace}, not ${ns} ({} selects all namespaces)`;
        record(so, 'not-selected', reason, field(`spec.${k.nsSel}`));
        continue;
      }
      if (!sel) {
        record(so, 'not-selected', `${k.sel} is nil, which selects no ${k.kind} ({} selects all)`, field(`spec.${k.sel}`));
        continue;
      }
      if (!matchSelector(sel, so.obj.metadata.labels)) {
        const mf = originOf(so, k.kind, ns, so.obj.metadata.name, ['metadata', 'labels']);
        record(so, 'not-selected', `labels ${describeLabels(so.obj.metadata.labels)} do not match ${k.sel} ${describeSelector(sel)}`, { kind: k.kind, namespace: ns, name: so.obj.metadata.name, path: 'metadata.labels', ...(mf.pos ? { pos: mf.pos } : {}) });
        continue;
      }
      if (ctx.daemonSet && k.kind !== 'PodMonitor') {
        record(so, 'not-selected', `${ownerName} runs in DaemonSet mode, which renders only PodMonitors`, field('spec.mode'));
        continue;
      }
      const rej = schemaError(k.kind, obj(so.obj.spec) ?? {}) ?? k.check(ctx, ns, obj(so.obj.spec) ?? {});
      if (rej) {
        const o = originOf(so, k.kind, ns, so.obj.metadata.name, rej.path);
        record(so, 'rejected', rej.message, { kind: k.kind, namespace: ns, name: so.obj.metadata.name, path: o.field === 'spec' ? 'spec' : `spec.${o.field}`, ...(o.pos ? { pos: o.pos } : {}) });
        diagnostics.push(diag('OPERATOR_REJECTED', 'warning', `${k.kind} ${ns}/${so.obj.metadata.name} was rejected by ${ownerName} due to invalid configuration: ${rej.message}`, o.pos ?? { ...so.origin.pos }));
        continue;
      }
      record(so, 'selected');
      chosen.push(so);
    }
    // Within a kind, jobs follow the byte-wise order of "namespace/name".
    chosen.sort((a, b) => goLess(`${a.obj.metadata.namespace}/${a.obj.metadata.name}`, `${b.obj.metadata.namespace}/${b.obj.metadata.name}`));
    selected[k.kind] = chosen;
  }
  return { selected, selection, diagnostics };
}

/** SelectNamespacesFromCache: nil → the Prometheus' own namespace; otherwise Namespaces by labels. */
function selectedNamespaces(ctx: PromCtx, store: ObjectStore, nsSel: ReturnType<typeof readSelector>): Set<string> {
  if (!nsSel) return new Set([ctx.owner.namespace]);
  const out = new Set<string>();
  for (const n of store.list('Namespace')) if (matchSelector(nsSel, n.obj.metadata.labels)) out.add(n.obj.metadata.name);
  return out;
}

function posOf(ctx: PromCtx, path: string): { pos?: ReturnType<typeof promOrigin>['pos'] } {
  const o = promOrigin(ctx, path.replace(/^spec\./, '').split('.'));
  return o.pos ? { pos: o.pos } : {};
}

export function describeLabels(l: Record<string, string> | undefined): string {
  const e = Object.entries(l ?? {});
  return e.length ? `{${e.map(([k, v]) => `${k}: ${v}`).join(', ')}}` : '{} (none)';
}
