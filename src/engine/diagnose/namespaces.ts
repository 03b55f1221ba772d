// The job watches other namespaces than the objects it means. Found by asking discovery the counterfactual:
// the same kubernetes_sd_configs entry with every namespace (and, separately, without its role selectors);
// objects that then get past the job's selector rules are the ones the user meant.
//  - prometheus discovery/kubernetes/kubernetes.go Discovery.getNamespaces (one discoverer per listed
//    namespace; own_namespace), mapSelector (role selectors are server-side filters).
//  - prometheus-operator getNamespacesFromNamespaceSelector / VM operator getNamespacesFromNamespaceSelector:
//    no namespaceSelector (or empty matchNames) = the monitor's own namespace; `any: true` = all
//    (codecentric/helm-charts#245, reference victoriametrics.md D "Empty namespaceSelector").
import type { KubernetesSDConfig } from '../config/types.ts';
import { Reporter } from '../discovery/common.ts';
import { discover, sharedGroups, type TargetGroup } from '../discovery/discover.ts';
import { resolveNamespaces } from '../discovery/namespaces.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import { buildJobTargets, objectOfSource } from '../targets/build.ts';
import type { JobTargets, Target } from '../targets/types.ts';
import { describeObj, expectFor, fieldRange, list, objRef, offer, ruleAt, type Ctx, type JobCtx } from './context.ts';
import { ruleFamily } from './relabel.ts';
import { FAMILY_OF, type Diagnosis } from './types.ts';

/** Targets that get past the job's selector rules (active, failed, or dropped by a later kind of rule). */
export function pastSelection(jc: JobCtx, jt: JobTargets): Target[] {
  return [...jt.active, ...jt.failed, ...jt.duplicates, ...jt.dropped.filter((t) => {
    if (t.reason?.kind !== 'relabel') return true;
    const r = ruleAt(jc, t.reason.rule.index);
    const f = r ? ruleFamily(r) : 'other';
    return f !== 'selection' && f !== 'sharding';
  })];
}

/** The job's targets if `sd` were replaced by `variant` (other sd entries unchanged), from the groups `keep` accepts
 * (all by default). The counterfactual discoveries of one diagnosis share their groups: many jobs of one cluster
 * (one per ServiceMonitor) ask about the same objects. */
export function counterfactual(ctx: Ctx, jc: JobCtx, variant: KubernetesSDConfig, keep?: (g: TargetGroup) => boolean): JobTargets | undefined {
  const global = jc.inst.config?.global;
  if (!global) return undefined;
  const own = ctx.opts.runOptions?.ownNamespace;
  const shared = (ctx.sharedGroups ??= sharedGroups());
  const d = discover(variant, ctx.result.store, jc.profile, { ...(own !== undefined ? { ownNamespace: own } : {}), shared });
  const groups = keep ? d.groups.filter(keep) : d.groups;
  return buildJobTargets(jc.job, [{ sdIndex: variant.index, groups }], global, jc.profile, false);
}

/** The namespace a group's objects live in (`pod/<ns>/<name>`, `endpoints/<ns>/<name>`, …; "" for nodes). */
function groupNamespace(g: TargetGroup): string {
  return objectOfSource(g.source)?.namespace ?? '';
}

export function watchedNamespaces(ctx: Ctx, sd: KubernetesSDConfig): string[] {
  return resolveNamespaces(sd, ctx.opts.runOptions?.ownNamespace, new Reporter([]));
}

const UPSTREAM = 'prometheus discovery/kubernetes/kubernetes.go Discovery.getNamespaces; prometheus-operator / VM operator getNamespacesFromNamespaceSelector (no namespaceSelector = the monitor’s own namespace, any: true = all)';

export function wrongNamespaces(ctx: Ctx, jc: JobCtx): Diagnosis | undefined {
  for (const sd of jc.job.sdConfigs) {
    if (sd.role === 'node') continue;
    const watched = watchedNamespaces(ctx, sd);
    if (watched.includes('')) continue;
    // Only the groups outside the watched namespaces can hold what the job misses there.
    const jt = counterfactual(ctx, jc, { ...sd, namespaces: [], ownNamespace: false }, (g) => !watched.includes(groupNamespace(g)));
    if (!jt) continue;
    const outside = pastSelection(jc, jt).filter((t) => !watched.includes(t.discoveredLabels.__meta_kubernetes_namespace ?? ''));
    if (!outside.length) continue;
    const byNs = new Map<string, number>();
    for (const t of outside) {
      const ns = t.discoveredLabels.__meta_kubernetes_namespace ?? '';
      byNs.set(ns, (byNs.get(ns) ?? 0) + 1);
    }
    const nss = [...byNs.keys()];
    const first = nss[0] as string;
    const who = jc.monitor ? describeObj({ kind: jc.monitor.obj.kind, namespace: jc.monitor.obj.metadata.namespace, name: jc.monitor.obj.metadata.name }) : `job ${jc.job.jobName}`;
    const d: Diagnosis = {
      kind: 'job-wrong-namespaces',
      family: FAMILY_OF['job-wrong-namespaces'],
      severity: 'error',
      title: 'The job watches other namespaces',
      sentence: `${who} discovers only in ${list(watched.map((n) => `"${n}"`))}, but what its selector matches lives in ${list(nss.map((n) => `"${n}"`))} (${outside.length} target${outside.length > 1 ? 's' : ''} would pass the selector there)`,
      objects: jc.monitor ? [objRef(jc.monitor, 'monitor')] : [{ kind: 'ScrapeConfig', name: jc.job.jobName, role: 'config', pos: jc.job.pos }],
      instance: jc.inst.name,
      job: jc.job.jobName,
      upstream: UPSTREAM,
    };
    const expect = expectFor(ctx, jc, [], {});
    if (jc.monitor) {
      const so = jc.monitor;
      const spec = (so.obj.spec ?? {}) as { namespaceSelector?: { matchNames?: unknown[] } };
      const path = ['spec', 'namespaceSelector'];
      d.location = fieldRange(so, path);
      d.locationField = `${describeObj({ kind: so.obj.kind, namespace: so.obj.metadata.namespace, name: so.obj.metadata.name })} spec.namespaceSelector`;
      const edits = Array.isArray(spec.namespaceSelector?.matchNames)
        ? ctx.editor.appendItem(so, [...path, 'matchNames'], first)
        : ctx.editor.setEntries(so, path, { matchNames: [so.obj.metadata.namespace ?? 'default', first].filter((v, i, a) => a.indexOf(v) === i) });
      offer(ctx, d, { description: `add namespace ${first} to ${d.locationField}.matchNames`, edits, yamlSnippet: `namespaceSelector:\n  matchNames:\n  - ${first}` }, expect);
      offer(ctx, d, { description: `watch every namespace: namespaceSelector: {any: true}`, edits: ctx.editor.setEntries(so, ['spec'], { namespaceSelector: { any: true } }), yamlSnippet: 'namespaceSelector:\n  any: true' }, expect);
    } else {
      d.location = sd.pos;
      d.locationField = `job ${jc.job.jobName} kubernetes_sd_configs[${sd.index}].namespaces`;
      const anchor = sd.pos.offset !== undefined ? { file: sd.pos.file, offset: sd.pos.offset } : undefined;
      if (anchor && sd.namespaces.length) {
        offer(ctx, d, { description: `add ${first} to kubernetes_sd_configs[${sd.index}].namespaces.names`, edits: ctx.editor.appendItem(anchor, ['namespaces', 'names'], first), yamlSnippet: `- ${first}` }, expect);
      }
    }
    return d;
  }
  return undefined;
}

/** Role selectors (`selectors:`, or the operators' RoleSelector / enableKubernetesAPISelectors) filter out
 * everything the relabel rules would have kept. */
export function roleSelectorNothing(ctx: Ctx, jc: JobCtx): Diagnosis | undefined {
  for (const sd of jc.job.sdConfigs) {
    if (!sd.selectors.length) continue;
    const jt = counterfactual(ctx, jc, { ...sd, selectors: [] });
    if (!jt) continue;
    const would = pastSelection(jc, jt);
    if (!would.length) continue;
    const sel = sd.selectors[0] as KubernetesSDConfig['selectors'][number];
    const d: Diagnosis = {
      kind: 'role-selector-matches-nothing',
      family: FAMILY_OF['role-selector-matches-nothing'],
      severity: 'error',
      title: 'Role selectors filter out the targets',
      sentence: `kubernetes_sd_configs[${sd.index}] of job ${jc.job.jobName} has selectors (${sd.selectors.map((s) => `role ${s.role}${s.label ? ` label "${s.label}"` : ''}${s.field ? ` field "${s.field}"` : ''}`).join('; ')}) that the API server applies before discovery; without them ${would.length} target${would.length > 1 ? 's' : ''} would pass the job's rules`,
      objects: jc.monitor ? [objRef(jc.monitor as StoredObject, 'monitor')] : [],
      location: sel.pos,
      locationField: `job ${jc.job.jobName} kubernetes_sd_configs[${sd.index}].selectors`,
      instance: jc.inst.name,
      job: jc.job.jobName,
      upstream: 'prometheus discovery/kubernetes/kubernetes.go mapSelector (label/field selectors are list/watch options, evaluated by the API server on each role’s own objects); prometheus#13525',
    };
    return d;
  }
  return undefined;
}
