// CronJob → the Job of its last run, as the cronjob controller creates it
// (pkg/controller/cronjob/utils.go getJobFromTemplate2): named `<cronjob>-<scheduled time in
// minutes since the epoch>`, labels and annotations from the jobTemplate plus the
// scheduled-timestamp annotation, a controller ownerRef. The simulated run has finished, so
// its Pod is Succeeded (job.ts). A suspended CronJob, or one whose Jobs are in the input,
// gets nothing new.
import { diag } from '../diagnostics.ts';
import type { KubeObject, StoredObject } from '../ingest/kinds.ts';
import { addSimulated, baseMeta, clone, ownedBy, type SimContext } from './context.ts';
import { SIM_TIME } from './ids.ts';
import type { Job } from './job.ts';
import { controllerRef, type PodTemplate } from './pods.ts';

export interface CronJob extends KubeObject {
  spec?: {
    suspend?: boolean;
    jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Job['spec'] & { template?: PodTemplate } };
    [k: string]: unknown;
  };
}

/** getTimeHashInMinutes(SIM_TIME): the number in a CronJob's Job names. */
export const SIM_SCHEDULE_MINUTES = Math.floor(Date.parse(SIM_TIME) / 60_000);

/** ControllerV2.syncCronJob for one due run: the Job it creates, already Complete. */
export function simulateCronJob(ctx: SimContext, c: StoredObject<CronJob>): void {
  const cj = c.obj;
  if (ownedBy(ctx, 'Job', cj).length) return;
  if (cj.spec?.suspend) {
    ctx.diagnostics.push(diag('SIMULATED', 'info', `CronJob ${cj.metadata.namespace}/${cj.metadata.name} is suspended: no Job, no Pods`, c.origin.pos));
    return;
  }
  const tmpl = cj.spec?.jobTemplate ?? {};
  const name = `${cj.metadata.name}-${SIM_SCHEDULE_MINUTES}`;
  const spec = clone(tmpl.spec ?? {});
  const completions = spec.completions ?? 1;
  const job: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...baseMeta('Job', cj.metadata.namespace, name),
      ...(tmpl.metadata?.labels ? { labels: { ...tmpl.metadata.labels } } : {}),
      annotations: { ...(tmpl.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': SIM_TIME },
      ownerReferences: [controllerRef(cj)],
    },
    spec,
    status: {
      conditions: [{ type: 'Complete', status: 'True', lastProbeTime: SIM_TIME, lastTransitionTime: SIM_TIME } as { type: string; status: string }],
      startTime: SIM_TIME,
      completionTime: SIM_TIME,
      succeeded: completions,
      ready: 0,
    },
  };
  addSimulated(ctx, job, 'cronjob-controller', c);
}
