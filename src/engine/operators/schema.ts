// The few CRD schema checks that decide whether the API server would accept a monitor at all: the
// int-or-string mix-ups people make (`port: 8080` where the CRD wants a port NAME string). Such an object
// never reaches the operator; we report it as rejected with the API server's reason.
import { formatPath, isObj, objList, type Obj, type Path } from './values.ts';

/** Endpoint list field and the string-only port fields of each kind. */
const STRING_PORTS: Record<string, [list: string | undefined, fields: string[]]> = {
  ServiceMonitor: ['endpoints', ['port']],
  PodMonitor: ['podMetricsEndpoints', ['port']],
  VMServiceScrape: ['endpoints', ['port']],
  VMPodScrape: ['podMetricsEndpoints', ['port']],
  VMNodeScrape: [undefined, ['port']],
};

export function schemaError(kind: string, spec: Obj): { message: string; path: Path } | undefined {
  const rule = STRING_PORTS[kind];
  if (!rule) return undefined;
  const [list, fields] = rule;
  const items = list ? objList(spec, list).map((e, i) => ({ e, path: [list, i] as Path })) : [{ e: spec, path: [] as Path }];
  for (const { e, path } of items) {
    if (!isObj(e)) continue;
    for (const f of fields) {
      if (typeof e[f] === 'number') {
        const at = [...path, f];
        return {
          message: `the API server rejects this object: spec.${formatPath(at)}: Invalid value: "integer": must be of type string (${f} is the port NAME; quote it only if a port is really named "${e[f]}", otherwise use the port's name or targetPort: ${e[f]})`,
          path: at,
        };
      }
    }
  }
  return undefined;
}
