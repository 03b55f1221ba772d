// A big dump stays usable: a long run shows progress and can be cancelled, 60k targets render in a
// virtualized list (only the rows in view exist), filtering and traces still work.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, currentSeq, expectClean, launch, openPage, screenshot, showView, waitForEditor, waitForResult } from './browser.ts';
import { diagnose, run } from '../../src/engine/index.ts';
import { verifyBudget } from '../../src/worker/advice.ts';
import { expectedFor, runOptionsFor } from './engine-expect.ts';

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
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.text], f.name));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    // The run is long enough to be seen, and cancelled.
    await g.page.waitForSelector('[data-testid=run-status][data-state=running] [data-testid=cancel-run]');
    await g.page.click('[data-testid=cancel-run]');
    await g.page.waitForSelector('[data-testid=run-status][data-state=cancelled]');
    expect(await currentSeq(g.page)).toBe(0);
    // The input is kept; run again to the end.
    expect(await g.page.$$eval('[data-testid=file-tab]', (els) => els.map((e) => e.getAttribute('data-name')))).toEqual(['pods.json', 'prometheus.yml']);
    await g.page.click('[data-testid=run]');
    await waitForResult(g.page, 1);
    expect(await g.page.textContent('[data-testid=count-targets]')).toBe(String(expected.active.length));
    expect(await g.page.textContent('[data-testid=count-dropped]')).toBe(String(expected.dropped.length));
    const list = '[data-testid=target-list-active]';
    expect(Number(await g.page.getAttribute(list, 'data-count'))).toBe(expected.active.length + 1); // + the job row
    const rendered = await g.page.locator('[data-testid=target-row]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(200);
    // Scrolling to the end renders the last rows.
    await g.page.$eval(list, (el) => el.scrollTo(0, el.scrollHeight));
    const last = expected.active.reduce((a, b) => (a.main > b.main ? a : b));
    expect(last).toBeDefined();
    await g.page.waitForFunction((sel) => {
      const el = document.querySelector(sel) as HTMLElement;
      const rows = el.querySelectorAll('[data-testid=target-row]');
      return rows.length > 0 && (rows[rows.length - 1] as HTMLElement).getBoundingClientRect().bottom <= el.getBoundingClientRect().bottom + 60;
    }, list);
    await screenshot(g.page, 'active-60k-targets');
    // Filtering narrows 40k rows to one pod's.
    await g.page.fill('[data-testid=filter]', '__meta_kubernetes_pod_name=pod-19999');
    await g.page.waitForFunction(() => document.querySelectorAll('[data-testid=target-row]').length === 2);
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
});
