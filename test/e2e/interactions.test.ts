// The playground as a person uses it: paste the founding case, drop a dump, follow a trace, hover
// a meta label, share a link and reopen it, use the keyboard. Every result is checked against the
// engine run here on the same input; the console stays clean and nothing leaves the page's origin.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/index.ts';
import { exampleSession } from '../../src/ui/examples/meta.ts';
import { diffLabels } from '../../src/worker/trace-view.ts';
import {
  baseUrl,
  currentSeq,
  expectClean,
  launch,
  openPage,
  readRows,
  screenshot,
  sessionUrl,
  showView,
  waitForEditor,
  waitForResult,
  type Guarded,
} from './browser.ts';
import { compareRows, expectedFor, type Expected } from './engine-expect.ts';
import { EXAMPLES_DIR, exampleByPrefix, loadExamples } from './examples-fs.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const examples = loadExamples();
const example = (prefix: string) => exampleByPrefix(prefix, examples);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function expectViewsMatch(page: Page, expected: Expected): Promise<void> {
  for (const [view, rows] of [
    ['targets', expected.active],
    ['dropped', expected.dropped],
    ['failed', expected.failed],
  ] as const) {
    await showView(page, view);
    expect(compareRows(await readRows(page), rows), view).toEqual([]);
  }
}

async function session(page: Page): Promise<{ files: { name: string; text: string }[]; profile: string; view: string; target?: string; filter?: string }> {
  return page.evaluate(() => (window as unknown as { ksdPlayground: { session(): never } }).ksdPlayground.session());
}

async function pasteIntoEditor(g: Guarded, text: string): Promise<void> {
  await g.page.click('[data-testid=editor] .monaco-editor .view-lines');
  await g.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await g.page.keyboard.press('Control+V');
}

const FOUNDING_RULE = 'keep __meta_kubernetes_pod_container_port_number =~ "10299"';

describe('founding case, pasted', () => {
  it('the operator input pasted via the clipboard shows the dropped target and its rule', async () => {
    const g = await openPage(browser, { clipboard: true });
    await g.page.goto(baseUrl());
    await waitForEditor(g.page);
    expect(await g.page.isVisible('[data-testid=welcome]')).toBe(true);
    const text = readFileSync(join(EXAMPLES_DIR, '01-founding-vmservicescrape-targetport', 'input.yaml'), 'utf8');
    await pasteIntoEditor(g, text);
    await waitForResult(g.page, 1);
    // Pasting keeps the text byte for byte (typing into Monaco would auto-indent it).
    expect((await session(g.page)).files.map((f) => f.text)).toEqual([text]);
    const expected = expectedFor([{ name: 'input.yaml', text }], 'auto');
    await expectViewsMatch(g.page, expected);
    // The founding case, forever: whenever the engine drops it, the page says by which rule.
    const drop = expected.dropped.find((r) => r.reasonParts.some((p) => p.includes(FOUNDING_RULE)));
    expect(drop, 'the engine drops the founding target by the container-port keep rule').toBeDefined();
    await showView(g.page, 'dropped');
    const row = g.page.locator('[data-testid=target-row]', { hasText: '__meta_kubernetes_pod_container_port_number' }).first();
    expect(await row.locator('[data-testid=drop-rule]').textContent()).toBe(FOUNDING_RULE);
    await row.locator('.trace-btn').click();
    await g.page.waitForSelector('[data-testid=trace-pane][data-state=ready]');
    const dropStep = g.page.locator('[data-testid=trace-step][data-keep=false]');
    expect(await dropStep.count()).toBe(1);
    expect(await dropStep.textContent()).toContain(FOUNDING_RULE);
    await screenshot(g.page, 'trace-founding-case');
    expectClean(g);
    await g.context.close();
  });

  it('objects and config mixed in one tab work the same', async () => {
    const g = await openPage(browser, { clipboard: true });
    await g.page.goto(baseUrl());
    await waitForEditor(g.page);
    const ex = example('03-');
    const text = ex.files.map((f) => f.text.trimEnd()).join('\n---\n') + '\n';
    await pasteIntoEditor(g, text);
    await waitForResult(g.page, 1);
    const expected = expectedFor([{ name: 'input.yaml', text }], 'auto');
    expect(expected.dropped.some((r) => r.reasonParts.some((p) => p.includes(FOUNDING_RULE)))).toBe(true);
    await expectViewsMatch(g.page, expected);
    expectClean(g);
    await g.context.close();
  });
});

describe('input', () => {
  it('dropping a kubectl dump and a scrape config adds them as tabs and runs', async () => {
    const g = await openPage(browser);
    await g.page.goto(baseUrl());
    await waitForEditor(g.page);
    const dump = readFileSync(join(FIXTURES, 'kubectl-get-all.json'), 'utf8');
    const prom = readFileSync(join(FIXTURES, 'prometheus.yml'), 'utf8');
    await g.page.evaluate(
      ({ dump, prom }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([dump], 'kubectl-get-all.json', { type: 'application/json' }));
        dt.items.add(new File([prom], 'prometheus.yml', { type: 'text/yaml' }));
        const target = document.querySelector('[data-testid=editor]') as HTMLElement;
        for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { dump, prom },
    );
    await waitForResult(g.page, 1);
    expect(await g.page.$$eval('[data-testid=file-tab]', (els) => els.map((e) => e.getAttribute('data-name')))).toEqual(['kubectl-get-all.json', 'prometheus.yml']);
    const expected = expectedFor(
      [
        { name: 'kubectl-get-all.json', text: dump },
        { name: 'prometheus.yml', text: prom },
      ],
      'auto',
    );
    expect(expected.active.length).toBeGreaterThan(0);
    await expectViewsMatch(g.page, expected);
    await showView(g.page, 'objects');
    // Objects the cluster simulation added carry a "simulated" badge.
    const simulated = run([
      { name: 'kubectl-get-all.json', text: dump },
      { name: 'prometheus.yml', text: prom },
    ]).simulated.length;
    expect(await g.page.locator('[data-testid=simulated-badge]').count()).toBe(simulated);
    await screenshot(g.page, 'objects-after-drop');
    expectClean(g);
    await g.context.close();
  });

  it('engine diagnostics become editor markers at their line', async () => {
    const g = await openPage(browser);
    // Every frame, how many lines the editor shows: once the file is on screen it must never blink out (the editor's
    // warm-up once swapped models and left one frame empty).
    await g.page.addInitScript(() => {
      const frames: number[] = [];
      (window as unknown as { editorLineFrames: number[] }).editorLineFrames = frames;
      const tick = () => {
        frames.push(document.querySelectorAll('[data-testid=editor] .view-line').length);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const text = 'scrape_configs:\n  - job_name: broken\n    kubernetes_sd_configs:\n      - role: pod\n    relabel_configs:\n      - action: keeep\n';
    await g.page.goto(sessionUrl({ files: [{ name: 'prometheus.yml', text }], profile: 'auto', view: 'problems' }));
    await waitForResult(g.page);
    await waitForEditor(g.page);
    const res = run([{ name: 'prometheus.yml', text }]);
    const errors = res.diagnostics.filter((d) => d.severity === 'error' && d.pos);
    expect(errors.length).toBeGreaterThan(0);
    expect(await g.page.locator('[data-testid=problem]').count()).toBe(res.diagnostics.length);
    const line = errors[0]!.pos!.line;
    // The squiggle sits on the diagnostic's line.
    // Polled, not read once: Monaco redraws its overlay layer (a relayout, the schema validator's own markers), and a
    // single read between two draws can see no squiggle at all (CI saw that once on a loaded machine).
    const squiggleLines = () =>
      g.page.evaluate(() => {
        const lineHeight = document.querySelector('[data-testid=editor] .view-line')?.getBoundingClientRect().height ?? 0;
        if (!lineHeight) return [];
        return [...document.querySelectorAll('.squiggly-error')].map((e) => Math.round(parseFloat((e.parentElement as HTMLElement).style.top) / lineHeight) + 1);
      });
    await expect.poll(squiggleLines, { timeout: 10_000, interval: 100 }).toContain(line);
    await g.page.waitForSelector('[data-testid=editor][data-warmed-up]', { timeout: 10_000 });
    await g.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const frames = await g.page.evaluate(() => (window as unknown as { editorLineFrames: number[] }).editorLineFrames);
    const shown = frames.findIndex((n) => n > 0);
    expect(shown).toBeGreaterThanOrEqual(0);
    expect(frames.slice(shown).filter((n) => n === 0).length).toBe(0);
    expectClean(g);
    await g.context.close();
  });
});

describe('editor schemas (bundled, offline)', () => {
  it('complete kinds and fields, validate types and explain fields on hover', async () => {
    const g = await openPage(browser);
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    version: 1.5\n';
    await g.page.goto(sessionUrl({ files: [{ name: 'pod.yaml', text }], profile: 'auto', view: 'problems' }));
    await waitForResult(g.page);
    await waitForEditor(g.page);
    // Validation: a label value must be a string (the API server would refuse 1.5).
    const marker = g.page.locator('.squiggly-warning, .squiggly-error').first();
    await marker.waitFor();
    const box = (await marker.boundingBox())!;
    await g.page.mouse.move(box.x + Math.min(box.width / 2, 10), box.y + box.height / 2);
    await g.page.waitForSelector('.monaco-hover-content:has-text("string")');
    await g.page.mouse.move(1, 1);
    // Hover: a field's description from the schema.
    await g.page.locator('[data-testid=editor] .view-line span', { hasText: 'labels' }).first().hover();
    await g.page.waitForSelector('.monaco-hover-content:has-text("__meta_kubernetes_")');
    await g.page.mouse.move(1, 1);
    // Completion: a new document offers the kinds the engine reads, operator CRDs included.
    await g.page.click('[data-testid=editor] .view-lines');
    await g.page.keyboard.press('Control+End');
    await g.page.keyboard.type('---\nkind: VMSer');
    await g.page.keyboard.press('Control+Space');
    await g.page.waitForSelector('.suggest-widget .monaco-list-row:has-text("VMServiceScrape")');
    await screenshot(g.page, 'editor-completion');
    await g.page.keyboard.press('Escape');
    expect(g.workers.some((u) => u.includes('yaml.worker'))).toBe(true);
    expectClean(g);
    await g.context.close();
  });
});

describe('results', () => {
  it('the trace view shows every step with the labels it added, changed and removed', async () => {
    const g = await openPage(browser);
    const ex = example('11-');
    await g.page.goto(sessionUrl(exampleSession(ex)));
    await waitForResult(g.page);
    await showView(g.page, 'targets');
    const first = g.page.locator('[data-testid=target-row]').first();
    const id = (await first.getAttribute('data-target-id')) as string;
    await first.locator('.trace-btn').click();
    await g.page.waitForSelector(`[data-testid=trace-pane][data-target-id="${id}"][data-state=ready]`);
    const res = run(ex.files, { trace: true });
    const target = res.jobs.flatMap((j) => j.active).find((t) => t.id === id);
    expect(target?.trace).toBeDefined();
    const steps = target!.trace!;
    const rendered = g.page.locator('[data-testid=trace-step]');
    expect(await rendered.count()).toBe(steps.length);
    expect(steps.some((s) => s.implicit)).toBe(true); // implicit steps are part of the trace
    for (let i = 0; i < steps.length; i++) {
      const d = diffLabels(steps[i]!.before, steps[i]!.after);
      const n = d.added.length + d.changed.length + d.removed.length;
      const step = rendered.nth(i);
      if (n > 12) continue; // long diffs start folded
      expect(await step.locator('[data-testid=diff-added]').count(), `step ${i + 1} added`).toBe(d.added.length);
      expect(await step.locator('[data-testid=diff-changed]').count(), `step ${i + 1} changed`).toBe(d.changed.length);
      expect(await step.locator('[data-testid=diff-removed]').count(), `step ${i + 1} removed`).toBe(d.removed.length);
    }
    await screenshot(g.page, 'trace-labelmap');
    expectClean(g);
    await g.context.close();
  });

  it('hovering a __meta_kubernetes_* label explains where it comes from, in the results and in the editor', async () => {
    const g = await openPage(browser);
    await g.page.goto(sessionUrl(exampleSession(example('03-'))));
    await waitForResult(g.page);
    await waitForEditor(g.page);
    await showView(g.page, 'dropped');
    await g.page.locator('[data-testid=target-row] .target-main').first().click();
    const name = g.page.locator('[data-testid=discovered-labels] [data-testid=label-name-info]', { hasText: '__meta_kubernetes_pod_container_port_number' });
    await name.hover();
    const tip = await g.page.locator('[data-testid=label-tooltip]').textContent();
    expect(tip).toContain('containerPort');
    await screenshot(g.page, 'dropped-detail-hover');
    // In the editor: the scrape config mentions the label in source_labels.
    await g.page.locator('[data-testid=file-tab][data-name="scrape.yaml"] .file-tab-name').click();
    const token = g.page.locator('[data-testid=editor] .view-line span', { hasText: '__meta_kubernetes_pod_container_port_number' }).first();
    await token.hover();
    await g.page.waitForSelector('.monaco-hover-content:has-text("From:")');
    expect(await g.page.locator('.monaco-hover-content').first().textContent()).toContain('containerPort');
    // monaco-yaml's language service runs in its own worker (not on the main thread).
    await g.page.waitForFunction(() => true);
    expect(g.workers.some((u) => u.includes('yaml.worker'))).toBe(true);
    expect(g.workers.some((u) => u.includes('engine.worker'))).toBe(true);
    expectClean(g);
    await g.context.close();
  });

  it('filters targets by text and by label', async () => {
    const g = await openPage(browser);
    const ex = example('10-');
    await g.page.goto(sessionUrl({ ...exampleSession(ex), view: 'dropped' }));
    await waitForResult(g.page);
    const all = await readRows(g.page);
    expect(all.length).toBeGreaterThan(1);
    const pod = all[0]!.main;
    await g.page.fill('[data-testid=filter]', pod);
    await g.page.waitForFunction((n) => document.querySelectorAll('[data-testid=target-row]').length < n, all.length);
    expect((await readRows(g.page)).every((r) => r.main.includes(pod))).toBe(true);
    await g.page.fill('[data-testid=filter]', '__address__=nope');
    await g.page.waitForSelector('[data-testid=empty-list]');
    expectClean(g);
    await g.context.close();
  });
});

describe('share and keyboard', () => {
  it('share → reopen the link → the identical session and view', async () => {
    const g = await openPage(browser, { clipboard: true });
    await g.page.goto(sessionUrl(exampleSession(example('05-'))));
    await waitForResult(g.page);
    await waitForEditor(g.page);
    await g.page.keyboard.press('Alt+2'); // dropped
    await g.page.waitForSelector('[data-testid=view-tab-dropped][aria-selected=true]');
    await g.page.locator('[data-testid=target-row] .target-main').first().click();
    await g.page.fill('[data-testid=filter]', 'inventory');
    await g.page.keyboard.press('Control+s');
    await g.page.waitForSelector('[data-testid=share-link]');
    const link = await g.page.inputValue('[data-testid=share-link]');
    expect(link.startsWith(baseUrl() + '#v1/')).toBe(true);
    expect(await g.page.textContent('[data-testid=share-length]')).toContain(link.length.toLocaleString('en'));
    await screenshot(g.page, 'share-dialog');
    await g.page.click('[data-testid=share-copy]');
    expect(await g.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const before = { session: await session(g.page), rows: await readRows(g.page), detail: await g.page.getAttribute('[data-testid=target-detail]', 'data-target-id') };

    const h = await openPage(browser);
    await h.page.goto(link);
    await waitForResult(h.page);
    await h.page.waitForSelector('[data-testid=target-detail]');
    const after = { session: await session(h.page), rows: await readRows(h.page), detail: await h.page.getAttribute('[data-testid=target-detail]', 'data-target-id') };
    expect(after).toEqual(before);
    expect(await h.page.getAttribute('[data-testid=view-tab-dropped]', 'aria-selected')).toBe('true');
    expectClean(g);
    expectClean(h);
    await g.context.close();
    await h.context.close();
  });

  it('keyboard: run, switch views, filter, help', async () => {
    const g = await openPage(browser);
    await g.page.goto(sessionUrl(exampleSession(example('06-'))));
    await waitForResult(g.page);
    const seq = await currentSeq(g.page);
    await g.page.keyboard.press('Control+Enter');
    await waitForResult(g.page, seq + 1);
    await g.page.keyboard.press('Alt+6');
    await g.page.waitForSelector('[data-testid=view-tab-config][aria-selected=true], [data-testid=view-tab-objects][aria-selected=true]');
    await g.page.keyboard.press('Alt+1');
    await g.page.waitForSelector('[data-testid=view-tab-targets][aria-selected=true]');
    await g.page.keyboard.press('Control+k');
    expect(await g.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('filter');
    await g.page.locator('body').click({ position: { x: 900, y: 600 } });
    await g.page.keyboard.press('?');
    await g.page.waitForSelector('[data-testid=help-dialog]');
    await g.page.keyboard.press('Escape');
    await g.page.waitForSelector('[data-testid=help-dialog]', { state: 'detached' });
    expectClean(g);
    await g.context.close();
  });

  it('the examples gallery opens an example and names it in the address bar', async () => {
    const g = await openPage(browser);
    await g.page.goto(baseUrl());
    await waitForEditor(g.page);
    await screenshot(g.page, 'welcome');
    await g.page.click('[data-testid=open-examples]');
    await g.page.waitForSelector('[data-testid=examples-dialog]');
    expect(await g.page.locator('[data-testid=examples-dialog] .example-card').count()).toBe(examples.length);
    await screenshot(g.page, 'examples-gallery');
    const ex = example('08-');
    await g.page.click(`[data-testid=example-${ex.id}]`);
    await waitForResult(g.page, 1);
    expect(new URL(g.page.url()).hash).toBe(`#example/${ex.id}`);
    expect(compareRows(await readRows(g.page), expectedFor(ex.files, ex.profile).active)).toEqual([]);
    expectClean(g);
    await g.context.close();
  });

  it('every control has an accessible name', async () => {
    const g = await openPage(browser);
    await g.page.goto(sessionUrl(exampleSession(example('05-'))));
    await waitForResult(g.page);
    await waitForEditor(g.page);
    await g.page.locator('[data-testid=target-row] .target-main').first().click();
    const unnamed = await g.page.evaluate(() => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('#root button, #root input, #root select, #root [role=tab]'))) {
        if (el.closest('.monaco-editor') || (el as HTMLInputElement).type === 'hidden' || el.hidden) continue;
        const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.textContent?.trim() || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest('label')?.textContent?.trim() || el.getAttribute('title');
        if (!labelled) out.push(el.outerHTML.slice(0, 120));
      }
      return out;
    });
    expect(unnamed).toEqual([]);
    expectClean(g);
    await g.context.close();
  });

  it('an edit takes the stale link out of the address bar', async () => {
    const g = await openPage(browser);
    await g.page.goto(`${baseUrl()}#example/${example('12-').id}`);
    await waitForResult(g.page);
    await waitForEditor(g.page);
    await g.page.click('[data-testid=editor] .view-lines');
    await g.page.keyboard.press('Control+End');
    await g.page.keyboard.type('# edited');
    await g.page.waitForFunction(() => location.hash === '');
    expect(await g.page.textContent('.tagline')).toContain('(edited)');
    expectClean(g);
    await g.context.close();
  });

  it('dark theme on a laptop screen', async () => {
    const g = await openPage(browser, { width: 1280, height: 800, dark: true });
    await g.page.goto(sessionUrl(exampleSession(example('06-'))));
    await waitForResult(g.page);
    await waitForEditor(g.page);
    expect(await g.page.getAttribute('html', 'data-theme')).toBe('dark');
    await g.page.locator('[data-testid=target-row] .target-main').first().click();
    await g.page.waitForSelector('[data-testid=target-detail]');
    // Nothing spills sideways on a 1280-pixel screen.
    expect(await g.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(g.page, 'active-dark-laptop');
    await g.page.click('[data-testid=theme-toggle]');
    expect(await g.page.getAttribute('html', 'data-theme')).toBe('light');
    await screenshot(g.page, 'active-light-laptop');
    expectClean(g);
    await g.context.close();
  });
});
