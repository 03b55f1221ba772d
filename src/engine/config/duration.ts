// Prometheus durations (prometheus/common model/time.go: ParseDuration, Duration.String)
// and Go time.Duration printing (vmagent prints `1m0s`). Values are milliseconds.

const UNITS: [string, number][] = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

export type DurationResult = { ok: true; ms: number } | { ok: false; message: string };

/** model.ParseDuration: units largest first, integers only, "0" the only unit-less value. */
export function parsePromDuration(text: string): DurationResult {
  if (text === '') return { ok: false, message: 'empty duration string' };
  if (text === '0') return { ok: true, ms: 0 };
  const m = DURATION_RE.exec(text);
  if (!m) return { ok: false, message: `not a valid duration string: ${goQuote(text)}` };
  let ms = 0;
  for (let i = 0; i < UNITS.length; i++) {
    const g = m[i + 1];
    if (g === undefined) continue;
    ms += Number(g) * UNITS[i]![1];
  }
  // model.Duration is int64 nanoseconds.
  if (ms * 1e6 > 9.223372036854775807e18) return { ok: false, message: 'duration out of range' };
  return { ok: true, ms };
}

/** model.Duration.String: y and w only when they divide exactly; 0 → "0s". */
export function formatPromDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  const f = (unit: string, mult: number, exact: boolean) => {
    if (exact && rest % mult !== 0) return;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  };
  f('y', UNITS[0]![1], true);
  f('w', UNITS[1]![1], true);
  f('d', UNITS[2]![1], false);
  f('h', UNITS[3]![1], false);
  f('m', UNITS[4]![1], false);
  f('s', UNITS[5]![1], false);
  f('ms', 1, false);
  return out;
}

/** Go time.Duration.String for whole milliseconds: 1m0s, 1h0m0s, 1.5s, 500ms, 0s. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let v = Math.abs(ms);
  if (v < 1000) return `${neg ? '-' : ''}${v}ms`;
  const h = Math.floor(v / 3600000);
  v -= h * 3600000;
  const m = Math.floor(v / 60000);
  v -= m * 60000;
  const s = v / 1000;
  const sText = Number.isInteger(s) ? String(s) : String(Number(s.toFixed(3)));
  let out = '';
  if (h) out += `${h}h`;
  if (h || m) out += `${m}m`;
  out += `${sText}s`;
  return (neg ? '-' : '') + out;
}

/** Go's %q for simple strings (what error messages print). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
