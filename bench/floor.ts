// Not part of `npm run bench`: a floor for the "engine ≤ 3× JSON.parse" goal of issue #9. A hand-written pass over
// the parsed 10k-pod dump doing about the least the 4 hand-written jobs need: each pod, endpoint and slice target's own
// labels, and for the targets those jobs keep, the final labels and a hash of them (it keeps more than they do: every
// `metrics` endpoint, so the floor errs high). No positions, no store, no general relabel engine. `node --expose-gc --import tsx bench/floor.ts` prints its time next to JSON.parse's; the session-5 note on #9 compares it
// with the engine.
//
// It also times the engine's ingest of the same dump (JSON.parse plus what no engine of this product can skip: the
// line of every object for diagnostics, the checks a real API server makes, the store) and prints ingest + floor work:
// about the least an engine on that ingest could reach. `SHAPE=kubectl` uses the dump as `kubectl get -o json` prints
// the same cluster (bench/realistic.ts).
import { ingest } from '../src/engine/ingest/ingest.ts';
import { asJson, generateCluster } from './generate.ts';
import { withServerFields } from './server-fields.ts';

// The dump as JSON.parse gives it: read without types, as a specialised pass would.
type Obj = Record<string, any>;
const cluster = generateCluster(Number(process.env.PODS ?? 10000));
const json = asJson(process.env.SHAPE === 'kubectl' ? { ...cluster, objects: withServerFields(cluster.objects, { managedFields: false }) } : cluster);

function hashInto(h: number, l: Record<string, string>): number {
  for (const k in l) {
    const v = l[k] as string;
    for (let i = 0; i < k.length; i++) h = (h * 31 + k.charCodeAt(i)) | 0;
    for (let i = 0; i < v.length; i++) h = (h * 31 + v.charCodeAt(i)) | 0;
  }
  return h;
}

// With --expose-gc, a full collection before each timed step, so that no step pays for the garbage of the one before.
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function once(): { parse: number; work: number; targets: number; kept: number } {
  gc();
  const t0 = performance.now();
  const doc = JSON.parse(json) as { items: Obj[] };
  const t1 = performance.now();
  const out: Record<string, string>[] = [];
  let kept = 0;
  let h = 0;
  for (const o of doc.items) {
    if (o.kind === 'Pod') {
      const scrape = o.metadata.annotations?.['prometheus.io/scrape'] === 'true';
      for (const c of o.spec.containers as Obj[]) {
        for (const p of (c.ports ?? []) as Obj[]) {
          const t = {
            __address__: `${o.status?.podIP ?? '10.0.0.1'}:${p.containerPort}`,
            __meta_kubernetes_pod_container_name: c.name as string,
            __meta_kubernetes_pod_container_image: c.image as string,
            __meta_kubernetes_pod_container_port_name: (p.name ?? '') as string,
            __meta_kubernetes_pod_container_port_number: String(p.containerPort),
            __meta_kubernetes_pod_container_port_protocol: p.protocol as string,
            __meta_kubernetes_pod_container_init: 'false',
          };
          out.push(t);
          if (!scrape) continue;
          const l: Record<string, string> = { instance: t.__address__, job: 'kubernetes-pods', namespace: o.metadata.namespace, pod: o.metadata.name };
          for (const k in o.metadata.labels) l[k.replace(/[^a-zA-Z0-9_]/g, '_')] = o.metadata.labels[k];
          h = hashInto(h, l);
          kept++;
        }
      }
    } else if (o.kind === 'Endpoints' || o.kind === 'EndpointSlice') {
      const eps = (o.kind === 'Endpoints' ? (o.subsets as Obj[]).flatMap((s) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]) : o.endpoints) as Obj[];
      const ports = (o.kind === 'Endpoints' ? o.subsets[0].ports : o.ports) as Obj[];
      for (const a of eps) {
        for (const p of ports) {
          const ip = (a.ip ?? a.addresses[0]) as string;
          out.push({
            __address__: `${ip}:${p.port}`,
            __meta_kubernetes_endpoint_port_name: p.name,
            __meta_kubernetes_endpoint_port_protocol: p.protocol,
            __meta_kubernetes_endpoint_ready: 'true',
            __meta_kubernetes_endpoint_node_name: a.nodeName,
            __meta_kubernetes_endpoint_address_target_kind: 'Pod',
            __meta_kubernetes_endpoint_address_target_name: a.targetRef?.name,
          });
          if (p.name !== 'metrics') continue;
          h = hashInto(h, { instance: `${ip}:${p.port}`, job: 'x', namespace: o.metadata.namespace, service: o.metadata.name, pod: a.targetRef?.name });
          kept++;
        }
      }
    }
  }
  const t2 = performance.now();
  if (h === 42) console.log(''); // keep the hash alive
  return { parse: t1 - t0, work: t2 - t1, targets: out.length, kept };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const parses: number[] = [];
const works: number[] = [];
for (let i = 0; i < 7; i++) {
  const r = once();
  parses.push(r.parse);
  works.push(r.work);
  console.log(`JSON.parse ${r.parse.toFixed(0)} ms, floor work ${r.work.toFixed(0)} ms (${r.targets} targets, ${r.kept} kept): ${((r.parse + r.work) / r.parse).toFixed(2)}× JSON.parse`);
}
const ingests: number[] = [];
for (let i = 0; i < 5; i++) {
  gc();
  const t0 = performance.now();
  ingest([{ name: 'dump.json', text: json }]);
  ingests.push(performance.now() - t0);
}
const [parse, work, ing] = [median(parses), median(works), median(ingests)];
console.log(`medians: JSON.parse ${parse.toFixed(0)} ms, floor work ${work.toFixed(0)} ms, the engine's ingest ${ing.toFixed(0)} ms (${(ing / parse).toFixed(2)}× JSON.parse)`);
console.log(`ingest + floor work: ${((ing + work) / parse).toFixed(2)}× JSON.parse (the 4 hand-written jobs' least work, on the engine's ingest)`);
