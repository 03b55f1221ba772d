// XXH64 with seed 0 (github.com/cespare/xxhash/v2 Sum64, which vmagent's hashmod and duplicate-target keys
// use), written from the xxHash specification with BigInt arithmetic mod 2^64. Written here rather than taken
// from npm: the maintained packages are WASM (xxhash-wasm: async instantiation, which the synchronous engine
// cannot await) or native (@node-rs/xxhash: no browser); the pure-JS ones found are XXH32-only or unmaintained.
// hashmod runs once per rule per target, so BigInt's cost is small; test/vmagent/xxhash64.test.ts checks the
// reference vectors and the oracle's values.
const M = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M;
const round = (acc: bigint, input: bigint): bigint => (rotl((acc + input * P2) & M, 31n) * P1) & M;
const mergeRound = (acc: bigint, val: bigint): bigint => (((acc ^ round(0n, val)) * P1) + P4) & M;

const enc = new TextEncoder();

/** xxhash64 of the UTF-8 bytes of `s` (Go hashes the string's bytes). */
export function xxhash64(s: string): bigint {
  return xxhash64Bytes(enc.encode(s));
}

export function xxhash64Bytes(b: Uint8Array): bigint {
  const n = b.length;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = (P1 + P2) & M;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (M + 1n - P1) & M;
    for (; i + 32 <= n; i += 32) {
      v1 = round(v1, dv.getBigUint64(i, true));
      v2 = round(v2, dv.getBigUint64(i + 8, true));
      v3 = round(v3, dv.getBigUint64(i + 16, true));
      v4 = round(v4, dv.getBigUint64(i + 24, true));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M;
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(n)) & M;
  for (; i + 8 <= n; i += 8) {
    h ^= round(0n, dv.getBigUint64(i, true));
    h = ((rotl(h, 27n) * P1) + P4) & M;
  }
  if (i + 4 <= n) {
    h ^= (BigInt(dv.getUint32(i, true)) * P1) & M;
    h = ((rotl(h, 23n) * P2) + P3) & M;
    i += 4;
  }
  for (; i < n; i++) {
    h ^= (BigInt(b[i] as number) * P5) & M;
    h = (rotl(h, 11n) * P1) & M;
  }
  h ^= h >> 33n;
  h = (h * P2) & M;
  h ^= h >> 29n;
  h = (h * P3) & M;
  h ^= h >> 32n;
  return h;
}

/** vmagent hashmod (relabel.go): `strconv.Itoa(int(xxhash.Sum64(value) % modulus))`. int() of a uint64 above
 * 2^63-1 wraps negative, which only a modulus above 2^63 can produce. */
export function hashmodXxhash(value: string, modulus: number | bigint): string {
  const m = typeof modulus === 'bigint' ? modulus : BigInt(modulus);
  if (m === 0n) return '0';
  return BigInt.asIntN(64, xxhash64(value) % m).toString();
}
