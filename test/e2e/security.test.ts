// Privacy and robustness in the browser (issue 9): hostile links give a clear message and an empty,
// working page; hostile label values render as text; no secret from the input survives in a link;
// the bundle carries a strict CSP and no eval.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHash, encodeSession } from '../../src/ui/permalink/codec.ts';
import { toBase64Url } from '../../src/ui/permalink/base64url.ts';
import { baseUrl, expectClean, launch, openPage, readRows, screenshot, sessionUrl, showView, waitForEditor, waitForResult } from './browser.ts';
import { compareRows, expectedFor } from './engine-expect.ts';
import { SITE_DIR } from './global-setup.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('hostile links', () => {
  const valid = encodeSession({ files: [{ name: 'a.yaml', text: 'scrape_configs: []\n' }], profile: 'auto', view: 'targets' });
  const bomb = `v1/${toBase64Url(deflateSync(new TextEncoder().encode(`{"f":[["a","${'A'.repeat(48 * 1024 * 1024)}"]]}`), { level: 9 }))}`;
  const cases: [string, string, RegExp][] = [
    ['garbage characters', 'v1/!!!not*base64', /damaged/],
    ['truncated', valid.slice(0, Math.floor(valid.length / 2)), /damaged|incomplete/],
    ['a future version', 'v9/AAAA', /newer version/],
    ['not a playground link', 'hello-world', /not a playground link/],
    ['a decompression bomb', bomb, /expands to more than/],
    ['an unknown example', 'example/no-such-example', /no example named/],
  ];
  for (const [what, hash, message] of cases) {
    it(`${what}: a clear message and an empty, working page`, async () => {
      const g = await openPage(browser);
      const t0 = Date.now();
      await g.page.goto(`${baseUrl()}#${hash}`);
      await g.page.waitForSelector('[data-testid=notice][data-kind=error]');
      expect(Date.now() - t0).toBeLessThan(20_000);
      expect(await g.page.textContent('[data-testid=notice]')).toMatch(message);
      await waitForEditor(g.page);
      expect(await g.page.isVisible('[data-testid=welcome]')).toBe(true);
      // Still works: open an example afterwards.
      await g.page.click('[data-testid=open-examples]');
      await g.page.locator('[data-testid=examples-dialog] .example-card').first().click();
      await waitForResult(g.page);
      expectClean(g);
      await g.context.close();
    });
  }
});

describe('hostile input', () => {
  it('label names, values, annotations, job and file names from the input render as text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const objects = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: xss-0',
      '  namespace: default',
      '  uid: 11111111-2222-4333-8444-555555555555',
      '  labels:',
      `    app: '${evil}'`,
      `    "<b>bold</b>": "<script>window.__pwned=2</script>"`,
      '  annotations:',
      `    note: '"><svg onload="window.__pwned=3">'`,
      'spec:',
      '  containers:',
      '  - name: c',
      '    image: "javascript:alert(1)"',
      '    ports: [{containerPort: 80}]',
      'status:',
      '  podIP: 10.0.0.9',
      '  phase: Running',
    ].join('\n');
    const config = ['scrape_configs:', `  - job_name: '${evil}'`, '    kubernetes_sd_configs: [{role: pod}]', '    relabel_configs:', '      - action: labelmap', '        regex: __meta_kubernetes_pod_(label|annotation)_(.+)', '        replacement: $2'].join('\n');
    const files = [
      { name: `${evil}.yaml`, text: objects },
      { name: 'prometheus.yml', text: config },
    ];
    const g = await openPage(browser);
    let dialogs = 0;
    g.page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await g.page.goto(sessionUrl({ files, profile: 'auto', view: 'targets' }));
    await waitForResult(g.page);
    await waitForEditor(g.page);
    const expected = expectedFor(files, 'auto');
    expect(compareRows(await readRows(g.page), expected.active)).toEqual([]);
    await g.page.locator('[data-testid=target-row] .target-main').first().click();
    await g.page.waitForSelector('[data-testid=target-detail]');
    await showView(g.page, 'objects');
    await showView(g.page, 'targets');
    expect(await g.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    // No element from the input was created: the page's own markup has no img/svg/script/b there.
    expect(await g.page.locator('#root img, #root svg, #root script, #root b').count()).toBe(0);
    // The hostile text is visible as text.
    expect(await g.page.locator('[data-testid=label-chip]', { hasText: '<img src=x onerror=' }).count()).toBeGreaterThan(0);
    expect(await g.page.locator('[data-testid=label-chip]', { hasText: '<script>window.__pwned=2</script>' }).count()).toBeGreaterThan(0);
    expect(await g.page.locator('[data-testid=file-tab]', { hasText: evil }).count()).toBe(1);
    await screenshot(g.page, 'xss-as-text');
    expectClean(g);
    await g.context.close();
  });
});

describe('private values never reach a link', () => {
  const dump = readFileSync(join(FIXTURES, 'kubectl-get-all.json'), 'utf8');
  const prom = readFileSync(join(FIXTURES, 'prometheus.yml'), 'utf8');
  const SECRETS = ['c3VwZXItc2VjcmV0LWRiLXBhc3N3b3Jk', 'YXBp', 'hunter2-env-secret', 'scrape-password-should-not-leak', '{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Pod\\"'];

  it('Secret data, env values, last-applied annotations and config passwords are removed by default, with a preview', async () => {
    const files = [
      { name: 'kubectl-get-all.json', text: dump },
      { name: 'prometheus.yml', text: prom },
    ];
    for (const s of SECRETS) expect(dump + prom).toContain(s);
    const g = await openPage(browser);
    await g.page.goto(sessionUrl({ files, profile: 'auto', view: 'targets' }));
    await waitForResult(g.page);
    await g.page.click('[data-testid=share]');
    await g.page.waitForSelector('[data-testid=share-link]');
    const link = await g.page.inputValue('[data-testid=share-link]');
    const decoded = decodeHash(new URL(link).hash);
    expect(decoded.kind).toBe('session');
    const text = decoded.kind === 'session' ? JSON.stringify(decoded.session) : '';
    for (const s of SECRETS) expect(text, s).not.toContain(s);
    // The preview names what goes.
    const preview = (await g.page.$$eval('[data-testid=share-removals]', (els) => els.map((e) => e.textContent).join('\n'))) as string;
    expect(preview).toContain('Secret prod/db-credentials: data.password');
    expect(preview).toContain('Pod prod/api-6f7d8c9b5-k2j4h: containers[0].env[1].value (DB_PASSWORD)');
    expect(preview).toContain('basic_auth.password');
    await screenshot(g.page, 'share-privacy');
    // Keys stay, so the shared link still shows the same targets.
    const h = await openPage(browser);
    await h.page.goto(link);
    await waitForResult(h.page);
    expect(compareRows(await readRows(h.page), expectedFor(files, 'auto').active)).toEqual([]);
    // Choosing to keep env values keeps only those.
    await g.page.click('[data-testid=strip-env-values]');
    await g.page.waitForFunction((old) => {
      const el = document.querySelector('[data-testid=share-link]') as HTMLInputElement | null;
      return !!el && el.value !== old;
    }, link);
    const kept = decodeHash(new URL(await g.page.inputValue('[data-testid=share-link]')).hash);
    const keptText = kept.kind === 'session' ? JSON.stringify(kept.session) : '';
    expect(keptText).toContain('hunter2-env-secret');
    expect(keptText).not.toContain('c3VwZXItc2VjcmV0LWRiLXBhc3N3b3Jk');
    expectClean(g);
    expectClean(h);
    await g.context.close();
    await h.context.close();
  });
});

describe('the built bundle', () => {
  it('declares a CSP that allows only the page’s own origin for scripts, workers and connections', () => {
    const html = readFileSync(join(SITE_DIR, 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directive = (name: string) => new RegExp(`(^|;)\\s*${name} ([^;]*)`).exec(csp)?.[2]?.trim();
    expect(directive('script-src')).toBe("'self'");
    expect(directive('worker-src')).toBe("'self'");
    expect(directive('connect-src')).toBe("'self'");
    expect(directive('default-src')).toBe("'self'");
    expect(csp).not.toContain('unsafe-eval');
    // Relative URLs only: the site works from any sub-path.
    expect(html).not.toMatch(/(src|href)="\//);
  });

  it('contains no eval and no new Function', () => {
    const dir = join(SITE_DIR, 'assets');
    const offenders: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
      const js = readFileSync(join(dir, f), 'utf8');
      // `eval(` as a call (a method named eval, `x.eval(` or `}eval(`, is not one).
      if (/(^|[^\w$.}])eval\s*\(/.test(js)) offenders.push(`${f}: eval`);
      if (/new\s+Function\s*\(/.test(js)) offenders.push(`${f}: new Function`);
    }
    expect(offenders).toEqual([]);
  });

  it('makes no request beyond its origin while loading every chunk (Monaco, workers, fonts)', async () => {
    const g = await openPage(browser);
    await g.page.goto(sessionUrl({ files: [{ name: 'a.yaml', text: 'scrape_configs: []\n' }], profile: 'auto', view: 'targets' }));
    await waitForResult(g.page);
    await waitForEditor(g.page);
    await g.page.evaluate(() => document.fonts.ready);
    expectClean(g);
    await g.context.close();
  });
});
