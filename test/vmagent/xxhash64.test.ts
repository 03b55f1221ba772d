// xxhash64 (what vmagent's hashmod uses: lib/promrelabel relabel.go, `xxhash.Sum64(value) % modulus`):
// reference vectors of the xxHash specification, the value the live oracle gave, and every hashmod label in
// the real vmagent 1.79.5 goldens recomputed from that target's discovered labels.
import { describe, expect, it } from 'vitest';
import { hashmodXxhash, xxhash64 } from '../../src/engine/relabel/vmagent/xxhash64.ts';
import { expected } from '../helpers/fixtures.ts';

describe('xxhash64', () => {
  it.each([
    ['', 'ef46db3751d8e999'],
    ['a', 'd24ec4f1a98c6e5b'],
    ['abc', '44bc2cf5ad770999'],
    ['message digest', '066ed728fceeb3be'],
    ['abcdefghijklmnopqrstuvwxyz', 'cfe1f278fa89835c'],
    // ≥ 32 bytes: the four-lane loop, then 8- and 4-byte tails.
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', 'e04a477f19ee145d'],
  ])('xxh64(%j) = %s', (s, hex) => expect(xxhash64(s).toString(16).padStart(16, '0')).toBe(hex));

  it('hashes UTF-8 bytes', () => expect(xxhash64('ü')).toBe(xxhash64(new TextDecoder().decode(new Uint8Array([0xc3, 0xbc])))));

  it('oracle-verified: hashmod of host-a:9100 mod 1000 is 491 (Prometheus MD5 gives 876)', () => {
    expect(hashmodXxhash('host-a:9100', 1000)).toBe('491');
  });

  it('modulus 1 is always 0; a modulus above 2^63 prints int(h) as Go does', () => {
    expect(hashmodXxhash('anything', 1)).toBe('0');
    const big = (1n << 64n) - 1n;
    expect(hashmodXxhash('', big)).toBe(BigInt.asIntN(64, xxhash64('') % big).toString());
  });
});

describe('xxhash64 against the vmagent 1.79.5 corpus', () => {
  const active = (f: string, job: string) => expected(f, 'vmagent').activeTargets.filter((t: any) => t.discoveredLabels.job === job);

  it('07 hashmod job: shard (address mod 4) and pod_hash_1000', () => {
    const ts = active('07-relabel-edge-cases', 'hashmod');
    expect(ts.length).toBeGreaterThan(0);
    for (const t of ts) {
      expect(t.labels.shard).toBe(hashmodXxhash(t.discoveredLabels.__address__, 4));
      expect(t.labels.pod_hash_1000).toBe(hashmodXxhash(t.discoveredLabels.__meta_kubernetes_pod_name, 1000));
    }
  });

  it('28 hashmod job: moduli 1, 2, 3, 10, 1000 and a missing label', () => {
    const ts = active('28-relabel-actions', 'hashmod');
    expect(ts.length).toBeGreaterThan(0);
    for (const t of ts) {
      const d = t.discoveredLabels;
      expect(t.labels.h_addr_mod1).toBe('0');
      expect(t.labels.h_addr_mod2).toBe(hashmodXxhash(d.__address__, 2));
      expect(t.labels.h_addr_mod3).toBe(hashmodXxhash(d.__address__, 3));
      expect(t.labels.h_key_mod10).toBe(hashmodXxhash(d.__meta_kubernetes_pod_label_shard_key ?? '', 10));
      expect(t.labels.h_nspod_mod1000).toBe(hashmodXxhash(`${d.__meta_kubernetes_namespace};${d.__meta_kubernetes_pod_name}`, 1000));
      expect(t.labels.h_missing_mod7).toBe(hashmodXxhash('', 7));
    }
  });

  it('29 separator "-" and 31 a multi-line value', () => {
    for (const t of active('29-relabel-separators', 'separators')) {
      const d = t.discoveredLabels;
      expect(t.labels.s09_hash).toBe(hashmodXxhash(`${d.__meta_kubernetes_pod_label_app ?? ''}-${d.__meta_kubernetes_pod_label_env ?? ''}`, 16));
    }
    const ml = expected('31-multiline-values', 'vmagent').activeTargets.filter((t: any) => t.labels.m11_hash !== undefined);
    expect(ml.length).toBeGreaterThan(0);
    for (const t of ml) expect(t.labels.m11_hash).toBe(hashmodXxhash(t.discoveredLabels.__meta_kubernetes_pod_annotation_description ?? '', 100));
  });
});
