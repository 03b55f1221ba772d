// A list that renders only the rows in view, so 50k targets stay interactive. Rows have fixed
// heights per item (given by `heightOf`), which keeps layout a prefix sum and a binary search.
// Short lists (≤ `virtualizeAbove`) render every row: simpler for assistive technology and tests.
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  items: T[];
  heightOf(item: T): number;
  render(item: T, index: number): ReactNode;
  keyOf(item: T, index: number): string;
  /** Index to keep in view (e.g. the selected row). */
  scrollToIndex?: number | undefined;
  virtualizeAbove?: number;
  className?: string;
  ariaLabel: string;
  testId?: string;
}

const OVERSCAN_PX = 400;

export function VirtualList<T>(p: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);
  const offsets = useMemo(() => {
    const o = new Float64Array(p.items.length + 1);
    for (let i = 0; i < p.items.length; i++) o[i + 1] = (o[i] as number) + p.heightOf(p.items[i] as T);
    return o;
  }, [p.items, p.heightOf]);
  const total = offsets[p.items.length] as number;
  const virtual = p.items.length > (p.virtualizeAbove ?? 200);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    setViewport(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    const i = p.scrollToIndex;
    if (!el || i === undefined || i < 0 || i >= p.items.length) return;
    const top = offsets[i] as number;
    const bottom = offsets[i + 1] as number;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
  }, [p.scrollToIndex, offsets, p.items.length]);

  let first = 0;
  let last = p.items.length;
  if (virtual) {
    const lo = Math.max(0, scrollTop - OVERSCAN_PX);
    const hi = scrollTop + viewport + OVERSCAN_PX;
    first = upperBound(offsets, lo) - 1;
    last = Math.min(p.items.length, upperBound(offsets, hi));
    if (first < 0) first = 0;
  }
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = p.items[i] as T;
    rows.push(
      <div key={p.keyOf(item, i)} className="vrow" style={virtual ? { position: 'absolute', top: offsets[i], left: 0, right: 0, height: p.heightOf(item) } : { height: p.heightOf(item) }}>
        {p.render(item, i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className={`vlist ${p.className ?? ''}`}
      role="list"
      aria-label={p.ariaLabel}
      data-testid={p.testId}
      data-count={p.items.length}
      onScroll={virtual ? (e) => setScrollTop((e.target as HTMLDivElement).scrollTop) : undefined}
    >
      {virtual ? <div style={{ position: 'relative', height: total }}>{rows}</div> : rows}
    </div>
  );
}

/** First index i with offsets[i] > x. */
function upperBound(offsets: Float64Array, x: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
