// Job → Pods, as the job controller creates them (pkg/controller/job/job_controller.go
// manageJob): min(parallelism, completions) active Pods named `<job>-<5 chars>` (Indexed
// jobs: `<job>-<index>-<5 chars>` with the completion-index label/annotation and hostname),
// labelled with the job-name and controller-uid labels the API server puts on the template
// (pkg/registry/batch/job/strategy.go generateSelector). A finished Job's Pods are Succeeded.
import { podBudget } from './limits.ts';
import type { KubeObject, StoredObject } from '../ingest/kinds.ts';
import { uidOf, type SimContext } from './context.ts';
import { rootOf } from './owners.ts';
import { createPod, workloadPods, type PodTemplate } from './pods.ts';

export interface Job extends KubeObject {
  spec?: { parallelism?: number; completions?: number; completionMode?: string; suspend?: boolean; template?: PodTemplate; [k: string]: unknown };
  status?: { conditions?: { type: string; status: string }[]; [k: string]: unknown };
}

/** The Job has finished successfully (condition Complete=True). */
export function jobComplete(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');
}

/** How many Pods the simulation shows: all completions of a finished Job, else the active ones
 * (manageJob: wantActive = min(parallelism, completions); a work queue without completions runs `parallelism`). */
function podCount(job: Job, complete: boolean): number {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  if (complete) return completions ?? 1;
  if (job.spec?.suspend) return 0;
  return completions === undefined ? parallelism : Math.min(parallelism, completions);
}

/** Controller.manageJob for a new Job (or a finished one): its Pods, unless the input holds them. */
export function simulateJob(ctx: SimContext, j: StoredObject<Job>): void {
  const job = j.obj;
  if (workloadPods(ctx, job).length) return;
  const complete = jobComplete(job);
  const n = podBudget(ctx, j, podCount(job, complete), ['spec', job.spec?.completions !== undefined ? 'completions' : 'parallelism']);
  const uid = uidOf(job);
  const name = job.metadata.name;
  const indexed = job.spec?.completionMode === 'Indexed';
  for (let i = 0; i < n; i++) {
    const labels: Record<string, string> = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
    const annotations: Record<string, string> = {};
    if (indexed) {
      labels['batch.kubernetes.io/job-completion-index'] = String(i);
      annotations['batch.kubernetes.io/job-completion-index'] = String(i);
    }
    createPod(ctx, {
      root: rootOf(ctx.out, j),
      controller: 'job-controller',
      owner: job,
      template: job.spec?.template ?? {},
      generateName: indexed ? `${name}-${i}-` : `${name}-`,
      labels,
      annotations,
      ...(indexed ? { hostname: `${name}-${i}` } : {}),
      index: i,
      state: complete ? 'succeeded' : 'ready',
    });
  }
}
