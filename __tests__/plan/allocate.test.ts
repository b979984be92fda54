import { allocateCidrs, networkProblems } from '../../lib/plan/allocate';
import { vpcOwners } from '../../lib/plan/owners';
import { planPlacement } from '../../lib/plan/placement';
import type { PlacementLock } from '../../lib/plan/types';
import { makeConfig, problemsOf, problemWith, tenants } from './fixtures';

/** A config with room for many VPCs: a /16 supernet (16 x /20) and generous quotas. */
function roomy(input: Parameters<typeof makeConfig>[0] = {}) {
  return makeConfig({
    network: { supernet: '10.0.0.0/16', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 100 },
    ...input,
  });
}

function cidrsOf(config: ReturnType<typeof makeConfig>, lock?: PlacementLock): Record<string, string> {
  const { cidrs, problems } = allocateCidrs(config.network, vpcOwners(config), lock);
  expect(problems).toEqual([]);
  return Object.fromEntries([...cidrs].map(([id, a]) => [id, a.cidr]));
}

function lockOf(entries: Record<string, string>, kind: 'tenant' | 'pool' = 'tenant'): PlacementLock {
  const vpcs = Object.fromEntries(Object.entries(entries).map(([id, cidr]) => [id, { kind, cidr, account: 'prod-a', region: 'us-east-1' }]));
  return { version: 1, vpcs };
}

describe('CIDR allocation without a lock', () => {
  it('gives pools, then dedicated tenants, the lowest free blocks in config order', () => {
    const config = roomy({ pools: [{ id: 'shared' }], tenants: [{ id: 'acme' }, { id: 'beta' }] });
    expect(cidrsOf(config)).toEqual({ shared: '10.0.0.0/20', acme: '10.0.16.0/20', beta: '10.0.32.0/20' });
  });

  it('gives pooled tenants no VPC of their own', () => {
    const config = roomy({ pools: [{ id: 'shared' }], tenants: [{ id: 'small', mode: 'pooled', pool: 'shared' }] });
    expect(Object.keys(cidrsOf(config))).toEqual(['shared']);
  });

  it('honours pins first and fills around them', () => {
    const config = roomy({ tenants: [{ id: 'acme' }, { id: 'beta', cidr: '10.0.0.0/20' }, { id: 'gamma' }] });
    expect(cidrsOf(config)).toEqual({ beta: '10.0.0.0/20', acme: '10.0.16.0/20', gamma: '10.0.32.0/20' });
  });

  it('accepts pins of a different size than vpcPrefixLength and aligns the next blocks after them', () => {
    const config = roomy({ tenants: [{ id: 'big', cidr: '10.0.0.0/18' }, { id: 'next' }] });
    expect(cidrsOf(config)).toEqual({ big: '10.0.0.0/18', next: '10.0.64.0/20' });
  });

  it('records where each CIDR came from', () => {
    const config = roomy({ tenants: [{ id: 'acme', cidr: '10.0.0.0/20' }, { id: 'beta' }, { id: 'gamma' }] });
    const { cidrs } = allocateCidrs(config.network, vpcOwners(config), lockOf({ gamma: '10.0.128.0/20' }));
    expect(cidrs.get('acme')?.source).toBe('pin');
    expect(cidrs.get('beta')?.source).toBe('allocated');
    expect(cidrs.get('gamma')?.source).toBe('lock');
  });

  it('is deterministic: the same config gives the same CIDRs', () => {
    const config = roomy({ tenants: tenants(6) });
    expect(cidrsOf(config)).toEqual(cidrsOf(config));
  });
});

describe('pin checks', () => {
  test.each([
    ['host bits set', '10.0.1.0/20', 'HIPAA_CIDR_INVALID', 'has host bits set (the block starts at 10.0.0.0/20)', 'use 10.0.0.0/20'],
    ['an octet above 255', '10.0.256.0/20', 'HIPAA_CIDR_INVALID', 'has an octet above 255', 'write a block such as'],
    ['a prefix above 32', '10.0.0.0/40', 'HIPAA_CIDR_INVALID', 'has a prefix length above 32', 'write a block such as'],
    ['smaller than the layout allows', '10.0.0.0/24', 'HIPAA_CIDR_SIZE', 'is a /24', 'between /16 and /22'],
    ['smaller than /28', '10.0.0.0/29', 'HIPAA_CIDR_SIZE', 'is a /29', 'between /16 and /22'],
    ['larger than the supernet', '10.0.0.0/15', 'HIPAA_CIDR_SIZE', 'is a /15', 'between /16 and /22'],
    ['outside the supernet', '10.1.0.0/20', 'HIPAA_CIDR_OUTSIDE_SUPERNET', 'lies outside network.supernet 10.0.0.0/16', 'inside 10.0.0.0/16'],
  ])('rejects a pin with %s', (_name, pin, code, message, fix) => {
    const config = roomy({ tenants: [{ id: 'acme' }, { id: 'beta', cidr: pin }] });
    const problem = problemWith(() => planPlacement(config), code);
    expect(problem.path).toBe('tenants[1].cidr');
    expect(problem.value).toBe(pin);
    expect(problem.message).toContain('tenant "beta"');
    expect(problem.message).toContain(message);
    expect(problem.fix).toContain(fix);
  });

  it('accepts a /16 pin inside a /8 supernet', () => {
    const config = makeConfig({ tenants: [{ id: 'big', cidr: '10.200.0.0/16' }] });
    expect(cidrsOf(config)).toEqual({ big: '10.200.0.0/16' });
  });

  it('rejects a pin larger than /16 (the largest VPC AWS allows) even inside a larger supernet', () => {
    const config = makeConfig({ tenants: [{ id: 'huge', cidr: '10.0.0.0/12' }] });
    expect(problemWith(() => planPlacement(config), 'HIPAA_CIDR_SIZE').message).toContain('between /16');
  });

  it('names both tenants when two pins overlap, and suggests a free block of vpcPrefixLength', () => {
    const config = makeConfig({
      tenants: [{ id: 'acme', cidr: '10.1.0.0/16' }, { id: 'beta' }, { id: 'gamma', cidr: '10.1.0.0/17' }],
    });
    const problem = problemWith(() => planPlacement(config), 'HIPAA_CIDR_OVERLAP');
    expect(problem).toEqual({
      code: 'HIPAA_CIDR_OVERLAP',
      path: 'tenants[2].cidr',
      value: '10.1.0.0/17',
      message: 'tenant "gamma" 10.1.0.0/17 overlaps tenant "acme" (10.1.0.0/16, pinned at tenants[0].cidr)',
      fix: 'choose a free /20 such as 10.0.16.0/20, or remove cidr for automatic allocation',
    });
  });

  it('suggests a different free block to each of several overlapping pins', () => {
    const config = roomy({
      tenants: [
        { id: 'acme', cidr: '10.0.0.0/20' },
        { id: 'beta', cidr: '10.0.0.0/20' },
        { id: 'gamma', cidr: '10.0.0.0/21' },
      ],
    });
    const fixes = problemsOf(() => planPlacement(config)).map((p) => p.fix);
    expect(fixes).toEqual([
      'choose a free /20 such as 10.0.16.0/20, or remove cidr for automatic allocation',
      'choose a free /20 such as 10.0.32.0/20, or remove cidr for automatic allocation',
    ]);
  });

  it('says so when no free block is left to suggest', () => {
    const config = makeConfig({
      network: { supernet: '10.0.0.0/20', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 5 },
      tenants: [
        { id: 'acme', cidr: '10.0.0.0/20' },
        { id: 'beta', cidr: '10.0.0.0/20' },
      ],
    });
    expect(problemWith(() => planPlacement(config), 'HIPAA_CIDR_OVERLAP').fix).toContain('no /20 is free');
  });
});

describe('network checks', () => {
  test.each([
    ['a supernet with host bits', { supernet: '10.0.0.1/8' }, 'network.supernet', 'use 10.0.0.0/8'],
    ['a supernet with an octet above 255', { supernet: '10.0.0.999/8' }, 'network.supernet', 'use a private block'],
    ['VPCs larger than the supernet', { supernet: '10.0.0.0/20', vpcPrefixLength: 16 }, 'network.vpcPrefixLength', 'at least 20'],
    ['VPCs too small for the subnet layout', { vpcPrefixLength: 24 }, 'network.vpcPrefixLength', 'between 16 and 22'],
  ])('rejects %s', (_name, network, path, fix) => {
    // The schema already refuses some of these; the plan checks again for library callers.
    const config = makeConfig({ network: { supernet: '10.0.0.0/8', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 5 } });
    const problems = networkProblems({ ...config.network, ...network });
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    expect(problems[0].fix).toContain(fix);
  });

  it('reports every VPC that finds no free block in ONE problem', () => {
    const config = makeConfig({
      network: { supernet: '10.0.0.0/19', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 100 },
      tenants: tenants(5),
    });
    const problem = problemWith(() => planPlacement(config), 'HIPAA_SUPERNET_FULL');
    expect(problem.path).toBe('network.supernet');
    expect(problem.message).toBe('3 VPCs (tenant "t2", tenant "t3", tenant "t4") find no free /20 in 10.0.0.0/19: every block is in use');
    expect(problem.fix).toContain('widen network.supernet (e.g. to 10.0.0.0/18)');
  });
});

describe('CIDR allocation with a lock', () => {
  it('keeps locked CIDRs even when config order would place them elsewhere', () => {
    const config = roomy({ tenants: [{ id: 'acme' }, { id: 'beta' }] });
    expect(cidrsOf(config, lockOf({ acme: '10.0.48.0/20', beta: '10.0.16.0/20' }))).toEqual({
      acme: '10.0.48.0/20',
      beta: '10.0.16.0/20',
    });
  });

  it('fills the lowest free block, left by a removed tenant, with the next new tenant', () => {
    const config = roomy({ tenants: [{ id: 'acme' }, { id: 'gamma' }, { id: 'delta' }] });
    const lock = lockOf({ acme: '10.0.0.0/20', beta: '10.0.16.0/20', gamma: '10.0.32.0/20' });
    expect(cidrsOf(config, lock)).toEqual({ acme: '10.0.0.0/20', gamma: '10.0.32.0/20', delta: '10.0.16.0/20' });
  });

  it('keeps a locked CIDR of another size after vpcPrefixLength changes', () => {
    const config = makeConfig({
      network: { supernet: '10.0.0.0/16', vpcPrefixLength: 22, azCount: 2, vpcQuotaPerRegion: 100 },
      tenants: [{ id: 'acme' }, { id: 'beta' }],
    });
    expect(cidrsOf(config, lockOf({ acme: '10.0.0.0/20' }))).toEqual({ acme: '10.0.0.0/20', beta: '10.0.16.0/22' });
  });

  it('treats a lock entry of another kind (a tenant id reused by a pool) as new', () => {
    const config = roomy({ pools: [{ id: 'acme' }] });
    const { cidrs } = allocateCidrs(config.network, vpcOwners(config), lockOf({ acme: '10.0.48.0/20' }, 'tenant'));
    expect(cidrs.get('acme')).toEqual({ cidr: '10.0.0.0/20', source: 'allocated' });
  });

  it('lets a pin move a locked VPC into free space and reports the move', () => {
    const config = roomy({ tenants: [{ id: 'acme', cidr: '10.0.64.0/20' }, { id: 'beta' }] });
    const result = planPlacement(config, lockOf({ acme: '10.0.0.0/20', beta: '10.0.16.0/20' }));
    expect(result.placements.map((p) => [p.id, p.cidr])).toEqual([
      ['acme', '10.0.64.0/20'],
      ['beta', '10.0.16.0/20'],
    ]);
    expect(result.moves).toEqual([
      {
        id: 'acme',
        kind: 'tenant',
        from: { kind: 'tenant', cidr: '10.0.0.0/20', account: 'prod-a', region: 'us-east-1' },
        to: { kind: 'tenant', cidr: '10.0.64.0/20', account: 'prod-a', region: 'us-east-1' },
        changed: ['cidr'],
        reason: 'tenants[0].cidr pins 10.0.64.0/20',
      },
    ]);
  });

  it('lets two pins swap locked blocks (each is free once the other moves)', () => {
    const config = roomy({
      tenants: [
        { id: 'acme', cidr: '10.0.16.0/20' },
        { id: 'beta', cidr: '10.0.0.0/20' },
      ],
    });
    const result = planPlacement(config, lockOf({ acme: '10.0.0.0/20', beta: '10.0.16.0/20' }));
    expect(result.moves.map((m) => m.id)).toEqual(['acme', 'beta']);
  });

  it('reports no move when a pin agrees with the lock', () => {
    const config = roomy({ tenants: [{ id: 'acme', cidr: '10.0.0.0/20' }] });
    expect(planPlacement(config, lockOf({ acme: '10.0.0.0/20' })).moves).toEqual([]);
  });

  it('rejects a pin into a block the lock keeps for another tenant, naming both', () => {
    const config = roomy({ tenants: [{ id: 'acme' }, { id: 'beta', cidr: '10.0.0.0/20' }] });
    const problem = problemWith(() => planPlacement(config, lockOf({ acme: '10.0.0.0/20' })), 'HIPAA_CIDR_OVERLAP');
    expect(problem.path).toBe('tenants[1].cidr');
    expect(problem.message).toBe('tenant "beta" 10.0.0.0/20 overlaps tenant "acme" (10.0.0.0/20, kept by the placement lock)');
    expect(problem.fix).toBe('choose a free /20 such as 10.0.16.0/20, or remove cidr for automatic allocation');
  });

  it('refuses to move a locked VPC that now lies outside the supernet, and says how to move it', () => {
    const config = roomy({ tenants: [{ id: 'acme' }] });
    const problem = problemWith(() => planPlacement(config, lockOf({ acme: '172.16.0.0/20' })), 'HIPAA_LOCK_CIDR_OUTSIDE_SUPERNET');
    expect(problem.path).toBe('lock.vpcs.acme.cidr');
    expect(problem.fix).toContain('pin tenants[0].cidr');
  });

  it('reports a lock whose entries overlap each other', () => {
    const config = roomy({ tenants: [{ id: 'acme' }, { id: 'beta' }] });
    const problem = problemWith(() => planPlacement(config, lockOf({ acme: '10.0.0.0/20', beta: '10.0.0.0/21' })), 'HIPAA_LOCK_OVERLAP');
    expect(problem.path).toBe('lock.vpcs.beta.cidr');
    expect(problem.message).toContain('tenant "acme"');
  });
});
