/**
 * The placement lock on disk: parsing (a hand-edited or corrupt lock is reported like any other
 * input, field by field) and a stable serialisation (sorted keys, so diffs show only real moves).
 *
 * Format, version 1:
 *   { "version": 1,
 *     "vpcs": { "<tenant or pool id>": { "kind": "tenant" | "pool", "cidr": "10.0.0.0/20",
 *                                        "account": "<account name>", "region": "us-east-1" } } }
 */
import { HipaaValidationError, type Problem } from '../errors';
import { parseCidr } from './cidr';
import { lockInvalid } from './messages';
import type { LockEntry, PlacementLock } from './types';

export const LOCK_VERSION = 1;

/** A lock that records nothing: the first run. */
export const EMPTY_LOCK: PlacementLock = { version: 1, vpcs: {} };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const FIX_RESTORE = 'restore the lock file from version control, or delete the entry to let plan place the VPC again';

function entryProblems(id: string, raw: unknown): Problem[] {
  const path = `lock.vpcs.${id}`;
  if (!isRecord(raw)) return [lockInvalid(path, raw, 'is not an object with kind, cidr, account and region', FIX_RESTORE)];
  const problems: Problem[] = [];
  if (raw.kind !== 'tenant' && raw.kind !== 'pool') {
    problems.push(lockInvalid(`${path}.kind`, raw.kind, 'must be "tenant" or "pool"', FIX_RESTORE));
  }
  if (typeof raw.cidr !== 'string' || !parseCidr(raw.cidr).ok) {
    problems.push(lockInvalid(`${path}.cidr`, raw.cidr, 'is not an IPv4 CIDR such as 10.0.0.0/20', FIX_RESTORE));
  }
  for (const field of ['account', 'region'] as const) {
    if (typeof raw[field] !== 'string' || raw[field] === '') {
      problems.push(lockInvalid(`${path}.${field}`, raw[field], `must be a non-empty string`, FIX_RESTORE));
    }
  }
  const extra = Object.keys(raw).filter((k) => !['kind', 'cidr', 'account', 'region'].includes(k));
  if (extra.length > 0) {
    problems.push(lockInvalid(path, extra, `has unknown fields ${extra.join(', ')}`, FIX_RESTORE));
  }
  return problems;
}

/** Checks a parsed JSON value and returns it as a lock; throws one error listing every problem. */
export function parseLock(value: unknown): PlacementLock {
  const problems: Problem[] = [];
  if (!isRecord(value)) {
    problems.push(lockInvalid('lock', value, 'is not an object', FIX_RESTORE));
  } else {
    if (value.version !== LOCK_VERSION) {
      problems.push(
        lockInvalid('lock.version', value.version, `must be ${LOCK_VERSION}`, 'restore the lock file; this version of the planner reads version 1'),
      );
    }
    if (!isRecord(value.vpcs)) {
      problems.push(lockInvalid('lock.vpcs', value.vpcs, 'is not an object keyed by tenant or pool id', FIX_RESTORE));
    } else {
      for (const [id, entry] of Object.entries(value.vpcs)) problems.push(...entryProblems(id, entry));
    }
  }
  if (problems.length > 0) throw new HipaaValidationError('Placement lock', problems);
  const vpcs = (value as { vpcs: Record<string, LockEntry> }).vpcs;
  return normaliseLock({ version: 1, vpcs });
}

/** A copy with entries sorted by id and only the known fields. */
export function normaliseLock(lock: PlacementLock): PlacementLock {
  const vpcs: Record<string, LockEntry> = {};
  for (const id of Object.keys(lock.vpcs).sort()) {
    const { kind, cidr, account, region } = lock.vpcs[id];
    vpcs[id] = { kind, cidr, account, region };
  }
  return { version: 1, vpcs };
}

/** The lock as stable, diff-friendly JSON (sorted ids, two-space indent, trailing newline). */
export function serializeLock(lock: PlacementLock): string {
  return `${JSON.stringify(normaliseLock(lock), null, 2)}\n`;
}
