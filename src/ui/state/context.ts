// React access to the app store: components read it through selectors (useApp) and call actions
// through useActions; the store itself is created in main.tsx (and by tests with a fake engine).
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState } from './app-state.ts';
import type { AppStore } from './store.ts';

export const StoreContext = createContext<AppStore | null>(null);

function useAppStore(): AppStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('StoreContext is missing');
  return s;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

/** The store's actions (stable functions; reading them never re-renders). */
export function useActions(): AppState {
  return useAppStore().getState();
}
