// One end-to-end run in a process of its own, so its peak memory is the run's (reading the dump, ingest, discovery,
// relabeling and the result), not the benchmark's other data. Prints one JSON line; bench/run.ts reads it.
//   npx tsx bench/memory.ts PODS [json|yaml] [DUMP_FILE]
// With DUMP_FILE the dump is read from that file, as the CLI reads its input (bench/run.ts writes it); without, it is
// generated here first, and the generator's own garbage counts too.
import { readFileSync } from 'node:fs';
import { run } from '../src/engine/run.ts';
import { asJson, asYaml, BENCH_SCRAPE_CONFIG, generateCluster } from './generate.ts';

const pods = Number(process.argv[2] ?? 10000);
const format = process.argv[3] === 'yaml' ? 'yaml' : 'json';
const file = process.argv[4];
let text: string | undefined = file ? readFileSync(file, 'utf8') : format === 'yaml' ? asYaml(generateCluster(pods)) : asJson(generateCluster(pods));
const before = process.memoryUsage().rss;
const res = run([{ name: `dump.${format}`, text }, { name: 'prometheus.yml', text: BENCH_SCRAPE_CONFIG }], { profile: 'prometheus-3.14' });
text = undefined;
const targets = res.jobs.reduce((n, j) => n + j.active.length + j.dropped.length + j.failed.length + j.duplicates.length, 0);
// maxRSS is in KiB: the highest resident set of the whole process (the Node runtime and the text included).
console.log(JSON.stringify({ pods, format, targets, maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBeforeRunBytes: before }));
