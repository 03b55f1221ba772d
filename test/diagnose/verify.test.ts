// Verification re-runs the whole pipeline with the edits applied; a fix that only moves the target one
// link further down the chain is grown with the next link's fix until the target appears.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/index.ts';
import { applyEdits, diagnose } from '../../src/engine/diagnose/index.ts';
import { loadCases } from '../triage/harness.ts';

const base = loadCases().find((c) => c.name === '04-po-servicemonitor-missing-release-label')!.files;
// Two broken links: the monitor is not selected, and its port name matches no Service port.
const twoLinks = [{ name: 'input.yaml', text: base[0]!.text.replace('  - port: metrics\n---\napiVersion: v1\nkind: Service', '  - port: metricz\n---\napiVersion: v1\nkind: Service') }];

describe('verification', () => {
  it('grows a selection fix with the port fix found on the edited input, and verifies the pair', () => {
    expect(twoLinks[0]!.text).toContain('port: metricz');
    const ds = diagnose(twoLinks, run(twoLinks));
    const d = ds.find((x) => x.kind === 'monitor-labels-not-selected')!;
    expect(d.suggestion?.verified).toBe(true);
    expect(d.suggestion?.edits).toHaveLength(2);
    expect(d.suggestion?.description).toMatch(/release: kube-prometheus-stack.*; then use the Service's port name: metrics/);
    const after = run(applyEdits(twoLinks, d.suggestion!.edits)!);
    expect(after.jobs.flatMap((j) => j.active)).toHaveLength(1);
  });

  it('without a run budget nothing is verified (and nothing is claimed)', () => {
    const ds = diagnose(twoLinks, run(twoLinks), { maxRuns: 0 });
    for (const d of ds) for (const s of [d.suggestion, ...(d.alternatives ?? [])]) if (s) expect(s.verified).toBe(false);
  });

  it('verify: false leaves suggestions unverified', () => {
    const ds = diagnose(twoLinks, run(twoLinks), { verify: false });
    expect(ds[0]?.suggestion?.verified).toBe(false);
    expect(ds[0]?.suggestion?.resultingTargets).toBeUndefined();
  });

  it('a change that cannot produce the target stays unverified and says what is still missing', () => {
    // No Service at all: selecting the monitor is right, but there is nothing to scrape yet.
    const noService = [{ name: 'input.yaml', text: base[0]!.text.split('---\napiVersion: v1\nkind: Service')[0]! }];
    const d = diagnose(noService, run(noService)).find((x) => x.kind === 'monitor-labels-not-selected')!;
    expect(d.suggestion?.verified).toBe(false);
    expect(d.suggestion?.resultingTargets).toBe(0);
    expect(d.suggestion?.afterChange).toMatch(/matches no Service/);
  });

  it('verification uses the run options the result was made with (what-if states included)', () => {
    const f = loadCases().find((c) => c.name === '01-vm-founding-targetport-not-declared')!.files;
    const pods = run(f).store.list('Pod').map((p) => p.obj.metadata.name);
    expect(pods).toHaveLength(1);
    const opts = { whatIf: [{ kind: 'Deployment', namespace: 'default', name: 'audit', state: 'pending' as const }] };
    const ds = diagnose(f, run(f, opts), { runOptions: opts });
    // A pending Pod has no IP, so the Service has no endpoints: the reason is the Pod, not the port.
    expect(ds[0]?.kind).toBe('pod-not-running');
    expect(ds[0]?.suggestion).toBeUndefined();
  });
});
