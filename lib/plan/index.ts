/**
 * The planning layer: pure functions from a parsed config (and the placement lock) to the data
 * stacks are built from. `plan(config, lock)` validates, places (CIDR and account), carves
 * subnets and plans peerings. No cdktf here.
 *
 * Errors: one HipaaValidationError listing every problem, from the config on its own
 * (`configProblems`, as `validateConfig` reports them) and from placement against the lock (pins
 * into space the lock keeps, supernet or quota exhausted). A problem both find is listed once.
 */
import type { AccountConfig, HipaaConfig } from '../config/schema';
import { formatProblem, HipaaValidationError } from '../errors';
import { planPeerings } from './peering';
import { placementOutcome } from './placement';
import { poolStackName, tenantResourceNames, tenantStackName } from './naming';
import { carveSubnets } from './subnets';
import type { AccountRef, HipaaPlan, PlacementLock, PlacementResult, TenantPlan, VpcPlan } from './types';
import { configProblems } from './validate';

export * from './types';
export * from '../cidr';
export { allocateCidrs, networkProblems, pinProblem, type AllocationOutcome, type CidrAssignment, type NetworkConfig } from './allocate';
export { accountCapacity, accountPinProblem, coversRegion, placeAccounts, regionCoverageProblem, type AccountAssignment, type AccountPlacementOutcome } from './accounts';
export { EMPTY_LOCK, LOCK_VERSION, normaliseLock, parseLock, serializeLock } from './lock';
export * from './naming';
export { vpcOwners, ownerLabel, type VpcOwner } from './owners';
export { MAX_PEERINGS_PER_VPC, declaredConnections, peeringKind, peeringProblems, planPeerings, type DeclaredConnection } from './peering';
export { placementOutcome, planPlacement, type PlacementOutcome } from './placement';
export * from './subnets';
export { closestMatch, didYouMean, editDistance } from '../text';
export { configProblems, validateConfig } from './validate';

function accountRef(account: AccountConfig): AccountRef {
  return { name: account.name, id: account.id, roleName: account.roleName };
}

/**
 * Validates the config, places every VPC (keeping what `lock` records), carves subnets and plans
 * peerings. Returns the plan and the next lock for the caller to store. Throws a
 * HipaaValidationError listing every problem.
 */
export function plan(config: HipaaConfig, lock?: PlacementLock): HipaaPlan {
  const outcome = placementOutcome(config, lock);
  const seen = new Set<string>();
  const problems = [...configProblems(config), ...outcome.problems].filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (problems.length > 0) throw new HipaaValidationError('Configuration', problems);
  const placement: PlacementResult = outcome;
  const accounts = new Map(config.accounts.map((a) => [a.name, a]));
  const account = (name: string): AccountConfig => {
    const found = accounts.get(name);
    if (!found) throw new Error(`plan: placement chose unknown account "${name}"`);
    return found;
  };

  const vpcs: VpcPlan[] = placement.placements.map((p) => {
    const source = p.kind === 'pool' ? config.pools.find((x) => x.id === p.id) : config.tenants.find((x) => x.id === p.id);
    const egress = source?.egress ?? false;
    return {
      id: p.id,
      kind: p.kind,
      path: p.path,
      stackName: p.kind === 'pool' ? poolStackName(p.id) : tenantStackName(p.id),
      account: accountRef(account(p.account)),
      region: p.region,
      cidr: p.cidr,
      cidrSource: p.cidrSource,
      accountSource: p.accountSource,
      egress,
      azCount: config.network.azCount,
      subnets: carveSubnets({ vpcCidr: p.cidr, region: p.region, azCount: config.network.azCount, egress }),
      tenants: p.kind === 'pool' ? config.tenants.filter((t) => t.mode === 'pooled' && t.pool === p.id).map((t) => t.id) : [p.id],
    };
  });

  const vpcById = new Map(vpcs.map((v) => [v.id, v]));
  const tenants: TenantPlan[] = config.tenants.map((t, i) => {
    const pooled = t.mode === 'pooled';
    const vpcId = pooled && t.pool !== undefined ? t.pool : t.id;
    const vpc = vpcById.get(vpcId);
    if (!vpc) throw new Error(`plan: no VPC planned for tenant "${t.id}"`);
    return {
      id: t.id,
      path: `tenants[${i}]`,
      mode: t.mode,
      vpcId,
      ...(pooled ? { pool: vpcId } : {}),
      stackName: vpc.stackName,
      account: vpc.account,
      region: vpc.region,
      vpcCidr: vpc.cidr,
      names: tenantResourceNames(config.organization, t.id, vpc.account.id, vpc.region),
    };
  });

  const peerings = planPeerings(config, vpcs);
  return { vpcs, tenants, peerings, lock: placement.lock, moves: placement.moves };
}
