// Targets that got through every rule but are invalid afterwards (Prometheus scrape/target.go
// PopulateLabels → "instance N in group …: <msg>", only logged; config/config.go CheckTargetAddress;
// vmagent lib/promscrape/config.go getScrapeWork). The usual cause is a rule that rewrote __address__
// (a URL with scheme or path, `$1:9100` on an address that already has a port, an IPv6 host without
// brackets): prometheus#1536, grafana/k8s-monitoring-helm#2999. We name the last rule that wrote the label.
import { actionFor } from '../relabel/actions/index.ts';
import { LabelBuilder } from '../relabel/builder.ts';
import { sourceValue } from '../relabel/apply.ts';
import { ruleRef } from '../relabel/summary.ts';
import type { RelabelRule } from '../relabel/types.ts';
import type { Target } from '../targets/types.ts';
import { quote, type Ctx, type JobCtx } from './context.ts';
import { monitorObject, ruleLocation, ruleRelated, targetObjects } from './relabel.ts';
import { FAMILY_OF, type Diagnosis } from './types.ts';

/** The last rule that changed `label` for this target (replaying the job's rules). */
export function lastWriter(jc: JobCtx, t: Target, label: string): { rule: RelabelRule; value: string } | undefined {
  const lb = new LabelBuilder(t.discoveredLabels);
  const actx = { profile: jc.profile.relabel, notes: null };
  let last: { rule: RelabelRule; value: string } | undefined;
  for (const rule of jc.job.relabelConfigs) {
    const fn = actionFor(rule.action);
    if (!fn) continue;
    const before = lb.get(label);
    if (!fn(rule, lb, sourceValue(rule, lb), actx)) break;
    const after = lb.get(label);
    if (after !== before) last = { rule, value: after };
  }
  return last;
}

/** One diagnosis per job and failure code (the first target as the example). */
export function failedDiagnoses(ctx: Ctx, jc: JobCtx): Diagnosis[] {
  const byCode = new Map<string, Target[]>();
  for (const t of jc.targets.failed) {
    const code = t.reason?.kind === 'invalid' ? t.reason.code : 'INVALID';
    byCode.set(code, [...(byCode.get(code) ?? []), t]);
  }
  const out: Diagnosis[] = [];
  for (const [code, ts] of byCode) {
    const t = ts[0] as Target;
    const msg = t.reason?.kind === 'invalid' ? t.reason.message : (t.error ?? code);
    const label = /ADDRESS|URL|SCHEME/.test(code) ? '__address__' : /INTERVAL/.test(code) ? '__scrape_interval__' : /TIMEOUT/.test(code) ? '__scrape_timeout__' : '__address__';
    const w = lastWriter(jc, t, label);
    const d: Diagnosis = {
      kind: 'target-failed',
      family: FAMILY_OF['target-failed'],
      severity: 'error',
      title: 'Target is invalid after relabeling',
      sentence:
        `${ts.length} target${ts.length > 1 ? 's' : ''} of job ${jc.job.jobName} ${ts.length > 1 ? 'are' : 'is'} refused after relabeling: ${msg}` +
        (w ? `; ${label} was last set to ${quote(w.value)} by rule ${w.rule.index} (${ruleRef(w.rule).summary})` : ''),
      objects: [...monitorObject(jc), ...targetObjects(ctx, t)],
      instance: jc.inst.name,
      job: jc.job.jobName,
      target: t.id,
      upstream: 'prometheus scrape/target.go PopulateLabels and config/config.go CheckTargetAddress (failed targets are only logged); vmagent lib/promscrape/config.go getScrapeWork; prometheus#1536',
    };
    locateAtWriter(d, w?.rule, jc, ctx);
    if (/\$\d+[A-Za-z_]/.test(w?.rule.replacement ?? '')) {
      d.notes = [`${quote(w?.rule.replacement ?? '')}: Go expands $1xx as the group named "1xx" (empty); write \${1}xx (prometheus#4704)`];
    }
    out.push(d);
  }
  return out;
}

/** Points a diagnosis at the rule that last wrote the label at fault (with its generating field), or at the
 * job when no rule wrote it. Shared by failed-target and duplicate diagnoses. */
export function locateAtWriter(d: Diagnosis, rule: RelabelRule | undefined, jc: JobCtx, ctx: Ctx): void {
  if (rule) {
    const where = ruleLocation(rule);
    if (where.pos) d.location = where.pos;
    d.locationField = where.field;
    d.rule = ruleRef(rule);
    d.related = ruleRelated(rule, ctx);
  } else {
    d.location = jc.job.pos;
    d.locationField = `job ${jc.job.jobName}`;
  }
}
