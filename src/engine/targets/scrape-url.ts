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

/** shouldEscape for every ASCII byte, per mode (1: escape). */
const ESCAPE: Record<Mode, Uint8Array> = { host: asciiTable('host'), path: asciiTable('path'), query: asciiTable('query') };
function asciiTable(mode: Mode): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = shouldEscape(c, mode) ? 1 : 0;
  return t;
}

/** Go net/url escape(s, mode) over UTF-8 bytes; space is '+' in query components. */
export function goEscape(s: string, mode: Mode): string {
  // Fast path: ASCII text that needs no escaping is its own encoding.
  const table = ESCAPE[mode];
  let clean = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || table[c] === 1) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
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
  if (values.size === 0) return '';
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
  // Most targets have no parameters: no query to build.
  let params = configParams.length > 0;
  if (!params) for (const name in labels) if (name.startsWith('__param_')) params = true;
  if (!params) return goUrlString(labels['__scheme__'] ?? '', labels['__address__'] ?? '', labels['__metrics_path__'] ?? '', '');
  const values = new Map<string, string[]>();
  for (const [k, vs] of configParams) values.set(k, [...vs]);
  for (const name of Object.keys(labels)) {
    if (!name.startsWith('__param_')) continue;
    const v = labels[name]!;
    const k = name.slice('__param_'.length);
    const cur = values.get(k);
    if (cur && cur.length > 0) cur[0] = v;
    else values.set(k, [v]);
  }
  return goUrlString(labels['__scheme__'] ?? '', labels['__address__'] ?? '', labels['__metrics_path__'] ?? '', encodeValues(values));
}
