// The controllers order ports and subsets by a hash of Go's debug dump of the struct
// (k8s.io/utils/dump.ForHash = go-spew "%#v" with types), so a real cluster lists e.g.
// kube-dns's Endpoints ports as dns-tcp, dns, metrics. To print objects in the order a
// cluster would, this file reproduces that dump for the few structs involved and the two
// hashes used: MD5 (pkg/api/v1/endpoints SortSubsets) and FNV-128a (endpointslice
// util.NewPortMapKey). Checked against real clusters' kube-dns objects (test/cluster).
import type { EndpointAddress, EndpointPort, EndpointSubset, SlicePort } from '../ingest/kinds.ts';
import { md5, utf8Bytes } from '../relabel/md5.ts';

const ptrStr = (v: string | undefined): string => (v === undefined ? '(*string)<nil>' : `(*string)${v}`);

/** spew of core/v1 EndpointPort {Name string; Port int32; Protocol Protocol; AppProtocol *string}. */
function corePortBody(p: EndpointPort): string {
  return `{Name:(string)${p.name ?? ''} Port:(int32)${p.port} Protocol:(v1.Protocol)${p.protocol ?? ''} AppProtocol:${ptrStr(p.appProtocol)}}`;
}

/** spew of core/v1 EndpointAddress {IP; Hostname; NodeName *string; TargetRef *ObjectReference}. */
function addressBody(a: EndpointAddress): string {
  const r = a.targetRef;
  const ref = r
    ? `(*v1.ObjectReference){Kind:(string)${r.kind ?? ''} Namespace:(string)${r.namespace ?? ''} Name:(string)${r.name ?? ''} UID:(types.UID)${r.uid ?? ''} APIVersion:(string) ResourceVersion:(string) FieldPath:(string)}`
    : '(*v1.ObjectReference)<nil>';
  return `{IP:(string)${a.ip} Hostname:(string)${a.hostname ?? ''} NodeName:${ptrStr(a.nodeName)} TargetRef:${ref}}`;
}

/** A slice field: nil prints `<nil>`, elements print without their type. */
function list<T>(type: string, items: T[] | undefined, body: (x: T) => string): string {
  return `(${type})${items === undefined ? '<nil>' : `[${items.map(body).join(' ')}]`}`;
}

function subsetDump(s: EndpointSubset): string {
  return (
    `(v1.EndpointSubset){Addresses:${list('[]v1.EndpointAddress', s.addresses, addressBody)}` +
    ` NotReadyAddresses:${list('[]v1.EndpointAddress', s.notReadyAddresses, addressBody)}` +
    ` Ports:${list('[]v1.EndpointPort', s.ports, corePortBody)}}`
  );
}

/** spew of discovery/v1 EndpointPort {Name *string; Protocol *v1.Protocol; Port *int32; AppProtocol *string}. */
function slicePortDump(p: SlicePort): string {
  const proto = p.protocol === undefined ? '(*v1.Protocol)<nil>' : `(*v1.Protocol)${p.protocol}`;
  const port = p.port === undefined ? '(*int32)<nil>' : `(*int32)${p.port}`;
  return `(v1.EndpointPort){Name:${ptrStr(p.name)} Protocol:${proto} Port:${port} AppProtocol:${ptrStr(p.appProtocol)}}`;
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const md5Hex = (s: string): string => hex(md5(utf8Bytes(s)));

const FNV128_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const FNV128_PRIME = 0x0000000001000000000000000000013bn;
const MASK128 = (1n << 128n) - 1n;

/** Port dumps repeat for every pod of a Service; BigInt hashing is slow enough to remember them. */
const fnvMemo = new Map<string, string>();

/** FNV-128a (hash/fnv New128a), hex-encoded as deepHashObjectToString does. */
export function fnv128aHex(s: string): string {
  const known = fnvMemo.get(s);
  if (known !== undefined) return known;
  let h = FNV128_OFFSET;
  for (const b of utf8Bytes(s)) h = ((h ^ BigInt(b)) * FNV128_PRIME) & MASK128;
  const hex = h.toString(16).padStart(32, '0');
  if (fnvMemo.size > 10_000) fnvMemo.clear();
  fnvMemo.set(s, hex);
  return hex;
}

function sortByKey<T>(items: T[], key: (x: T) => string): T[] {
  const keyed = items.map((x) => ({ x, k: key(x) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((e) => e.x);
}

/** SortSubsets' portsByHash: Endpoints ports ordered by the MD5 of their dump. */
export function sortEndpointPorts(ports: EndpointPort[]): EndpointPort[] {
  return sortByKey(ports, (p) => md5Hex(`(v1.EndpointPort)${corePortBody(p)}`));
}

/** SortSubsets' subsetsByHash: subsets ordered by the MD5 of their dump (addresses and ports already sorted). */
export function sortSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  return sortByKey(subsets, (s) => md5Hex(subsetDump(s)));
}

/** util.NewPortMapKey sorts the slice's ports in place by FNV-128a of their dump; that order is what the slice keeps. */
export function sortSlicePorts(ports: SlicePort[]): SlicePort[] {
  return sortByKey(ports, (p) => fnv128aHex(slicePortDump(p)));
}

/** The port-map key itself: the hash of the sorted ports (groups pods whose named ports resolve alike). */
export function portMapKey(sorted: SlicePort[]): string {
  return fnv128aHex(`([]v1.EndpointPort)[${sorted.map((p) => slicePortDump(p).replace(/^\(v1\.EndpointPort\)/, '')).join(' ')}]`);
}
