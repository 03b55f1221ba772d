// Metadata the endpoint controllers copy or compute: the Service's labels and the
// last-change-trigger-time annotation (staging/src/k8s.io/endpointslice/util/trigger_time_tracker.go).
import type { Pod, Service } from '../ingest/kinds.ts';
import { compareStrings } from '../labels.ts';

/** Labels reserved on EndpointSlices (isReservedLabelKey): never copied from the Service. */
const RESERVED = new Set(['kubernetes.io/service-name', 'endpointslice.kubernetes.io/managed-by', 'service.kubernetes.io/headless']);

/** The Service's labels as the controllers copy them: Endpoints take all; slices drop the reserved keys. */
export function serviceLabels(svc: Service, forSlice: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!forSlice || !RESERVED.has(k)) out[k] = v;
  return out;
}

/** time.Time.Format(RFC3339Nano) in UTC: no trailing zeros in the fraction. */
function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_m, f: string) => (f ? `.${f}Z` : 'Z'));
}

/** ComputeEndpointLastChangeTriggerTime on the first sync: the earliest of the pods' Ready transition times and the
 * Service's creation time; none known → no annotation. */
export function triggerTimeAnnotation(svc: Service, pods: Pod[]): string | undefined {
  const times: number[] = [];
  const add = (t: unknown) => {
    const ms = typeof t === 'string' ? Date.parse(t) : NaN;
    if (!Number.isNaN(ms)) times.push(ms);
  };
  add(svc.metadata.creationTimestamp);
  for (const p of pods) {
    const ready = p.status?.conditions?.find((c) => c.type === 'Ready') as { lastTransitionTime?: unknown } | undefined;
    add(ready?.lastTransitionTime);
  }
  return times.length ? rfc3339Nano(Math.min(...times)) : undefined;
}

/** A string map with keys in Go's order: the API server serves maps with sorted keys. */
export function sortedMap(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort(compareStrings)) out[k] = m[k] as string;
  return out;
}
