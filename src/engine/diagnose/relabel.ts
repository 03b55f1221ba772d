// A keep/drop rule decided the target's fate: which rule, the value it read, the values that would have
// passed it (seen on other targets of the job or on other objects of the cluster) and the nearest one.
// Upstream: prometheus model/relabel/relabel.go relabel() — keep drops when the anchored regex does not
// match the source labels joined by the separator (an absent label reads as ""); regexes are fully
// anchored (prometheus#1519, #11526); vmagent lib/promrelabel/relabel.go has the same keep/drop semantics,
// and absent labels are the usual "dropped with no hint" report (VictoriaMetrics#3311).
import { sanitizeLabelName } from '../discovery/common.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import { compileRegex } from '../relabel/regex.ts';
import { ruleRef } from '../relabel/summary.ts';
import type { RelabelRule } from '../relabel/types.ts';
import type { Target } from '../targets/types.ts';
import {
  allTargets,
  describeObj,
  expectFor,
  fieldPath,
  labelsBefore,
  list,
  nearest,
  objRef,
  offer,
  passes,
  podOfLabels,
  podSource,
  quote,
  serviceOfLabels,
  valueFor,
  type Ctx,
  type JobCtx,
  type Path,
} from './context.ts';
import { FAMILY_OF, type DiagObject, type Diagnosis, type DiagnosisKind, type RelatedField, type RuleEvidence } from './types.ts';

export type RuleFamily = 'selection' | 'port' | 'readiness' | 'sharding' | 'other';

const PORT_LABELS = new Set([
  '__address__',
  '__meta_kubernetes_pod_container_port_number',
  '__meta_kubernetes_pod_container_port_name',
  '__meta_kubernetes_pod_container_port_protocol',
  '__meta_kubernetes_endpoint_port_name',
  '__meta_kubernetes_endpoint_port_protocol',
  '__meta_kubernetes_endpointslice_port_name',
  '__meta_kubernetes_endpointslice_port',
  '__meta_kubernetes_endpointslice_port_protocol',
  '__meta_kubernetes_service_port_name',
  '__meta_kubernetes_service_port_number',
]);
const READY_LABELS = new Set([
  '__meta_kubernetes_endpoint_ready',
  '__meta_kubernetes_endpointslice_endpoint_conditions_ready',
  '__meta_kubernetes_endpointslice_endpoint_conditions_serving',
  '__meta_kubernetes_endpointslice_endpoint_conditions_terminating',
  '__meta_kubernetes_pod_ready',
  '__meta_kubernetes_pod_phase',
]);
const SELECTION = /^__meta_kubernetes_(namespace|(service|pod|node|ingress|endpoints|endpointslice|namespace)_(label|labelpresent|annotation|annotationpresent)_.*|service_name|pod_name|endpoints_name|endpointslice_name|ingress_name|node_name|pod_controller_kind|pod_controller_name|pod_container_name|pod_container_init|service_type|pod_node_name|endpoint_address_target_kind|endpoint_address_target_name|endpointslice_address_target_kind|endpointslice_address_target_name)$/;

/** Which link of the chain a rule stands for, by what it reads: a selector (labels, names, namespace),
 * a port filter, a readiness/phase filter, or sharding. Keeping objects a selector does not match is the
 * rule's job; anything else dropping a selected object is what the user asks about. */
export function ruleFamily(rule: RelabelRule): RuleFamily {
  const src = rule.sourceLabels ?? [];
  if (src.some((s) => s === '__tmp_hash' || s === '__tmp_disable_sharding' || s === '__tmp_current_shard')) return 'sharding';
  if (src.some((s) => PORT_LABELS.has(s))) return 'port';
  if (src.length && src.every((s) => READY_LABELS.has(s))) return 'readiness';
  if (src.length && src.every((s) => SELECTION.test(s))) return 'selection';
  return 'other';
}

/** The literal values a keep regex accepts when it is a plain word or an alternation of words, or the
 * prometheus-operator `(v1|v2);true` selector form. */
export function literalsOf(rule: RelabelRule): string[] {
  const t = rule.regexText;
  const po = /^\(([^()\\[\]*+?{}^$]*)\);true$/.exec(t);
  if (po) return (po[1] as string).split('|').map((v) => `${v};true`);
  if (/[()\\[\]*+?{}^$]/.test(t)) return [];
  return t.split('|');
}

/** What a keep/drop rule saw on this target and what would have passed it: the values the rule reads elsewhere in
 * the job or cluster that pass, and the passing (or literal) value nearest to the one seen. */
export function keepDropEvidence(ctx: Ctx, jc: JobCtx, rule: RelabelRule, seen: string): RuleEvidence {
  const values = valuesSeen(ctx, jc, rule);
  const passing = values.filter((v) => v !== seen && passes(rule, v));
  const lits = rule.action !== 'drop' ? literalsOf(rule) : [];
  const near = nearest([...passing, ...lits.filter((l) => !passing.includes(l))], seen);
  return { sourceLabels: rule.sourceLabels ?? [], seen, passing: passing.slice(0, 8), regex: rule.regexText, ...(near !== undefined ? { nearest: near } : {}) };
}

/** Every value the rule reads on the job's targets and (for an object label) on objects of that kind in
 * the cluster. */
function valuesSeen(ctx: Ctx, jc: JobCtx, rule: RelabelRule): string[] {
  const out = new Set<string>();
  for (const t of allTargets(jc.targets).slice(0, 500)) out.add(valueFor(rule, labelsBefore(jc, t, rule.index)));
  const src = rule.sourceLabels ?? [];
  const m = src.length === 1 ? /^__meta_kubernetes_(service|pod|namespace|node)_label_(.+)$/.exec(src[0] as string) : null;
  if (m) {
    const kind = { service: 'Service', pod: 'Pod', namespace: 'Namespace', node: 'Node' }[m[1] as 'service'];
    for (const so of ctx.result.store.list(kind)) {
      for (const [k, v] of Object.entries(so.obj.metadata.labels ?? {})) if (sanitizeLabelName(k) === m[2]) out.add(v);
    }
  }
  return [...out];
}

/** The object whose label/annotation a rule reads, for a target: Service, Pod (its workload template) or
 * Namespace, with the original (unsanitised) key when the object has it. */
export function labelOwner(ctx: Ctx, t: Target, label: string): { so: StoredObject; path: Path; key?: string; desc: string } | undefined {
  const m = /^__meta_kubernetes_(service|pod|namespace)_(label|annotation)_(.+)$/.exec(label);
  if (!m) return undefined;
  const [, what, field, san] = m as unknown as [string, 'service' | 'pod' | 'namespace', 'label' | 'annotation', string];
  const l = t.discoveredLabels;
  const metaKey = field === 'label' ? 'labels' : 'annotations';
  let so: StoredObject | undefined;
  let path: Path = ['metadata', metaKey];
  let desc = '';
  if (what === 'service') so = serviceOfLabels(ctx, l);
  else if (what === 'namespace') so = ctx.result.store.get('Namespace', undefined, l.__meta_kubernetes_namespace ?? '');
  else {
    const pod = podOfLabels(ctx, l);
    const src = pod && podSource(ctx.result.store, pod);
    if (src) {
      so = src.so;
      path = field === 'label' ? src.labelsPath : [...src.labelsPath.slice(0, -1), 'annotations'];
      desc = src.desc;
    }
  }
  if (!so || so.origin.simulated || so.origin.implied) return undefined;
  const map = (field === 'label' ? so.obj.metadata.labels : so.obj.metadata.annotations) ?? {};
  const podMeta = what === 'pod' && so.obj.kind !== 'Pod' ? templateMeta(so, path) : undefined;
  const keys = Object.keys(podMeta ?? map);
  const key = keys.find((k) => sanitizeLabelName(k) === san);
  const r: { so: StoredObject; path: Path; key?: string; desc: string } = { so, path, desc: desc || describeObj({ kind: so.obj.kind, namespace: so.obj.metadata.namespace, name: so.obj.metadata.name }) };
  if (key !== undefined) r.key = key;
  return r;
}

function templateMeta(so: StoredObject, path: Path): Record<string, string> | undefined {
  let cur: unknown = so.obj;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[p] : undefined;
  return cur && typeof cur === 'object' ? (cur as Record<string, string>) : undefined;
}

/** Where the rule is written: the monitor field it was generated from, else the rule's regex in the config. */
export function ruleLocation(rule: RelabelRule): { pos?: Diagnosis['location']; field: string } {
  if (rule.origin) return { ...(rule.origin.pos ? { pos: rule.origin.pos } : {}), field: `${describeObj(rule.origin)} ${rule.origin.field}` };
  return { ...(rule.fieldPos.regex ?? rule.pos ? { pos: rule.fieldPos.regex ?? rule.pos } : {}), field: `relabel_configs[${rule.index}]${rule.fieldPos.regex ? '.regex' : ''}` };
}

/** The monitor field a rule came from (with the value as written) and the rule itself. */
export function ruleRelated(rule: RelabelRule, ctx?: Ctx): RelatedField[] {
  const out: RelatedField[] = [];
  if (rule.origin) {
    const text = rule.origin.pos && ctx ? ctx.editor.textOf(rule.origin.pos) : undefined;
    const value = text !== undefined && !text.includes('\n') ? `: ${text}` : '';
    out.push({ label: `${describeObj(rule.origin)} ${rule.origin.field}${value}`, ...(rule.origin.pos ? { pos: rule.origin.pos } : {}) });
  }
  out.push({ label: `rule ${rule.index}: ${ruleRef(rule).summary}`, ...(rule.pos.offset !== undefined && !rule.pos.file.startsWith('generated/') ? { pos: rule.pos } : {}) });
  return out;
}

/** Objects a target stands for (Service, Pod and the Pod's workload). */
export function targetObjects(ctx: Ctx, t: Target): DiagObject[] {
  const out: DiagObject[] = [];
  const svc = serviceOfLabels(ctx, t.discoveredLabels);
  if (svc) out.push(objRef(svc, 'service'));
  const pod = podOfLabels(ctx, t.discoveredLabels);
  if (pod) {
    out.push(objRef(pod, 'pod'));
    const src = podSource(ctx.result.store, pod);
    if (src && src.so !== pod) out.push(objRef(src.so, 'workload'));
  }
  return out;
}

export function monitorObject(jc: JobCtx): DiagObject[] {
  return jc.monitor ? [objRef(jc.monitor, 'monitor')] : [];
}

/** The generic reason: a keep that did not match / a drop that matched, with the evidence. */
export function relabelDiagnosis(ctx: Ctx, jc: JobCtx, t: Target, rule: RelabelRule): Diagnosis {
  const before = labelsBefore(jc, t, rule.index);
  const seen = valueFor(rule, before);
  const src = rule.sourceLabels ?? [];
  const summary = ruleRef(rule).summary;
  const where = ruleLocation(rule);
  if (ruleFamily(rule) === 'sharding') {
    return base('sharded-elsewhere', 'info', 'Target belongs to another shard', `${t.discoveredLabels.__address__ ?? t.id} is kept by another shard of ${jc.inst.name}: rule ${rule.index} (${summary}) keeps only this shard's hash`, ctx, jc, t, rule, where, 'prometheus-operator appendShardingRelabelingWithLabel (hashmod of __address__ modulo shards, keep $(SHARD)); vmagent -promscrape.cluster.*');
  }
  const absent = src.filter((s) => !allTargets(jc.targets).slice(0, 500).some((x) => labelsBefore(jc, x, rule.index)[s] !== undefined));
  const keep = rule.action !== 'drop';
  const isKeepDrop = rule.action === 'keep' || rule.action === 'drop';
  const evidence = isKeepDrop ? keepDropEvidence(ctx, jc, rule, seen) : undefined;
  const passing = evidence?.passing ?? [];
  const near = evidence?.nearest;
  const notes: string[] = [];
  let anchored: string | undefined;
  if (keep && isKeepDrop && seen !== '') {
    const loose = compileRegex(`.*(?:${rule.regexText}).*`, jc.profile);
    if (loose.ok && loose.re.test(seen)) {
      anchored = seen.startsWith(rule.regexText) ? `${rule.regexText}.*` : seen.endsWith(rule.regexText) ? `.*${rule.regexText}` : `.*${rule.regexText}.*`;
      notes.push(`relabel regexes are fully anchored: ${quote(rule.regexText)} matches only the whole value, not a part of ${quote(seen)} (prometheus#1519); ${quote(anchored)} would match`);
    }
  }
  // The prometheus-operator selector form reads "value;true" (label, labelpresent): show the value.
  const poForm = /^\(.*\);true$/.test(rule.regexText);
  const show = (v: string): string => (poForm ? v.replace(/;(true)?$/, '') : v);
  let kind: DiagnosisKind = keep ? 'relabel-keep-mismatch' : 'relabel-drop-match';
  let sentence: string;
  const srcText = src.length === 1 ? (src[0] as string) : `[${src.join(', ')}]`;
  if (absent.length && absent.length === src.length && keep) {
    kind = 'relabel-label-absent';
    const names = new Set<string>();
    for (const x of allTargets(jc.targets).slice(0, 50)) for (const n of Object.keys(labelsBefore(jc, x, rule.index))) names.add(n);
    const guesses = absent.map((a) => nearest(names, a)).filter((g): g is string => !!g);
    sentence = `rule ${rule.index} (${summary}) reads ${list(absent.map((a) => a))}, which no target of job ${jc.job.jobName} has, so it reads "" and drops everything${guesses.length ? `; did you mean ${list(guesses)}?` : ''}`;
    const d = base(kind, 'error', 'Rule reads a label no target has', sentence, ctx, jc, t, rule, where, 'prometheus model/relabel/relabel.go relabel(): an absent label reads as ""; Kubernetes label names are sanitised (discovery/kubernetes/kubernetes.go, strutil.SanitizeLabelName); VictoriaMetrics#3311, prometheus-operator#4432');
    d.evidence = { sourceLabels: src, seen, passing: [], regex: rule.regexText };
    const srcPos = rule.fieldPos.source_labels;
    if (!rule.origin && srcPos) {
      d.location = srcPos;
      d.locationField = `relabel_configs[${rule.index}].source_labels`;
    }
    if (!rule.origin && rule.pos.offset !== undefined && guesses.length === absent.length) {
      const text = ctx.editor.textOf(rule.pos);
      if (text !== undefined) {
        const edits = absent.flatMap((a, i) => {
          const at = text.indexOf(a);
          return at < 0 ? [] : [{ file: rule.pos.file, offset: (rule.pos.offset as number) + at, length: a.length, text: guesses[i] as string }];
        });
        if (edits.length === absent.length) offer(ctx, d, { description: `read ${list(guesses)} instead`, edits: edits.flatMap((e) => ctx.editor.replaceRange({ file: e.file, line: 0, col: 0, offset: e.offset, endOffset: e.offset + e.length }, e.text)) }, expectFor(ctx, jc, podsOf(ctx, t)));
      }
    }
    return d;
  }
  if (!isKeepDrop) {
    sentence = `rule ${rule.index} (${summary}) dropped ${t.discoveredLabels.__address__ ?? t.id}`;
  } else {
    sentence = keep
      ? `rule ${rule.index} keeps only targets whose ${srcText} matches ${quote(rule.regexText)}; this one has ${quote(show(seen))}`
      : `rule ${rule.index} drops targets whose ${srcText} matches ${quote(rule.regexText)}, and this one has ${quote(show(seen))}`;
    if (passing.length) sentence += `; values that pass: ${list(passing.map((v) => quote(show(v))))}`;
    if (near !== undefined && keep && !passing.includes(near)) sentence += `; the nearest that would pass: ${quote(show(near))}`;
    else if (near !== undefined && keep && passing.length > 1) sentence += `; the nearest: ${quote(show(near))}`;
  }
  if (seen === '' && keep && absent.length < src.length) {
    notes.push(`this target has no ${list(src.filter((x) => before[x] === undefined))} although other targets of the job do${jc.profile.engine === 'vmagent' ? ' (vmagent before 1.87.6 left __meta_kubernetes_endpoints_name and the target kind/name off extra container-port targets, VictoriaMetrics#4154)' : ''}`);
  }
  const d = base(kind, 'error', keep ? 'Keep rule did not match' : 'Drop rule matched', sentence, ctx, jc, t, rule, where, 'prometheus model/relabel/relabel.go relabel() (keep/drop on the anchored regex, absent label = ""); vmagent lib/promrelabel/relabel.go; prometheus#1519');
  if (notes.length) d.notes = notes;
  if (evidence) d.evidence = evidence;
  if (keep && isKeepDrop) suggestKeepFix(ctx, jc, t, rule, d, show(seen), near, anchored);
  if (seen === '' && keep) exposeExtraPort(ctx, jc, t, d);
  return d;
}

function podsOf(ctx: Ctx, t: Target) {
  const p = podOfLabels(ctx, t.discoveredLabels);
  return p ? [p] : [];
}

/** Fixes for a keep that missed: loosen the anchoring, give the object the value the rule wants, or make
 * the rule (or the monitor selector it came from) ask for the value the object has. */
function suggestKeepFix(ctx: Ctx, jc: JobCtx, t: Target, rule: RelabelRule, d: Diagnosis, seen: string, near: string | undefined, anchored: string | undefined): void {
  const expect = expectFor(ctx, jc, podsOf(ctx, t));
  const svc = t.discoveredLabels.__meta_kubernetes_service_name;
  if (svc && !expect.podOwners) expect.services = [`${t.discoveredLabels.__meta_kubernetes_namespace}/${svc}`];
  const regexPos = rule.fieldPos.regex;
  if (anchored && !rule.origin && regexPos) {
    offer(ctx, d, { description: `match part of the value: regex: ${quote(anchored)}`, edits: ctx.editor.replaceRange(regexPos, quote(anchored)), yamlSnippet: `regex: ${quote(anchored)}` }, expect);
  }
  const src = rule.sourceLabels ?? [];
  const label = src[0];
  if (src.length >= 1 && label) {
    const owner = labelOwner(ctx, t, label);
    const lit = near?.replace(/;true$/, '');
    if (owner && lit !== undefined && lit !== '' && !/[()\\[\]*+?{}^$|]/.test(lit)) {
      const key = owner.key ?? originKey(rule) ?? label.replace(/^__meta_kubernetes_(service|pod|namespace)_(label|annotation)_/, '');
      offer(ctx, d, { description: `set ${key}: ${lit} on ${owner.desc}`, edits: ctx.editor.setEntries(owner.so, owner.path, { [key]: lit }), yamlSnippet: `${key}: ${lit}` }, expect);
    }
  }
  if (seen !== '' && rule.origin && /^selector\.matchLabels\./.test(rule.origin.field)) {
    const mon = ctx.result.store.get(rule.origin.kind, rule.origin.namespace, rule.origin.name);
    if (mon) offer(ctx, d, { description: `select ${quote(seen)} in ${describeObj(rule.origin)} ${rule.origin.field}`, edits: ctx.editor.replaceValue(mon, fieldPath(rule.origin.field), seen), yamlSnippet: `${rule.origin.field.split('.').pop()}: ${seen}` }, expect);
  } else if (seen !== '' && !rule.origin && regexPos && src.length === 1) {
    const esc = seen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    offer(ctx, d, { description: `keep ${quote(seen)} too: regex: ${quote(`${rule.regexText}|${esc}`)}`, edits: ctx.editor.replaceRange(regexPos, quote(`${rule.regexText}|${esc}`)) }, expect);
  }
}

/** An extra container-port target (endpoints roles make one for every declared port no Service port
 * covers) lacks the endpoint-level labels; exposing the port in the Service makes it a regular endpoint
 * target (prometheus discovery/kubernetes/endpoints.go buildEndpoints, the "seen pods" pass). */
function exposeExtraPort(ctx: Ctx, jc: JobCtx, t: Target, d: Diagnosis): void {
  const l = t.discoveredLabels;
  const num = l.__meta_kubernetes_pod_container_port_number;
  if (!num || l.__meta_kubernetes_endpoint_port_name !== undefined || l.__meta_kubernetes_endpoint_ready !== undefined) return;
  if (!jc.job.sdConfigs.some((s) => s.role === 'endpoints')) return;
  const svc = serviceOfLabels(ctx, l);
  const svcName = svc?.obj.metadata.name;
  if (!svc || svc.origin.simulated || !Array.isArray(svc.obj.spec?.ports)) return;
  const name = l.__meta_kubernetes_pod_container_port_name || `port-${num}`;
  const expect = expectFor(ctx, jc, podsOf(ctx, t), { port: Number(num) });
  const port = { name, port: Number(num), targetPort: Number(num) };
  offer(ctx, d, { description: `expose container port ${num} in Service ${svc.obj.metadata.namespace}/${svcName} (then it is an endpoint target with every endpoint label)`, edits: ctx.editor.appendItem(svc, ['spec', 'ports'], port), yamlSnippet: `- name: ${name}\n  port: ${num}\n  targetPort: ${num}` }, expect);
}

/** `selector.matchLabels.app.kubernetes.io/name` → `app.kubernetes.io/name`. */
function originKey(rule: RelabelRule): string | undefined {
  const m = /^selector\.matchLabels\.(.+)$/.exec(rule.origin?.field ?? '');
  return m?.[1];
}

function base(kind: DiagnosisKind, severity: Diagnosis['severity'], title: string, sentence: string, ctx: Ctx, jc: JobCtx, t: Target, rule: RelabelRule, where: ReturnType<typeof ruleLocation>, upstream: string): Diagnosis {
  const d: Diagnosis = {
    kind,
    family: FAMILY_OF[kind],
    severity,
    title,
    sentence,
    objects: [...monitorObject(jc), ...targetObjects(ctx, t)],
    locationField: where.field,
    related: ruleRelated(rule, ctx),
    instance: jc.inst.name,
    job: jc.job.jobName,
    target: t.id,
    rule: ruleRef(rule),
    upstream,
  };
  if (where.pos) d.location = where.pos;
  return d;
}
