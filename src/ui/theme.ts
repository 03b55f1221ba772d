// Light/dark theme: the user's choice (kept in localStorage) or else the system's preference.
// Applied as <html data-theme="…"> so CSS variables switch; Monaco follows through useTheme().
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'ksd-theme';
const listeners = new Set<() => void>();

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function stored(): Theme | undefined {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : undefined;
  } catch {
    return undefined;
  }
}

let current: Theme = stored() ?? systemTheme();

export function applyTheme(): void {
  document.documentElement.dataset.theme = current;
}

export function toggleTheme(): void {
  current = current === 'dark' ? 'light' : 'dark';
  try {
    localStorage.setItem(KEY, current);
  } catch {
    // private mode: the choice lasts for this page only
  }
  applyTheme();
  for (const l of listeners) l();
}

export function useTheme(): Theme {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
}
