import { prometheus242, prometheus314 } from './prometheus.ts';
import type { Profile, ProfileId } from './types.ts';
import { vmagent150, vmagent179 } from './vmagent.ts';

export type { Profile, ProfileId, EngineFamily, ConfigProfile, DiscoveryProfile, RelabelProfile, TargetProfile } from './types.ts';
export { prometheus242, prometheus314 } from './prometheus.ts';
export { vmagent150, vmagent179 } from './vmagent.ts';

const registry: Partial<Record<ProfileId, Profile>> = {
  'prometheus-3.14': prometheus314,
  'prometheus-2.42': prometheus242,
  'vmagent-1.79': vmagent179,
  'vmagent-1.150': vmagent150,
};

/** Registers a profile (tests and hosts may add their own). */
export function registerProfile(p: Profile): void {
  registry[p.id] = p;
}

export function getProfile(id: string): Profile | undefined {
  return registry[id as ProfileId];
}

export function listProfiles(): Profile[] {
  return Object.values(registry) as Profile[];
}

export const DEFAULT_PROFILE: ProfileId = 'prometheus-3.14';
