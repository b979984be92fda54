/**
 * CIDR allocation: one non-overlapping IPv4 block per VPC owner (pool or dedicated tenant) inside
 * `network.supernet`.
 *
 * Precedence, in this order (owners in their planning order: pools, then dedicated tenants):
 *   1. Pins (`cidr`) are claimed first. A pin that overlaps an earlier pin is an error naming both.
 *   2. Owners without a pin keep the CIDR the placement lock records for them (never moved). A pin
 *      that overlaps such a kept CIDR is an error naming both: a pin may move a VPC only into free
 *      space (the lock entries of pinned owners do not count: their pins replace them).
 *   3. Every other owner gets the lowest free block of `network.vpcPrefixLength`, in order.
 * Without a lock, step 2 is empty and allocation follows config order.
 */
import type { HipaaConfig } from '../config/schema';
import type { Problem } from '../errors';
import { contains, formatCidr, mustParseCidr, nextFree, overlaps, parseCidr, type Ipv4Cidr } from '../cidr';
import {
  cidrOutsideSupernet,
  cidrUnparsable,
  cidrOverlap,
  cidrWrongSize,
  lockCidrOutsideSupernet,
  lockInvalid,
  lockOverlap,
  supernetFull,
  supernetUnparsable,
  vpcPrefixOutsideSupernet,
  vpcPrefixTooSmall,
} from './messages';
import { ownerLabel, type VpcOwner } from './owners';
import { MAX_VPC_PREFIX, MIN_VPC_PREFIX } from './subnets';
import type { PlacementLock, PlacementSource } from './types';

export type NetworkConfig = HipaaConfig['network'];

/** The CIDR given to one owner and where it came from. */
export interface CidrAssignment {
  readonly cidr: string;
  readonly source: PlacementSource;
}

/** CIDRs by owner id, and every problem found. */
export interface AllocationOutcome {
  readonly cidrs: ReadonlyMap<string, CidrAssignment>;
  readonly problems: readonly Problem[];
}

/** Problems with `network.supernet` and `network.vpcPrefixLength`. */
export function networkProblems(network: NetworkConfig): Problem[] {
  const parsed = parseCidr(network.supernet);
  if (!parsed.ok) {
    return [supernetUnparsable(network.supernet, parsed.reason, parsed.nearest && formatCidr(parsed.nearest))];
  }
  const problems: Problem[] = [];
  if (network.vpcPrefixLength < parsed.cidr.prefix) {
    problems.push(vpcPrefixOutsideSupernet(network.vpcPrefixLength, network.supernet));
  }
  if (network.vpcPrefixLength > MAX_VPC_PREFIX) {
    problems.push(vpcPrefixTooSmall(network.vpcPrefixLength, MAX_VPC_PREFIX));
  }
  return problems;
}

/** Checks one pin on its own (syntax, size, inside the supernet); overlaps are checked later. */
export function pinProblem(owner: VpcOwner, supernet: Ipv4Cidr): Problem | undefined {
  const pin = owner.cidrPin;
  if (pin === undefined) return undefined;
  const path = `${owner.path}.cidr`;
  const label = ownerLabel(owner);
  const parsed = parseCidr(pin);
  if (!parsed.ok) {
    return cidrUnparsable(path, label, pin, parsed.reason, parsed.nearest && formatCidr(parsed.nearest));
  }
  const minPrefix = Math.max(MIN_VPC_PREFIX, supernet.prefix);
  if (parsed.cidr.prefix < minPrefix || parsed.cidr.prefix > MAX_VPC_PREFIX) {
    return cidrWrongSize(path, label, pin, minPrefix, MAX_VPC_PREFIX);
  }
  if (!contains(supernet, parsed.cidr)) return cidrOutsideSupernet(path, label, pin, formatCidr(supernet));
  return undefined;
}

interface Claim {
  readonly owner: VpcOwner;
  readonly cidr: Ipv4Cidr;
  readonly source: PlacementSource;
}

interface Collision {
  readonly owner: VpcOwner;
  readonly cidr: Ipv4Cidr;
  readonly other: Claim;
}

function describeClaim(claim: Claim): string {
  if (claim.source === 'pin') return `pinned at ${claim.owner.path}.cidr`;
  if (claim.source === 'lock') return 'kept by the placement lock';
  return 'allocated';
}

/** A supernet one bit wider, for the "widen" suggestion. */
function widened(supernet: Ipv4Cidr): string | undefined {
  if (supernet.prefix === 0) return undefined;
  const prefix = supernet.prefix - 1;
  const size = 2 ** (32 - prefix);
  return formatCidr({ address: supernet.address - (supernet.address % size), prefix });
}

/** Allocates a CIDR to every owner (see the file comment for the rules). */
export function allocateCidrs(network: NetworkConfig, owners: readonly VpcOwner[], lock?: PlacementLock): AllocationOutcome {
  const networkIssues = networkProblems(network);
  if (networkIssues.length > 0) return { cidrs: new Map(), problems: networkIssues };
  const supernet = mustParseCidr(network.supernet);
  const prefix = network.vpcPrefixLength;
  const problems: Problem[] = [];
  const claims: Claim[] = [];
  const collisions: Collision[] = [];
  const settled = new Set<string>();

  for (const owner of owners) {
    if (owner.cidrPin === undefined) continue;
    settled.add(owner.id);
    const issue = pinProblem(owner, supernet);
    if (issue) {
      problems.push(issue);
      continue;
    }
    const cidr = mustParseCidr(owner.cidrPin);
    const other = claims.find((c) => overlaps(c.cidr, cidr));
    if (other) collisions.push({ owner, cidr, other });
    else claims.push({ owner, cidr, source: 'pin' });
  }

  for (const owner of owners) {
    const entry = lock?.vpcs[owner.id];
    if (settled.has(owner.id) || entry === undefined || entry.kind !== owner.kind) continue;
    settled.add(owner.id);
    const parsed = parseCidr(entry.cidr);
    if (!parsed.ok) {
      problems.push(lockInvalid(`lock.vpcs.${owner.id}.cidr`, entry.cidr, 'cidr'));
      continue;
    }
    const label = ownerLabel(owner);
    if (!contains(supernet, parsed.cidr)) {
      problems.push(lockCidrOutsideSupernet(owner.id, label, owner.path, entry.cidr, formatCidr(supernet)));
      continue;
    }
    const kept: Claim = { owner, cidr: parsed.cidr, source: 'lock' };
    const other = claims.find((c) => overlaps(c.cidr, parsed.cidr));
    if (other?.source === 'lock') {
      problems.push(lockOverlap(owner.id, label, entry.cidr, ownerLabel(other.owner), formatCidr(other.cidr)));
      continue;
    }
    if (other) {
      claims.splice(claims.indexOf(other), 1);
      collisions.push({ owner: other.owner, cidr: other.cidr, other: kept });
    }
    claims.push(kept);
  }

  const unplaced: VpcOwner[] = [];
  for (const owner of owners) {
    if (settled.has(owner.id)) continue;
    const free = nextFree(
      supernet,
      prefix,
      claims.map((c) => c.cidr),
    );
    if (free) claims.push({ owner, cidr: free, source: 'allocated' });
    else unplaced.push(owner);
  }
  if (unplaced.length > 0) {
    problems.push(supernetFull(formatCidr(supernet), prefix, unplaced.map(ownerLabel), widened(supernet)));
  }

  const order = new Map(owners.map((o, i) => [o.id, i]));
  const suggested: Ipv4Cidr[] = [];
  for (const c of [...collisions].sort((a, b) => (order.get(a.owner.id) ?? 0) - (order.get(b.owner.id) ?? 0))) {
    const suggestion = nextFree(supernet, prefix, [...claims.map((k) => k.cidr), ...suggested]);
    if (suggestion) suggested.push(suggestion);
    problems.push(
      cidrOverlap(
        `${c.owner.path}.cidr`,
        ownerLabel(c.owner),
        c.owner.cidrPin ?? formatCidr(c.cidr),
        ownerLabel(c.other.owner),
        formatCidr(c.other.cidr),
        describeClaim(c.other),
        suggestion && formatCidr(suggestion),
        prefix,
      ),
    );
  }

  const cidrs = new Map<string, CidrAssignment>();
  for (const claim of claims) cidrs.set(claim.owner.id, { cidr: formatCidr(claim.cidr), source: claim.source });
  return { cidrs, problems };
}
