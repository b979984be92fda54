/**
 * The checks the network constructs run on the concrete, already-planned CIDRs they are given:
 * parse, contain, overlap. The arithmetic itself is lib/plan/cidr.ts; this adapts it to the
 * constructs' problem messages.
 */
import { Problem, isToken } from '../../errors';
import { messages } from '../../messages';
import { Ipv4Cidr, contains, formatCidr, overlaps, parseCidr } from '../../cidr';

/** A parsed IPv4 CIDR block. */
export type Ipv4Block = Ipv4Cidr;

/** The block a CIDR string names, or undefined when it is malformed or has host bits set. */
export function parseIpv4Cidr(text: unknown): Ipv4Block | undefined {
  if (typeof text !== 'string' || /(^|\.)0\d/.test(text)) return undefined;
  const result = parseCidr(text);
  return result.ok ? result.cidr : undefined;
}

/** True when `inner` lies entirely inside `outer`. */
export const blockContains = contains;

/** True when the two blocks share at least one address. */
export const blocksOverlap = overlaps;

/**
 * Problems with a CIDR that must be concrete, well-formed, aligned and within `/min..max`. Returns
 * at most one problem: the first that applies.
 */
export function cidrProblems(path: string, value: unknown, min: number, max: number): Problem[] {
  if (isToken(value)) return [messages.cidrToken(path, value)];
  const result = typeof value === 'string' && !/(^|\.)0\d/.test(value) ? parseCidr(value) : undefined;
  if (!result || (!result.ok && result.reason !== 'host-bits')) return [messages.cidrMalformed(path, value)];
  if (!result.ok) return [messages.cidrNotAligned(path, value, formatCidr(result.nearest as Ipv4Cidr))];
  if (result.cidr.prefix < min || result.cidr.prefix > max) return [messages.cidrPrefixOutOfRange(path, value, min, max)];
  return [];
}
