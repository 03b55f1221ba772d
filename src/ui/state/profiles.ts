// The profiles the picker offers. The engine says which ones it has registered (the worker's
// `ready` message); the others are shown disabled, never simulated with a different engine.
import type { ProfileId } from '../../engine/index.ts';
import type { ProfileChoice } from '../../worker/protocol.ts';

export const KNOWN_PROFILES: { id: ProfileId; title: string }[] = [
  { id: 'prometheus-3.14', title: 'Prometheus 3.14' },
  { id: 'prometheus-2.42', title: 'Prometheus 2.42' },
  { id: 'vmagent-1.150', title: 'vmagent 1.150 (newest)' },
  { id: 'vmagent-1.79', title: 'vmagent 1.79' },
];

export function isProfileChoice(x: unknown): x is ProfileChoice {
  return x === 'auto' || KNOWN_PROFILES.some((p) => p.id === x);
}

export function profileTitle(id: ProfileId): string {
  return KNOWN_PROFILES.find((p) => p.id === id)?.title ?? id;
}
