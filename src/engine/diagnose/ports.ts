// Ports between the monitor, the Service and the containers — the most common "target missing" cause after
// selectors (prometheus-operator Documentation/platform/troubleshooting.md; reference §1.5):
//  - a numeric targetPort keeps `__meta_kubernetes_pod_container_port_number`, which exists only when the
//    pod DECLARES that containerPort: prometheus discovery/kubernetes/endpoints.go buildEndpoints adds
//    container labels only for a declared port equal to the endpoint port and makes extra targets only for
//    declared ports; vmagent lib/promscrape/discovery/kubernetes/endpoints.go getEndpointLabelsForAddressAndPort
//    does the same. The founding case (VictoriaMetrics/operator#441, prometheus-operator#5127).
//  - a string targetPort is a container port NAME; a quoted number ("8080") is a name no port can have
//    (prometheus-operator#2515, PR #8587).
//  - `port` is the Service port NAME (= the Endpoints port name): prometheus-operator#996.
import type { Container, Pod, Service, StoredObject } from '../ingest/kinds.ts';
import { ruleRef } from '../relabel/summary.ts';
import type { RelabelRule } from '../relabel/types.ts';
import type { Target } from '../targets/types.ts';
import {
  describeObj,
  expectFor,
  fieldPath,
  fieldRange,
  labelsBefore,
  list,
  nearest,
  objRef,
  offer,
  pathText,
  podOfLabels,
  podSource,
  quote,
  serviceOfLabels,
  valueFor,
  type Ctx,
  type JobCtx,
  type PodSource,
} from './context.ts';
import { snippet } from './fix.ts';
import { keepDropEvidence, literalsOf, monitorObject, ruleLocation, ruleRelated } from './relabel.ts';
import { FAMILY_OF, type DiagObject, type Diagnosis, type DiagnosisKind } from './types.ts';

const UPSTREAM_NUMBER =
  'prometheus discovery/kubernetes/endpoints.go buildEndpoints and pod.go buildPod (container labels only for a declared containerPort); vmagent discovery/kubernetes/endpoints.go getEndpointLabelsForAddressAndPort; VM operator vmscrapes/servicescrape.go and prometheus-operator promcfg.go (numeric targetPort → keep __meta_kubernetes_pod_container_port_number); VictoriaMetrics/operator#441, prometheus-operator#5127';
const UPSTREAM_NAME = 'prometheus-operator promcfg.go generateServiceMonitorConfig / VM operator servicescrape.go (string targetPort → keep __meta_kubernetes_pod_container_port_name); prometheus-operator#2515, PR #8587';
const UPSTREAM_PORT = 'prometheus-operator promcfg.go (port → keep __meta_kubernetes_endpoint_port_name = the Service port name); Kubernetes endpoints controller copies ServicePort.name into the Endpoints port; prometheus-operator#996';

/** The port reason for a group of targets (one Service's or one Pod's) a port rule dropped, or undefined when
 * the rule is not one of the known port filters (the generic relabel reason then applies). */
export function portDiagnosis(ctx: Ctx, jc: JobCtx, group: Target[], t: Target, rule: RelabelRule): Diagnosis | undefined {
  const src = rule.sourceLabels ?? [];
  if (src.length !== 1 || rule.action !== 'keep') return undefined;
  const lits = literalsOf(rule);
  if (lits.length !== 1) return undefined;
  const want = lits[0] as string;
  const label = src[0] as string;
  if (label === '__meta_kubernetes_pod_container_port_number' && /^\d+$/.test(want)) return numberNotDeclared(ctx, jc, group, t, rule, Number(want));
  if (label === '__meta_kubernetes_pod_container_port_name') return nameNotDeclared(ctx, jc, group, t, rule, want);
  if (/^__meta_kubernetes_(endpoint|endpointslice|service)_port_name$/.test(label)) return portNameNotInService(ctx, jc, group, t, rule, want);
  return undefined;
}

interface PodInfo {
  pod: StoredObject<Pod>;
  src: PodSource;
}

/** The distinct workloads (or input Pods) behind a group's targets. */
function podsOfGroup(ctx: Ctx, group: Target[]): PodInfo[] {
  const out: PodInfo[] = [];
  const seen = new Set<string>();
  for (const t of group) {
    const pod = podOfLabels(ctx, t.discoveredLabels);
    const src = pod && podSource(ctx.result.store, pod);
    if (!pod || !src || seen.has(src.desc)) continue;
    seen.add(src.desc);
    out.push({ pod, src });
  }
  return out;
}

const containersOf = (p: Pod): Container[] => p.spec?.containers ?? [];
const declared = (p: Pod): { c: Container; ci: number; port: number; name?: string; pi: number }[] =>
  containersOf(p).flatMap((c, ci) => (c.ports ?? []).map((x, pi) => ({ c, ci, port: x.containerPort, pi, ...(x.name ? { name: x.name } : {}) })));

/** Which container most likely serves a port: the only one, the one declaring the Service's other ports,
 * the first with ports, else the first. */
function pickContainer(p: Pod): number {
  const cs = containersOf(p);
  if (cs.length <= 1) return 0;
  const withPorts = cs.findIndex((c) => (c.ports ?? []).length > 0);
  return withPorts >= 0 ? withPorts : 0;
}

function common(kind: DiagnosisKind, title: string, sentence: string, ctx: Ctx, jc: JobCtx, t: Target, rule: RelabelRule, upstream: string, objects: DiagObject[]): Diagnosis {
  const where = ruleLocation(rule);
  const d: Diagnosis = {
    kind,
    family: FAMILY_OF[kind],
    severity: 'error',
    title,
    sentence,
    objects: [...monitorObject(jc), ...objects],
    related: ruleRelated(rule, ctx),
    instance: jc.inst.name,
    job: jc.job.jobName,
    target: t.id,
    rule: ruleRef(rule),
    upstream,
  };
  if (where.pos) {
    d.location = where.pos;
    d.locationField = where.field;
  }
  const seen = valueFor(rule, labelsBefore(jc, t, rule.index));
  d.evidence = keepDropEvidence(ctx, jc, rule, seen);
  return d;
}

/** Where the monitor (or the pasted rule) names the port, as words: `VMServiceScrape default/audit endpoints[0].targetPort: 10299`. */
function asked(rule: RelabelRule, value: string): string {
  return rule.origin ? `${describeObj(rule.origin)} ${rule.origin.field}: ${value}` : `rule ${rule.index} of the job`;
}

/** Replace the port the monitor (or the rule) asks for. */
function retarget(ctx: Ctx, d: Diagnosis, rule: RelabelRule, value: string | number, description: string, expect: ReturnType<typeof expectFor>): void {
  if (rule.origin) {
    const mon = ctx.result.store.get(rule.origin.kind, rule.origin.namespace, rule.origin.name);
    if (!mon) return;
    const path = fieldPath(rule.origin.field);
    if (!mon.locate?.(path)) return;
    offer(ctx, d, { description, edits: ctx.editor.replaceValue(mon, path, value), yamlSnippet: `${String(path[path.length - 1])}: ${typeof value === 'number' ? value : value}` }, expect);
  } else if (rule.fieldPos.regex) {
    offer(ctx, d, { description, edits: ctx.editor.replaceRange(rule.fieldPos.regex, quote(String(value))), yamlSnippet: `regex: ${quote(String(value))}` }, expect);
  }
}

function numberNotDeclared(ctx: Ctx, jc: JobCtx, group: Target[], t: Target, rule: RelabelRule, port: number): Diagnosis | undefined {
  const pods = podsOfGroup(ctx, group);
  if (!pods.length) return undefined;
  const first = pods[0] as PodInfo;
  if (declared(first.pod.obj).some((x) => x.port === port)) return undefined; // declared, yet dropped: not this reason
  const ci = pickContainer(first.pod.obj);
  const container = containersOf(first.pod.obj)[ci];
  const cname = container?.name ?? `#${ci}`;
  const have = declared(first.pod.obj).filter((x) => x.ci === ci).map((x) => String(x.port));
  const svc = serviceOfLabels(ctx, t.discoveredLabels);
  const svcTargets = svc ? (svc.obj.spec?.ports ?? []).some((p) => (p.targetPort ?? p.port) === port) : false;
  const portsPath = [...first.src.specPath, 'containers', ci, 'ports'];
  const sentence =
    `declare containerPort ${port} in container ${cname} of ${first.src.desc}: ${asked(rule, String(port))} keeps only targets whose pod declares container port ${port} ` +
    `(${ruleRef(rule).summary}), and container ${cname} declares ${have.length ? `only ${list(have)}` : 'no ports'}` +
    (svcTargets ? `; the endpoint ${svc ? describeObj({ kind: 'Service', namespace: svc.obj.metadata.namespace, name: svc.obj.metadata.name }) : ''} sends to port ${port} carries no container labels because no container declares it` : '');
  const objects: DiagObject[] = [];
  if (svc) objects.push(objRef(svc, 'service'));
  objects.push(objRef(first.pod, 'pod'));
  if (first.src.so !== first.pod) objects.push(objRef(first.src.so, 'workload', `container ${cname}`));
  const d = common('target-port-number-not-declared', `Port ${port} is not declared by any container`, sentence, ctx, jc, t, rule, UPSTREAM_NUMBER, objects);
  // The field to change is the container's ports (for a simulated Pod: in the workload's template).
  d.location = fieldRange(first.src.so, portsPath);
  d.locationField = `${first.src.desc} ${pathText(portsPath)}`;
  const expect = expectFor(ctx, jc, pods.map((p) => p.pod));
  for (const p of pods) {
    const pci = pickContainer(p.pod.obj);
    const path = [...p.src.specPath, 'containers', pci, 'ports'];
    const edits = ctx.editor.appendItem(p.src.so, path, { containerPort: port });
    offer(ctx, d, { description: `declare containerPort ${port} in container ${containersOf(p.pod.obj)[pci]?.name ?? pci} of ${p.src.desc}`, edits, yamlSnippet: snippet(undefined, [{ containerPort: port }]) }, expect);
  }
  // Or point the monitor at a port the pod does declare (when there is exactly one to choose).
  const nums = [...new Set(declared(first.pod.obj).map((x) => x.port))];
  if (nums.length === 1) retarget(ctx, d, rule, nums[0] as number, `scrape the declared port instead: ${rule.origin ? rule.origin.field : 'regex'}: ${nums[0]}`, expect);
  return d;
}

function nameNotDeclared(ctx: Ctx, jc: JobCtx, group: Target[], t: Target, rule: RelabelRule, name: string): Diagnosis | undefined {
  const pods = podsOfGroup(ctx, group);
  if (!pods.length) return undefined;
  const first = pods[0] as PodInfo;
  const decl = declared(first.pod.obj);
  if (decl.some((x) => x.name === name)) return undefined;
  const names = decl.map((x) => x.name).filter((x): x is string => !!x);
  const numeric = /^\d+$/.test(name) ? decl.find((x) => x.port === Number(name)) : undefined;
  const objects: DiagObject[] = [objRef(first.pod, 'pod')];
  if (first.src.so !== first.pod) objects.push(objRef(first.src.so, 'workload'));
  const expect = expectFor(ctx, jc, pods.map((p) => p.pod));
  if (numeric) {
    const sentence = `${asked(rule, quote(name))} is a port NAME (a quoted number is a string), and container ports cannot be named ${quote(name)}; write the number unquoted (targetPort: ${name}) to select containerPort ${name}`;
    const d = common('target-port-name-not-declared', 'Quoted port number is read as a port name', sentence, ctx, jc, t, rule, UPSTREAM_NAME, objects);
    if (rule.origin) retarget(ctx, d, rule, Number(name), `write ${rule.origin.field} as a number: ${name}`, expect);
    return d;
  }
  const near = nearest(names, name);
  const sentence =
    `${asked(rule, name)} keeps only targets whose container port is NAMED ${quote(name)} (${ruleRef(rule).summary}); ${first.src.desc} declares ` +
    (names.length ? `the port names ${list(names.map(quote))}` : decl.length ? `ports ${list(decl.map((x) => String(x.port)))} without names` : 'no container ports') +
    (near ? `; did you mean ${quote(near)}?` : '');
  const d = common('target-port-name-not-declared', `No container port is named ${quote(name)}`, sentence, ctx, jc, t, rule, UPSTREAM_NAME, objects);
  const ci = pickContainer(first.pod.obj);
  const portsPath = [...first.src.specPath, 'containers', ci, 'ports'];
  d.location = fieldRange(first.src.so, portsPath);
  d.locationField = `${first.src.desc} ${pathText(portsPath)}`;
  // Name the port the Service sends to (or the only declared one) …
  const svc = serviceOfLabels(ctx, t.discoveredLabels);
  const svcNums = svc ? (svc.obj.spec?.ports ?? []).map((p) => (typeof p.targetPort === 'number' ? p.targetPort : p.targetPort === undefined ? p.port : undefined)) : [];
  const unnamed = decl.filter((x) => !x.name);
  const target = unnamed.find((x) => svcNums.includes(x.port)) ?? (unnamed.length === 1 && decl.length === 1 ? unnamed[0] : undefined);
  if (target) {
    for (const p of pods) {
      const m = declared(p.pod.obj).find((x) => x.port === target.port && !x.name);
      if (!m) continue;
      const path = [...p.src.specPath, 'containers', m.ci, 'ports', m.pi];
      offer(ctx, d, { description: `name containerPort ${target.port} of container ${m.c.name} ${quote(name)} in ${p.src.desc}`, edits: ctx.editor.setEntries(p.src.so, path, { name }), yamlSnippet: `- name: ${name}\n  containerPort: ${target.port}` }, expect);
    }
  }
  // … or ask for the name the container has.
  if (near) retarget(ctx, d, rule, near, `ask for the declared port name instead: ${near}`, expect);
  if (!target) {
    // Nothing to name on the container side: the field to change is the monitor's (or the rule's).
    const where = ruleLocation(rule);
    if (where.pos) d.location = where.pos;
    d.locationField = where.field;
  }
  return d;
}

function portNameNotInService(ctx: Ctx, jc: JobCtx, _group: Target[], t: Target, rule: RelabelRule, name: string): Diagnosis | undefined {
  const svc = serviceOfLabels(ctx, t.discoveredLabels);
  if (!svc) return undefined;
  const ports = svc.obj.spec?.ports ?? [];
  if (ports.some((p) => p.name === name)) return undefined;
  const names = ports.map((p) => p.name).filter((x): x is string => !!x);
  const svcName = describeObj({ kind: 'Service', namespace: svc.obj.metadata.namespace, name: svc.obj.metadata.name });
  const near = nearest(names, name);
  const numeric = /^\d+$/.test(name);
  const sentence =
    `${asked(rule, name)} selects the Service port NAMED ${quote(name)} (${ruleRef(rule).summary}); ${svcName} has ` +
    (names.length ? `the port names ${list(names.map(quote))}` : `${ports.length === 1 ? 'one unnamed port' : 'no named ports'} (${list(ports.map((p) => String(p.port)))})`) +
    (numeric ? '; `port` takes the port NAME, not its number' : near ? `; did you mean ${quote(near)}?` : '');
  const d = common('port-name-not-in-service', `Service has no port named ${quote(name)}`, sentence, ctx, jc, t, rule, UPSTREAM_PORT, [objRef(svc, 'service')]);
  const expect = expectFor(ctx, jc, [], { services: [`${svc.obj.metadata.namespace}/${svc.obj.metadata.name}`] });
  // `port: "8080"` meant the Service port numbered 8080: use its name.
  const byNumber = numeric ? ports.find((p) => p.port === Number(name) && p.name) : undefined;
  if (byNumber?.name) retarget(ctx, d, rule, byNumber.name, `use the name of Service port ${name}: ${byNumber.name}`, expect);
  else if (near && !numeric) retarget(ctx, d, rule, near, `use the Service's port name: ${near}`, expect);
  // A single unnamed Service port can take the name the monitor asks for (a port name needs a letter).
  if (!numeric && ports.length === 1 && !ports[0]?.name) {
    const path = ['spec', 'ports', 0];
    if (!d.suggestion) {
      d.location = fieldRange(svc, path);
      d.locationField = `${svcName} ${pathText(path)}`;
    }
    offer(ctx, d, { description: `name port ${ports[0]?.port} of ${svcName} ${quote(name)}`, edits: ctx.editor.setEntries(svc as StoredObject<Service>, path, { name }), yamlSnippet: `- name: ${name}\n  port: ${ports[0]?.port}` }, expect);
  }
  return d;
}
