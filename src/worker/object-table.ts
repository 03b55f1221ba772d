// The run's objects as the page sees them: one columnar table (a string per object, the rest numbers) that
// crosses the worker boundary in milliseconds at 65k objects, read back one object at a time (`objectAt`).
import type { RunResult } from '../engine/index.ts';

/** The parts of a Pod and a Service read here (the engine's index exports only KubeObject). */
interface PodLike {
  spec?: { containers?: { ports?: { containerPort?: unknown; name?: string }[] }[] };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}
interface ServiceLike {
  spec?: { ports?: { port?: unknown; name?: string }[] };
}

export interface ObjectView {
  kind: string;
  namespace?: string;
  name: string;
  file: string;
  line: number;
  col: number;
  /** Made by the cluster simulation, not present in the input. */
  simulated?: { controller: string; kind: string; namespace?: string; name: string };
  /** The API server would have made it (e.g. a Namespace referenced but not declared). */
  implied?: string;
  /** Pods: the lifecycle state the engine ran with (after what-if knobs). */
  podState?: PodStateView;
  /** Pods: declared container ports; Services: service ports (for the "why not?" port choice). */
  ports?: { port: number; name?: string }[];
}

/** A Pod's state as discovery sees it: phase, and for running Pods the Ready condition. */
export type PodStateView = 'ready' | 'not-ready' | 'pending' | 'failed' | 'succeeded' | 'unknown';

/**
 * Every object of the run as columns (one string per object, the rest numbers), so that 65k objects cross to
 * the page in milliseconds. `objectAt` gives one object as an `ObjectView`.
 */
export interface ObjectTable {
  count: number;
  /** Distinct strings the `*Ref` columns point into (kinds, namespaces, files, port names, …). */
  strings: string[];
  kind: Int32Array;
  /** -1: cluster-scoped. */
  namespace: Int32Array;
  /** Every object's name, one after the other (object i's is `names.slice(nameStart[i], nameStart[i+1])`): one string
   * crosses to the page far faster than 65k. `objectName` reads one. */
  names: string;
  nameStart: Int32Array;
  file: Int32Array;
  line: Int32Array;
  col: Int32Array;
  /** 0: not a Pod; else 1 + the index in POD_STATE_LIST. */
  podState: Uint8Array;
  /** Object i's ports are `port[portStart[i] .. portStart[i+1]]` (names in `portName`, -1: unnamed). */
  portStart: Int32Array;
  port: Int32Array;
  portName: Int32Array;
  /** -1, or `simulated` as strings: controller, kind, namespace (-1: none), name. */
  simController: Int32Array;
  simKind: Int32Array;
  simNamespace: Int32Array;
  simName: Int32Array;
  /** -1, or why the API server would have made it. */
  implied: Int32Array;
}

export const POD_STATE_LIST: readonly PodStateView[] = ['ready', 'not-ready', 'pending', 'failed', 'succeeded', 'unknown'];

/** Phase, then (for running Pods) the Ready condition, as the endpoints controller reads them. */
export function podStateOf(pod: PodLike): PodStateView {
  const phase = pod.status?.phase;
  if (phase === 'Pending') return 'pending';
  if (phase === 'Failed') return 'failed';
  if (phase === 'Succeeded') return 'succeeded';
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (phase === 'Running' || ready) return ready?.status === 'True' ? 'ready' : 'not-ready';
  return 'unknown';
}

function podPorts(pod: PodLike): { port: number; name?: string }[] {
  const out: { port: number; name?: string }[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (typeof p.containerPort !== 'number') continue;
      out.push(p.name ? { port: p.containerPort, name: p.name } : { port: p.containerPort });
    }
  }
  return out;
}

function servicePorts(svc: ServiceLike): { port: number; name?: string }[] {
  const out: { port: number; name?: string }[] = [];
  for (const p of svc.spec?.ports ?? []) {
    if (typeof p.port !== 'number') continue;
    out.push(p.name ? { port: p.port, name: p.name } : { port: p.port });
  }
  return out;
}

/** The run's objects as columns (see ObjectTable). */
export function objectTable(res: Pick<RunResult, 'store'>): ObjectTable {
  const all = res.store.all();
  const n = all.length;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const t: ObjectTable = {
    count: n,
    strings,
    kind: new Int32Array(n),
    namespace: new Int32Array(n),
    names: '',
    nameStart: new Int32Array(n + 1),
    file: new Int32Array(n),
    line: new Int32Array(n),
    col: new Int32Array(n),
    podState: new Uint8Array(n),
    portStart: new Int32Array(n + 1),
    port: new Int32Array(0),
    portName: new Int32Array(0),
    simController: new Int32Array(n).fill(-1),
    simKind: new Int32Array(n).fill(-1),
    simNamespace: new Int32Array(n).fill(-1),
    simName: new Int32Array(n).fill(-1),
    implied: new Int32Array(n).fill(-1),
  };
  const ports: number[] = [];
  const portNames: number[] = [];
  const names: string[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const o = all[i]!;
    t.kind[i] = ref(o.obj.kind);
    t.namespace[i] = o.obj.metadata.namespace ? ref(o.obj.metadata.namespace) : -1;
    t.nameStart[i] = at;
    names.push(o.obj.metadata.name);
    at += o.obj.metadata.name.length;
    t.file[i] = ref(o.origin.file);
    t.line[i] = o.origin.pos.line;
    t.col[i] = o.origin.pos.col;
    const sim = o.origin.simulated;
    if (sim) {
      t.simController[i] = ref(sim.controller);
      t.simKind[i] = ref(sim.kind);
      t.simNamespace[i] = sim.namespace ? ref(sim.namespace) : -1;
      t.simName[i] = ref(sim.name);
    }
    if (o.origin.implied) t.implied[i] = ref(o.origin.implied);
    t.portStart[i] = ports.length;
    const list = o.obj.kind === 'Pod' ? podPorts(o.obj as PodLike) : o.obj.kind === 'Service' ? servicePorts(o.obj as ServiceLike) : [];
    for (const p of list) {
      ports.push(p.port);
      portNames.push(p.name ? ref(p.name) : -1);
    }
    if (o.obj.kind === 'Pod') t.podState[i] = 1 + POD_STATE_LIST.indexOf(podStateOf(o.obj as PodLike));
  }
  t.portStart[n] = ports.length;
  t.nameStart[n] = at;
  t.names = names.join('');
  t.port = Int32Array.from(ports);
  t.portName = Int32Array.from(portNames);
  return t;
}

/** The name of object `i` of a table. */
export function objectName(t: ObjectTable, i: number): string {
  return t.names.slice(t.nameStart[i], t.nameStart[i + 1]);
}

/** Object `i` of a table. */
export function objectAt(t: ObjectTable, i: number): ObjectView {
  const s = t.strings;
  const v: ObjectView = { kind: s[t.kind[i]!]!, name: objectName(t, i), file: s[t.file[i]!]!, line: t.line[i]!, col: t.col[i]! };
  const ns = t.namespace[i]!;
  if (ns >= 0) v.namespace = s[ns]!;
  const c = t.simController[i]!;
  if (c >= 0) {
    const sns = t.simNamespace[i]!;
    v.simulated = { controller: s[c]!, kind: s[t.simKind[i]!]!, ...(sns >= 0 ? { namespace: s[sns]! } : {}), name: s[t.simName[i]!]! };
  }
  const imp = t.implied[i]!;
  if (imp >= 0) v.implied = s[imp]!;
  const ps = t.podState[i]!;
  if (ps) v.podState = POD_STATE_LIST[ps - 1]!;
  const a = t.portStart[i]!;
  const b = t.portStart[i + 1]!;
  if (b > a) {
    const ports: { port: number; name?: string }[] = [];
    for (let k = a; k < b; k++) {
      const pn = t.portName[k]!;
      ports.push(pn >= 0 ? { port: t.port[k]!, name: s[pn]! } : { port: t.port[k]! });
    }
    v.ports = ports;
  }
  return v;
}

/** Every object of a table (for small runs and tests; the page reads big tables an object at a time). */
export function objectsOf(t: ObjectTable): ObjectView[] {
  const out: ObjectView[] = [];
  for (let i = 0; i < t.count; i++) out.push(objectAt(t, i));
  return out;
}
