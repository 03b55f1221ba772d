// run()'s progress callback (the worker's status line): stages in order, one call per job with its place among
// the scraper's jobs, and the same result as without a callback.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type RunProgress } from '../../src/engine/index.ts';

const dir = join(import.meta.dirname, '..', '..', 'examples', '01-founding-vmservicescrape-targetport');
const operatorFiles = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));

const config = `scrape_configs:
  - {job_name: a, kubernetes_sd_configs: [{role: pod}]}
  - {job_name: b, kubernetes_sd_configs: [{role: endpoints}]}
  - {job_name: c, static_configs: [{targets: [x:1]}]}
`;

describe('run progress', () => {
  it('reports ingest, simulation, operators and every job in order, and changes nothing', () => {
    const files = [...operatorFiles, { name: 'prometheus.yml', text: config }];
    const seen: RunProgress[] = [];
    const r = run(files, { onProgress: (p) => seen.push(p) });
    const stages = seen.map((p) => p.stage);
    expect(stages.slice(0, 3)).toEqual(['ingested', 'simulated', 'operators']);
    const jobs = seen.filter((p) => p.stage === 'job');
    // The pasted scraper's three jobs, then the operator scraper's.
    expect(jobs.slice(0, 3).map((p) => [p.done, p.total, p.detail])).toEqual([
      [0, 3, 'prometheus.yml: job a'],
      [1, 3, 'prometheus.yml: job b'],
      [2, 3, 'prometheus.yml: job c'],
    ]);
    expect(jobs.length).toBe(r.jobs.length);
    expect(jobs.slice(3).every((p, i) => p.done === i && p.total === r.jobs.length - 3)).toBe(true);
    const plain = run(files);
    expect(JSON.stringify(r.jobs)).toBe(JSON.stringify(plain.jobs));
  });
});
