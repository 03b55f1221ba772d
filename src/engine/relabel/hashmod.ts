// hashmod (model/relabel/relabel.go, relabel(): case HashMod): MD5 of the joined value,
// bytes 8..15 read as a big-endian uint64, modulo `modulus`, printed in decimal. 2.42's
// sum64 loop ORed all 16 bytes into a uint64, whose top 8 bytes shift out: the same value.
import { md5, utf8Bytes } from './md5.ts';

export function hashmodMd5(value: string, modulus: number | bigint): string {
  const h = md5(utf8Bytes(value));
  let x = 0n;
  for (let i = 8; i < 16; i++) x = (x << 8n) | BigInt(h[i] as number);
  const m = typeof modulus === 'bigint' ? modulus : BigInt(modulus);
  // Config validation rejects 0; guard anyway so a hand-built rule cannot throw.
  if (m === 0n) return '0';
  return (x % m).toString();
}
