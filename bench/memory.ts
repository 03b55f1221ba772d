// One end-to-end run in a process of its own, so its peak memory is the run's (the input text, ingest, discovery,
// relabeling and the result), not the benchmark's other data. Prints one JSON line; bench/run.ts reads it.
//   npx tsx bench/memory.ts PODS [json|yaml]
import { run } from '../src/engine/run.ts';
import { asJson, asYaml, BENCH_SCRAPE_CONFIG, generateCluster } from './generate.ts';

const pods = Number(process.argv[2] ?? 10000);
const format = process.argv[3] === 'yaml' ? 'yaml' : 'json';
let text: string | undefined = format === 'yaml' ? asYaml(generateCluster(pods)) : asJson(generateCluster(pods));
const before = process.memoryUsage().rss;
const res = run([{ name: `dump.${format}`, text }, { name: 'prometheus.yml', text: BENCH_SCRAPE_CONFIG }], { profile: 'prometheus-3.14' });
text = undefined;
const targets = res.jobs.reduce((n, j) => n + j.active.length + j.dropped.length + j.failed.length + j.duplicates.length, 0);
// maxRSS is in KiB: the highest resident set of the whole process, input generation included.
console.log(JSON.stringify({ pods, format, targets, maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBeforeRunBytes: before }));
