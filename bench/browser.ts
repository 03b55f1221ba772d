// `npm run bench:browser` (also the second half of `npm run bench`): the playground in Debian's Chromium
// with a big cluster dropped onto it. Not a test — a report of measured figures next to their goals; it
// exits 0 when a goal is missed and non-zero only when the benchmark itself fails.
//
// Per size (env BENCH_BROWSER_SIZES, default "10000,50000": the 50k-pod cluster is 108 MiB of JSON, ~10 s per
// run in the engine, about a minute in all; BENCH_BROWSER_SIZES=10000 skips it), BENCH_BROWSER_RUNS runs
// (default 3, the median is printed; for long tasks the worst run), each in a fresh page (the site is built into
// test-results/bench-site, reused while the sources are unchanged; the dumps are served beside it):
//   - drop → targets rendered: from the drop event (dump.json = asJson(generateCluster(N)) and
//     prometheus.yml = BENCH_SCRAPE_CONFIG, dropped the way test/e2e/scale.test.ts drops files) to the
//     first frame in which the result list shows target rows and the tab counts are in; and how much of
//     it the engine's run() took in the worker (the status line's figure);
//   - main-thread long tasks in that window plus one second after it (trailing work is felt too):
//     PerformanceObserver('longtask') registered before the drop (the figure next to the goal), and as a
//     cross-check a 5 ms timer loop whose late wake-ups show how long the thread was busy (it also counts
//     back-to-back tasks and rendering, so it reads higher); each run's line lists the long tasks;
//   - the big list in use: scrolling (scrollTop jumps → the first frame showing rows at the new place)
//     and filtering (typing a filter → the first frame showing the narrowed list, then clearing it).
// Numbers are noisy on a shared machine; KSD_CHROMIUM overrides the browser's path.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { launch } from '../test/e2e/chromium.ts';
import { ROOT, buildSite } from '../test/e2e/site.ts';
import { asJson, BENCH_SCRAPE_CONFIG, generateCluster } from './generate.ts';

const sizes = (process.env.BENCH_BROWSER_SIZES ?? '10000,50000').split(',').map(Number).filter((n) => n > 0);
const RUNS = Math.max(1, Number(process.env.BENCH_BROWSER_RUNS ?? 3));
const SITE = join(ROOT, 'test-results', 'bench-site');
const MiB = 1024 * 1024;

function line(name: string, value: string, goal = '') {
  console.log(`${name.padEnd(52)} ${value.padStart(16)}${goal ? '   goal: ' + goal : ''}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function kPods(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** What one drop measured (times in ms). */
interface DropRun {
  renderedMs: number;
  /** The engine's own time (run() in the worker, as the status line reports it). */
  engineMs: number;
  activeCount: number;
  longestTask: number;
  tasksOver50: number;
  /** The timer loop's view: the longest stretch the main thread did not get to it, and how many were > 50 ms. */
  longestGap: number;
  gapsOver50: number;
  /** Progress phases the status line showed, in order. */
  phases: string[];
  /** The long tasks: start (ms after the drop) and duration. */
  tasks: [number, number][];
  scrollMs: number[];
  filterMs: number;
  textFilterMs: number;
  /** Typing the text filter → the first frame saying the worker is filtering; -1 when the answer came first. */
  textFilterBusyMs: number;
  unfilterMs: number;
}

/** What one drop measures (the list interactions are measured after it). */
type Drop = Omit<DropRun, 'scrollMs' | 'filterMs' | 'textFilterMs' | 'textFilterBusyMs' | 'unfilterMs'>;

async function loadPage(browser: Browser, url: string): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx compiles this file with esbuild's keepNames: the functions passed to page.evaluate call __name.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('[data-testid=editor] .monaco-editor .view-lines', { timeout: 60_000 });
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { page, close: () => context.close() };
}

/** Fetches the bench files into Blobs on the page (not measured), then drops them and measures. */
async function dropAndMeasure(page: Page, pods: number, profile?: string): Promise<Drop> {
  if (profile) await page.selectOption('[data-testid=profile-picker]', profile);
  await page.evaluate(async (pods) => {
    const w = window as unknown as { benchFiles: File[] };
    const dump = await (await fetch(`bench-data/dump-${pods}.json`)).blob();
    const cfg = await (await fetch('bench-data/prometheus.yml')).blob();
    w.benchFiles = [new File([dump], 'dump.json'), new File([cfg], 'prometheus.yml')];
  }, pods);
  // Let the page settle (Monaco's workers, the first empty run) before measuring.
  await page.waitForTimeout(1000);
  return page.evaluate(
    () =>
      new Promise<Drop>((resolve, reject) => {
        const tasks: { start: number; duration: number }[] = [];
        const obs = new PerformanceObserver((l) => {
          for (const e of l.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
        });
        obs.observe({ type: 'longtask', buffered: false });
        // Cross-check: a 5 ms timer loop; a wake-up later than expected means the thread was busy.
        const gaps: number[] = [];
        let lastTick = performance.now();
        const ticker = setInterval(() => {
          const now = performance.now();
          gaps.push(now - lastTick - 5);
          lastTick = now;
        }, 5);
        const phases: string[] = [];
        const status = () => document.querySelector('[data-testid=run-status]');
        const mo = new MutationObserver(() => {
          const p = status()?.getAttribute('data-phase');
          if (p && phases[phases.length - 1] !== p) phases.push(p);
        });
        mo.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-phase'] });
        const w = window as unknown as { benchFiles: File[] };
        const t0 = performance.now();
        const dt = new DataTransfer();
        for (const f of w.benchFiles) dt.items.add(f);
        document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        const deadline = t0 + 10 * 60_000;
        const rendered = () => {
          const st = status();
          if (!st || st.getAttribute('data-state') !== 'done' || Number(st.getAttribute('data-seq')) < 1) return undefined;
          const count = document.querySelector('[data-testid=count-targets]')?.textContent ?? '';
          if (!/^\d+$/.test(count) || !document.querySelector('[data-testid=target-row]')) return undefined;
          return Number(count);
        };
        const frame = () => {
          const n = rendered();
          if (n === undefined) {
            const s = status()?.getAttribute('data-state');
            if (s === 'error') return reject(new Error(`the run failed: ${status()?.textContent ?? ''} ${document.querySelector('[data-testid=run-error]')?.textContent ?? ''}`));
            if (performance.now() > deadline) return reject(new Error('no result within 10 minutes'));
            requestAnimationFrame(frame);
            return;
          }
          const renderedMs = performance.now() - t0;
          const engineMs = Number(/([\d.]+) ms\s*$/.exec(status()?.querySelector('.muted')?.textContent ?? '')?.[1] ?? NaN);
          // One more second: work the result set off after the first frame is felt too.
          setTimeout(() => {
            for (const e of obs.takeRecords()) tasks.push({ start: e.startTime, duration: e.duration });
            obs.disconnect();
            mo.disconnect();
            clearInterval(ticker);
            const long = tasks.filter((t) => t.start >= t0);
            resolve({
              renderedMs,
              engineMs,
              activeCount: n,
              longestTask: long.reduce((m, t) => Math.max(m, t.duration), 0),
              tasksOver50: long.filter((t) => t.duration > 50).length,
              longestGap: gaps.reduce((m, g) => Math.max(m, g), 0),
              gapsOver50: gaps.filter((g) => g > 50).length,
              phases,
              tasks: long.map((t) => [Math.round(t.start - t0), Math.round(t.duration)] as [number, number]),
            });
          }, 1000);
        };
        requestAnimationFrame(frame);
      }),
  );
}

/** Scroll jumps in the active list: ms from setting scrollTop to the first frame with rows at that place. */
async function measureScroll(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const list = document.querySelector('[data-testid=target-list-active]') as HTMLElement;
    const out: number[] = [];
    for (const frac of [0.5, 0.95, 0.1, 0.75, 0.3]) {
      const top = Math.floor((list.scrollHeight - list.clientHeight) * frac);
      const t0 = performance.now();
      list.scrollTop = top;
      await new Promise<void>((done) => {
        const check = () => {
          const box = list.getBoundingClientRect();
          const mid = box.top + box.height / 2;
          const rows = list.querySelectorAll('.vrow');
          let covered = false;
          for (const r of Array.from(rows)) {
            const b = r.getBoundingClientRect();
            if (b.top <= mid && b.bottom >= mid) covered = true;
          }
          if (covered) done();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
    return out;
  });
}

/** Typing a filter (a label: one pod's name; then the same name as text, searched in every label of every target) → the
 * first frame with the narrowed list; clearing it → the full list again. */
async function measureFilter(page: Page, podName: string): Promise<{ filterMs: number; textFilterMs: number; textFilterBusyMs: number; unfilterMs: number }> {
  return page.evaluate(async (podName) => {
    const input = document.querySelector('[data-testid=filter]') as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const count = () => Number(document.querySelector('[data-testid=target-list-active]')?.getAttribute('data-count') ?? -1);
    const full = count();
    const until = (ok: () => boolean) =>
      new Promise<void>((done, fail) => {
        const t = performance.now();
        const check = () => (ok() ? done() : performance.now() - t > 120_000 ? fail(new Error('the filter did not apply in 2 minutes')) : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
    // When the page first showed that it is filtering (the worker's answer may take longer than a frame).
    let busyAt = -1;
    const type = async (text: string, ok: () => boolean) => {
      const t0 = performance.now();
      busyAt = -1;
      const watch = () => {
        if (document.querySelector('[data-testid=filter-busy]')) busyAt = performance.now() - t0;
        else if (!ok()) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
      setValue.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await until(ok);
      return performance.now() - t0;
    };
    const listFilter = () => document.querySelector('[data-testid=target-list-active]')?.getAttribute('data-filter');
    const filterMs = await type(`pod=${podName}`, () => count() > 0 && count() < full);
    await new Promise((r) => setTimeout(r, 200));
    const before = count();
    // (a page without the list's data-filter attribute, e.g. an older build: the row count changing says it)
    const textFilterMs = await type(podName, () => (listFilter() === null || listFilter() === undefined ? count() !== before : listFilter() === podName));
    const textFilterBusyMs = busyAt;
    await new Promise((r) => setTimeout(r, 200));
    const unfilterMs = await type('', () => count() === full);
    return { filterMs, textFilterMs, textFilterBusyMs, unfilterMs };
  }, podName);
}

async function main() {
  const t0 = Date.now();
  const built = buildSite(SITE);
  console.log(`\n== browser (Chromium, ${RUNS} run${RUNS === 1 ? '' : 's'} per size, median; site ${built ? `built in ${(built / 1000).toFixed(0)} s` : 'reused'})`);
  mkdirSync(join(SITE, 'bench-data'), { recursive: true });
  writeFileSync(join(SITE, 'bench-data', 'prometheus.yml'), BENCH_SCRAPE_CONFIG);
  const server = (await startServer({ dir: SITE })) as { url: string; close(): Promise<void> };
  const browser = await launch();
  try {
    for (const pods of sizes) {
      const cluster = generateCluster(pods);
      const json = asJson(cluster);
      writeFileSync(join(SITE, 'bench-data', `dump-${pods}.json`), json);
      // A pod whose target is active (annotated for scraping: app index not divisible by 3).
      const podName = (cluster.objects.find((o) => o.kind === 'Pod' && (o.metadata as { annotations: Record<string, string> }).annotations['prometheus.io/scrape'] === 'true')?.metadata as { name: string }).name;
      console.log(`\n-- ${pods} pods: dump.json ${(json.length / MiB).toFixed(1)} MiB`);
      const runs: DropRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        const { page, close } = await loadPage(browser, server.url);
        try {
          const d = await dropAndMeasure(page, pods);
          const scrollMs = await measureScroll(page);
          const f = await measureFilter(page, podName);
          runs.push({ ...d, scrollMs, ...f });
          console.log(
            `   run ${i + 1}: rendered ${d.renderedMs.toFixed(0)} ms (${d.activeCount} active; the engine's run() ${d.engineMs.toFixed(0)} ms of it); long tasks: longest ${d.longestTask.toFixed(0)} ms, ${d.tasksOver50} over 50 ms; timer gaps: longest ${d.longestGap.toFixed(0)} ms, ${d.gapsOver50} over 50 ms; phases: ${d.phases.join(' → ') || '-'}${d.tasks.length ? `; long tasks at (ms after the drop +duration): ${d.tasks.map(([a, b]) => `${a}+${b}`).join(', ')}` : ''}`,
          );
        } finally {
          await close();
        }
      }
      const k = kPods(pods);
      // The issue sets the goal for 10k pods; larger dumps are shown for scale (progress is shown, and cancel works).
      line(`browser: ${k} pods dropped → targets rendered`, `${(median(runs.map((r) => r.renderedMs)) / 1000).toFixed(2)} s`, pods === 10_000 ? '<= 3 s' : '');
      if (pods !== 10_000) console.log("  (the issue's 3 s goal is for 10k pods; a larger dump shows its progress and can be cancelled)");
      line("  of which the engine's run() in the worker", `${(median(runs.map((r) => r.engineMs)) / 1000).toFixed(2)} s`);
      line('  the rest (reading, worker, view model, page)', `${(median(runs.map((r) => r.renderedMs - r.engineMs)) / 1000).toFixed(2)} s`);
      // The goal holds for every drop, so the task figures are the worst run's (a median would hide one drop in three).
      line('browser: longest main-thread task (worst run)', `${Math.max(...runs.map((r) => r.longestTask)).toFixed(0)} ms`, '<= 50 ms');
      line('  long tasks > 50 ms (PerformanceObserver), all runs', `${runs.reduce((n, r) => n + r.tasksOver50, 0)}`, '0');
      line('  cross-check, 5 ms timer: longest gap / gaps > 50 ms', `${median(runs.map((r) => r.longestGap)).toFixed(0)} ms / ${median(runs.map((r) => r.gapsOver50))}`);
      line(`browser: ${k} pods (${runs[0]?.activeCount ?? 0} active): scroll → rows`, `${median(runs.map((r) => median(r.scrollMs))).toFixed(0)} ms`, '<= 100 ms');
      line('  slowest scroll jump', `${median(runs.map((r) => Math.max(...r.scrollMs))).toFixed(0)} ms`);
      line(`browser: ${k} pods: filter → list updated`, `${median(runs.map((r) => r.filterMs)).toFixed(0)} ms`, '<= 200 ms');
      line('  a text filter (every label of every target)', `${median(runs.map((r) => r.textFilterMs)).toFixed(0)} ms`, '<= 200 ms');
      const busy = runs.map((r) => r.textFilterBusyMs).filter((ms) => ms >= 0);
      line('    typed → "filtering…" shown (first frame)', busy.length ? `${median(busy).toFixed(0)} ms` : 'answered first', '<= 100 ms');
      line('  filter cleared → full list', `${median(runs.map((r) => r.unfilterMs)).toFixed(0)} ms`, '<= 200 ms');
      if (pods !== 10_000) continue;
      // The same drop with vmagent's semantics (the founding case's engine): each target is built whole there.
      const vm: Drop[] = [];
      for (let i = 0; i < RUNS; i++) {
        const { page, close } = await loadPage(browser, server.url);
        try {
          const d = await dropAndMeasure(page, pods, 'vmagent-1.150');
          vm.push(d);
          console.log(`   vmagent run ${i + 1}: rendered ${d.renderedMs.toFixed(0)} ms (${d.activeCount} active; run() ${d.engineMs.toFixed(0)} ms); long tasks: longest ${d.longestTask.toFixed(0)} ms, ${d.tasksOver50} over 50 ms`);
        } finally {
          await close();
        }
      }
      line(`browser: ${k} pods, vmagent-1.150 → targets rendered`, `${(median(vm.map((r) => r.renderedMs)) / 1000).toFixed(2)} s`, '<= 3 s');
      line('  longest main-thread task (worst run) / long tasks > 50 ms (all runs)', `${Math.max(...vm.map((r) => r.longestTask)).toFixed(0)} ms / ${vm.reduce((n, r) => n + r.tasksOver50, 0)}`, '<= 50 ms / 0');
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`\n(browser bench: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
