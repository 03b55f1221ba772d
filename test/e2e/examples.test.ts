// Every example, opened by its permalink, renders exactly the targets the engine computes for it
// (active with URL and labels, dropped with the dropping rule, failed with the error), with a
// clean console and no request beyond the page's origin.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSession } from '../../src/ui/examples/meta.ts';
import { expectClean, launch, openPage, readRows, screenshot, sessionUrl, showView, waitForEditor, waitForResult } from './browser.ts';
import { compareRows, expectedFor } from './engine-expect.ts';
import { loadExamples } from './examples-fs.ts';

const examples = loadExamples();
let browser: Browser;
const firstResult: Record<string, number> = {};

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  mkdirSync(join(import.meta.dirname, '..', '..', 'test-results'), { recursive: true });
  writeFileSync(join(import.meta.dirname, '..', '..', 'test-results', 'e2e-first-result-ms.json'), JSON.stringify(firstResult, null, 2));
  const v = Object.values(firstResult);
  if (v.length) console.log(`time to first result (ms from navigation start): min ${Math.min(...v)}, median ${v.sort((a, b) => a - b)[v.length >> 1]}, max ${Math.max(...v)}`);
});

describe('examples gallery', () => {
  it('has at least 12 examples, each with a title and what it teaches', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
    for (const e of examples) {
      expect(e.title, e.id).not.toBe(e.id);
      expect(e.teaches.length, e.id).toBeGreaterThan(20);
      expect(e.files.length, e.id).toBeGreaterThan(0);
    }
  });

  for (const ex of examples) {
    it(`${ex.id}: the page shows the engine's targets`, async () => {
      const g = await openPage(browser);
      const session = exampleSession(ex);
      await g.page.goto(sessionUrl(session));
      await waitForResult(g.page);
      firstResult[ex.id] = Number(await g.page.getAttribute('.app', 'data-first-result-ms'));
      const expected = expectedFor(session.files, session.profile);

      // Counts on the tabs.
      expect(await g.page.textContent('[data-testid=count-targets]')).toBe(String(expected.active.length));
      expect(await g.page.textContent('[data-testid=count-dropped]')).toBe(String(expected.dropped.length));
      expect(await g.page.textContent('[data-testid=count-failed]')).toBe(String(expected.failed.length));

      for (const [view, rows] of [
        ['targets', expected.active],
        ['dropped', expected.dropped],
        ['failed', expected.failed],
      ] as const) {
        await showView(g.page, view);
        expect(compareRows(await readRows(g.page), rows), `${ex.id} ${view}`).toEqual([]);
      }
      if (ex.id.startsWith('03-')) {
        await waitForEditor(g.page);
        await showView(g.page, 'dropped');
        await screenshot(g.page, 'dropped-founding-case');
      }
      expectClean(g);
      await g.context.close();
    });
  }
});
