// hashmod: relabel.go relabel() case HashMod (3.x: binary.BigEndian.Uint64(md5[8:]) % mod;
// 2.42: sum64(md5) % mod). MD5 checked against RFC 1321 appendix A.5.
import { describe, expect, it } from 'vitest';
import { hashmodMd5 } from '../../src/engine/relabel/hashmod.ts';
import { md5, md5Hex, utf8Bytes } from '../../src/engine/relabel/md5.ts';

describe('md5 (RFC 1321 A.5 test suite)', () => {
  const vectors: [string, string][] = [
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
  ];
  for (const [input, hex] of vectors) it(`md5(${JSON.stringify(input.slice(0, 20))}…)`, () => expect(md5Hex(input)).toBe(hex));
  it('block boundaries: 55, 56, 63, 64, 65 bytes', () => {
    // Known values for "a" repeated n times.
    expect(md5Hex('a'.repeat(55))).toBe('ef1772b6dff9a122358552954ad0df65');
    expect(md5Hex('a'.repeat(56))).toBe('3b0c8ac703f828b04c6c197006d17218');
    expect(md5Hex('a'.repeat(64))).toBe('014842d480b571495a4a0363793f7367');
    expect(md5Hex('a'.repeat(65))).toBe('c743a45e0d2e6a95cb859adae0248435');
  });
  it('hashes UTF-8 bytes (Go strings are bytes)', () => {
    expect(Array.from(utf8Bytes('é😀'))).toEqual([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
    expect(md5(utf8Bytes('é')).length).toBe(16);
  });
});

describe('hashmodMd5: reference §7.3 vectors (verified with Go)', () => {
  const table: [string, number, string][] = [
    ['', 10, '8'],
    ['10.0.0.1:8080', 3, '0'],
    ['10.244.1.5:8080', 4, '1'],
    ['10.244.1.6:8080', 4, '0'],
    ['a;b', 2, '0'],
    [';', 5, '3'],
    ['pod-a', 7, '4'],
    ['node-1', 3, '2'],
    // relabel_test.go TestRelabel hashmod cases
    ['baz', 1000, '976'],
    ['foo\nbar', 1000, '734'],
  ];
  for (const [input, mod, want] of table) {
    it(`${JSON.stringify(input)} mod ${mod} = ${want}`, () => expect(hashmodMd5(input, mod)).toBe(want));
  }
  it('bytes 8..15 of md5("10.244.1.5:8080") as big-endian uint64 = 18014414774780143841', () => {
    expect(hashmodMd5('10.244.1.5:8080', 2n ** 64n)).toBe('18014414774780143841');
  });
  it('2.42 sum64 (all 16 bytes shifted into a uint64) gives the same value', () => {
    for (const s of ['', 'a', '10.0.0.1:8080', 'pod-a']) {
      const h = md5(utf8Bytes(s));
      let sum = 0n;
      h.forEach((b, i) => {
        sum |= (BigInt(b) << BigInt((16 - i - 1) * 8)) & (2n ** 64n - 1n);
      });
      expect((sum % 1000n).toString()).toBe(hashmodMd5(s, 1000));
    }
  });
  it('a modulus beyond 2^53 is exact with bigint', () => {
    expect(hashmodMd5('10.244.1.5:8080', 18014414774780143842n)).toBe('18014414774780143841');
  });
});
