import { run } from '../src/engine/run.ts';
import { asJson, BENCH_SCRAPE_CONFIG, generateCluster } from './generate.ts';
const json = asJson(generateCluster(10000));
const cfg = { name: 'prometheus.yml', text: BENCH_SCRAPE_CONFIG };
for (let i = 0; i < 3; i++) { const t = performance.now(); run([{ name: 'dump.json', text: json }, cfg], { profile: 'prometheus-3.14' }); console.log(performance.now() - t); }
