import { EMPTY_LOCK, parseLock, serializeLock } from '../../lib/plan/lock';
import type { PlacementLock } from '../../lib/plan/types';
import { problemsOf } from './fixtures';

const entry = { kind: 'tenant', cidr: '10.0.0.0/20', account: 'prod-a', region: 'us-east-1' };

describe('parseLock', () => {
  it('accepts a version 1 lock and sorts its entries by id', () => {
    const lock = parseLock({ version: 1, vpcs: { beta: entry, acme: { ...entry, kind: 'pool', cidr: '10.0.16.0/20' } } });
    expect(Object.keys(lock.vpcs)).toEqual(['acme', 'beta']);
    expect(lock.vpcs.acme).toEqual({ kind: 'pool', cidr: '10.0.16.0/20', account: 'prod-a', region: 'us-east-1' });
  });

  it('accepts the empty lock', () => {
    expect(parseLock({ version: 1, vpcs: {} })).toEqual(EMPTY_LOCK);
  });

  test.each([
    ['not an object', [], 'lock'],
    ['another version', { version: 2, vpcs: {} }, 'lock.version'],
    ['vpcs that is not an object', { version: 1, vpcs: [] }, 'lock.vpcs'],
    ['an entry that is not an object', { version: 1, vpcs: { acme: 'x' } }, 'lock.vpcs.acme'],
    ['an unknown kind', { version: 1, vpcs: { acme: { ...entry, kind: 'vpc' } } }, 'lock.vpcs.acme.kind'],
    ['a CIDR with host bits', { version: 1, vpcs: { acme: { ...entry, cidr: '10.0.0.1/20' } } }, 'lock.vpcs.acme.cidr'],
    ['a missing account', { version: 1, vpcs: { acme: { ...entry, account: undefined } } }, 'lock.vpcs.acme.account'],
    ['an empty region', { version: 1, vpcs: { acme: { ...entry, region: '' } } }, 'lock.vpcs.acme.region'],
    ['an unknown field', { version: 1, vpcs: { acme: { ...entry, az: 'a' } } }, 'lock.vpcs.acme'],
  ])('rejects a lock with %s, naming the field', (_name, value, path) => {
    const problems = problemsOf(() => parseLock(value));
    expect(problems.map((p) => [p.code, p.path])).toEqual([['HIPAA_LOCK_INVALID', path]]);
  });

  it('lists every broken entry in one error', () => {
    const value = { version: 1, vpcs: { acme: { ...entry, cidr: 'x' }, beta: { ...entry, kind: 'x' } } };
    expect(problemsOf(() => parseLock(value)).map((p) => p.path)).toEqual(['lock.vpcs.acme.cidr', 'lock.vpcs.beta.kind']);
  });
});

describe('serializeLock', () => {
  const lock: PlacementLock = {
    version: 1,
    vpcs: {
      zeta: { kind: 'tenant', cidr: '10.0.16.0/20', account: 'prod-a', region: 'us-east-1' },
      acme: { kind: 'pool', cidr: '10.0.0.0/20', account: 'prod-b', region: 'us-west-2' },
    },
  };

  it('writes sorted, indented JSON with a trailing newline', () => {
    const text = serializeLock(lock);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('"acme"')).toBeLessThan(text.indexOf('"zeta"'));
    expect(text.split('\n')[1]).toBe('  "version": 1,');
  });

  it('round-trips through parseLock', () => {
    expect(parseLock(JSON.parse(serializeLock(lock)))).toEqual(lock);
  });
});
