// goUrlParseError against Go's net/url.Parse: the messages vmagent puts on a failed target, and the %-escape and host
// character checks against a plain model of url.unescape that reads the UTF-8 bytes (the checker itself only encodes
// text that holds something to report).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goUrlParseError } from '../../src/engine/targets/go-url-parse.ts';

const parseErr = (raw: string, why: string): string => `parse ${JSON.stringify(raw)}: ${why}`;

describe('goUrlParseError', () => {
  it.each([
    ['http://h:1/metrics', null],
    ['http://h:1/100%', 'invalid URL escape "%"'],
    ['http://h:1/a%zzb', 'invalid URL escape "%zz"'],
    ['http://h:1/a%4', 'invalid URL escape "%4"'],
    ['http://h:1/%41%7e', null],
    ['http://h:1/é%', 'invalid URL escape "%"'],
    ['http://h:1/x#a%g', 'invalid URL escape "%g"'],
    ['http://h{x:1/', 'invalid character "{" in host name'],
    ['http://h x:1/', 'invalid character " " in host name'],
    ['http://h%41:1/', 'invalid URL escape "%41"'],
    ['http://h%25:1/', null],
    ['http://h%C3%A9:1/', null],
    ['http://héllo:1/', null],
    ['http://[::1]:80/', null],
    ['http://[::1/', "missing ']' in host"],
    ['http://h:8a/', 'invalid port ":8a" after host'],
    ['http://h:1/\n', 'net/url: invalid control character in URL'],
    ['1http://h/', 'first path segment in URL cannot contain colon'],
    ['://h', 'missing protocol scheme'],
    ['a+b.c-d://h:1/', null],
  ])('%j', (raw, why) => {
    expect(goUrlParseError(raw)).toBe(why === null ? null : parseErr(raw, why));
  });

  it('agrees with a byte-level model of url.unescape on generated paths and hosts', () => {
    const chars = ['%', '%', '2', '5', '4', 'a', 'F', 'g', 'z', '{', ' ', '~', ':', 'é', '😀', '-', '.', '[', ']', '<', '^', '|'];
    const piece = fc.array(fc.constantFrom(...chars), { maxLength: 10 }).map((a) => a.join(''));
    fc.assert(
      fc.property(piece, piece, (host, path) => {
        const raw = `http://${host}/${path}`;
        const want = modelHostError(host) ?? modelUnescapeError(`/${path}`, false);
        expect(goUrlParseError(raw)).toBe(want === null ? null : parseErr(raw, want));
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });
});

/** Go's url.unescape validation over the UTF-8 bytes (mode host or path), written out byte by byte. */
function modelUnescapeError(s: string, host: boolean): string | null {
  const b = new TextEncoder().encode(s);
  const hex = (c: number | undefined): boolean => c !== undefined && /[0-9a-fA-F]/.test(String.fromCharCode(c));
  // strconv.Quote of bytes: a complete UTF-8 character as itself, any other byte >= 0x80 as \xNN.
  const quote = (x: Uint8Array): string => {
    let out = '';
    for (let i = 0; i < x.length; ) {
      const n = x[i]! < 0x80 ? 1 : x[i]! >= 0xf0 ? 4 : x[i]! >= 0xe0 ? 3 : 2;
      const text = i + n <= x.length ? new TextDecoder('utf-8', { fatal: false }).decode(x.subarray(i, i + n)) : '\ufffd';
      if (text.includes('\ufffd')) {
        out += `\\x${x[i]!.toString(16).padStart(2, '0')}`;
        i++;
      } else {
        out += text;
        i += n;
      }
    }
    return JSON.stringify(out).replace(/\\\\x/g, '\\x');
  };
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0x25) {
      if (i + 2 >= b.length || !hex(b[i + 1]) || !hex(b[i + 2])) return `invalid URL escape ${quote(b.subarray(i, Math.min(i + 3, b.length)))}`;
      if (host && parseInt(String.fromCharCode(b[i + 1]!), 16) < 8 && String.fromCharCode(b[i + 1]!, b[i + 2]!) !== '25') return `invalid URL escape ${quote(b.subarray(i, i + 3))}`;
      i += 2;
      continue;
    }
    // shouldEscape(c, encodeHost): ASCII letters, digits and these may stand unescaped in a host; bytes >= 0x80 too.
    if (host && c < 0x80 && !/[a-zA-Z0-9\-_.~!$&'()*+,;=:[\]<>"]/.test(String.fromCharCode(c))) return `invalid character ${quote(b.subarray(i, i + 1))} in host name`;
  }
  return null;
}

/** parseHost for a host without `@`: brackets, the port after the last colon, then the escapes. */
function modelHostError(host: string): string | null {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) return "missing ']' in host";
    const port = host.slice(i + 1);
    if (port !== '' && !/^:[0-9]*$/.test(port)) return `invalid port ${JSON.stringify(port)} after host`;
    return modelUnescapeError(host.slice(0, i + 1), true);
  }
  const i = host.lastIndexOf(':');
  if (i >= 0 && !/^:[0-9]*$/.test(host.slice(i))) return `invalid port ${JSON.stringify(host.slice(i))} after host`;
  return modelUnescapeError(host, true);
}
