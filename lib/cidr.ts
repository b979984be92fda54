/**
 * IPv4 CIDR arithmetic on plain numbers: parse, format, contain, overlap, subdivide and find the
 * lowest free block. Addresses are unsigned 32-bit integers held in ordinary numbers (never in
 * bitwise operators, which would make them signed).
 */

/** An IPv4 block: its network address as an unsigned 32-bit integer, and its prefix length. */
export interface Ipv4Cidr {
  readonly address: number;
  readonly prefix: number;
}

/** Why a CIDR string was rejected. */
export type CidrParseFailure = 'malformed' | 'octet-range' | 'prefix-range' | 'host-bits';

/** The result of parsing: the block, or why it is not one (with the nearest valid block if any). */
export type CidrParseResult =
  | { readonly ok: true; readonly cidr: Ipv4Cidr }
  | {
      readonly ok: false;
      readonly reason: CidrParseFailure;
      /** The block the address belongs to, when only host bits are wrong. @default - absent for other failures */
      readonly nearest?: Ipv4Cidr;
    };

const ADDRESS_SPACE = 2 ** 32;
const CIDR_TEXT = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Number of addresses in a block. */
export function cidrSize(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** The last address of a block. */
export function cidrEnd(cidr: Ipv4Cidr): number {
  return cidr.address + cidrSize(cidr) - 1;
}

/** Parses `a.b.c.d/n`, rejecting octets above 255, prefixes above 32 and host bits. */
export function parseCidr(text: string): CidrParseResult {
  const match = CIDR_TEXT.exec(text);
  if (!match) return { ok: false, reason: 'malformed' };
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255)) return { ok: false, reason: 'octet-range' };
  if (prefix > 32) return { ok: false, reason: 'prefix-range' };
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  if (network !== address) return { ok: false, reason: 'host-bits', nearest: { address: network, prefix } };
  return { ok: true, cidr: { address, prefix } };
}

/** Parses a CIDR known to be valid (plan output, constants); throws a plain Error otherwise. */
export function mustParseCidr(text: string): Ipv4Cidr {
  const result = parseCidr(text);
  if (!result.ok) throw new Error(`not a valid IPv4 CIDR: ${text} (${result.reason})`);
  return result.cidr;
}

/** Renders an unsigned 32-bit address as dotted quad. */
export function formatAddress(address: number): string {
  const octets: number[] = [];
  let rest = address;
  for (let i = 0; i < 4; i++) {
    octets.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  }
  return octets.join('.');
}

/** Renders a block as `a.b.c.d/n`. */
export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatAddress(cidr.address)}/${cidr.prefix}`;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.address >= outer.address && cidrEnd(inner) <= cidrEnd(outer);
}

/** True when the two blocks share at least one address. */
export function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.address <= cidrEnd(b) && b.address <= cidrEnd(a);
}

/** The `index`-th block of length `prefix` inside `parent` (0-based); throws when out of range. */
export function subdivide(parent: Ipv4Cidr, prefix: number, index: number): Ipv4Cidr {
  if (prefix < parent.prefix || prefix > 32) {
    throw new Error(`cannot carve a /${prefix} out of ${formatCidr(parent)}`);
  }
  const count = 2 ** (prefix - parent.prefix);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`${formatCidr(parent)} holds ${count} blocks of /${prefix}; index ${index} is out of range`);
  }
  return { address: parent.address + index * 2 ** (32 - prefix), prefix };
}

/**
 * The lowest block of length `prefix` inside `within` that overlaps none of `taken`, or undefined
 * when there is none. Candidates are aligned to their own size, so the result is always a valid CIDR.
 */
export function nextFree(within: Ipv4Cidr, prefix: number, taken: readonly Ipv4Cidr[]): Ipv4Cidr | undefined {
  if (prefix < within.prefix || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const blockers = taken.filter((t) => overlaps(t, within)).sort((a, b) => a.address - b.address);
  let candidate = within.address;
  const last = cidrEnd(within);
  for (const blocker of blockers) {
    if (candidate + size - 1 > last) return undefined;
    if (cidrEnd(blocker) < candidate) continue;
    if (blocker.address > candidate + size - 1) break;
    const after = cidrEnd(blocker) + 1;
    candidate = Math.ceil(after / size) * size;
  }
  if (candidate >= ADDRESS_SPACE || candidate + size - 1 > last) return undefined;
  return { address: candidate, prefix };
}
