// Deterministic stand-ins for the values a real cluster makes up at random: name
// suffixes, uids, container IDs, template hashes, timestamps. Everything is derived
// from the identity of the object (a seed string) with FNV-1a, so the same input always
// gives the same output and a permalink reproduces what it showed.
import { utf8Bytes } from '../relabel/md5.ts';

/** The alphabet of generated name suffixes and hashes (k8s.io/apimachinery/pkg/util/rand: alphanums, no vowels). */
export const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The simulated "now": every simulated creation and transition happened at this instant. */
export const SIM_TIME = '2024-01-01T00:00:00Z';

/** FNV-1a 32-bit (hash/fnv New32a) over the UTF-8 bytes of `s`. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  // ASCII is its own UTF-8; only encode when there is more.
  const bytes = /^[\x00-\x7f]*$/.test(s) ? null : utf8Bytes(s);
  if (!bytes) {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** MurmurHash3's fmix32 finalizer: FNV-1a of strings that differ only at the end differ only in a few bits. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** An endless stream of well-mixed 32-bit values from one seed (the i-th is fmix32(fnv1a32(seed#i))). */
function stream(seed: string): () => number {
  let i = 0;
  return () => fmix32(fnv1a32(`${seed}#${i++}`));
}

/** `n` characters of the suffix alphabet, as rand.String(n) would draw them, but from `seed`. */
export function randSuffix(seed: string, n = 5): string {
  const next = stream(seed);
  let out = '';
  for (let i = 0; i < n; i++) out += SUFFIX_ALPHABET[next() % SUFFIX_ALPHABET.length];
  return out;
}

/** rand.SafeEncodeString: each byte of `s` mapped onto the suffix alphabet (how hashes become label values). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SUFFIX_ALPHABET[s.charCodeAt(i) % SUFFIX_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted, so equal values hash equally whatever order they were written in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** A template hash like pkg/controller.ComputeHash: fnv32a of the template, printed in decimal, then
 * SafeEncodeString — hence the familiar "5d78c9869d" shape. The real one hashes Go's dump of the fully
 * defaulted template, which a pasted manifest cannot reproduce; this hashes the template as given. */
export function templateHash(template: unknown, salt = ''): string {
  return safeEncodeString(String(fnv1a32(salt + canonicalJson(template))));
}

function hex(next: () => number, digits: number): string {
  let out = '';
  while (out.length < digits) out += next().toString(16).padStart(8, '0');
  return out.slice(0, digits);
}

/** A uuid-shaped uid (version 4 layout, as the API server's uuid.NewUUID gives) derived from `seed`. */
export function uidFor(seed: string): string {
  const h = hex(stream(`uid:${seed}`), 32).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16] ?? '0', 16) & 3] as string;
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** `containerd://` and 64 hex digits, like a kubelet-reported container ID. */
export function containerIdFor(seed: string): string {
  return `containerd://${hex(stream(`cid:${seed}`), 64)}`;
}

/** The identity string of an object, used as the seed of everything derived from it. */
export function identity(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** names.SimpleNameGenerator: generateName truncated to 58 characters, then 5 random characters. */
export function generateName(base: string, seed: string, taken: (name: string) => boolean): string {
  const prefix = base.length > 58 ? base.slice(0, 58) : base;
  for (let attempt = 0; ; attempt++) {
    const name = prefix + randSuffix(attempt === 0 ? seed : `${seed}~${attempt}`);
    if (!taken(name)) return name;
  }
}
