// The scrape URL exactly as Prometheus builds it (scrape/target.go Target.URL): config
// params, then `__param_*` labels replacing the first value of a key (or adding it),
// encoded with Go url.Values.Encode, inside url.URL{Scheme, Host, Path, RawQuery}.String().
import type { Labels } from '../labels.ts';
import { compareStrings } from '../labels.ts';

const utf8 = new TextEncoder();

type Mode = 'host' | 'path' | 'query';

/** Go net/url shouldEscape for the three modes we need. */
function shouldEscape(c: number, mode: Mode): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return false;
  const ch = String.fromCharCode(c);
  if (mode === 'host' && "!$&'()*+,;=:[]<>\"".includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    if (mode === 'path') return ch === '?';
    return true; // query component: everything reserved is escaped; host handled above
  }
  return true;
}

/** Go net/url escape(s, mode) over UTF-8 bytes; space is '+' in query components. */
export function goEscape(s: string, mode: Mode): string {
  let out = '';
  for (const b of utf8.encode(s)) {
    if (b === 0x20 && mode === 'query') out += '+';
    else if (shouldEscape(b, mode)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    else out += String.fromCharCode(b);
  }
  return out;
}

/** url.Values.Encode: keys sorted, values in order. */
export function encodeValues(values: Map<string, string[]>): string {
  const keys = [...values.keys()].sort(compareStrings);
  const parts: string[] = [];
  for (const k of keys) {
    const ek = goEscape(k, 'query');
    for (const v of values.get(k) ?? []) parts.push(`${ek}=${goEscape(v, 'query')}`);
  }
  return parts.join('&');
}

/** url.URL{Scheme, Host, Path, RawQuery}.String(). */
export function goUrlString(scheme: string, host: string, path: string, rawQuery: string): string {
  let buf = '';
  if (scheme) buf += scheme + ':';
  if (scheme || host) {
    if (host || path) buf += '//';
    if (host) buf += goEscape(host, 'host');
  }
  const p = path === '*' ? '*' : goEscape(path, 'path');
  if (p && p[0] !== '/' && host) buf += '/';
  if (buf.length === 0) {
    const seg = p.split('/')[0] ?? '';
    if (seg.includes(':')) buf += './';
  }
  buf += p;
  if (rawQuery) buf += '?' + rawQuery;
  return buf;
}

/** Target.URL: the query starts from the config params; each `__param_<k>` label replaces k's first value. */
export function scrapeUrl(labels: Labels, configParams: [string, string[]][]): string {
  const values = new Map<string, string[]>();
  for (const [k, vs] of configParams) values.set(k, [...vs]);
  for (const [name, v] of Object.entries(labels)) {
    if (!name.startsWith('__param_')) continue;
    const k = name.slice('__param_'.length);
    const cur = values.get(k);
    if (cur && cur.length > 0) cur[0] = v;
    else values.set(k, [v]);
  }
  return goUrlString(labels['__scheme__'] ?? '', labels['__address__'] ?? '', labels['__metrics_path__'] ?? '', encodeValues(values));
}
