// role: ingress — one group per Ingress, one target per rule and path, addressed by the
// rule's host verbatim (no port).
import type { Ingress, IngressRule, StoredObject } from '../ingest/kinds.ts';
import type { Labels } from '../labels.ts';
import { addNamespaceLabels, addObjectMetaLabels, lv, META, NAMESPACE_LABEL } from './common.ts';
import type { RoleContext, TargetGroup } from './types.ts';

// The ingress labels, named once (a template key is a new string to look up per target).
const INGRESS_CLASS_NAME = `${META}ingress_class_name`;
const INGRESS_SCHEME = `${META}ingress_scheme`;
const INGRESS_HOST = `${META}ingress_host`;
const INGRESS_PATH = `${META}ingress_path`;

/** `ingress/<namespace>/<name>` (ingressSource). */
export function ingressSource(i: Ingress): string {
  return `ingress/${lv(i.metadata.namespace)}/${i.metadata.name}`;
}

/** matchesHostnamePattern: equal, or `*.rest` with the same number of dot-separated parts and equal parts
 * after the first. */
export function matchesHostnamePattern(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  const pp = pattern.split('.');
  const hp = host.split('.');
  if (pp[0] !== '*' || pp.length !== hp.length) return false;
  for (let i = 1; i < pp.length; i++) if (pp[i] !== hp[i]) return false;
  return true;
}

/** vmagent matchesHostPattern (ingress.go): equal, or a `*.` pattern equal to the host after its first dot. */
export function matchesHostPatternVm(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const n = host.indexOf('.');
  return n >= 0 && pattern.slice(2) === host.slice(n + 1);
}

/** rulePaths + pathsFromIngressPaths: no `http` → ["/"]; otherwise each path with "" → "/" (an `http`
 * with no paths gives none; vmagent's getIngressRulePaths gives "/" there too: emptyRoot). */
export function rulePaths(rule: IngressRule, emptyRoot = false): string[] {
  if (rule.http === undefined || rule.http === null) return ['/'];
  const paths = rule.http.paths ?? [];
  if (emptyRoot && paths.length === 0) return ['/'];
  return paths.map((p) => (lv(p.path) === '' ? '/' : lv(p.path)));
}

/** ingressLabels: namespace, class name (spec.ingressClassName only, if set) and object meta. */
function ingressLabels(o: StoredObject<Ingress>, ctx: RoleContext): Labels {
  const i = o.obj;
  const ls: Labels = { [NAMESPACE_LABEL]: lv(i.metadata.namespace) };
  const cls = i.spec?.ingressClassName;
  // vmagent (getLabelsForIngressPath) always writes it, "" without spec.ingressClassName.
  if ((cls !== undefined && cls !== null) || ctx.profile.ingressClassNameAlways) ls[INGRESS_CLASS_NAME] = lv(cls);
  addObjectMetaLabels(ls, o, 'ingress', ctx.report);
  return ls;
}

/** See prometheus discovery/kubernetes/ingress.go buildIngress */
export function buildIngress(o: StoredObject<Ingress>, ctx: RoleContext): TargetGroup {
  const i = o.obj;
  const labels = addNamespaceLabels(ingressLabels(o, ctx), i.metadata.namespace, ctx);
  // tlsHosts: only TLS entries that list hosts can make a rule https.
  const tlsHosts = (i.spec?.tls ?? []).flatMap((t) => t.hosts ?? []).map(lv);
  const targets: Labels[] = [];
  for (const rule of i.spec?.rules ?? []) {
    const host = lv(rule.host);
    const match = ctx.profile.ingressHostPattern === 'vmagent' ? matchesHostPatternVm : matchesHostnamePattern;
    const scheme = tlsHosts.some((p) => match(p, host)) ? 'https' : 'http';
    for (const path of rulePaths(rule, ctx.profile.ingressEmptyPathsRoot)) {
      targets.push({
        __address__: host,
        [INGRESS_SCHEME]: scheme,
        [INGRESS_HOST]: host,
        [INGRESS_PATH]: path,
      });
    }
  }
  return { source: ingressSource(i), labels, targets };
}
