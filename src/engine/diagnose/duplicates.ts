// Two discovered targets that end with the same labels and URL are one target. Prometheus keeps one
// silently (scrape/scrape.go scrapePool.sync, Target.hash); vmagent logs "skipping duplicate scrape target
// with identical labels" and lists the later one as dropped (lib/promscrape/scraper.go
// scraperGroup.update). Typical cause: multi-port / multi-container pods whose address is rewritten from one
// annotation (VictoriaMetrics#5826, #966; prometheus#3530). We name the rule that made the addresses equal.
import type { Target } from '../targets/types.ts';
import { list, type Ctx, type JobCtx } from './context.ts';
import { lastWriter, locateAtWriter } from './failed.ts';
import { monitorObject, targetObjects } from './relabel.ts';
import { ruleRef } from '../relabel/summary.ts';
import { FAMILY_OF, type Diagnosis } from './types.ts';

export function duplicateDiagnoses(ctx: Ctx, jc: JobCtx): Diagnosis[] {
  const dups = [...jc.targets.duplicates, ...jc.targets.dropped.filter((t) => t.state === 'duplicate')];
  if (!dups.length) return [];
  const t = dups[0] as Target;
  const keptIdx = t.reason?.kind === 'duplicate' ? t.reason.of : -1;
  const kept = jc.targets.active[keptIdx];
  const vm = jc.profile.targets.duplicates === 'drop-later';
  const w = lastWriter(jc, t, '__address__');
  const url = kept?.scrapeUrl ?? t.scrapeUrl ?? '';
  const from = (x: Target | undefined) => (x ? `${x.source} #${x.index}${x.discoveredLabels.__meta_kubernetes_pod_container_port_number ? ` (container port ${x.discoveredLabels.__meta_kubernetes_pod_container_port_number})` : ''}` : '?');
  const d: Diagnosis = {
    kind: 'duplicate-target',
    family: FAMILY_OF['duplicate-target'],
    severity: vm ? 'warning' : 'info',
    title: 'Targets collapse into one',
    sentence:
      `${dups.length} target${dups.length > 1 ? 's' : ''} of job ${jc.job.jobName} ${dups.length > 1 ? 'have' : 'has'} the same labels and URL as another one after relabeling (e.g. ${from(t)} and ${from(kept)} → ${url}); ` +
      (vm ? 'vmagent scrapes the first, drops the others as duplicates and logs an error' : 'Prometheus keeps one and shows the others nowhere') +
      (w ? `; rule ${w.rule.index} (${ruleRef(w.rule).summary}) set __address__ to the same value for them` : '') +
      (dups.length > 1 ? `; collapsed: ${list(dups.map(from))}` : ''),
    objects: [...monitorObject(jc), ...targetObjects(ctx, t)],
    instance: jc.inst.name,
    job: jc.job.jobName,
    target: t.id,
    upstream: 'prometheus scrape/scrape.go scrapePool.sync (targets deduplicated by label hash); vmagent lib/promscrape/scraper.go scraperGroup.update ("skipping duplicate scrape target"); VictoriaMetrics#5826, prometheus#3530',
  };
  locateAtWriter(d, w?.rule, jc, ctx);
  return [d];
}
