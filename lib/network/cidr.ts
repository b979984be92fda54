/**
 * The little IPv4 arithmetic the network constructs need to check the values they are given:
 * parse, contain, overlap. Planning (allocating blocks) is not done here; constructs only verify
 * concrete, already-planned CIDRs before anything is synthesized.
 */
import { Problem, isToken } from '../errors';
import { messages } from '../messages';

/** A parsed IPv4 CIDR block; `first` and `last` are unsigned 32-bit addresses. */
export interface Ipv4Block {
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function parts(text: string): { address: number; prefix: number } | undefined {
  const m = CIDR.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  const leadingZero = m.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'));
  if (leadingZero || octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return { address, prefix };
}

function render(address: number, prefix: number): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}/${prefix}`;
}

/** The block a CIDR string names, or undefined when it is malformed or has host bits set. */
export function parseIpv4Cidr(text: unknown): Ipv4Block | undefined {
  if (typeof text !== 'string') return undefined;
  const p = parts(text);
  if (!p) return undefined;
  const mask = maskOf(p.prefix);
  if ((p.address & mask) >>> 0 !== p.address) return undefined;
  return { first: p.address, last: (p.address | (~mask >>> 0)) >>> 0, prefix: p.prefix };
}

/** True when `inner` lies entirely inside `outer`. */
export function blockContains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

/** True when the two blocks share at least one address. */
export function blocksOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/**
 * Problems with a CIDR that must be concrete, well-formed, aligned and within `/min..max`. Returns
 * at most one problem: the first that applies.
 */
export function cidrProblems(path: string, value: unknown, min: number, max: number): Problem[] {
  if (isToken(value)) return [messages.cidrToken(path, value)];
  const p = typeof value === 'string' ? parts(value) : undefined;
  if (!p) return [messages.cidrMalformed(path, value)];
  const network = (p.address & maskOf(p.prefix)) >>> 0;
  if (network !== p.address) return [messages.cidrNotAligned(path, value, render(network, p.prefix))];
  if (p.prefix < min || p.prefix > max) return [messages.cidrPrefixOutOfRange(path, value, min, max)];
  return [];
}
