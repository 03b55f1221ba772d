// A list that renders only the rows in view, so 100k targets stay interactive. Layout is a prefix sum and
// a binary search: `VirtualRows` takes the layout as functions (the target lists compute it per job,
// without an item per row), `VirtualList` makes it from an array of items with fixed heights per item.
// Short lists (≤ `virtualizeAbove`) render every row: simpler for assistive technology and tests.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** Where the rows are: `offsetOf(i)` is row i's top (offsetOf(count) the total height), `indexAt(y)` the row at y. */
export interface RowLayout {
  count: number;
  offsetOf(i: number): number;
  indexAt(y: number): number;
}

export interface VirtualRowsProps {
  layout: RowLayout;
  render(index: number): ReactNode;
  keyOf(index: number): string;
  /** Index to keep in view (e.g. the selected row). */
  scrollToIndex?: number | undefined;
  /** Told the rows in view (first, end) whenever they change. */
  onRange?(first: number, end: number): void;
  virtualizeAbove?: number;
  className?: string;
  ariaLabel: string;
  testId?: string;
  /** More data attributes for the list element. */
  data?: Record<string, string | number | undefined>;
}

const OVERSCAN_PX = 400;
/** How long after a new layout the rows beyond the view follow. */
const OVERSCAN_DELAY_MS = 60;

export function VirtualRows(p: VirtualRowsProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);
  const { layout } = p;
  const n = layout.count;
  const total = layout.offsetOf(n);
  const virtual = n > (p.virtualizeAbove ?? 200);
  // A new layout (a new result) renders only the rows in view; the rows above and below it follow a little later, in
  // a task of their own. Laying out a row's new texts is what costs (~1.5 ms a target row at 10k targets): with the
  // overscan, the first frame of a big result laid out ~25 rows and went past 50 ms about one run in three.
  const [wideFor, setWideFor] = useState<RowLayout | undefined>(undefined);
  const overscan = wideFor === layout ? OVERSCAN_PX : 0;
  useEffect(() => {
    if (!virtual || wideFor === layout) return;
    const id = setTimeout(() => setWideFor(layout), OVERSCAN_DELAY_MS);
    return () => clearTimeout(id);
  }, [virtual, wideFor, layout]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The height comes from the observer's first report, made after the browser's own layout: reading clientHeight
    // here would force a layout of the whole page just committed (a 10k-target result: ~30 ms inside React's task,
    // which with the render itself went past 50 ms).
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    const i = p.scrollToIndex;
    if (!el || i === undefined || i < 0 || i >= n) return;
    const top = layout.offsetOf(i);
    const bottom = layout.offsetOf(i + 1);
    if (top < el.scrollTop) el.scrollTop = top;
    else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
  }, [p.scrollToIndex, layout, n]);

  let first = 0;
  let end = n;
  if (virtual) {
    first = Math.max(0, layout.indexAt(Math.max(0, scrollTop - overscan)));
    end = Math.min(n, layout.indexAt(scrollTop + viewport + overscan) + 1);
  }
  const { onRange } = p;
  useEffect(() => {
    onRange?.(first, end);
  }, [onRange, first, end]);

  const rows: ReactNode[] = [];
  for (let i = first; i < end; i++) {
    const top = layout.offsetOf(i);
    const height = layout.offsetOf(i + 1) - top;
    rows.push(
      <div key={p.keyOf(i)} className="vrow" style={virtual ? { position: 'absolute', top, left: 0, right: 0, height } : { height }}>
        {p.render(i)}
      </div>,
    );
  }
  const data: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p.data ?? {})) if (v !== undefined) data[`data-${k}`] = v;
  return (
    <div
      ref={ref}
      className={`vlist ${p.className ?? ''}`}
      role="list"
      aria-label={p.ariaLabel}
      data-testid={p.testId}
      data-count={n}
      {...data}
      onScroll={virtual ? (e) => setScrollTop((e.target as HTMLDivElement).scrollTop) : undefined}
    >
      {virtual ? <div style={{ position: 'relative', height: total }}>{rows}</div> : rows}
    </div>
  );
}

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

/** A virtual list over an array of items. */
export function VirtualList<T>(p: VirtualListProps<T>) {
  const { items, heightOf } = p;
  const layout = useMemo((): RowLayout => {
    const o = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i++) o[i + 1] = (o[i] as number) + heightOf(items[i] as T);
    return { count: items.length, offsetOf: (i) => o[i] as number, indexAt: (y) => upperBound(o, y) - 1 };
  }, [items, heightOf]);
  return (
    <VirtualRows
      layout={layout}
      render={(i) => p.render(items[i] as T, i)}
      keyOf={(i) => p.keyOf(items[i] as T, i)}
      scrollToIndex={p.scrollToIndex}
      {...(p.virtualizeAbove !== undefined ? { virtualizeAbove: p.virtualizeAbove } : {})}
      {...(p.className !== undefined ? { className: p.className } : {})}
      ariaLabel={p.ariaLabel}
      {...(p.testId !== undefined ? { testId: p.testId } : {})}
    />
  );
}

/** First index i with offsets[i] > x. */
export function upperBound(offsets: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
