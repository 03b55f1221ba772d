// The error, if any, that Go's net/url.Parse gives for a URL vmagent built (lib/promscrape/config.go
// getScrapeWork checks `url.Parse(scrapeURL)` and fails the target on error). Only the checks a scrape URL
// can trip are here: control characters, the scheme, the host (brackets, port, escapes, characters), and
// %-escapes in the path and fragment. The query is not validated by url.Parse.

const utf8 = new TextEncoder();

/** Go's strconv.Quote of a byte string (invalid UTF-8 bytes as \xNN). */
function quoteBytes(b: Uint8Array): string {
  let out = '"';
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      if (c === 0x22) out += '\\"';
      else if (c === 0x5c) out += '\\\\';
      else if (c === 0x0a) out += '\\n';
      else if (c === 0x09) out += '\\t';
      else if (c === 0x0d) out += '\\r';
      else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
      else out += String.fromCharCode(c);
      i++;
      continue;
    }
    // A complete multi-byte sequence is printed as the character; anything else byte by byte.
    const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
    if (len > 0 && i + len <= b.length && [...b.subarray(i + 1, i + len)].every((x) => (x & 0xc0) === 0x80)) {
      out += new TextDecoder().decode(b.subarray(i, i + len));
      i += len;
    } else {
      out += '\\x' + c.toString(16).padStart(2, '0');
      i++;
    }
  }
  return out + '"';
}

const isHex = (c: number | undefined): boolean => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));

type Mode = 'path' | 'host' | 'fragment';

/** url.unescape's validation: every `%` followed by two hex digits; in host mode a few more rules. */
function unescapeError(s: string, mode: Mode): string | null {
  // Most text has nothing to check: no `%`, and (in a host) no ASCII character to escape. Only the bytes below 0x80
  // are tested, and a non-ASCII character's UTF-8 bytes are all 0x80 or above, so the UTF-16 code units answer it
  // without encoding the text (the encoding was a third of the check's time at 10k pods).
  const host = mode === 'host';
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 || (host && c < 0x80 && HOST_ESCAPE[c] === 1)) {
      plain = false;
      break;
    }
  }
  if (plain) return null;
  const b = utf8.encode(s);
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c === 0x25) {
      if (i + 2 >= b.length || !isHex(b[i + 1]) || !isHex(b[i + 2])) {
        const e = b.subarray(i, Math.min(i + 3, b.length));
        return `invalid URL escape ${quoteBytes(e)}`;
      }
      if (mode === 'host') {
        const hi = parseInt(String.fromCharCode(b[i + 1] as number), 16);
        const seq = String.fromCharCode(b[i] as number, b[i + 1] as number, b[i + 2] as number);
        if (hi < 8 && seq !== '%25') return `invalid URL escape ${quoteBytes(b.subarray(i, i + 3))}`;
      }
      i += 2;
      continue;
    }
    if (host && c < 0x80 && HOST_ESCAPE[c] === 1) return `invalid character ${quoteBytes(b.subarray(i, i + 1))} in host name`;
  }
  return null;
}

/** shouldEscape(c, encodeHost) for ASCII. */
function hostShouldEscape(c: number): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return false;
  const ch = String.fromCharCode(c);
  if ("-_.~!$&'()*+,;=:[]<>\"".includes(ch)) return false;
  return true;
}
/** hostShouldEscape by ASCII code: 1 where a host may not hold the character unescaped. */
const HOST_ESCAPE = Uint8Array.from({ length: 0x80 }, (_, c) => (hostShouldEscape(c) ? 1 : 0));

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function parseHost(host: string): string | null {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) return "missing ']' in host";
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) return `invalid port ${JSON.stringify(colonPort)} after host`;
    return unescapeError(host.slice(0, i + 1), 'host');
  }
  const i = host.lastIndexOf(':');
  if (i >= 0) {
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) return `invalid port ${JSON.stringify(colonPort)} after host`;
  }
  return unescapeError(host, 'host');
}

/** url.Parse(raw): null when it parses, else the error text (`parse "<raw>": <why>`). */
export function goUrlParseError(raw: string): string | null {
  const wrap = (why: string): string => `parse ${JSON.stringify(raw)}: ${why}`;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return wrap('net/url: invalid control character in URL');
  }
  let rest = raw;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    const e = unescapeError(rest.slice(hash + 1), 'fragment');
    if (e) return wrap(e);
    rest = rest.slice(0, hash);
  }
  // getScheme
  let scheme = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) break;
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) return wrap('missing protocol scheme');
      scheme = rest.slice(0, i);
      rest = rest.slice(i + 1);
    }
    break;
  }
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!scheme && !rest.startsWith('/')) {
    const seg = rest.split('/')[0] ?? '';
    if (seg.includes(':')) return wrap('first path segment in URL cannot contain colon');
  }
  if (rest.startsWith('//') && (scheme || !rest.startsWith('///'))) {
    const authEnd = rest.indexOf('/', 2);
    let authority = authEnd < 0 ? rest.slice(2) : rest.slice(2, authEnd);
    rest = authEnd < 0 ? '' : rest.slice(authEnd);
    const at = authority.lastIndexOf('@');
    if (at >= 0) authority = authority.slice(at + 1);
    const e = parseHost(authority);
    if (e) return wrap(e);
  }
  const e = unescapeError(rest, 'path');
  return e ? wrap(e) : null;
}
