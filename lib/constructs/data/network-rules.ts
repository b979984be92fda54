/**
 * Checks for the sources and destinations of security group rules: concrete CIDR blocks are
 * parsed, the whole internet is refused, and security group ids are either references or `sg-`
 * ids. Plain functions, tested without synthesis.
 */
import { isToken } from '../../errors';

/** Parses `a.b.c.d/n` or an IPv6 block; returns its family and prefix length, or undefined. */
export function parseCidr(value: string): { readonly family: 4 | 6; readonly prefix: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(value.trim());
  if (!m) return undefined;
  const prefix = Number(m[2]);
  const address = m[1];
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    if (v4.slice(1).some((o) => Number(o) > 255) || prefix > 32) return undefined;
    return { family: 4, prefix };
  }
  if (isIpv6(address) && prefix <= 128) return { family: 6, prefix };
  return undefined;
}

function isIpv6(address: string): boolean {
  if (!/^[0-9a-fA-F:]+$/.test(address) || address.split('::').length > 2) return false;
  const groups = address.split(':').filter((g, i, all) => g !== '' || (i > 0 && i < all.length - 1));
  if (groups.some((g) => g.length > 4)) return false;
  return address.includes('::') ? groups.length < 8 : groups.length === 8;
}

/** True for any block with prefix length 0 (`0.0.0.0/0`, `::/0`, `10.0.0.0/0`): the whole internet. */
export function isWholeInternet(value: string): boolean {
  const parsed = parseCidr(value);
  return parsed !== undefined && parsed.prefix === 0;
}

/** A security group id given as a literal (`sg-0123...`) or as a Terraform reference. */
export function isSecurityGroupId(value: unknown): boolean {
  return typeof value === 'string' && (isToken(value) || /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/.test(value));
}

/** Keys of rule maps become construct ids: stable names, never positions. */
export const RULE_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;

/** `app-tier` -> `AppTier`: a rule key as a PascalCase construct id fragment. */
export function pascalKey(key: string): string {
  return key
    .split('-')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
