// Deterministic names, ids and the Go-dump hashes the controllers order things by.
import { describe, expect, it } from 'vitest';
import { fnv128aHex, sortEndpointPorts, sortSlicePorts, sortSubsets } from '../../src/engine/cluster/gohash.ts';
import { containerIdFor, fnv1a32, generateName, randSuffix, safeEncodeString, SUFFIX_ALPHABET, templateHash, uidFor } from '../../src/engine/cluster/ids.ts';

describe('ids (k8s.io/apimachinery/pkg/util/rand, names.SimpleNameGenerator)', () => {
  it('FNV-1a 32 and FNV-128a match the reference vectors (hash/fnv)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv128aHex('')).toBe('6c62272e07bb014262b821756295c58d');
    expect(fnv128aHex('a')).toBe('d228cb696f1a8caf78912b704e4a8964');
  });

  it('SafeEncodeString maps bytes onto the suffix alphabet, so decimal hashes only use 4-9 b c d f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(templateHash({ a: 1 })).toMatch(/^[4-9bcdf]+$/);
    expect(templateHash({ a: 1, b: 2 })).toBe(templateHash({ b: 2, a: 1 })); // key order does not matter
  });

  it('random-looking suffixes, uids and container IDs are stable functions of their seed', () => {
    expect(randSuffix('x')).toBe(randSuffix('x'));
    expect(randSuffix('x')).not.toBe(randSuffix('y'));
    expect([...randSuffix('x', 50)].every((ch) => SUFFIX_ALPHABET.includes(ch))).toBe(true);
    expect(uidFor('Pod/default/a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(containerIdFor('a')).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });

  it('generateName truncates the base to 58 characters and rerolls on a taken name', () => {
    const long = 'x'.repeat(70) + '-';
    expect(generateName(long, 's', () => false)).toHaveLength(63);
    const first = generateName('web-', 's', () => false);
    expect(generateName('web-', 's', (n) => n === first)).not.toBe(first);
  });
});

describe('Go dump hashes (k8s.io/utils/dump.ForHash + md5 / fnv128a)', () => {
  const dns = [
    { name: 'dns', port: 53, protocol: 'UDP' },
    { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    { name: 'metrics', port: 9153, protocol: 'TCP' },
  ];

  it('Endpoints ports (SortSubsets portsByHash): kube-dns → dns-tcp, dns, metrics, as `kubectl describe ep kube-dns` shows', () => {
    expect(sortEndpointPorts(dns).map((p) => p.name)).toEqual(['dns-tcp', 'dns', 'metrics']);
  });

  it('slice ports (NewPortMapKey): kube-dns → 53/UDP, 53/TCP, 9153 (PORTS column "53,53,9153" on current clusters)', () => {
    expect(sortSlicePorts(dns).map((p) => `${p.port}/${p.protocol}`)).toEqual(['53/UDP', '53/TCP', '9153/TCP']);
  });

  it('subsets are ordered by the hash of the whole subset, independent of input order', () => {
    const a = { addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 1, protocol: 'TCP' }] };
    const b = { notReadyAddresses: [{ ip: '10.0.0.2' }], ports: [{ port: 2, protocol: 'TCP' }] };
    expect(sortSubsets([a, b])).toEqual(sortSubsets([b, a]));
  });
});
