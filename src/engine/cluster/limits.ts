// How many Pods one workload may simulate. A real cluster runs whatever `replicas` says; a browser
// tab cannot hold 100 000 simulated Pods of one Deployment, and a typo (`replicas: 50000`) should not
// freeze the page. Past the cap, the first MAX_SIMULATED_PODS are simulated and a warning says so.
import { diag } from '../diagnostics.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import type { SimContext } from './context.ts';

export const MAX_SIMULATED_PODS = 1000;

/** A Pod count from a workload field, capped (with a warning at the field) and never NaN or negative. */
export function podBudget(ctx: SimContext, so: StoredObject, wanted: unknown, field: (string | number)[]): number {
  const n = typeof wanted === 'number' && Number.isFinite(wanted) ? Math.max(0, Math.floor(wanted)) : 1;
  if (n <= MAX_SIMULATED_PODS) return n;
  const m = so.obj.metadata;
  ctx.diagnostics.push(
    diag(
      'SIMULATED',
      'warning',
      `${so.obj.kind} ${m.namespace ? m.namespace + '/' : ''}${m.name} asks for ${n} Pods; only the first ${MAX_SIMULATED_PODS} are simulated`,
      so.locate?.(field) ?? { ...so.origin.pos },
    ),
  );
  return MAX_SIMULATED_PODS;
}
