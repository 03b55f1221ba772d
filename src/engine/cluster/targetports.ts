// A classic reason a Service has no endpoints for a port: its named targetPort is not a
// port name on the selected pods, so FindPort fails and the controllers leave the pod out
// of that port (pkg/api/v1/pod/util.go FindPort). Said once per Service port.
import { diag } from '../diagnostics.ts';
import type { Pod, Service, StoredObject } from '../ingest/kinds.ts';
import type { SimContext } from './context.ts';
import { findPort, shouldPodBeInEndpoints } from './services.ts';

/** A warning per Service port whose named targetPort some candidate pods lack. */
export function namedPortMisses(ctx: SimContext, s: StoredObject<Service>, selected: Pod[]): void {
  const svc = s.obj;
  const pods = selected.filter((p) => shouldPodBeInEndpoints(p, true));
  (svc.spec?.ports ?? []).forEach((sp) => {
    if (typeof sp.targetPort !== 'string') return;
    const missing = pods.filter((p) => findPort(p, sp) === undefined).map((p) => p.metadata.name);
    if (!missing.length) return;
    const shown = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
    const port = sp.name ? `"${sp.name}" (${sp.port})` : String(sp.port);
    ctx.diagnostics.push(
      diag(
        'SIMULATED',
        'warning',
        `Service ${svc.metadata.namespace}/${svc.metadata.name} port ${port}: targetPort "${sp.targetPort}" is not a ${sp.protocol ?? 'TCP'} container port name of ${missing.length} selected Pod(s) (${shown}); the endpoints controllers leave them out of this port`,
        s.origin.pos,
      ),
    );
  });
}
