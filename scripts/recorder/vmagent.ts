// Where the real vmagent lives and how to get it: Debian's `victoria-metrics` package, extracted into a
// cache directory by fetch-vmagent.sh (apt-get download + dpkg-deb -x; never installed as a service).
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FETCH_SCRIPT = join(REPO_ROOT, 'scripts', 'recorder', 'fetch-vmagent.sh');
/** The Debian package version the goldens were recorded with. */
export const GOLDEN_DEB_VERSION = '1.79.5+ds1-2+b5';

export interface Vmagent {
  bin: string;
  /** Debian package version, e.g. 1.79.5+ds1-2+b5 */
  debVersion: string;
  /** what the recording's `version` field says */
  versionLabel: string;
}

export function cacheDir(): string {
  return process.env.KSD_VMAGENT_CACHE ? resolve(process.env.KSD_VMAGENT_CACHE) : join(REPO_ROOT, '.cache', 'victoria-metrics');
}

/** "1.79.5+ds1-2+b5" → "1.79.5 (Debian package victoria-metrics 1.79.5+ds1-2+b5)" (the goldens' wording). */
export function versionLabel(debVersion: string): string {
  const upstream = debVersion.replace(/^\d+:/, '').replace(/[+~-].*$/, '');
  return `${upstream} (Debian package victoria-metrics ${debVersion})`;
}

/** The cached vmagent, or null. */
export function findVmagent(): Vmagent | null {
  const dir = cacheDir();
  const bin = join(dir, 'vmagent');
  const vf = join(dir, 'VERSION');
  if (!existsSync(bin) || !existsSync(vf)) return null;
  const debVersion = readFileSync(vf, 'utf8').trim();
  return { bin, debVersion, versionLabel: versionLabel(debVersion) };
}

/**
 * The cached vmagent, fetching it first when missing. Throws an Error that says what to do when it cannot
 * be obtained (no apt, no mirror, not Debian): callers must fail on it, never skip.
 */
export function ensureVmagent(): Vmagent {
  const found = findVmagent();
  if (found) return found;
  const r = spawnSync('bash', [FETCH_SCRIPT], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, KSD_VMAGENT_CACHE: cacheDir() } });
  const again = findVmagent();
  if (again) return again;
  const out = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-6).join('\n');
  throw new Error(
    `cannot obtain the real vmagent (Debian package victoria-metrics ${GOLDEN_DEB_VERSION}) into ${cacheDir()}:\n` +
      `${r.error ? String(r.error) : out || `fetch-vmagent.sh exited with ${r.status}`}\n` +
      'The recorder needs apt-get and dpkg-deb with a reachable Debian mirror (run scripts/recorder/fetch-vmagent.sh, ' +
      'or scripts/ci-deps.sh as root), or KSD_VMAGENT_CACHE pointing at a directory with `vmagent` and `VERSION`.',
  );
}
