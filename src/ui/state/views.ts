// The result views, in tab order. `as const` plus a derived union: the closed set the store, the
// permalink codec and the keyboard shortcuts (Alt+1…) share.
export const VIEWS = ['targets', 'dropped', 'failed', 'why', 'trace', 'config', 'objects', 'problems'] as const;
export type ViewId = (typeof VIEWS)[number];

export const VIEW_TITLES: Record<ViewId, string> = {
  targets: 'Active',
  dropped: 'Dropped',
  failed: 'Failed',
  why: 'Why not?',
  trace: 'Trace',
  config: 'Operators',
  objects: 'Objects',
  problems: 'Problems',
};

/** The tabs shown for a run: the operators tab only when the run has operator output. */
export function visibleViews(view: { generated: unknown[]; selection: unknown[] } | undefined): ViewId[] {
  return VIEWS.filter((v) => v !== 'config' || !!view?.generated.length || !!view?.selection.length);
}

export function isViewId(x: unknown): x is ViewId {
  return typeof x === 'string' && (VIEWS as readonly string[]).includes(x);
}
