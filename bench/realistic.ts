// Part of `npm run bench` (bench/run.ts starts it with --expose-gc): the 10k-pod cluster of generate.ts with every
// object as a live cluster serves it (server-fields.ts: defaults, the kubelet's status, and managedFields in the
// second shape), ~4.5 KiB per Pod (~7 KiB with managedFields) instead of ~1 KiB. The same targets; JSON.parse's share
// of the work grows with the bytes, so the ratio to it is printed for these dumps too.
//
// Each figure is the median of 5 runs with a full GC before each: on a 117 MiB dump a mean of back-to-back runs
// mostly measures when the collector ran (JSON.parse read 470 to 890 ms that way).
import { ingest } from '../src/engine/ingest/ingest.ts';
import { run } from '../src/engine/run.ts';
import { asJson, BENCH_SCRAPE_CONFIG, BENCH_SCRAPE_CONFIG_4, generateCluster } from './generate.ts';
import { GiB, line, median, MiB, peakMemory } from './report.ts';
import { withServerFields } from './server-fields.ts';

const base = generateCluster(10_000);
// Two shapes of the same objects: what `kubectl get -o json` prints (managedFields hidden since kubectl 1.21), and what
// the API server returns (with them). managedFields are a third of the bytes and no stage reads them, so JSON.parse's
// share — the ratio's divisor — differs most between the two. One shape per process (the argument: `kubectl` or
// `api-server`): measured after the other, a dump's JSON.parse read ~25% slower, on the heap the first one left.
const SHAPES = { kubectl: ['as `kubectl get -o json` prints them (no managedFields)', false], 'api-server': ['as the API server returns them (with managedFields)', true] } as const;
const shape = process.argv[2] ?? 'api-server';
if (shape !== 'kubectl' && shape !== 'api-server') throw new Error(`bench/realistic.ts: unknown shape ${shape} (kubectl or api-server)`);
{
  const [title, managedFields] = SHAPES[shape];
  const cluster = { ...base, objects: withServerFields(base.objects, { managedFields }) };
  const json = asJson(cluster);
  console.log(`\n== 10000 pods, objects ${title}: ${cluster.objects.length} objects; JSON ${(json.length / MiB).toFixed(1)} MiB (median of 5, GC before each)`);
  const parse = median(() => JSON.parse(json) as unknown);
  line('JSON.parse of the dump', `${parse.ms.toFixed(0)} ms`);
  const ij = median(() => ingest([{ name: 'dump.json', text: json }]), 3);
  line('ingest JSON', `${((json.length / MiB) / (ij.ms / 1000)).toFixed(1)} MiB/s`);
  for (const [label, cfgText] of [
    ['4 hand-written jobs', BENCH_SCRAPE_CONFIG_4],
    ["50 jobs (the issue's mix)", BENCH_SCRAPE_CONFIG],
  ] as const) {
    const full = median(() => run([{ name: 'dump.json', text: json }, { name: 'prometheus.yml', text: cfgText }], { profile: 'prometheus-3.14' }));
    const active = full.value.jobs.reduce((n, j) => n + j.active.length, 0);
    line(`end to end (JSON → targets), ${label}`, `${full.ms.toFixed(0)} ms`);
    line('  active targets', `${active}`);
    line('  ratio end-to-end / JSON.parse', `${(full.ms / parse.ms).toFixed(1)}x`, '<= 3x');
  }
  if (managedFields) {
    const m = peakMemory(10_000, 'json', json);
    line('peak memory of one run, JSON dump, 50 jobs (max RSS)', `${(m.maxRssBytes / GiB).toFixed(2)} GiB`, '<= 1 GiB');
  }
}
