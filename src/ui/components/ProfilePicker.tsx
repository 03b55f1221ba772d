// The engine profile: "from the input" (VictoriaMetrics objects → vmagent, else Prometheus 3.14)
// or one fixed profile. Profiles the engine has not registered are listed but disabled.
import type { ProfileChoice } from '../../worker/protocol.ts';
import { useActions, useApp } from '../state/context.ts';
import { KNOWN_PROFILES, profileTitle } from '../state/profiles.ts';

export function ProfilePicker() {
  const profile = useApp((s) => s.profile);
  const registered = useApp((s) => s.registered);
  const used = useApp((s) => s.run.view?.profile);
  const { setProfile } = useActions();
  const isRegistered = (id: string) => registered === null || registered.some((p) => p.id === id);
  return (
    <label className="profile-picker">
      <span className="sr-only">Engine profile</span>
      <select value={profile} onChange={(e) => setProfile(e.target.value as ProfileChoice)} data-testid="profile-picker" aria-label="Engine profile" title="Which engine and version to simulate">
        <option value="auto">Auto{used && profile === 'auto' ? ` · ${profileTitle(used)}` : ' (from the input)'}</option>
        {KNOWN_PROFILES.map((p) => (
          <option key={p.id} value={p.id} disabled={!isRegistered(p.id)}>
            {p.title}
            {isRegistered(p.id) ? '' : ' — not available yet'}
          </option>
        ))}
      </select>
    </label>
  );
}
