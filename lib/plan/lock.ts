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
import { parseCidr } from '../cidr';
import { lockInvalid } from './messages';
import type { LockEntry, PlacementLock } from './types';

export const LOCK_VERSION = 1;

/** A lock that records nothing: the first run. */
export const EMPTY_LOCK: PlacementLock = { version: 1, vpcs: {} };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entryProblems(id: string, raw: unknown): Problem[] {
  const path = `lock.vpcs.${id}`;
  if (!isRecord(raw)) return [lockInvalid(path, raw, 'entry')];
  const problems: Problem[] = [];
  if (raw.kind !== 'tenant' && raw.kind !== 'pool') {
    problems.push(lockInvalid(`${path}.kind`, raw.kind, 'kind'));
  }
  if (typeof raw.cidr !== 'string' || !parseCidr(raw.cidr).ok) {
    problems.push(lockInvalid(`${path}.cidr`, raw.cidr, 'cidr'));
  }
  for (const field of ['account', 'region'] as const) {
    if (typeof raw[field] !== 'string' || raw[field] === '') {
      problems.push(lockInvalid(`${path}.${field}`, raw[field], 'text'));
    }
  }
  const extra = Object.keys(raw).filter((k) => !['kind', 'cidr', 'account', 'region'].includes(k));
  if (extra.length > 0) {
    problems.push(lockInvalid(path, extra, 'unknownFields', ` ${extra.join(', ')}`));
  }
  return problems;
}

/** Checks a parsed JSON value and returns it as a lock; throws one error listing every problem. */
export function parseLock(value: unknown): PlacementLock {
  const problems: Problem[] = [];
  if (!isRecord(value)) {
    problems.push(lockInvalid('lock', value, 'notObject'));
  } else {
    if (value.version !== LOCK_VERSION) {
      problems.push(lockInvalid('lock.version', value.version, 'version'));
    }
    if (!isRecord(value.vpcs)) {
      problems.push(lockInvalid('lock.vpcs', value.vpcs, 'vpcs'));
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
