// Whole-run outcomes of vmagent that no single target shows: a scraper that panics takes the process down
// (vmagent 1.79.5 and newer divide by the per-target interval in scrapework.go run, so a `__scrape_interval__`
// of 0 is "panic: runtime error: integer divide by zero"). The instance is then reported like a refused
// config: an error and no targets.
import { diag, type Diagnostic } from '../diagnostics.ts';
import type { Instance } from '../run.ts';

export function vmagentRunChecks(inst: Instance, diagnostics: Diagnostic[]): void {
  for (const j of inst.jobs) {
    const t = j.active.find((x) => x.crash);
    if (!t?.crash) continue;
    const message = `vmagent would crash: job ${JSON.stringify(j.job)}, target ${t.scrapeUrl ?? ''}: ${t.crash}; it scrapes nothing`;
    // Anchor it at the job whose target would crash the scraper.
    const pos = inst.config?.scrapeConfigs.find((c) => c.jobName === j.job)?.pos;
    diagnostics.push(diag('CONFIG_INVALID', 'error', message, pos));
    inst.configRejected = true;
    inst.fatal = message;
    return;
  }
}
