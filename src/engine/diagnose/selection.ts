// The first link: the operator never turned the monitor into a job. The operator layer already decided
// which monitors each Prometheus / PrometheusAgent / VMAgent selected and why not the others
// (RunResult.selection); here each verdict becomes a reason with the field to change and a fix:
//  - prometheus-operator pkg/prometheus/resource_selector.go selectObjects: a nil monitor selector selects
//    nothing, `{}` everything; pkg/operator SelectNamespacesFromCache: a nil namespace selector means the
//    Prometheus' own namespace only (prometheus-operator#1470 "release" label, #1331 matchNames pruned);
//    server/operator.go unmanagedPrometheusConfiguration: all four selectors nil → config not managed.
//  - VictoriaMetrics operator vmscrapes/objects.go select*, k8stools/selectors.go discoverNamespaces:
//    nil+nil without selectAllByDefault selects nothing; a selector without a namespace selector means
//    the VMAgent's namespace (VictoriaMetrics#7687); daemonSetMode selects only VMPodScrape (operator#1728).
//  - rejected monitors: prometheus-operator selectObjects' validation (checkServiceMonitor …), VM
//    ValidateObjects / ForEachCollectSkipNotFound.
import { readSelector } from '../operators/label-selector.ts';
import type { MonitorSelection } from '../operators/types.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import { OWNER_SELECTOR_KEYS } from '../operators/selector-keys.ts';
import { describeObj, fieldPath, objRef, offer, type Ctx, type Expectation } from './context.ts';
import { snippet, type EditValue } from './fix.ts';
import { FAMILY_OF, type DiagObject, type Diagnosis, type DiagnosisKind } from './types.ts';


const UPSTREAM_PO = 'prometheus-operator pkg/prometheus/resource_selector.go selectObjects and pkg/operator SelectNamespacesFromCache (nil selector = nothing, {} = everything; nil namespace selector = own namespace); prometheus-operator#1470, #1331';
const UPSTREAM_VM = 'VictoriaMetrics operator vmscrapes/objects.go select*, k8stools/selectors.go VisitSelected/discoverNamespaces; VictoriaMetrics#7687';

export function classify(s: MonitorSelection): DiagnosisKind {
  const r = s.reason ?? '';
  if (s.outcome === 'rejected') return 'monitor-rejected';
  if (/does not manage|are both nil and selectAllByDefault is false/.test(r)) return 'operator-unmanaged';
  if (/DaemonSet mode|daemonSetMode/.test(r)) return 'monitor-daemonset-mode';
  if (s.field?.path === 'metadata.labels') return 'monitor-labels-not-selected';
  if (s.field?.path.endsWith('NamespaceSelector') || /^Namespace /.test(r)) return 'monitor-namespace-not-selected';
  if (/Selector is nil, which selects no/.test(r)) return 'monitor-selector-nil';
  return 'monitor-not-selected';
}

/** One diagnosis per (monitor, owner) verdict, for monitors no owner selected. */
export function selectionDiagnoses(ctx: Ctx): Diagnosis[] {
  const key = (s: MonitorSelection) => `${s.monitor.kind}/${s.monitor.namespace}/${s.monitor.name}`;
  const selected = new Set(ctx.result.selection.filter((s) => s.outcome === 'selected').map(key));
  const out: Diagnosis[] = [];
  for (const s of ctx.result.selection) {
    if (s.outcome === 'selected' || selected.has(key(s))) continue;
    out.push(selectionDiagnosis(ctx, s));
  }
  return out;
}

export function selectionDiagnosis(ctx: Ctx, s: MonitorSelection): Diagnosis {
  const kind = classify(s);
  const store = ctx.result.store;
  const monitorKind = s.convertedFrom?.kind ?? s.monitor.kind;
  const monitorName = s.convertedFrom ?? s.monitor;
  const monitor = store.get(monitorKind, monitorName.namespace, monitorName.name);
  const owner = s.owner.assumed ? undefined : store.get(s.owner.kind, s.owner.namespace, s.owner.name);
  const ownerName = describeObj(s.owner);
  const monName = describeObj({ kind: monitorKind, namespace: monitorName.namespace, name: monitorName.name });
  const vm = s.owner.kind === 'VMAgent';
  const objects: DiagObject[] = [];
  if (monitor) objects.push(objRef(monitor, 'monitor'));
  else objects.push({ kind: monitorKind, namespace: monitorName.namespace, name: monitorName.name, role: 'monitor' });
  if (owner) objects.push(objRef(owner, 'owner'));
  else objects.push({ kind: s.owner.kind, namespace: s.owner.namespace, name: s.owner.name, role: 'owner' });
  const d: Diagnosis = {
    kind,
    family: FAMILY_OF[kind],
    severity: 'error',
    title: TITLES[kind],
    sentence: `${monName} is ${s.outcome === 'rejected' ? 'rejected' : 'not selected'} by ${ownerName}: ${s.reason ?? 'no reason given'}`,
    objects,
    instance: `${s.owner.kind} ${s.owner.namespace}/${s.owner.name}`,
    upstream: kind === 'monitor-daemonset-mode' ? (vm ? 'VictoriaMetrics operator vmagent/vmagent.go MustUseNodeSelector: daemonSetMode selects only VMPodScrape; operator#1728' : 'prometheus-operator pkg/prometheus/agent: mode DaemonSet renders only PodMonitors') : vm ? UPSTREAM_VM : UPSTREAM_PO,
  };
  const loc = s.field?.pos ?? (monitor ? { ...monitor.origin.pos } : undefined);
  if (loc) d.location = loc;
  if (s.field) d.locationField = `${describeObj(s.field)} ${s.field.path}`;
  if (s.convertedFrom) d.notes = [`converted by the VM operator into ${describeObj(s.monitor)}`];
  const expect: Expectation = { instance: d.instance as string, monitor: { kind: monitorKind, namespace: monitorName.namespace, name: monitorName.name } };
  suggest(ctx, d, s, kind, monitor, owner, expect);
  return d;
}

const TITLES: Record<DiagnosisKind, string> = {
  'operator-unmanaged': 'The operator does not manage this scraper’s config',
  'monitor-selector-nil': 'Monitor selector is nil (selects nothing)',
  'monitor-labels-not-selected': 'Monitor labels do not match the selector',
  'monitor-namespace-not-selected': 'Monitor namespace is not selected',
  'monitor-daemonset-mode': 'DaemonSet mode ignores this kind',
  'monitor-rejected': 'Monitor rejected by the operator',
  'monitor-not-selected': 'Monitor not selected',
} as Record<DiagnosisKind, string>;

function suggest(ctx: Ctx, d: Diagnosis, s: MonitorSelection, kind: DiagnosisKind, monitor: StoredObject | undefined, owner: StoredObject | undefined, expect: Expectation): void {
  const ed = ctx.editor;
  // The owner's selector keys for the kind it saw (a converted monitor is seen as its VM kind).
  const keys = (OWNER_SELECTOR_KEYS as Record<string, readonly [string, string] | undefined>)[s.monitor.kind];
  const ownerSpec = (owner?.obj.spec ?? {}) as Record<string, unknown>;
  const setOwner = (entries: Record<string, EditValue>, description: string) => {
    if (!owner) return;
    offer(ctx, d, { description, edits: ed.setEntries(owner, ['spec'], entries), yamlSnippet: snippet('spec', entries) }, expect);
  };
  switch (kind) {
    case 'operator-unmanaged':
      if (s.owner.kind === 'VMAgent') setOwner({ selectAllByDefault: true }, `set selectAllByDefault: true in ${describeObj(s.owner)}`);
      else if (keys) setOwner({ [keys[0]]: {} }, `set ${keys[0]}: {} in ${describeObj(s.owner)} (selects every ${s.monitor.kind})`);
      return;
    case 'monitor-selector-nil':
      if (keys) setOwner({ [keys[0]]: {} }, `set ${keys[0]}: {} in ${describeObj(s.owner)} (selects every ${s.monitor.kind})`);
      return;
    case 'monitor-daemonset-mode':
      if (s.owner.kind === 'VMAgent') setOwner({ daemonSetMode: false }, `turn off daemonSetMode in ${describeObj(s.owner)} (or scrape the pods with a VMPodScrape instead)`);
      else setOwner({ mode: 'StatefulSet' }, `run ${describeObj(s.owner)} as a StatefulSet (or scrape the pods with a PodMonitor instead)`);
      return;
    case 'monitor-labels-not-selected': {
      const sel = keys ? readSelector(ownerSpec[keys[0]]) : undefined;
      if (!sel || !monitor) return;
      const want: Record<string, string> = {};
      const have = monitor.obj.metadata.labels ?? {};
      for (const [k, v] of Object.entries(sel.matchLabels)) if (have[k] !== v) want[k] = v;
      for (const e of sel.matchExpressions) if (e.operator === 'In' && e.values[0] !== undefined && !e.values.includes(have[e.key] ?? '\u0000')) want[e.key] = e.values[0];
      if (!Object.keys(want).length) return;
      const labels = Object.entries(want).map(([k, v]) => `${k}: ${v}`).join(', ');
      offer(ctx, d, { description: `add the label${Object.keys(want).length > 1 ? 's' : ''} ${labels} to ${describeObj({ kind: monitor.obj.kind, namespace: monitor.obj.metadata.namespace, name: monitor.obj.metadata.name })}`, edits: ed.setEntries(monitor, ['metadata', 'labels'], want), yamlSnippet: snippet('labels', want) }, expect);
      return;
    }
    case 'monitor-namespace-not-selected': {
      if (!keys) return;
      const nsSel = readSelector(ownerSpec[keys[1]]);
      const ns = s.monitor.namespace;
      if (nsSel && Object.keys(nsSel.matchLabels).length) {
        const nsObj = ctx.result.store.get('Namespace', undefined, ns);
        const labels = nsSel.matchLabels;
        if (nsObj && !nsObj.origin.implied && !nsObj.origin.simulated) {
          offer(ctx, d, { description: `label Namespace ${ns} with ${Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ')}`, edits: ed.setEntries(nsObj, ['metadata', 'labels'], labels), yamlSnippet: snippet('labels', labels) }, expect);
        } else if (monitor && !monitor.origin.simulated) {
          const doc = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n${Object.entries(labels).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n')}\n`;
          offer(ctx, d, { description: `declare Namespace ${ns} with the labels ${keys[1]} asks for`, edits: ed.appendDocument(monitor.origin.file, doc), yamlSnippet: doc }, expect);
        }
      }
      setOwner({ [keys[1]]: {} }, `set ${keys[1]}: {} in ${describeObj(s.owner)} (monitors in every namespace)`);
      return;
    }
    case 'monitor-rejected': {
      const m = /greater than scrapeInterval "([^"]+)"/.exec(s.reason ?? '');
      if (m && monitor && s.field) {
        const path = fieldPath(s.field.path);
        offer(ctx, d, { description: `lower ${s.field.path} to ${m[1]} (a scrape timeout may not exceed the interval)`, edits: ed.replaceValue(monitor, path, m[1] as string), yamlSnippet: `scrapeTimeout: ${m[1]}` }, expect);
      }
      return;
    }
    default:
      return;
  }
}
