// Shared browser-test plumbing: Debian's Chromium through playwright-core, locked to the local
// server (every other host resolves to nothing), with guards that record console errors, Monaco's
// main-thread fallback warning, page errors and any request that leaves the page's origin.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import type { Session } from '../../src/ui/permalink/codec.ts';
import { encodeSession } from '../../src/ui/permalink/codec.ts';
import { launch } from './chromium.ts';

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export function baseUrl(): string {
  return inject('ksdBaseUrl');
}

export { launch };

export interface Guarded {
  context: BrowserContext;
  page: Page;
  /** Problems seen so far: console errors, fallback warnings, page errors, foreign requests. */
  problems: string[];
  /** Workers the page started (their script URLs). */
  workers: string[];
}

/** A fresh context and page with the guards installed. */
export async function openPage(browser: Browser, opts: { width?: number; height?: number; dark?: boolean; clipboard?: boolean } = {}): Promise<Guarded> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    colorScheme: opts.dark ? 'dark' : 'light',
    ...(opts.clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {}),
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const workers: string[] = [];
  const origin = new URL(baseUrl()).origin;
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error') problems.push(`console error: ${text}`);
    else if (/falling back|fall back to|main thread/i.test(text)) problems.push(`console ${m.type()}: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('worker', (w) => workers.push(w.url()));
  // Every request, the page's and its workers', must stay on the page's origin.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('data:') || u.startsWith('blob:') || new URL(u).origin === origin) return route.continue();
    problems.push(`request left the origin: ${u}`);
    return route.abort();
  });
  return { context, page, problems, workers };
}

export function expectClean(g: Guarded): void {
  expect(g.problems).toEqual([]);
}

export function sessionUrl(session: Session): string {
  return `${baseUrl()}#${encodeSession(session)}`;
}

/** Waits for the run with sequence number ≥ `seq` to be rendered. */
export async function waitForResult(page: Page, seq = 1): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('[data-testid=run-status]');
      return !!el && el.getAttribute('data-state') === 'done' && Number(el.getAttribute('data-seq')) >= n;
    },
    seq,
    { timeout: 60_000 },
  );
}

/** Waits for the run with sequence number ≥ `seq` to be rendered and its diagnoses (phase two) to be in. */
export async function waitForAdvice(page: Page, seq = 1): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('[data-testid=run-status]');
      return !!el && el.getAttribute('data-state') === 'done' && Number(el.getAttribute('data-seq')) >= n && el.getAttribute('data-advice') !== 'pending';
    },
    seq,
    { timeout: 60_000 },
  );
}

export async function currentSeq(page: Page): Promise<number> {
  return Number((await page.getAttribute('[data-testid=run-status]', 'data-seq')) ?? 0);
}

/** The editor is there and Monaco has rendered it. */
export async function waitForEditor(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=editor] .monaco-editor .view-lines', { timeout: 60_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export interface RenderedRow {
  job: string;
  id: string;
  main: string;
  chips: string[];
  reason: string;
}

/** The rows of the current target list, as the user sees them. */
export async function readRows(page: Page): Promise<RenderedRow[]> {
  return page.$$eval('[data-testid=target-row]', (rows) =>
    rows.map((r) => ({
      job: r.getAttribute('data-job') ?? '',
      id: r.getAttribute('data-target-id') ?? '',
      main: (r.querySelector('[data-testid=target-url],[data-testid=target-address]')?.textContent ?? '').trim(),
      chips: Array.from(r.querySelectorAll('[data-testid=label-chip]')).map((c) => c.textContent ?? ''),
      reason: (r.querySelector('[data-testid=target-reason]')?.textContent ?? '').trim(),
    })),
  );
}

export async function showView(page: Page, view: string): Promise<void> {
  await page.click(`[data-testid=view-tab-${view}]`);
  await page.waitForSelector(`[data-testid=pane-${view}]`);
}
