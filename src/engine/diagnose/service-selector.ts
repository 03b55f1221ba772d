// The Service links of the chain, for endpoints/endpointslice/service jobs:
//  - the monitor's selector (its keep rules on __meta_kubernetes_service_label_*) matches no Service:
//    prometheus-operator promcfg.go / VM operator addSelectorToRelabelingFor turn `spec.selector` into keep
//    rules on SERVICE labels;
//  - … but it matches the Pods' labels: the classic "selector written against the Deployment"
//    (prometheus-operator#4007, #2731);
//  - the Service itself selects no Pods (Kubernetes endpoints controller: labels.SelectorFromSet over the
//    namespace's pods), its pods are not running, or its named targetPort is no container port name
//    (pkg/api/v1/pod/util.go FindPort) — each leaves the Endpoints empty, so there is no target at all.
import { sanitizeLabelName } from '../discovery/common.ts';
import { findPort } from '../cluster/services.ts';
import type { Pod, Service, StoredObject } from '../ingest/kinds.ts';
import type { Labels } from '../labels.ts';
import { ruleRef } from '../relabel/summary.ts';
import type { RelabelRule } from '../relabel/types.ts';
import { allTargets, describeObj, editDistance, expectFor, fieldPath, fieldRange, list, nearest, objRef, offer, passes, pathText, podSource, quote, valueFor, type Ctx, type JobCtx } from './context.ts';
import { watchedNamespaces } from './namespaces.ts';
import { podsNotRunning } from './readiness.ts';
import { literalsOf, monitorObject, ruleFamily, ruleRelated } from './relabel.ts';
import { FAMILY_OF, type Diagnosis, type DiagnosisKind } from './types.ts';

const UPSTREAM_SELECTOR = 'prometheus-operator promcfg.go generateServiceMonitorConfig / VM operator vmscrapes addSelectorToRelabelingFor (spec.selector → keep rules on __meta_kubernetes_service_label_*: Service labels, not Pod labels); prometheus-operator#4007, #2731';
const UPSTREAM_ENDPOINTS = 'Kubernetes endpoints/endpointslice controllers (Service spec.selector over the namespace’s Pods; FindPort for a named targetPort, pkg/api/v1/pod/util.go); an empty Endpoints object gives prometheus/vmagent no target';

/** The meta labels discovery gives a Service (namespace, name, labels, annotations and their *present twins). */
export function serviceMeta(svc: Service): Labels {
  return objectMeta('service', svc.metadata);
}

export function podMeta(p: Pod): Labels {
  return { ...objectMeta('pod', p.metadata), __meta_kubernetes_pod_name: p.metadata.name };
}

function objectMeta(role: string, m: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }): Labels {
  const l: Labels = { __meta_kubernetes_namespace: m.namespace ?? '', [`__meta_kubernetes_${role}_name`]: m.name };
  for (const [k, v] of Object.entries(m.labels ?? {})) {
    l[`__meta_kubernetes_${role}_label_${sanitizeLabelName(k)}`] = v;
    l[`__meta_kubernetes_${role}_labelpresent_${sanitizeLabelName(k)}`] = 'true';
  }
  for (const [k, v] of Object.entries(m.annotations ?? {})) {
    l[`__meta_kubernetes_${role}_annotation_${sanitizeLabelName(k)}`] = v;
    l[`__meta_kubernetes_${role}_annotationpresent_${sanitizeLabelName(k)}`] = 'true';
  }
  return l;
}

/** The job's keep/drop rules that read only Service metadata (the monitor's service selector). */
export function serviceRules(jc: JobCtx): RelabelRule[] {
  return jc.job.relabelConfigs.filter((r) => (r.action === 'keep' || r.action === 'drop') && ruleFamily(r) === 'selection' && (r.sourceLabels ?? []).every((s) => s.startsWith('__meta_kubernetes_service_') || s === '__meta_kubernetes_namespace'));
}

const ok = (r: RelabelRule, l: Labels): boolean => passes(r, valueFor(r, l));

/** Does the job's service selector (its rules on Service metadata) accept this Service? */
export function serviceMatchesJob(jc: JobCtx, svc: Service): boolean {
  const meta = serviceMeta(svc);
  return serviceRules(jc).every((r) => ok(r, meta));
}

/** The same rule reading the Pod's labels instead of the Service's. */
function asPodRule(r: RelabelRule): RelabelRule {
  return { ...r, sourceLabels: (r.sourceLabels ?? []).map((s) => s.replace(/^__meta_kubernetes_service_(label|labelpresent|annotation|annotationpresent)_/, '__meta_kubernetes_pod_$1_').replace(/^__meta_kubernetes_service_name$/, '__meta_kubernetes_pod_name')) };
}

function inputObject<T extends StoredObject>(so: T): boolean {
  return !so.origin.simulated && !so.origin.implied;
}

export function podsSelectedBy(ctx: Ctx, svc: Service): StoredObject<Pod>[] {
  const sel = Object.entries(svc.spec?.selector ?? {});
  if (!sel.length) return [];
  return ctx.result.store.list<Pod>('Pod', svc.metadata.namespace).filter((p) => sel.every(([k, v]) => p.obj.metadata.labels?.[k] === v));
}

function base(kind: DiagnosisKind, title: string, sentence: string, jc: JobCtx, upstream: string): Diagnosis {
  return { kind, family: FAMILY_OF[kind], severity: 'error', title, sentence, objects: monitorObject(jc), instance: jc.inst.name, job: jc.job.jobName, upstream };
}

/** For a job with no target past its selector: which Service link is broken. */
export function serviceSelectorDiagnoses(ctx: Ctx, jc: JobCtx): Diagnosis[] {
  const roles = new Set(jc.job.sdConfigs.map((s) => s.role));
  if (![...roles].some((r) => r === 'endpoints' || r === 'endpointslice' || r === 'service')) return [];
  const rules = serviceRules(jc);
  const nss = new Set(jc.job.sdConfigs.flatMap((sd) => watchedNamespaces(ctx, sd)));
  const inScope = (ns: string | undefined) => nss.has('') || nss.has(ns ?? '');
  const services = ctx.result.store.list<Service>('Service').filter((s) => inScope(s.obj.metadata.namespace));
  const matching = services.filter((s) => rules.every((r) => ok(r, serviceMeta(s.obj))));
  if (!matching.length) return [noService(ctx, jc, rules, services, inScope)];
  // Services the selector matches but that gave the job no target at all: their Endpoints are empty.
  const withTargets = new Set(allTargets(jc.targets).map((t) => `${t.discoveredLabels.__meta_kubernetes_namespace}/${t.discoveredLabels.__meta_kubernetes_service_name}`));
  const out: Diagnosis[] = [];
  for (const s of matching) {
    if (withTargets.has(`${s.obj.metadata.namespace}/${s.obj.metadata.name}`)) continue;
    const d = emptyService(ctx, jc, s);
    if (d) out.push(d);
  }
  return out;
}

function noService(ctx: Ctx, jc: JobCtx, rules: RelabelRule[], services: StoredObject<Service>[], inScope: (ns: string | undefined) => boolean): Diagnosis {
  const who = jc.monitor ? describeObj({ kind: jc.monitor.obj.kind, namespace: jc.monitor.obj.metadata.namespace, name: jc.monitor.obj.metadata.name }) : `job ${jc.job.jobName}`;
  const selField = jc.monitor ? ['spec', 'selector'] : undefined;
  const locate = (d: Diagnosis) => {
    if (jc.monitor && selField) {
      d.location = fieldRange(jc.monitor, selField);
      d.locationField = `${who} spec.selector`;
    } else if (rules[0]) {
      d.location = rules[0].pos;
      d.locationField = `job ${jc.job.jobName} relabel_configs[${rules[0].index}]`;
      d.rule = ruleRef(rules[0]);
    }
  };
  // Pods that the selector, read against Pod labels, would match: the selector was written for the Pods.
  const podRules = rules.map(asPodRule);
  const pods = ctx.result.store.list<Pod>('Pod').filter((p) => inScope(p.obj.metadata.namespace) && podRules.every((r) => ok(r, podMeta(p.obj))));
  if (pods.length && rules.length) {
    const svcs = services.filter((s) => podsSelectedBy(ctx, s.obj).some((p) => pods.includes(p)));
    const sample = pods[0] as StoredObject<Pod>;
    const want: Record<string, string> = {};
    for (const r of rules) {
      if (r.action !== 'keep') continue;
      for (const s of r.sourceLabels ?? []) {
        const m = /^__meta_kubernetes_service_label(?:present)?_(.+)$/.exec(s);
        if (!m) continue;
        const key = Object.keys(sample.obj.metadata.labels ?? {}).find((k) => sanitizeLabelName(k) === m[1]);
        if (key !== undefined) want[key] = sample.obj.metadata.labels?.[key] as string;
      }
    }
    const labels = Object.entries(want).map(([k, v]) => `${k}: ${v}`).join(', ');
    if (!svcs.length) {
      const d = base('pod-not-selected-by-service', 'The selector matches Pods, and no Service selects them', `${who} selects Services by their labels (${labels}), but only Pods carry them (${list(pods.map((p) => p.obj.metadata.name))}) and no Service selects those Pods; a ${jc.monitor?.obj.kind === 'VMServiceScrape' ? 'VMServiceScrape' : 'ServiceMonitor'} needs a Service — add one, or scrape the Pods with a ${jc.monitor?.obj.kind === 'VMServiceScrape' ? 'VMPodScrape' : 'PodMonitor'}`, jc, UPSTREAM_SELECTOR);
      d.objects.push(...pods.slice(0, 3).map((p) => objRef(p, 'pod')));
      locate(d);
      return d;
    }
    const d = base('selector-matches-pod-labels', 'Selector matches Pod labels, not Service labels', `${who} selects Services whose labels match ${labels || 'its selector'}, but only the Pods carry those labels; ${list(svcs.map((s) => describeObj({ kind: 'Service', namespace: s.obj.metadata.namespace, name: s.obj.metadata.name })))} ${svcs.length > 1 ? 'have' : 'has'} ${describe(svcs[0]?.obj.metadata.labels)}: add ${labels} to the Service's metadata.labels`, jc, UPSTREAM_SELECTOR);
    d.objects.push(...svcs.slice(0, 3).map((s) => objRef(s, 'service')), objRef(sample, 'pod'));
    const svc = svcs[0] as StoredObject<Service>;
    d.location = fieldRange(svc, ['metadata', 'labels']);
    d.locationField = `${describeObj({ kind: 'Service', namespace: svc.obj.metadata.namespace, name: svc.obj.metadata.name })} metadata.labels`;
    d.related = rules.flatMap((r) => ruleRelated(r, ctx));
    if (Object.keys(want).length) {
      for (const s of svcs.filter(inputObject)) {
        offer(ctx, d, { description: `add ${labels} to the labels of ${describeObj({ kind: 'Service', namespace: s.obj.metadata.namespace, name: s.obj.metadata.name })}`, edits: ctx.editor.setEntries(s, ['metadata', 'labels'], want), yamlSnippet: `labels:\n${Object.entries(want).map(([k, v]) => `  ${k}: ${v}`).join('\n')}` }, expectFor(ctx, jc, [], { services: [`${s.obj.metadata.namespace}/${s.obj.metadata.name}`] }));
      }
    }
    return d;
  }
  // The nearest Service: passes most rules, then the failing values are closest to what the rules want.
  let best: { s: StoredObject<Service>; passed: number; dist: number } | undefined;
  for (const s of services) {
    const meta = serviceMeta(s.obj);
    const failing = rules.filter((r) => !ok(r, meta));
    const passed = rules.length - failing.length;
    const dist = failing.reduce((n, r) => n + Math.min(...literalsOf(r).map((l) => editDistance(valueFor(r, meta), l)), 99), 0);
    if (!best || passed > best.passed || (passed === best.passed && dist < best.dist)) best = { s, passed, dist };
  }
  const nsText = [...new Set(services.map((s) => s.obj.metadata.namespace ?? ''))];
  const d = base('selector-matches-no-service', 'Selector matches no Service', '', jc, UPSTREAM_SELECTOR);
  d.related = rules.flatMap((r) => ruleRelated(r, ctx));
  locate(d);
  if (!best || !rules.length) {
    d.sentence = `${who} matches no Service: ${services.length ? `none of the ${services.length} Services in scope passes its selector` : 'there is no Service in the namespaces it watches'}`;
    return d;
  }
  const meta = serviceMeta(best.s.obj);
  const failing = rules.filter((r) => !ok(r, meta));
  const first = failing[0] as RelabelRule;
  const seen = valueFor(first, meta);
  const lit = literalsOf(first);
  const near = nearest(lit, seen);
  const sName = describeObj({ kind: 'Service', namespace: best.s.obj.metadata.namespace, name: best.s.obj.metadata.name });
  d.sentence = `${who} matches no Service${nsText.length ? ` in ${list(nsText.map(quote))}` : ''}: its rule ${first.index} (${ruleRef(first).summary}) wants ${near !== undefined ? quote(near.replace(/;true$/, '')) : quote(first.regexText)}; the nearest Service, ${sName}, has ${quote(seen.replace(/;(true)?$/, ''))} (labels ${describe(best.s.obj.metadata.labels)})`;
  d.objects.push(objRef(best.s, 'service'));
  d.rule = ruleRef(first);
  d.evidence = { sourceLabels: first.sourceLabels ?? [], seen, passing: [], regex: first.regexText, ...(near !== undefined ? { nearest: near } : {}) };
  // Close enough to be a typo (or the same name): offer both directions.
  const want = near?.replace(/;true$/, '');
  const got = best.s.obj.metadata.labels ?? {};
  const label = /^__meta_kubernetes_service_label_(.+)$/.exec(first.sourceLabels?.[0] ?? '')?.[1];
  const close = want !== undefined && (editDistance(seen.replace(/;(true)?$/, ''), want) <= Math.max(2, Math.floor(want.length / 2)) || best.s.obj.metadata.name.includes(want) || want.includes(best.s.obj.metadata.name));
  if (close && want !== undefined && label) {
    const key = /^selector\.matchLabels\.(.+)$/.exec(first.origin?.field ?? '')?.[1] ?? Object.keys(got).find((k) => sanitizeLabelName(k) === label) ?? label;
    const expect = expectFor(ctx, jc, [], { services: [`${best.s.obj.metadata.namespace}/${best.s.obj.metadata.name}`] });
    // First make the selector ask for what the Service has (the Service is usually the older object) …
    const cur = got[key];
    const mon = first.origin ? ctx.result.store.get(first.origin.kind, first.origin.namespace, first.origin.name) : undefined;
    if (cur !== undefined && mon && first.origin && /^selector\.matchLabels\./.test(first.origin.field)) {
      offer(ctx, d, { description: `select ${key}: ${cur} in ${describeObj(first.origin)} ${first.origin.field}`, edits: ctx.editor.replaceValue(mon, fieldPath(first.origin.field), cur), yamlSnippet: `${key}: ${cur}` }, expect);
    } else if (cur !== undefined && !first.origin && first.fieldPos.regex && (first.sourceLabels ?? []).length === 1) {
      const esc = cur.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      offer(ctx, d, { description: `keep ${quote(cur)} in rule ${first.index}: regex: ${quote(esc)}`, edits: ctx.editor.replaceRange(first.fieldPos.regex, quote(esc)), yamlSnippet: `regex: ${quote(esc)}` }, expect);
    }
    // … or label the Service the way the selector asks.
    if (inputObject(best.s)) offer(ctx, d, { description: `label ${sName} ${key}: ${want}`, edits: ctx.editor.setEntries(best.s, ['metadata', 'labels'], { [key]: want }), yamlSnippet: `${key}: ${want}` }, expect);
  }
  return d;
}

/** Controller-added Pod labels say nothing about what the user wrote. */
const CONTROLLER_LABELS = new Set(['pod-template-hash', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'batch.kubernetes.io/controller-uid', 'controller-uid', 'batch.kubernetes.io/job-name', 'job-name']);

const describe = (l: Record<string, string> | undefined): string => {
  const e = Object.entries(l ?? {}).filter(([k]) => !CONTROLLER_LABELS.has(k));
  return e.length ? `{${e.map(([k, v]) => `${k}: ${v}`).join(', ')}}` : 'no labels';
};

/** A Service the selector matches, with no target: why are its Endpoints empty? */
export function emptyService(ctx: Ctx, jc: JobCtx, s: StoredObject<Service>): Diagnosis | undefined {
  const svc = s.obj;
  const sName = describeObj({ kind: 'Service', namespace: svc.metadata.namespace, name: svc.metadata.name });
  const sel = svc.spec?.selector ?? {};
  if (!Object.keys(sel).length) {
    if (ctx.result.store.get('Endpoints', svc.metadata.namespace, svc.metadata.name)) return undefined;
    const d = base('service-selects-no-pods', 'Service has no selector and no Endpoints', `${sName} has no spec.selector, so Kubernetes makes no Endpoints for it; the input has none written by hand either`, jc, UPSTREAM_ENDPOINTS);
    d.objects.push(objRef(s, 'service'));
    d.location = fieldRange(s, ['spec']);
    d.locationField = `${sName} spec.selector`;
    return d;
  }
  const pods = podsSelectedBy(ctx, svc);
  if (!pods.length) return noPods(ctx, jc, s, sName, sel);
  const down = podsNotRunning(ctx, jc, sName, pods);
  if (down) {
    down.objects.push(objRef(s, 'service'));
    return down;
  }
  // Every port's named targetPort unresolved on every pod: FindPort fails, the pods are left out.
  const ports = svc.spec?.ports ?? [];
  const unresolved = ports.map((p, i) => ({ p, i })).filter(({ p }) => typeof p.targetPort === 'string' && pods.every((pod) => findPort(pod.obj, p) === undefined));
  if (unresolved.length && unresolved.length === ports.length) {
    const { p, i } = unresolved[0] as { p: (typeof ports)[number]; i: number };
    const names = [...new Set(pods.flatMap((pod) => (pod.obj.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((x) => x.name).filter((x): x is string => !!x))))];
    const near = nearest(names, String(p.targetPort));
    const d = base('service-target-port-unresolved', 'Service targetPort names no container port', `${sName} port ${p.name ? quote(p.name) : p.port} sends to targetPort ${quote(String(p.targetPort))}, but no container of its Pods has a port with that name (${names.length ? `they have ${list(names.map(quote))}` : 'they name no ports'}); the endpoints controller leaves the Pods out, so the Endpoints are empty`, jc, UPSTREAM_ENDPOINTS);
    d.objects.push(objRef(s, 'service'), objRef(pods[0] as StoredObject<Pod>, 'pod'));
    const path = ['spec', 'ports', i, 'targetPort'];
    d.location = fieldRange(s, path);
    d.locationField = `${sName} ${pathText(path)}`;
    if (near && inputObject(s)) offer(ctx, d, { description: `send to the container port named ${quote(near)}: targetPort: ${near}`, edits: ctx.editor.replaceValue(s, path, near), yamlSnippet: `targetPort: ${near}` }, expectFor(ctx, jc, [], { services: [`${svc.metadata.namespace}/${svc.metadata.name}`] }));
    return d;
  }
  return undefined;
}

function noPods(ctx: Ctx, jc: JobCtx, s: StoredObject<Service>, sName: string, sel: Record<string, string>): Diagnosis {
  const candidates = ctx.result.store.list<Pod>('Pod', s.obj.metadata.namespace);
  const score = (p: StoredObject<Pod>) => {
    const l = p.obj.metadata.labels ?? {};
    let matched = 0;
    let dist = 0;
    for (const [k, v] of Object.entries(sel)) {
      if (l[k] === v) matched++;
      else dist += l[k] !== undefined ? editDistance(l[k] as string, v) : 50;
    }
    return { matched, dist };
  };
  let best: { p: StoredObject<Pod>; matched: number; dist: number } | undefined;
  for (const p of candidates) {
    const sc = score(p);
    if (!best || sc.matched > best.matched || (sc.matched === best.matched && sc.dist < best.dist)) best = { p, ...sc };
  }
  const selText = describe(sel);
  const d = base('service-selects-no-pods', 'Service selects no Pods', '', jc, UPSTREAM_ENDPOINTS);
  d.objects.push(objRef(s, 'service'));
  d.location = fieldRange(s, ['spec', 'selector']);
  d.locationField = `${sName} spec.selector`;
  if (!best) {
    d.sentence = `${sName} selects Pods with ${selText}, but there is no Pod (and no workload) in namespace ${s.obj.metadata.namespace}`;
    return d;
  }
  const podLabels = best.p.obj.metadata.labels ?? {};
  const src = podSource(ctx.result.store, best.p);
  d.objects.push(objRef(best.p, 'pod'));
  if (src && src.so !== best.p) d.objects.push(objRef(src.so, 'workload'));
  d.sentence = `${sName} selects Pods with ${selText}, and no Pod has all of them; the nearest, ${src?.desc ?? best.p.obj.metadata.name}, has ${describe(podLabels)}`;
  const fix: Record<string, string> = {};
  for (const [k, v] of Object.entries(sel)) if (podLabels[k] !== undefined && podLabels[k] !== v) fix[k] = podLabels[k] as string;
  const expect = expectFor(ctx, jc, [], { services: [`${s.obj.metadata.namespace}/${s.obj.metadata.name}`] });
  if (Object.keys(fix).length && inputObject(s)) {
    offer(ctx, d, { description: `select ${Object.entries(fix).map(([k, v]) => `${k}: ${v}`).join(', ')} in ${sName} spec.selector`, edits: ctx.editor.setEntries(s, ['spec', 'selector'], fix), yamlSnippet: `selector:\n${Object.entries({ ...sel, ...fix }).map(([k, v]) => `  ${k}: ${v}`).join('\n')}` }, expect);
  }
  const missing: Record<string, string> = {};
  for (const [k, v] of Object.entries(sel)) if (podLabels[k] === undefined) missing[k] = v;
  if (Object.keys(missing).length && src && inputObject(src.so)) {
    offer(ctx, d, { description: `add ${Object.entries(missing).map(([k, v]) => `${k}: ${v}`).join(', ')} to the Pod labels of ${src.desc}`, edits: ctx.editor.setEntries(src.so, src.labelsPath, missing), yamlSnippet: `labels:\n${Object.entries(missing).map(([k, v]) => `  ${k}: ${v}`).join('\n')}` }, expect);
  }
  return d;
}
