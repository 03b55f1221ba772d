// A big dump stays usable: a long run shows its phases and can be cancelled, 60k targets render in a
// virtualized list (only the rows in view exist, their contents fetched from the worker as they come
// into view), filtering (in the worker) and traces still work, and the 10 MiB file is not put into the
// editor whole: the editor holds a window of its lines that edits and jumps go through.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, currentSeq, expectClean, launch, openPage, readRows, screenshot, showView, waitForEditor, waitForResult } from './browser.ts';
import { diagnose, run } from '../../src/engine/index.ts';
import { verifyBudget } from '../../src/worker/advice.ts';
import { compareRows, expectedFor, runOptionsFor } from './engine-expect.ts';

/** `pods` Pods with three declared ports each (a kubectl List, as `kubectl get pods -A -o json` writes it). */
function bigDump(pods: number): { name: string; text: string }[] {
  const items = [];
  for (let i = 0; i < pods; i++) {
    items.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: `ns-${i % 20}`, uid: `uid-${i}`, labels: { app: `app-${i % 50}` } },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'img:1', ports: [9000, 9001, 9002].map((p) => ({ name: `p${p}`, containerPort: p })) }] },
      status: { phase: 'Running', podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  const config = 'scrape_configs:\n  - job_name: pods\n    kubernetes_sd_configs: [{role: pod}]\n    relabel_configs:\n      - source_labels: [__meta_kubernetes_pod_container_port_number]\n        regex: "9000|9001"\n        action: keep\n';
  return [
    { name: 'pods.json', text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 1) },
    { name: 'prometheus.yml', text: config },
  ];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('a big dump', () => {
  const files = bigDump(20_000);
  const expected = expectedFor(files, 'auto');

  it('shows progress, can be cancelled, and renders 60k targets virtualized', async () => {
    expect(expected.active.length + expected.dropped.length).toBe(60_000);
    const g = await openPage(browser);
    await g.page.goto(baseUrl());
    await waitForEditor(g.page);
    await g.page.evaluate((files) => {
      // Every phase the status line shows, in order.
      const seen: string[] = [];
      (window as unknown as { phases: string[] }).phases = seen;
      // And every text the status line showed (the engine's own steps within its phase).
      const texts: string[] = [];
      (window as unknown as { phaseTexts: string[] }).phaseTexts = texts;
      new MutationObserver(() => {
        const p = document.querySelector('[data-testid=run-status]')?.getAttribute('data-phase');
        if (p && seen[seen.length - 1] !== p) seen.push(p);
        const t = document.querySelector('[data-testid=run-phase]')?.textContent;
        if (t && texts[texts.length - 1] !== t) texts.push(t);
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-phase'], childList: true, characterData: true });
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.text], f.name));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    // The run is long enough to be seen — the status line says what the engine is doing — and cancelled.
    await g.page.waitForSelector('[data-testid=run-status][data-state=running][data-phase=engine] [data-testid=cancel-run]');
    expect(await g.page.textContent('[data-testid=run-phase]')).toMatch(/Running the engine… reading \d+\.\d MiB/);
    await g.page.click('[data-testid=cancel-run]');
    await g.page.waitForSelector('[data-testid=run-status][data-state=cancelled]');
    expect(await currentSeq(g.page)).toBe(0);
    // The input is kept; run again to the end.
    expect(await g.page.$$eval('[data-testid=file-tab]', (els) => els.map((e) => e.getAttribute('data-name')))).toEqual(['pods.json', 'prometheus.yml']);
    await g.page.click('[data-testid=run]');
    await waitForResult(g.page, 1);
    // The phases came in order (some may pass between two frames; the engine's is long enough to be seen).
    const phases = await g.page.evaluate(() => (window as unknown as { phases: string[] }).phases);
    // The engine said where it was: after reading the input, at the job.
    const texts = await g.page.evaluate(() => (window as unknown as { phaseTexts: string[] }).phaseTexts);
    expect(texts.some((t) => /reading \d+\.\d MiB · \d+ objects/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('discovering and relabeling: prometheus.yml: job pods (1 of 1)'))).toBe(true);
    const order = ['waiting', 'started', 'engine', 'view'];
    expect(phases).toContain('engine');
    for (const run of phases.join(' ').split(/(?=waiting)/)) {
      const idx = run.trim().split(' ').map((p) => order.indexOf(p));
      expect(idx.every((x, i) => x >= 0 && (i === 0 || x > idx[i - 1]!))).toBe(true);
    }
    expect(await g.page.textContent('[data-testid=count-targets]')).toBe(String(expected.active.length));
    expect(await g.page.textContent('[data-testid=count-dropped]')).toBe(String(expected.dropped.length));
    const list = '[data-testid=target-list-active]';
    expect(Number(await g.page.getAttribute(list, 'data-count'))).toBe(expected.active.length + 1); // + the job row
    const rendered = await g.page.locator('[data-testid=target-row]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(200);
    // Scrolling to the end renders the last rows (asked from the worker as they come into view): the engine's last ones.
    await g.page.$eval(list, (el) => el.scrollTo(0, el.scrollHeight));
    await g.page.waitForFunction((sel) => {
      const el = document.querySelector(sel) as HTMLElement;
      const rows = el.querySelectorAll('[data-testid=target-row]');
      // The rows at the end are rendered (not the first ones still, scrolled out of sight) and loaded.
      return el.querySelectorAll('[data-testid=target-row-pending]').length === 0 && rows.length > 0 && Math.abs((rows[rows.length - 1] as HTMLElement).getBoundingClientRect().bottom - el.getBoundingClientRect().bottom) < 60;
    }, list);
    const shown = await readRows(g.page);
    expect(compareRows(shown, expected.active.slice(-shown.length))).toEqual([]);
    await screenshot(g.page, 'active-60k-targets');
    // A row far down, selected: its details with every discovered label.
    await g.page.locator('[data-testid=target-row] .target-main').last().click();
    expect(await g.page.locator('[data-testid=discovered-labels] tr').count()).toBeGreaterThan(10);
    await g.page.locator('[data-testid=target-detail] [aria-label="Close details"]').click();
    // Filtering narrows 40k rows to one pod's. Until the worker answers, the page says it is filtering (the list,
    // still the unfiltered one, is marked busy); every change to that is recorded as it happens.
    await g.page.evaluate(() => {
      const states: string[] = [];
      (window as unknown as { busy: string[] }).busy = states;
      const note = () => {
        const s = `${document.querySelector('[data-testid=filter-busy]') ? 'shown' : 'none'}/${document.querySelector('#result-panel')?.getAttribute('aria-busy')}`;
        if (states[states.length - 1] !== s) states.push(s);
      };
      note();
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
    });
    await g.page.fill('[data-testid=filter]', '__meta_kubernetes_pod_name=pod-19999');
    await g.page.waitForFunction(() => document.querySelectorAll('[data-testid=target-row]').length === 2);
    await g.page.waitForSelector('[data-testid=filter-busy]', { state: 'detached' });
    expect(await g.page.evaluate(() => (window as unknown as { busy: string[] }).busy)).toEqual(['none/false', 'shown/true', 'none/false']);
    // A trace of a big run (recorded on demand).
    await g.page.locator('[data-testid=target-row] .trace-btn').first().click();
    await g.page.waitForSelector('[data-testid=trace-pane][data-state=ready]', { timeout: 60_000 });
    expect(await g.page.locator('[data-testid=trace-step]').count()).toBeGreaterThan(3);
    // A big run is diagnosed on request only; "Diagnose now" gives the engine's diagnoses.
    await showView(g.page, 'why');
    await g.page.waitForSelector('[data-testid=diagnose-skipped]');
    await g.page.click('[data-testid=diagnose-now]');
    await g.page.waitForSelector('[data-testid=run-status][data-advice=done]', { timeout: 120_000 });
    const res = run(files, runOptionsFor(files, 'auto'));
    const diags = diagnose(files, res, { verify: true, runOptions: runOptionsFor(files, 'auto'), maxRuns: verifyBudget(files.reduce((n, f) => n + f.text.length, 0)) });
    expect(await g.page.locator('[data-testid=why-list] [data-testid=diagnosis]').count()).toBe(diags.length);
    expectClean(g);
    await g.context.close();
  });

  it('puts a window of the big file into the editor: line numbers as in the file, jumps and edits go through it', async () => {
    const g = await openPage(browser);
    await g.page.goto(baseUrl());
    await waitForEditor(g.page);
    await g.page.evaluate((files) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.text], f.name));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    await waitForResult(g.page, 1);
    const dump = files[0]!;
    const lines = dump.text.split('\n').length;
    // The small config is in the editor whole; the dump through a window of its first lines.
    expect(await g.page.locator('[data-testid=big-file-bar]').count()).toBe(0);
    await g.page.click('[data-testid=file-tab][data-name="pods.json"] .file-tab-name');
    const bar = g.page.locator('[data-testid=big-file-bar]');
    await bar.waitFor();
    expect(await bar.textContent()).toContain('pods.json is');
    const first = Number(await bar.getAttribute('data-first'));
    const last = Number(await bar.getAttribute('data-last'));
    expect(first).toBe(1);
    expect(last).toBeGreaterThan(100);
    expect(last).toBeLessThan(lines / 20);
    expect(await g.page.textContent('[data-testid=editor] .view-line')).toBe(dump.text.split('\n')[0]);
    // The window is mostly brackets: colouring them parses all of them into a tree in the task that first shows the
    // file (a main-thread task past 50 ms in the browser bench). The models are made with the colouring off.
    expect(await g.page.locator('[data-testid=editor] .view-lines .view-line span').count()).toBeGreaterThan(20);
    expect(await g.page.locator('[data-testid=editor] .view-lines [class*="bracket"]').count()).toBe(0);
    // An edit in this first window (cut from the first slice the page read, not from the text) goes into the file at
    // its start, the rest of the file kept.
    const fileNow = () =>
      g.page.evaluate(() => {
        const f = (window as unknown as { ksdPlayground: { session(): { files: { name: string; text: string }[] } } }).ksdPlayground.session().files.find((x) => x.name === 'pods.json')!;
        return { length: f.text.length, head: f.text.slice(0, 20), tail: f.text.slice(-20) };
      });
    // Two edits, each taken into the file on its own: the second splices into the text the first one made.
    await g.page.click('[data-testid=editor] .view-lines');
    for (const n of [1, 2]) {
      const seq0 = await currentSeq(g.page);
      await g.page.keyboard.press('Control+Home');
      await g.page.keyboard.type(' ');
      await waitForResult(g.page, seq0 + 1);
      expect(await fileNow()).toEqual({ length: dump.text.length + n, head: ' '.repeat(n) + dump.text.slice(0, 20 - n), tail: dump.text.slice(-20) });
    }
    // Later lines: the window moves on, line numbers stay the file's.
    await g.page.click('[data-testid=big-file-later]');
    await g.page.waitForFunction((n) => Number(document.querySelector('[data-testid=big-file-bar]')?.getAttribute('data-first')) > n, first);
    const movedFirst = Number(await bar.getAttribute('data-first'));
    expect(movedFirst).toBeGreaterThan(1);
    expect(movedFirst).toBeLessThanOrEqual(last + 1);
    expect((await g.page.textContent('[data-testid=editor] .line-numbers')) ?? '').toBe(String(movedFirst));
    // A jump to an object far down the file moves the window there.
    const res = run(files, runOptionsFor(files, 'auto'));
    const far = res.store.all().find((o) => o.obj.kind === 'Pod' && o.obj.metadata.name === 'pod-19999')!;
    await showView(g.page, 'objects');
    await g.page.fill('[data-testid=filter]', 'pod-19999');
    await g.page.locator('[data-testid=object-row]', { hasText: 'pod-19999' }).getByRole('button', { name: /Show pods\.json line/ }).click();
    await g.page.waitForFunction((line) => {
      const b = document.querySelector('[data-testid=big-file-bar]');
      return Number(b?.getAttribute('data-first')) <= line && Number(b?.getAttribute('data-last')) >= line;
    }, far.origin.pos.line);
    await g.page.waitForSelector('[data-testid=editor] .reveal-line');
    // An edit in the window goes into the file (at its place in the whole text) and re-runs.
    const seq = await currentSeq(g.page);
    await g.page.click('[data-testid=editor] .view-lines');
    await g.page.keyboard.press('Home');
    await g.page.keyboard.type('  ');
    await waitForResult(g.page, seq + 1);
    const edited = await fileNow();
    expect(edited.length).toBe(dump.text.length + 4);
    expect(edited.head).toBe('  ' + dump.text.slice(0, 18));
    expect(edited.tail).toBe(dump.text.slice(-20));
    expect(await g.page.textContent('[data-testid=count-targets]')).toBe(String(expected.active.length));
    await screenshot(g.page, 'big-file-window');
    expectClean(g);
    await g.context.close();
  });
});
