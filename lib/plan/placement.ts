/**
 * Placement of every VPC (pools and dedicated tenants): its CIDR (`allocate.ts`) and its account
 * (`accounts.ts`), remembered in a placement LOCK so that placement is stable.
 *
 * Why a lock: allocation in config order alone is stable when tenants are added at the end, but
 * removing one would shift everyone after it, and a moved VPC is a replaced VPC. The lock records
 * where each VPC was placed; `planPlacement(config, lock)` returns the plan and the next lock,
 * which the caller stores (e.g. next to the config, under version control) and passes back in.
 *
 * Rules:
 *  - Lock entries are kept as they are (never moved) while their tenant or pool still exists
 *    (same id and kind) and its pins agree.
 *  - A pin (`cidr`, `account`) that disagrees with the lock wins if the target is free (the CIDR
 *    overlaps no other VPC; the account has room); the change is reported in `moves`, because
 *    moving a VPC replaces it. A pin into space another VPC holds is an error naming both.
 *  - Changing an owner's `region` is also a move (the VPC is rebuilt in the new Region); its CIDR
 *    is kept, and its account too when that account covers the new Region and has room.
 *  - New tenants and pools fill free slots deterministically: pools first, then dedicated tenants,
 *    each in config order; each takes the lowest free CIDR and the first account with room.
 *  - Entries of removed tenants and pools are dropped: their CIDR and account slot become free.
 *  - Without a lock, everything is placed in config order.
 * Lock format: see `lock.ts`.
 */
import type { HipaaConfig } from '../config/schema';
import { HipaaValidationError, type Problem } from '../errors';
import { placeAccounts } from './accounts';
import { allocateCidrs } from './allocate';
import { vpcOwners, type VpcOwner } from './owners';
import type { LockEntry, Placement, PlacementLock, PlacementMove, PlacementResult } from './types';

/** Placement and the problems found; `placements` is complete only when `problems` is empty. */
export interface PlacementOutcome extends PlacementResult {
  readonly problems: readonly Problem[];
}

function moveReason(owner: VpcOwner, from: LockEntry, to: LockEntry): string {
  const reasons: string[] = [];
  if (from.region !== to.region) reasons.push(`${owner.path}.region is now ${to.region}`);
  if (from.cidr !== to.cidr && owner.cidrPin !== undefined) reasons.push(`${owner.path}.cidr pins ${to.cidr}`);
  if (from.account !== to.account) {
    reasons.push(owner.accountPin !== undefined ? `${owner.path}.account pins "${to.account}"` : `account "${from.account}" cannot take it in ${to.region} (not covered or full)`);
  }
  return reasons.join('; ');
}

/** Like `planPlacement`, but returns the problems instead of throwing. */
export function placementOutcome(config: HipaaConfig, lock?: PlacementLock): PlacementOutcome {
  const owners = vpcOwners(config);
  const allocation = allocateCidrs(config.network, owners, lock);
  const accountPlacement = placeAccounts(config, owners, lock);
  const problems = [...allocation.problems, ...accountPlacement.problems];

  const placements: Placement[] = [];
  const vpcs: Record<string, LockEntry> = {};
  const moves: PlacementMove[] = [];
  for (const owner of owners) {
    const cidr = allocation.cidrs.get(owner.id);
    const account = accountPlacement.accounts.get(owner.id);
    if (!cidr || !account) continue;
    placements.push({
      id: owner.id,
      kind: owner.kind,
      path: owner.path,
      region: owner.region,
      cidr: cidr.cidr,
      cidrSource: cidr.source,
      account: account.account,
      accountSource: account.source,
    });
    const to: LockEntry = { kind: owner.kind, cidr: cidr.cidr, account: account.account, region: owner.region };
    vpcs[owner.id] = to;
    const from = lock?.vpcs[owner.id];
    if (from === undefined || from.kind !== owner.kind) continue;
    const changed = (['cidr', 'account', 'region'] as const).filter((field) => from[field] !== to[field]);
    if (changed.length > 0) {
      moves.push({ id: owner.id, kind: owner.kind, from: { ...from }, to, changed, reason: moveReason(owner, from, to) });
    }
  }
  const sorted: Record<string, LockEntry> = {};
  for (const id of Object.keys(vpcs).sort()) sorted[id] = vpcs[id];
  return { placements, lock: { version: 1, vpcs: sorted }, moves, problems };
}

/**
 * Places every VPC (CIDR and account), keeping what the lock records; returns the placements,
 * the next lock and the moves. Throws one HipaaValidationError listing every problem.
 */
export function planPlacement(config: HipaaConfig, lock?: PlacementLock): PlacementResult {
  const { placements, lock: next, moves, problems } = placementOutcome(config, lock);
  if (problems.length > 0) throw new HipaaValidationError('Placement', problems);
  return { placements, lock: next, moves };
}
