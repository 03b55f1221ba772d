// vmagent durations: promutils.Duration / ParseDuration → metricsql.DurationValue (lexer.go). A plain number
// is seconds ("30", "1.5"); otherwise a sequence of `<number><unit>` parts with units ms s m h d w y (and `i`,
// steps, which is 0 here), fractions allowed ("1.5h"), later parts may be negative ("1h-5m"). Values are
// whole milliseconds (int64(d)).

export type VmDuration = { ok: true; ms: number } | { ok: false; message: string };

/** Go strconv.ParseFloat for the plain-number case: decimal, exponent, optional sign, also inf/nan/hex floats. */
function goParseFloat(s: string): number | null {
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s.replace(/_/g, '')) && !/^_|_$|__/.test(s)) {
    if (s.includes('_')) return null; // underscores only with a base prefix in Go
    return Number(s);
  }
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  return null;
}

/** scanSingleDuration: length of one `<num><unit>` part at the start of s, or -1. */
function scanSingle(s: string, canBeNegative: boolean): number {
  if (s.length === 0) return -1;
  let i = 0;
  if (s[0] === '-' && canBeNegative) i++;
  const digits = (): void => {
    while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++;
  };
  digits();
  if (i === 0 || i === s.length) return -1;
  if (s[i] === '.') {
    const j = i;
    i++;
    digits();
    if (i === j || i === s.length) return -1;
  }
  switch (s[i]) {
    case 'm':
      return s[i + 1] === 's' ? i + 2 : i + 1;
    case 's':
    case 'h':
    case 'd':
    case 'w':
    case 'y':
    case 'i':
      return i + 1;
    default:
      return -1;
  }
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3, y: 365 * 86400e3, i: 0 };

export function durationValue(text: string): VmDuration {
  if (text.length === 0) return { ok: false, message: 'duration cannot be empty' };
  const f = goParseFloat(text);
  if (f !== null) {
    const ms = Math.trunc(f * 1000);
    return Number.isFinite(ms) ? { ok: true, ms } : { ok: false, message: `cannot parse duration ${JSON.stringify(text)}` };
  }
  let s = text;
  let d = 0;
  let minus = false;
  while (s.length > 0) {
    const n = scanSingle(s, true);
    if (n <= 0) return { ok: false, message: `cannot parse duration ${JSON.stringify(text)}` };
    const part = s.slice(0, n);
    s = s.slice(n);
    const unit = part.endsWith('ms') ? 'ms' : part.slice(-1);
    const num = goParseFloat(part.slice(0, part.length - unit.length));
    if (num === null || Number.isNaN(num)) return { ok: false, message: `cannot parse duration ${JSON.stringify(part)}` };
    let v = (UNIT_MS[unit] ?? 0) * num;
    if (minus && v > 0) v = -v;
    d += v;
    if (v < 0) minus = true;
  }
  if (Math.abs(d) > 9.223372036854775807e18) return { ok: false, message: `too big duration ${d.toFixed(0)}ms` };
  return { ok: true, ms: Math.trunc(d) };
}
