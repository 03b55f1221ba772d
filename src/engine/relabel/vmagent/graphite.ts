// `action: graphite` (lib/promrelabel/graphite.go): `match` is a glob over the metric name where `*` matches
// up to the next `.`; `labels` values are templates over the matches ($0 is the whole name, ${1} / $1 the
// first star). Target relabeling rarely has a `__name__`, so in practice the rule does nothing there.
import type { VmGraphite } from './types.ts';

/** newGraphiteMatchTemplate + Match: returns [$0, $1, …] or null. */
export function graphiteMatcher(template: string): (name: string) => string[] | null {
  const parts: string[] = [];
  let s = template;
  for (;;) {
    const n = s.indexOf('*');
    if (n < 0) {
      if (s) parts.push(s);
      break;
    }
    if (n > 0) parts.push(s.slice(0, n));
    parts.push('*');
    s = s.slice(n + 1);
  }
  return (name) => {
    const out = [name];
    let rest = name;
    const last = parts[parts.length - 1];
    if (last !== undefined && last !== '*' && !rest.endsWith(last)) return null;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (p !== '*') {
        if (!rest.startsWith(p)) return null;
        rest = rest.slice(p.length);
        continue;
      }
      if (i + 1 >= parts.length) {
        if (rest.includes('.')) return null;
        out.push(rest);
        return out;
      }
      const next = parts[++i] as string;
      const n = rest.indexOf(next);
      if (n < 0) return null;
      const piece = rest.slice(0, n);
      if (piece.includes('.')) return null;
      out.push(piece);
      rest = rest.slice(n + next.length);
    }
    return rest.length === 0 ? out : null;
  };
}

/** newGraphiteReplaceTemplate + Expand: `$N` / `${N}` with a number; anything else is literal. */
export function graphiteTemplate(template: string): (matches: string[]) => string {
  const parts: { n: number; s: string }[] = [];
  let s = template;
  for (;;) {
    const n = s.indexOf('$');
    if (n < 0) {
      if (s) parts.push({ n: -1, s });
      break;
    }
    if (n > 0) parts.push({ n: -1, s: s.slice(0, n) });
    s = s.slice(n + 1);
    if (s[0] === '{') {
      const close = s.indexOf('}');
      if (close < 0) {
        parts.push({ n: -1, s: '$' + s });
        break;
      }
      const idx = s.slice(1, close);
      s = s.slice(close + 1);
      parts.push({ n: /^[+-]?\d+$/.test(idx) ? Number(idx) : -1, s: '${' + idx + '}' });
    } else {
      let k = 0;
      while (k < s.length && s[k]! >= '0' && s[k]! <= '9') k++;
      const idx = s.slice(0, k);
      s = s.slice(k);
      parts.push({ n: idx ? Number(idx) : -1, s: '$' + idx });
    }
  }
  return (m) => parts.map((p) => (p.n >= 0 && p.n < m.length ? m[p.n] : p.s)).join('');
}

export function graphiteRule(match: string, labels: [string, string][]): VmGraphite {
  return { match: graphiteMatcher(match), labels: labels.map(([target, t]) => ({ target, expand: graphiteTemplate(t) })) };
}
