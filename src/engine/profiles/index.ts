import { prometheus242, prometheus314 } from './prometheus.ts';
import type { Profile, ProfileId } from './types.ts';

export type { Profile, ProfileId, EngineFamily, DiscoveryProfile, RelabelProfile, TargetProfile } from './types.ts';
export { prometheus242, prometheus314 } from './prometheus.ts';

const registry: Partial<Record<ProfileId, Profile>> = {
  'prometheus-3.14': prometheus314,
  'prometheus-2.42': prometheus242,
};

/** Registers a profile (the vmagent profiles register themselves from their own module). */
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
