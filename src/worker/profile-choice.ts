// Which engine profile a run uses. "auto" follows the input: VictoriaMetrics operator objects
// mean the user runs vmagent; anything else defaults to Prometheus 3.14. A profile the engine
// has not registered (yet) is never faked: the run uses the default and says so.
import { DEFAULT_PROFILE, type InputFile, type ProfileId } from '../engine/index.ts';
import type { ProfileChoice } from './protocol.ts';

/** The newest vmagent profile: what "vmagent" means when the input does not say which version. */
export const VMAGENT_NEWEST: ProfileId = 'vmagent-1.150';

// A textual look is enough here (and cheap on a 30 MB dump): `apiVersion: operator.victoriametrics.com/…`
// in YAML or JSON.
const VM_API = /["']?apiVersion["']?\s*:\s*["']?operator\.victoriametrics\.com\//;

export function hasVictoriaMetricsObjects(files: InputFile[]): boolean {
  return files.some((f) => VM_API.test(f.text));
}

export interface ProfileDecision {
  profile: ProfileId;
  auto: boolean;
  note?: string;
}

export function chooseProfile(files: InputFile[], choice: ProfileChoice, registered: (id: ProfileId) => boolean): ProfileDecision {
  if (choice !== 'auto') {
    if (registered(choice)) return { profile: choice, auto: false };
    return { profile: DEFAULT_PROFILE, auto: false, note: `${choice} is not available in this engine yet; the run used ${DEFAULT_PROFILE}` };
  }
  if (hasVictoriaMetricsObjects(files)) {
    if (registered(VMAGENT_NEWEST)) return { profile: VMAGENT_NEWEST, auto: true };
    return { profile: DEFAULT_PROFILE, auto: true, note: `the input has VictoriaMetrics objects, but the vmagent profile is not available in this engine yet; the run used ${DEFAULT_PROFILE}` };
  }
  return { profile: DEFAULT_PROFILE, auto: true };
}
