// Which engine profile a run uses. "auto" leaves it to the engine, which picks per scraper: the
// newest vmagent for VictoriaMetrics operator objects, Prometheus 3.14 for everything else. A
// profile the engine has not registered (yet) is never faked: the engine falls back to its default
// (and says so), and the page shows a note.
import { DEFAULT_PROFILE, type InputFile, type ProfileId } from '../engine/index.ts';
import type { ProfileChoice } from './protocol.ts';

/** The newest vmagent profile: what "vmagent" means when the input does not say which version. */
export const VMAGENT_NEWEST: ProfileId = 'vmagent-1.150';

// A textual look is enough for the note (and cheap on a 30 MB dump): `apiVersion: operator.victoriametrics.com/…`
// in YAML or JSON.
const VM_API = /["']?apiVersion["']?\s*:\s*["']?operator\.victoriametrics\.com\//;

export function hasVictoriaMetricsObjects(files: InputFile[]): boolean {
  return files.some((f) => VM_API.test(f.text));
}

export interface ProfileDecision {
  /** What to pass to the engine's run(); undefined lets the engine pick per scraper. */
  profile: ProfileId | undefined;
  auto: boolean;
  note?: string;
}

export function decideProfile(files: InputFile[], choice: ProfileChoice, registered: (id: ProfileId) => boolean): ProfileDecision {
  if (choice !== 'auto') {
    if (registered(choice)) return { profile: choice, auto: false };
    return { profile: choice, auto: false, note: `${choice} is not available in this engine yet; the engine used ${DEFAULT_PROFILE}` };
  }
  if (hasVictoriaMetricsObjects(files) && !registered(VMAGENT_NEWEST)) {
    return { profile: undefined, auto: true, note: `the input has VictoriaMetrics objects, but the vmagent profile is not available in this engine yet; the engine used ${DEFAULT_PROFILE}` };
  }
  return { profile: undefined, auto: true };
}
