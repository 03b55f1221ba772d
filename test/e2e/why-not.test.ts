// The "Why not?" panel and the what-if knobs, as a person uses them: the founding case's diagnosis
// (the monitor's targetPort, the container that lacks it, the keep rule), a jump to the line to change,
// "Apply fix" in the editor (undoable) and the target it yields; the question about any Pod or Service;
// a what-if on a Pod and on a workload, kept in the link. Every expectation is the engine's own output,
// computed here on the same input.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, diagnose, run, whyNot, type Diagnosis, type InputFile } from '../../src/engine/index.ts';
import { exampleSession } from '../../src/ui/examples/meta.ts';
import type { WhatIf } from '../../src/worker/protocol.ts';
import { currentSeq, expectClean, launch, openPage, readRows, screenshot, sessionUrl, showView, waitForAdvice, waitForEditor } from './browser.ts';
import { compareRows, expectedFor, runOptionsFor } from './engine-expect.ts';
import { exampleByPrefix, loadExamples } from './examples-fs.ts';

const examples = loadExamples();
const example = (prefix: string) => exampleByPrefix(prefix, examples);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type SessionShape = { files: InputFile[]; profile: string; view: string; whatIf?: WhatIf[] };
async function session(page: Page): Promise<SessionShape> {
  return page.evaluate(() => (window as unknown as { ksdPlayground: { session(): never } }).ksdPlayground.session());
}

/** The engine's diagnoses of `files`, as the worker makes them (verification on). */
function engineDiagnoses(files: InputFile[], whatIf?: WhatIf[]): Diagnosis[] {
  const opts = runOptionsFor(files, 'auto', whatIf);
  return diagnose(files, run(files, opts), { verify: true, runOptions: opts });
}

async function activeLineNumber(page: Page): Promise<number> {
  return Number(await page.locator('[data-testid=editor] .margin .active-line-number').first().textContent());
}

async function activeFileName(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid=file-tab].active', 'data-name');
}

describe('founding case: the diagnosis and its fix', () => {
  const ex = example('01-');
  const files = exampleSession(ex).files;
  const diags = engineDiagnoses(files);
  const founding = diags.find((d) => d.kind === 'target-port-number-not-declared');

  it('the engine diagnoses the founding case (the premise of this test)', () => {
    expect(founding).toBeDefined();
    expect(founding!.related?.map((r) => r.label).join('\n')).toContain('endpoints[0].targetPort: 10299');
    expect(founding!.objects.some((o) => o.part === 'container audit')).toBe(true);
    expect(founding!.suggestion?.verified).toBe(true);
  });

  it('the Why-not panel names endpoints[0].targetPort and container audit; the jump shows the line; Apply fix yields the target; Ctrl+Z takes it back', async () => {
    const g = await openPage(browser);
    await g.page.goto(sessionUrl(exampleSession(ex)));
    await waitForAdvice(g.page);
    await waitForEditor(g.page);
    const d = founding as Diagnosis;

    // The strip above the (empty) active list says what is wrong.
    const line = g.page.locator('[data-testid=why-line]', { hasText: d.title });
    expect(await line.getAttribute('data-kind')).toBe(d.kind);

    // The full card in the Why-not view: every part is the engine's.
    await line.locator('.why-title').click();
    await g.page.waitForSelector('[data-testid=view-tab-why][aria-selected=true]');
    const card = g.page.locator(`[data-testid=diagnosis][data-kind=${d.kind}]`);
    expect(await g.page.locator('[data-testid=diagnosis]').count()).toBe(diags.length);
    expect(await card.locator('[data-testid=diag-sentence]').textContent()).toBe(d.sentence);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('endpoints[0].targetPort');
    expect(text).toContain('container audit');
    expect(text).toContain(d.rule!.summary);
    expect(text).toContain(d.locationField!);
    const ev = d.evidence!;
    expect(await card.locator('[data-testid=diag-evidence]').textContent()).toContain(JSON.stringify(ev.seen));
    expect(await card.locator('[data-testid=diag-fix] [data-testid=fix-verified]').textContent()).toContain(`verified: ${d.suggestion!.resultingTargets} target`);
    expect(await card.locator('[data-testid=diag-alternative]').count()).toBe(d.alternatives?.length ?? 0);
    await screenshot(g.page, 'why-founding-case');

    // Jump to the field to change: the editor shows its file and line.
    await card.locator('[data-testid=diag-location]').click();
    await g.page.waitForFunction((l) => document.querySelector('[data-testid=editor] .margin .active-line-number')?.textContent === String(l), d.location!.line);
    expect(await activeFileName(g.page)).toBe(d.location!.file);
    // The rule's jump goes to where the operator got it from: the monitor's targetPort.
    await card.locator('[data-testid=diag-rule-jump]').click();
    await g.page.waitForFunction((l) => document.querySelector('[data-testid=editor] .margin .active-line-number')?.textContent === String(l), d.rule!.origin!.pos!.line);

    // Apply the fix: the editor text is the engine's edit applied, and the run gets the engine's target.
    const seq = await currentSeq(g.page);
    await card.locator('[data-testid=apply-fix]').click();
    await waitForAdvice(g.page, seq + 1);
    const fixed = applyEdits(files, d.suggestion!.edits)!;
    const after = await session(g.page);
    expect(after.files).toEqual(fixed);
    expect(after.files[0]!.text).toContain('containerPort: 10299');
    expect(await activeLineNumber(g.page)).toBe(d.suggestion!.edits[0]!.line + 1);
    const expected = expectedFor(fixed, 'auto');
    expect(expected.active.length).toBe(d.suggestion!.resultingTargets);
    expect(await g.page.textContent('[data-testid=count-targets]')).toBe(String(expected.active.length));
    await showView(g.page, 'targets');
    expect(compareRows(await readRows(g.page), expected.active)).toEqual([]);
    await screenshot(g.page, 'why-fix-applied');

    // One undo step takes the fix back, and the target is dropped again.
    const seq2 = await currentSeq(g.page);
    await g.page.click('[data-testid=editor] .view-lines');
    await g.page.keyboard.press('Control+Z');
    await waitForAdvice(g.page, seq2 + 1);
    expect((await session(g.page)).files).toEqual(files);
    expect(await g.page.textContent('[data-testid=count-targets]')).toBe(String(expectedFor(files, 'auto').active.length));
    expectClean(g);
    await g.context.close();
  });

  it('a dropped target shows its diagnosis in its details', async () => {
    const g = await openPage(browser);
    await g.page.goto(sessionUrl({ ...exampleSession(example('03-')), view: 'dropped' }));
    await waitForAdvice(g.page);
    const d = engineDiagnoses(exampleSession(example('03-')).files).find((x) => x.target)!;
    const row = g.page.locator(`[data-testid=target-row][data-target-id="${d.target}"]`);
    await row.locator('[data-testid=why-btn]').waitFor();
    await row.locator('.target-main').click();
    const card = g.page.locator('[data-testid=target-detail] [data-testid=diagnosis]');
    expect(await card.getAttribute('data-kind')).toBe(d.kind);
    expect(await card.locator('[data-testid=diag-sentence]').textContent()).toBe(d.sentence);
    await screenshot(g.page, 'why-dropped-detail');
    expectClean(g);
    await g.context.close();
  });
});

describe('monitors not selected', () => {
  it('the Operators view leads to the diagnosis of an unselected monitor; dark, on a laptop screen', async () => {
    const ex = example('04-');
    const files = exampleSession(ex).files;
    const diags = engineDiagnoses(files);
    const sel = diags.find((d) => d.family === 'selection')!;
    expect(sel).toBeDefined();
    const g = await openPage(browser, { width: 1280, height: 800, dark: true });
    await g.page.goto(sessionUrl({ ...exampleSession(ex), view: 'config' }));
    await waitForAdvice(g.page);
    await waitForEditor(g.page);
    // Every tab on one line and in view, nothing spilling sideways.
    const tabs = await g.page.$$eval('[role=tab]', (els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), right: r.right })));
    expect(new Set(tabs.map((t) => t.top)).size).toBe(1);
    expect(Math.max(...tabs.map((t) => t.right))).toBeLessThanOrEqual(1280);
    expect(await g.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await g.page.locator('[data-testid=selection][data-outcome=not-selected] [data-testid=selection-why]').first().click();
    await g.page.waitForSelector('[data-testid=view-tab-why][aria-selected=true]');
    const focused = g.page.locator('[data-testid=diagnosis].focused');
    expect(await focused.getAttribute('data-kind')).toBe(sel.kind);
    expect(await focused.locator('[data-testid=diag-sentence]').textContent()).toBe(sel.sentence);
    await screenshot(g.page, 'why-monitor-dark-laptop');
    expectClean(g);
    await g.context.close();
  });
});

describe('"Why not?" about any Pod or Service', () => {
  it('answers for a Pod no target exists for, and its fix yields the target', async () => {
    // A Pod in a namespace the job does not watch: discovery never sees it, so no target exists anywhere.
    const files: InputFile[] = [
      { name: 'prometheus.yml', text: 'scrape_configs:\n  - job_name: prod-pods\n    kubernetes_sd_configs:\n      - role: pod\n        namespaces:\n          names: [prod]\n' },
      {
        name: 'pod.yaml',
        text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: dev\nspec:\n  containers:\n  - name: web\n    image: example.org/web:1\n    ports:\n    - {name: http, containerPort: 8080}\nstatus:\n  phase: Running\n  podIP: 10.1.2.3\n  conditions: [{type: Ready, status: "True"}]\n',
      },
    ];
    const opts = runOptionsFor(files, 'auto');
    const res = run(files, opts);
    expect(res.jobs.flatMap((j) => [...j.active, ...j.dropped, ...j.failed, ...j.duplicates])).toEqual([]);
    const q = { kind: 'Pod' as const, namespace: 'dev', name: 'web' };
    const answer = whyNot(files, res, q, { verify: true, runOptions: opts });
    expect(answer.length).toBeGreaterThan(0);

    const g = await openPage(browser);
    await g.page.goto(sessionUrl({ files, profile: 'auto', view: 'why' }));
    await waitForAdvice(g.page);
    await waitForEditor(g.page);
    // Pick it in the searchable list.
    await g.page.fill('[data-testid=why-query-input]', 'pod web');
    const options = g.page.locator('[data-testid=why-query-option]');
    expect(await options.count()).toBe(1);
    await options.first().click();
    await g.page.waitForSelector('[data-testid=why-answer][data-state=done] [data-testid=diagnosis]');
    const cards = g.page.locator('[data-testid=why-answer] [data-testid=diagnosis]');
    expect(await cards.count()).toBe(answer.length);
    for (let i = 0; i < answer.length; i++) {
      expect(await cards.nth(i).getAttribute('data-kind')).toBe(answer[i]!.kind);
      expect(await cards.nth(i).locator('[data-testid=diag-sentence]').textContent()).toBe(answer[i]!.sentence);
    }
    await screenshot(g.page, 'why-query');

    // The answer's fix, applied: the engine's edit, and the engine's targets.
    const fix = answer[0]!.suggestion;
    expect(fix?.verified).toBe(true);
    const seq = await currentSeq(g.page);
    await cards.first().locator('[data-testid=apply-fix]').click();
    await waitForAdvice(g.page, seq + 1);
    const fixed = applyEdits(files, fix!.edits)!;
    expect((await session(g.page)).files).toEqual(fixed);
    const expected = expectedFor(fixed, 'auto');
    expect(expected.active.length).toBe(fix!.resultingTargets);
    expect(await g.page.textContent('[data-testid=count-targets]')).toBe(String(expected.active.length));
    // The question stays and is answered for the new run: now it is scraped.
    const again = whyNot(fixed, run(fixed, opts), q, { verify: true, runOptions: opts });
    await g.page.waitForSelector(`[data-testid=why-answer][data-state=done] [data-testid=diagnosis][data-kind=${again[0]!.kind}]`);
    expectClean(g);
    await g.context.close();
  });

  it('a Service and a Pod port, picked by keyboard, answered as the engine answers', async () => {
    const ex = example('04-');
    const files = exampleSession(ex).files;
    const opts = runOptionsFor(files, 'auto');
    const res = run(files, opts);
    const g = await openPage(browser);
    await g.page.goto(sessionUrl({ ...exampleSession(ex), view: 'why' }));
    await waitForAdvice(g.page);
    const expectAnswer = async (kinds: string[], sentence: string) => {
      await g.page.waitForFunction(
        (k) => {
          const el = document.querySelector('[data-testid=why-answer]');
          const got = Array.from(document.querySelectorAll('[data-testid=why-answer] [data-testid=diagnosis]')).map((c) => c.getAttribute('data-kind'));
          return el?.getAttribute('data-state') === 'done' && JSON.stringify(got) === JSON.stringify(k);
        },
        kinds,
      );
      expect(await g.page.locator('[data-testid=why-answer] [data-testid=diag-sentence]').first().textContent()).toBe(sentence);
    };
    const svc = { kind: 'Service' as const, namespace: 'shop', name: 'checkout' };
    // The picker lists the run's Pods and Services (input and simulated), filtered by every word typed.
    await g.page.fill('[data-testid=why-query-input]', 'shop');
    const all = res.store.all().filter((o) => (o.obj.kind === 'Pod' || o.obj.kind === 'Service') && o.obj.metadata.namespace === 'shop');
    expect(await g.page.locator('[data-testid=why-query-option]').count()).toBe(all.length);
    await screenshot(g.page, 'why-query-picker');
    await g.page.fill('[data-testid=why-query-input]', 'service shop/checkout');
    await g.page.keyboard.press('Enter');
    const svcAnswer = whyNot(files, res, svc, { verify: true, runOptions: opts });
    await expectAnswer(svcAnswer.map((d) => d.kind), svcAnswer[0]!.sentence);

    const pod = res.store.all().find((o) => o.obj.kind === 'Pod' && o.obj.metadata.name.startsWith('payments'))!;
    await g.page.fill('[data-testid=why-query-input]', `pod ${pod.obj.metadata.name}`);
    await g.page.keyboard.press('ArrowDown');
    await g.page.keyboard.press('ArrowUp');
    await g.page.keyboard.press('Enter');
    const port = (pod.obj.spec as { containers: { ports: { containerPort: number }[] }[] }).containers[0]!.ports[0]!.containerPort;
    const podQ = { kind: 'Pod' as const, namespace: pod.obj.metadata.namespace!, name: pod.obj.metadata.name };
    const podAnswer = whyNot(files, res, podQ, { verify: true, runOptions: opts });
    await expectAnswer(podAnswer.map((d) => d.kind), podAnswer[0]!.sentence);
    await g.page.selectOption('[data-testid=why-query-port]', String(port));
    const portAnswer = whyNot(files, res, { ...podQ, port }, { verify: true, runOptions: opts });
    await expectAnswer(portAnswer.map((d) => d.kind), portAnswer[0]!.sentence);
    expectClean(g);
    await g.context.close();
  });
});

describe('what-if knobs', () => {
  const ex = example('02-');
  const files = exampleSession(ex).files;
  const res = run(files, runOptionsFor(files, 'auto'));
  const pod = res.store.all().find((o) => o.obj.kind === 'Pod')!;
  const podRef = { kind: 'Pod', namespace: pod.obj.metadata.namespace!, name: pod.obj.metadata.name };
  /** The readiness labels discovery gives each target (active and dropped). */
  const ready = (whatIf?: WhatIf[]) => {
    const r = run(files, runOptionsFor(files, 'auto', whatIf));
    return r.jobs.flatMap((j) => [...j.active, ...j.dropped]).map((t) => Object.fromEntries(Object.entries(t.discoveredLabels).filter(([k]) => /_ready$/.test(k))));
  };

  it('a Pod made not-ready, then its Deployment Pending: targets and readiness as the engine says; kept in the link', async () => {
    const notReady: WhatIf[] = [{ ...podRef, state: 'not-ready' }];
    // The premise: the knob changes what discovery sees.
    expect(ready(notReady)).not.toEqual(ready());

    const g = await openPage(browser);
    await g.page.goto(sessionUrl({ ...exampleSession(ex), view: 'objects' }));
    await waitForAdvice(g.page);
    await waitForEditor(g.page);
    const podRow = g.page.locator('[data-testid=object-row]', { hasText: pod.obj.metadata.name });
    expect(await podRow.locator('[data-testid=pod-state]').textContent()).toBe('ready');
    let seq = await currentSeq(g.page);
    await podRow.locator('[data-testid=what-if]').selectOption('not-ready');
    await waitForAdvice(g.page, seq + 1);
    expect(await podRow.locator('[data-testid=pod-state]').textContent()).toBe('not ready');
    expect(await g.page.locator('[data-testid=what-if-chip]').count()).toBe(1);
    await screenshot(g.page, 'what-if-objects');

    // Targets as the engine computes them with the knob, and the readiness label it gives them.
    const expected = expectedFor(files, 'auto', notReady);
    await showView(g.page, 'targets');
    expect(compareRows(await readRows(g.page), expected.active)).toEqual([]);
    await g.page.locator('[data-testid=target-row] .target-main').first().click();
    const first = run(files, runOptionsFor(files, 'auto', notReady)).jobs.flatMap((j) => j.active)[0]!;
    const shown = await g.page.$$eval('[data-testid=discovered-labels] tr', (rows) => rows.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())));
    const shownReady = Object.fromEntries(shown.filter((r) => /_ready$/.test(r[0] ?? '')).map((r) => [r[0], r[1]]));
    expect(shownReady).toEqual(ready(notReady)[0]);
    expect(shownReady).toEqual(Object.fromEntries(Object.entries(first.discoveredLabels).filter(([k]) => /_ready$/.test(k))));

    // The whole Deployment Pending: the engine's targets (and its diagnosis) instead.
    const pending: WhatIf[] = [...notReady, { kind: 'Deployment', namespace: podRef.namespace, name: 'audit', state: 'pending' }];
    await showView(g.page, 'objects');
    seq = await currentSeq(g.page);
    await g.page.locator('[data-testid=what-if][data-object="Deployment/default/audit"]').selectOption('pending');
    await waitForAdvice(g.page, seq + 1);
    const exp2 = expectedFor(files, 'auto', pending);
    expect(await g.page.textContent('[data-testid=count-targets]')).toBe(String(exp2.active.length));
    const diags = engineDiagnoses(files, pending);
    await showView(g.page, 'targets');
    for (const d of diags.filter((x) => x.severity !== 'info').slice(0, 3)) await g.page.locator(`[data-testid=why-line][data-kind=${d.kind}]`).first().waitFor();
    await screenshot(g.page, 'what-if-pending-why');

    // The knobs are part of the session and of the link.
    expect((await session(g.page)).whatIf).toEqual(pending);
    await g.page.keyboard.press('Control+s');
    const link = await g.page.inputValue('[data-testid=share-link]');
    const h = await openPage(browser);
    await h.page.goto(link);
    await waitForAdvice(h.page);
    expect((await session(h.page)).whatIf).toEqual(pending);
    expect(await h.page.textContent('[data-testid=count-targets]')).toBe(String(exp2.active.length));
    // Clear all: back to the engine's plain result.
    seq = await currentSeq(h.page);
    await h.page.click('[data-testid=what-if-clear]');
    await waitForAdvice(h.page, seq + 1);
    expect(await h.page.textContent('[data-testid=count-targets]')).toBe(String(expectedFor(files, 'auto').active.length));
    expect((await session(h.page)).whatIf).toBeUndefined();
    expectClean(g);
    expectClean(h);
    await g.context.close();
    await h.context.close();
  });

  it('the readiness example: one Pod not ready is dropped by the keep-ready rule, as the engine says', async () => {
    const ex = example('15-');
    const files = exampleSession(ex).files;
    const pods = run(files, runOptionsFor(files, 'auto')).store.all().filter((o) => o.obj.kind === 'Pod');
    const p = pods[0]!;
    const whatIf: WhatIf[] = [{ kind: 'Pod', namespace: p.obj.metadata.namespace!, name: p.obj.metadata.name, state: 'not-ready' }];
    const expected = expectedFor(files, 'auto', whatIf);
    expect(expected.dropped.length).toBeGreaterThan(0);
    const g = await openPage(browser);
    await g.page.goto(sessionUrl(exampleSession(ex)));
    await waitForAdvice(g.page);
    await waitForEditor(g.page);
    expect(await g.page.locator('[data-testid=what-if]').count()).toBe(pods.length + 2); // each Pod, the Deployment, its ReplicaSet
    const seq = await currentSeq(g.page);
    await g.page.locator(`[data-testid=what-if][data-object="Pod/${whatIf[0]!.namespace}/${whatIf[0]!.name}"]`).selectOption('not-ready');
    await waitForAdvice(g.page, seq + 1);
    await showView(g.page, 'targets');
    expect(compareRows(await readRows(g.page), expected.active)).toEqual([]);
    await showView(g.page, 'dropped');
    expect(compareRows(await readRows(g.page), expected.dropped)).toEqual([]);
    await g.page.locator('[data-testid=target-row] .target-main').first().click();
    // The diagnosis stage does not single this target out (its Service's other endpoints are scraped); the
    // question about its Pod and port is one click away, answered as the engine answers it.
    const opts = runOptionsFor(files, 'auto', whatIf);
    const dropped = run(files, opts).jobs.flatMap((j) => j.dropped)[0]!;
    const q = { kind: 'Pod' as const, namespace: whatIf[0]!.namespace, name: whatIf[0]!.name, port: Number(dropped.discoveredLabels.__address__!.split(':')[1]) };
    const answer = whyNot(files, run(files, opts), q, { verify: true, runOptions: opts });
    await g.page.click('[data-testid=ask-why]');
    const card = g.page.locator('[data-testid=target-question] [data-testid=diagnosis]').first();
    await card.waitFor();
    expect(await card.getAttribute('data-kind')).toBe(answer[0]!.kind);
    expect(await card.locator('[data-testid=diag-sentence]').textContent()).toBe(answer[0]!.sentence);
    await screenshot(g.page, 'what-if-readiness-dropped');
    expectClean(g);
    await g.context.close();
  });
});
