/**
 * Account placement: which workloads account holds each VPC, under the VPCs-per-Region quota.
 *
 * Capacity of an account in a Region = (`vpcQuota` ?? `network.vpcQuotaPerRegion`) - `existingVpcs`
 * (default 1: the default VPC counts). An account covers its home Region plus its `regions`.
 *
 * Precedence, in this order (owners in their planning order: pools, then dedicated tenants):
 *   1. Pins (`account`) are honoured; an unknown account, a non-workloads account or one that does
 *      not cover the owner's Region is an error. Pins and lock entries that overfill one account
 *      are an error naming the account.
 *   2. Owners without a pin stay in the account the lock records (never moved). If the owner's
 *      Region changed (which replaces the VPC anyway), it stays in that account when the account
 *      still covers the new Region and has room, and is placed afresh otherwise.
 *   3. Every other owner goes to the first workloads account, in config order, that covers its
 *      Region and has room. Those that fit nowhere are one error per Region, with how many do not
 *      fit and how many accounts (or how much quota) would make them fit. A Region no workloads
 *      account covers is reported per owner instead (the same problem `validateConfig` reports).
 */
import type { AccountConfig, HipaaConfig } from '../config/schema';
import type { Problem } from '../errors';
import { accountNotWorkloads, accountOverQuota, accountRegionNotCovered, lockAccountGone, regionNotCovered, regionOutOfCapacity, unknownAccount } from './messages';
import { ownerLabel, type VpcOwner } from './owners';
import { didYouMean } from '../text';
import type { PlacementLock, PlacementSource } from './types';

/** The account given to one owner and where it came from. */
export interface AccountAssignment {
  /** Account name. */
  readonly account: string;
  readonly source: PlacementSource;
}

/** Accounts by owner id, and every problem found. */
export interface AccountPlacementOutcome {
  readonly accounts: ReadonlyMap<string, AccountAssignment>;
  readonly problems: readonly Problem[];
}

/** VPCs per Region this account may still receive: quota minus existing VPCs, never below 0. */
export function accountCapacity(account: AccountConfig, network: HipaaConfig['network']): number {
  return Math.max(0, (account.vpcQuota ?? network.vpcQuotaPerRegion) - account.existingVpcs);
}

/** True when the account's baseline covers the Region (its home Region or one of its `regions`). */
export function coversRegion(account: AccountConfig, region: string, homeRegion: string): boolean {
  return region === homeRegion || (account.regions as readonly string[]).includes(region);
}

function workloadsAccounts(config: HipaaConfig): { readonly account: AccountConfig; readonly path: string }[] {
  return config.accounts.map((account, i) => ({ account, path: `accounts[${i}]` })).filter((a) => a.account.purpose === 'workloads');
}

function findAccount(config: HipaaConfig, name: string): { readonly account: AccountConfig; readonly path: string } | undefined {
  const index = config.accounts.findIndex((a) => a.name === name);
  return index < 0 ? undefined : { account: config.accounts[index], path: `accounts[${index}]` };
}

/** Problems with an owner's `account` pin: unknown, not a workloads account, or not covering its Region. */
export function accountPinProblem(config: HipaaConfig, owner: VpcOwner): Problem | undefined {
  const pin = owner.accountPin;
  if (pin === undefined) return undefined;
  const path = `${owner.path}.account`;
  const label = ownerLabel(owner);
  const found = findAccount(config, pin);
  const workloads = workloadsAccounts(config).map((a) => a.account.name);
  if (!found)
    return unknownAccount(
      path,
      label,
      pin,
      didYouMean(
        pin,
        config.accounts.map((a) => a.name),
      ),
      workloads,
    );
  if (found.account.purpose !== 'workloads') {
    return accountNotWorkloads(path, label, pin, found.account.purpose, found.path);
  }
  if (!coversRegion(found.account, owner.region, config.homeRegion)) {
    return accountRegionNotCovered(path, label, pin, owner.region, found.path);
  }
  return undefined;
}

/** For an owner without an account pin: a problem when no workloads account covers its Region. */
export function regionCoverageProblem(config: HipaaConfig, owner: VpcOwner): Problem | undefined {
  if (owner.accountPin !== undefined) return undefined;
  const workloads = workloadsAccounts(config);
  if (workloads.some((w) => coversRegion(w.account, owner.region, config.homeRegion))) return undefined;
  return regionNotCovered(
    `${owner.path}.region`,
    ownerLabel(owner),
    owner.region,
    workloads.map((w) => ({ name: w.account.name, path: w.path })),
  );
}

/** Places every owner in an account (see the file comment for the rules). */
export function placeAccounts(config: HipaaConfig, owners: readonly VpcOwner[], lock?: PlacementLock): AccountPlacementOutcome {
  const home = config.homeRegion;
  const problems: Problem[] = [];
  const assigned = new Map<string, AccountAssignment>();
  const used = new Map<string, VpcOwner[]>();
  const slot = (account: string, region: string) => `${account}\u0000${region}`;
  const usedIn = (account: string, region: string) => used.get(slot(account, region)) ?? [];
  const take = (owner: VpcOwner, account: string, source: PlacementSource) => {
    used.set(slot(account, owner.region), [...usedIn(account, owner.region), owner]);
    assigned.set(owner.id, { account, source });
  };
  const room = (account: AccountConfig, region: string) => accountCapacity(account, config.network) - usedIn(account.name, region).length;
  const settled = new Set<string>();

  for (const owner of owners) {
    if (owner.accountPin === undefined) continue;
    settled.add(owner.id);
    const issue = accountPinProblem(config, owner);
    if (issue) problems.push(issue);
    else take(owner, owner.accountPin, 'pin');
  }

  const regionChanged: VpcOwner[] = [];
  for (const owner of owners) {
    const entry = lock?.vpcs[owner.id];
    if (settled.has(owner.id) || entry === undefined || entry.kind !== owner.kind) continue;
    if (entry.region !== owner.region) {
      regionChanged.push(owner);
      continue;
    }
    settled.add(owner.id);
    const found = findAccount(config, entry.account);
    const label = ownerLabel(owner);
    if (!found) {
      problems.push(lockAccountGone(owner.id, label, owner.path, entry.account, 'is no longer in accounts'));
    } else if (found.account.purpose !== 'workloads') {
      problems.push(lockAccountGone(owner.id, label, owner.path, entry.account, `now has purpose "${found.account.purpose}" (${found.path}.purpose)`));
    } else if (!coversRegion(found.account, owner.region, home)) {
      problems.push(lockAccountGone(owner.id, label, owner.path, entry.account, `no longer covers ${owner.region} (${found.path}.regions)`));
    } else {
      take(owner, entry.account, 'lock');
    }
  }

  config.accounts.forEach((account, i) => {
    const regions = new Set([home, ...account.regions]);
    for (const region of regions) {
      const holders = usedIn(account.name, region);
      if (holders.length > accountCapacity(account, config.network)) {
        problems.push(
          accountOverQuota(`accounts[${i}]`, account.name, region, holders.map(ownerLabel), account.vpcQuota ?? config.network.vpcQuotaPerRegion, account.existingVpcs),
        );
      }
    }
  });

  for (const owner of regionChanged) {
    const entry = lock?.vpcs[owner.id];
    const found = entry && findAccount(config, entry.account);
    if (found && found.account.purpose === 'workloads' && coversRegion(found.account, owner.region, home) && room(found.account, owner.region) > 0) {
      settled.add(owner.id);
      take(owner, found.account.name, 'lock');
    }
  }

  const workloads = workloadsAccounts(config).map((w) => w.account);
  const unplaced = new Map<string, VpcOwner[]>();
  for (const owner of owners) {
    if (settled.has(owner.id)) continue;
    const target = workloads.find((a) => coversRegion(a, owner.region, home) && room(a, owner.region) > 0);
    if (target) {
      take(owner, target.name, 'allocated');
      continue;
    }
    const uncovered = regionCoverageProblem(config, owner);
    if (uncovered) problems.push(uncovered);
    else unplaced.set(owner.region, [...(unplaced.get(owner.region) ?? []), owner]);
  }

  const perNewAccount = Math.max(0, config.network.vpcQuotaPerRegion - 1);
  for (const [region, stranded] of unplaced) {
    const covering = workloads
      .filter((a) => coversRegion(a, region, home))
      .map((a) => ({ name: a.name, used: usedIn(a.name, region).length, capacity: accountCapacity(a, config.network) }));
    problems.push(regionOutOfCapacity(region, stranded.map(ownerLabel), covering, perNewAccount, config.network.vpcQuotaPerRegion));
  }

  return { accounts: assigned, problems };
}
