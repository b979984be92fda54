/**
 * Cross-field checks of a parsed config, run before planning: everything that needs no placement
 * lock. One HipaaValidationError lists every problem. (Checks that need the lock, such as a pin
 * overlapping a VPC the lock keeps, or capacity, are reported by `planPlacement`.)
 */
import type { HipaaConfig } from '../config/schema';
import { HipaaValidationError, type Problem } from '../errors';
import { HIPAA_MIN_RETENTION_DAYS } from '../retention';
import { messages } from '../messages';
import { accountPinProblem, regionCoverageProblem } from './accounts';
import { networkProblems, pinProblem } from './allocate';
import { mustParseCidr } from '../cidr';
import {
  dedicatedWithPool,
  duplicateAccount,
  duplicateId,
  pooledOwnsNoVpc,
  pooledPlacementMismatch,
  pooledWithoutPool,
  retentionTooShort,
  tenantIdIsPoolId,
  unknownPool,
} from './messages';
import { namingProblems } from './naming';
import { optionProblems } from './options';
import { vpcOwners } from './owners';
import { peeringProblems } from './peering';
import { didYouMean } from '../text';

/** Problems where a later entry repeats an earlier one's key. */
function duplicates<T>(items: readonly T[], key: (item: T) => string, report: (index: number, value: string, firstIndex: number) => Problem): Problem[] {
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, i);
    else problems.push(report(i, k, seen));
  });
  return problems;
}

function referenceProblems(config: HipaaConfig): Problem[] {
  const problems: Problem[] = [];
  if (config.auditRetentionDays < HIPAA_MIN_RETENTION_DAYS && config.auditRetentionAcknowledgement === undefined) {
    problems.push(retentionTooShort(config.auditRetentionDays));
  }
  const alarms = config.alarms;
  if (alarms === undefined || ('email' in alarms && alarms.email.length + alarms.https.length === 0)) {
    problems.push(messages.alarmEndpointsMissing('alarms', alarms));
  }
  problems.push(
    ...duplicates(
      config.accounts,
      (a) => a.name,
      (i, v, f) => duplicateAccount('name', `accounts[${i}].name`, v, `accounts[${f}].name`),
    ),
    ...duplicates(
      config.accounts,
      (a) => a.id,
      (i, v, f) => duplicateAccount('id', `accounts[${i}].id`, v, `accounts[${f}].id`),
    ),
    ...duplicates(
      config.pools,
      (p) => p.id,
      (i, v, f) => duplicateId('pool', `pools[${i}].id`, v, `pools[${f}].id`),
    ),
    ...duplicates(
      config.tenants,
      (t) => t.id,
      (i, v, f) => duplicateId('tenant', `tenants[${i}].id`, v, `tenants[${f}].id`),
    ),
  );

  const poolIds = config.pools.map((p) => p.id);
  config.tenants.forEach((t, i) => {
    const path = `tenants[${i}]`;
    const poolIndex = poolIds.indexOf(t.id);
    if (poolIndex >= 0) problems.push(tenantIdIsPoolId(`${path}.id`, t.id, `pools[${poolIndex}]`));
    if (t.mode === 'dedicated') {
      if (t.pool !== undefined) problems.push(dedicatedWithPool(path, t.id, t.pool));
      return;
    }
    if (t.pool === undefined) {
      problems.push(pooledWithoutPool(path, t.id, poolIds));
      return;
    }
    const index = poolIds.indexOf(t.pool);
    if (index < 0) {
      problems.push(unknownPool(path, t.id, t.pool, didYouMean(t.pool, poolIds), poolIds));
      return;
    }
    const pool = config.pools[index];
    const poolPath = `pools[${index}]`;
    if (t.cidr !== undefined) problems.push(pooledOwnsNoVpc(path, 'cidr', t.cidr, t.id, pool.id, poolPath));
    if (t.egress) problems.push(pooledOwnsNoVpc(path, 'egress', t.egress, t.id, pool.id, poolPath));
    if (t.account !== undefined && t.account !== pool.account) {
      problems.push(pooledPlacementMismatch(path, 'account', t.account, t.id, pool.id, poolPath, pool.account));
    }
    const poolRegion = pool.region ?? config.homeRegion;
    if (t.region !== undefined && t.region !== poolRegion) {
      problems.push(pooledPlacementMismatch(path, 'region', t.region, t.id, pool.id, poolPath, poolRegion));
    }
  });
  return problems;
}

function placementInputProblems(config: HipaaConfig): Problem[] {
  const problems: Problem[] = [];
  const network = networkProblems(config.network);
  problems.push(...network);
  const owners = vpcOwners(config);
  if (network.length === 0) {
    const supernet = mustParseCidr(config.network.supernet);
    for (const owner of owners) {
      const issue = pinProblem(owner, supernet);
      if (issue) problems.push(issue);
    }
  }
  for (const owner of owners) {
    const issue = accountPinProblem(config, owner) ?? regionCoverageProblem(config, owner);
    if (issue) problems.push(issue);
  }
  return problems;
}

/** Every cross-field problem of a parsed config (empty when it is fine). */
export function configProblems(config: HipaaConfig): Problem[] {
  return [...referenceProblems(config), ...placementInputProblems(config), ...peeringProblems(config), ...namingProblems(config), ...optionProblems(config)];
}

/** Checks every cross-field rule of a parsed config; throws one HipaaValidationError listing all problems. */
export function validateConfig(config: HipaaConfig): void {
  const problems = configProblems(config);
  if (problems.length > 0) throw new HipaaValidationError('Configuration', problems);
}
