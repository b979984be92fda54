/**
 * CIDR coverage for IPv4 and IPv6: does a set of source ranges admit the whole internet? Decided by
 * the union of the ranges, never by comparing strings with `0.0.0.0/0`, so `0.0.0.0/1` plus
 * `128.0.0.0/1` (or four `/2`s, or `::/1` plus `8000::/1`) counts as open.
 */

/** An inclusive address range of one family. */
export interface AddressRange {
  readonly family: 4 | 6;
  readonly start: bigint;
  readonly end: bigint;
}

const BITS = { 4: 32n, 6: 128n } as const;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(p));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let body = text.toLowerCase();
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4) {
    const n = parseIpv4(v4[1]);
    if (n === undefined) return undefined;
    tail.push(Number((n >> 16n) & 0xffffn), Number(n & 0xffffn));
    body = body.slice(0, body.length - v4[1].length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const words = [...head.map((g) => parseInt(g, 16)), ...Array<number>(8 - known).fill(0), ...rest.map((g) => parseInt(g, 16)), ...tail];
  return words.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

/**
 * Parses `a.b.c.d/n` or an IPv6 CIDR into the range it admits. Host bits are masked off, as EC2
 * does. Returns undefined for text that is not a CIDR (the caller fails closed).
 */
export function parseCidrRange(text: string): AddressRange | undefined {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const family = m[1].includes(':') ? 6 : 4;
  const address = family === 4 ? parseIpv4(m[1]) : parseIpv6(m[1]);
  const prefix = BigInt(Number(m[2]));
  const bits = BITS[family];
  if (address === undefined || prefix > bits) return undefined;
  const hostBits = bits - prefix;
  const start = (address >> hostBits) << hostBits;
  return { family, start, end: start + (1n << hostBits) - 1n };
}

const range = (cidr: string): AddressRange => {
  const r = parseCidrRange(cidr);
  if (!r) throw new Error(`bad constant CIDR ${cidr}`);
  return r;
};

/**
 * IPv4 addresses that are not on the internet: "this network", RFC 1918 private space, carrier-grade
 * NAT, loopback, link-local, multicast and reserved (IANA IPv4 Special-Purpose Address Registry).
 */
const IPV4_NOT_INTERNET = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'].map(range);
/** The IPv6 internet: global unicast (IANA IPv6 Address Space registry). */
const IPV6_INTERNET = [range('2000::/3')];

function complement(family: 4 | 6, holes: readonly AddressRange[]): AddressRange[] {
  const sorted = [...holes].sort((a, b) => (a.start < b.start ? -1 : 1));
  const out: AddressRange[] = [];
  let next = 0n;
  for (const h of sorted) {
    if (h.start > next) out.push({ family, start: next, end: h.start - 1n });
    if (h.end + 1n > next) next = h.end + 1n;
  }
  const max = (1n << BITS[family]) - 1n;
  if (next <= max) out.push({ family, start: next, end: max });
  return out;
}

const IPV4_INTERNET = complement(4, IPV4_NOT_INTERNET);

/** Merges ranges of one family into sorted, disjoint ranges. */
function merge(ranges: readonly AddressRange[]): AddressRange[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: AddressRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1n) {
      if (r.end > last.end) out[out.length - 1] = { ...last, end: r.end };
    } else {
      out.push(r);
    }
  }
  return out;
}

function covers(union: readonly AddressRange[], target: AddressRange): boolean {
  return union.some((u) => u.start <= target.start && target.end <= u.end);
}

/**
 * Whether the union of `ranges` admits the whole internet of one family: every public IPv4
 * address, or every IPv6 global unicast address. `0.0.0.0/0`, `::/0`, and any split of them, count.
 */
export function coversInternet(ranges: readonly AddressRange[]): boolean {
  const v4 = merge(ranges.filter((r) => r.family === 4));
  const v6 = merge(ranges.filter((r) => r.family === 6));
  return IPV4_INTERNET.every((t) => covers(v4, t)) || IPV6_INTERNET.every((t) => covers(v6, t));
}

/** Addresses in the largest block IANA allocates to a regional registry: an IPv4 /8, an IPv6 /12. */
const LARGEST_ALLOCATION = { 4: 1n << 24n, 6: 1n << 116n } as const;

/**
 * Whether `ranges` admit the internet for a security decision: they cover all of it (any split of
 * 0.0.0.0/0), or one of them is a public range wider than any block a registry allocates (an IPv4
 * /8, an IPv6 /12), such as 0.0.0.0/1 alone. No organisation's "known range" is that wide, so
 * such a source is the internet in all but name.
 */
export function admitsInternet(ranges: readonly AddressRange[]): boolean {
  if (coversInternet(ranges)) return true;
  return ranges.some((r) => touchesInternet(r) && r.end - r.start + 1n > LARGEST_ALLOCATION[r.family]);
}

/** Whether a range holds at least one internet address (so it can help cover the internet). */
export function touchesInternet(r: AddressRange): boolean {
  const targets = r.family === 4 ? IPV4_INTERNET : IPV6_INTERNET;
  return targets.some((t) => r.start <= t.end && t.start <= r.end);
}
