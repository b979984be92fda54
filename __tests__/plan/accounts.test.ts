import { accountCapacity, coversRegion, placeAccounts } from '../../lib/plan/accounts';
import { vpcOwners } from '../../lib/plan/owners';
import { planPlacement } from '../../lib/plan/placement';
import type { LockEntry, PlacementLock } from '../../lib/plan/types';
import { ACCOUNT_A, ACCOUNT_B, SECURITY, makeConfig, problemsOf, problemWith, tenants } from './fixtures';

type Config = ReturnType<typeof makeConfig>;

function accountsOf(config: Config, lock?: PlacementLock): Record<string, string> {
  const { accounts, problems } = placeAccounts(config, vpcOwners(config), lock);
  expect(problems).toEqual([]);
  return Object.fromEntries([...accounts].map(([id, a]) => [id, a.account]));
}

function lockOf(entries: Record<string, Partial<LockEntry> & { account: string }>): PlacementLock {
  let block = 0;
  const vpcs = Object.fromEntries(Object.entries(entries).map(([id, e]) => [id, { kind: 'tenant' as const, cidr: `10.${200 + block++}.0.0/20`, region: 'us-east-1', ...e }]));
  return { version: 1, vpcs };
}

describe('account capacity', () => {
  test.each([
    ['the default quota minus the default VPC', {}, 5, 4],
    ['an account quota', { vpcQuota: 10 }, 5, 9],
    ['existing VPCs', { vpcQuota: 10, existingVpcs: 3 }, 5, 7],
    ['no default VPC', { existingVpcs: 0 }, 5, 5],
    ['more existing VPCs than the quota, as zero', { vpcQuota: 2, existingVpcs: 4 }, 5, 0],
    ['the network default quota', {}, 20, 19],
  ])('counts %s', (_name, account, quotaPerRegion, expected) => {
    const config = makeConfig({
      accounts: [{ ...ACCOUNT_A, ...account }],
      network: { supernet: '10.0.0.0/8', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: quotaPerRegion },
    });
    expect(accountCapacity(config.accounts[0], config.network)).toBe(expected);
  });

  test.each([
    ['the home Region', 'us-east-1', true],
    ['a listed Region', 'eu-west-1', true],
    ['an unlisted Region', 'us-west-2', false],
  ])('covers %s', (_name, region, expected) => {
    const config = makeConfig({ accounts: [{ ...ACCOUNT_A, regions: ['eu-west-1'] }] });
    expect(coversRegion(config.accounts[0], region, config.homeRegion)).toBe(expected);
  });
});

describe('automatic account placement', () => {
  it('fills workloads accounts in config order up to their quota', () => {
    const config = makeConfig({ accounts: [SECURITY, ACCOUNT_A, ACCOUNT_B], tenants: tenants(6) });
    expect(accountsOf(config)).toEqual({
      t0: 'prod-a',
      t1: 'prod-a',
      t2: 'prod-a',
      t3: 'prod-a',
      t4: 'prod-b',
      t5: 'prod-b',
    });
  });

  it('places pools before dedicated tenants', () => {
    const config = makeConfig({
      accounts: [{ ...ACCOUNT_A, vpcQuota: 2 }, ACCOUNT_B],
      pools: [{ id: 'shared' }],
      tenants: tenants(2),
    });
    expect(accountsOf(config)).toEqual({ shared: 'prod-a', t0: 'prod-b', t1: 'prod-b' });
  });

  it('counts quota per Region: a full account still takes VPCs in another Region it covers', () => {
    const config = makeConfig({
      accounts: [{ ...ACCOUNT_A, vpcQuota: 2, regions: ['us-west-2'] }, ACCOUNT_B],
      tenants: [{ id: 'east1' }, { id: 'east2' }, { id: 'west', region: 'us-west-2' }],
    });
    expect(accountsOf(config)).toEqual({ east1: 'prod-a', east2: 'prod-b', west: 'prod-a' });
  });

  it('places a tenant only in an account that covers its Region', () => {
    const config = makeConfig({
      accounts: [ACCOUNT_A, { ...ACCOUNT_B, regions: ['eu-west-1'] }],
      tenants: [{ id: 'eu', region: 'eu-west-1' }],
    });
    expect(accountsOf(config)).toEqual({ eu: 'prod-b' });
  });
});

describe('account pins', () => {
  it('honours a pin and counts it against the quota', () => {
    const config = makeConfig({
      accounts: [{ ...ACCOUNT_A, vpcQuota: 2 }, ACCOUNT_B],
      tenants: [{ id: 'a1' }, { id: 'pinned', account: 'prod-a' }],
    });
    expect(accountsOf(config)).toEqual({ pinned: 'prod-a', a1: 'prod-b' });
  });

  test.each([
    ['an unknown account, with a suggestion', 'prod-c', 'HIPAA_UNKNOWN_ACCOUNT', 'not in accounts (did you mean "prod-a"?)'],
    ['a security account', 'security', 'HIPAA_ACCOUNT_NOT_WORKLOADS', 'whose purpose is "security" (accounts[2].purpose)'],
  ])('rejects a pin to %s', (_name, pin, code, message) => {
    const config = makeConfig({ accounts: [ACCOUNT_A, ACCOUNT_B, SECURITY], tenants: [{ id: 'acme', account: pin }] });
    const problem = problemWith(() => planPlacement(config), code);
    expect(problem.path).toBe('tenants[0].account');
    expect(problem.value).toBe(pin);
    expect(problem.message).toContain('tenant "acme"');
    expect(problem.message).toContain(message);
  });

  it('rejects a pin to an account that does not cover the tenant Region', () => {
    const config = makeConfig({ accounts: [ACCOUNT_A], tenants: [{ id: 'acme', account: 'prod-a', region: 'eu-west-1' }] });
    const problem = problemWith(() => planPlacement(config), 'HIPAA_ACCOUNT_REGION_NOT_COVERED');
    expect(problem.fix).toBe('add "eu-west-1" to accounts[0].regions, or pin an account that covers eu-west-1');
  });

  it('names the account when pins alone overfill it', () => {
    const config = makeConfig({
      accounts: [{ ...ACCOUNT_A, vpcQuota: 3 }],
      tenants: [
        { id: 'a1', account: 'prod-a' },
        { id: 'a2', account: 'prod-a' },
        { id: 'a3', account: 'prod-a' },
      ],
    });
    const problem = problemWith(() => planPlacement(config), 'HIPAA_ACCOUNT_OVER_QUOTA');
    expect(problem.path).toBe('accounts[0].vpcQuota');
    expect(problem.message).toBe(
      'account "prod-a" must hold 3 VPCs in us-east-1 (tenant "a1", tenant "a2", tenant "a3", pinned or kept by the lock) plus 1 existing, but its quota is 3 VPCs per Region',
    );
    expect(problem.fix).toContain('raise accounts[0].vpcQuota to at least 4');
  });
});

describe('running out of capacity', () => {
  it('is ONE error saying how many VPCs do not fit, where, and how many accounts would fix it', () => {
    const config = makeConfig({ accounts: [ACCOUNT_A, ACCOUNT_B], tenants: tenants(13) });
    const problems = problemsOf(() => planPlacement(config));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual({
      code: 'HIPAA_REGION_OUT_OF_CAPACITY',
      path: 'accounts',
      value: 'us-east-1',
      message:
        '5 VPCs do not fit in us-east-1 (tenant "t8", tenant "t9", tenant "t10", tenant "t11", tenant "t12"): the workloads accounts covering it are full (prod-a 4/4, prod-b 4/4)',
      fix: 'add 2 more workloads accounts covering us-east-1 (at network.vpcQuotaPerRegion 5, each holds 4 after its default VPC), or raise vpcQuota by 5 in total across "prod-a" and "prod-b" (after the matching AWS Service Quota increase)',
    });
  });

  test.each([
    [1, 'add 1 more workloads account covering'],
    [4, 'add 1 more workloads account covering'],
    [5, 'add 2 more workloads accounts covering'],
  ])('asks for enough accounts of 4 VPCs each for %d stranded VPCs', (stranded, fix) => {
    const config = makeConfig({ tenants: tenants(4 + stranded) });
    expect(problemWith(() => planPlacement(config), 'HIPAA_REGION_OUT_OF_CAPACITY').fix).toContain(fix);
  });

  it('asks for a higher quota when new accounts at the current quota would hold nothing', () => {
    const config = makeConfig({
      accounts: [{ ...ACCOUNT_A, vpcQuota: 3 }],
      network: { supernet: '10.0.0.0/8', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 1 },
      tenants: tenants(3),
    });
    expect(problemWith(() => planPlacement(config), 'HIPAA_REGION_OUT_OF_CAPACITY').fix).toContain(
      'raise network.vpcQuotaPerRegion (now 1, which leaves no room after the default VPC)',
    );
  });

  it('reports each Region that runs out separately, in the same error', () => {
    const config = makeConfig({
      accounts: [{ ...ACCOUNT_A, vpcQuota: 2, regions: ['us-west-2'] }],
      tenants: [...tenants(2), { id: 'w0', region: 'us-west-2' }, { id: 'w1', region: 'us-west-2' }],
    });
    const problems = problemsOf(() => planPlacement(config));
    expect(problems.map((p) => [p.code, p.value])).toEqual([
      ['HIPAA_REGION_OUT_OF_CAPACITY', 'us-east-1'],
      ['HIPAA_REGION_OUT_OF_CAPACITY', 'us-west-2'],
    ]);
    expect(problems[1].message).toMatch(/^1 VPC does not fit in us-west-2 \(tenant "w1"\)/);
  });

  it('reports a Region no workloads account covers per tenant, with where to add it', () => {
    const config = makeConfig({ tenants: [{ id: 'eu', region: 'eu-west-1' }] });
    const problem = problemWith(() => planPlacement(config), 'HIPAA_REGION_NOT_COVERED');
    expect(problem.path).toBe('tenants[0].region');
    expect(problem.fix).toContain('add "eu-west-1" to accounts[0].regions (account "prod-a")');
  });
});

describe('account placement with a lock', () => {
  it('keeps locked accounts even where config order would choose another', () => {
    const config = makeConfig({ accounts: [ACCOUNT_A, ACCOUNT_B], tenants: tenants(2) });
    expect(accountsOf(config, lockOf({ t0: { account: 'prod-b' } }))).toEqual({ t0: 'prod-b', t1: 'prod-a' });
  });

  it('gives the slot of a removed tenant to the next new tenant', () => {
    const config = makeConfig({ accounts: [{ ...ACCOUNT_A, vpcQuota: 3 }, ACCOUNT_B], tenants: [{ id: 't0' }, { id: 'new' }] });
    const lock = lockOf({ t0: { account: 'prod-a' }, gone: { account: 'prod-a' } });
    expect(accountsOf(config, lock)).toEqual({ t0: 'prod-a', new: 'prod-a' });
  });

  it('lets an account pin move a locked VPC and reports the move', () => {
    const config = makeConfig({ accounts: [ACCOUNT_A, ACCOUNT_B], tenants: [{ id: 'acme', account: 'prod-b' }] });
    const { moves } = planPlacement(config, lockOf({ acme: { account: 'prod-a', cidr: '10.0.0.0/20' } }));
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ changed: ['account'], reason: 'tenants[0].account pins "prod-b"' });
  });

  test.each([
    ['removed', [ACCOUNT_A], 'is no longer in accounts'],
    ['no longer workloads', [ACCOUNT_A, { ...ACCOUNT_B, purpose: 'shared' as const }], 'now has purpose "shared" (accounts[1].purpose)'],
  ])('refuses to move a VPC silently when its locked account was %s', (_name, accounts, why) => {
    const config = makeConfig({ accounts, tenants: [{ id: 'acme' }] });
    const problem = problemWith(() => planPlacement(config, lockOf({ acme: { account: 'prod-b' } })), 'HIPAA_LOCK_ACCOUNT_GONE');
    expect(problem.path).toBe('lock.vpcs.acme.account');
    expect(problem.message).toContain(why);
    expect(problem.fix).toContain('pin tenants[0].account');
  });

  it('keeps the account when the Region changes and the account covers the new one', () => {
    const config = makeConfig({
      accounts: [ACCOUNT_A, { ...ACCOUNT_B, regions: ['us-west-2'] }],
      tenants: [{ id: 'acme', region: 'us-west-2' }],
    });
    const result = planPlacement(config, lockOf({ acme: { account: 'prod-b', cidr: '10.0.0.0/20' } }));
    expect(result.placements[0]).toMatchObject({ account: 'prod-b', region: 'us-west-2', cidr: '10.0.0.0/20' });
    expect(result.moves[0]).toMatchObject({ changed: ['region'], reason: 'tenants[0].region is now us-west-2' });
  });

  it('re-places a VPC whose new Region its locked account does not cover, and says why', () => {
    const config = makeConfig({
      accounts: [ACCOUNT_A, { ...ACCOUNT_B, regions: ['us-west-2'] }],
      tenants: [{ id: 'acme', region: 'us-west-2' }],
    });
    const result = planPlacement(config, lockOf({ acme: { account: 'prod-a', cidr: '10.0.0.0/20' } }));
    expect(result.placements[0]).toMatchObject({ account: 'prod-b', accountSource: 'allocated' });
    expect(result.moves[0].changed).toEqual(['account', 'region']);
    expect(result.moves[0].reason).toBe('tenants[0].region is now us-west-2; account "prod-a" cannot take it in us-west-2 (not covered or full)');
  });

  it('reports locked VPCs that overfill an account whose quota was lowered', () => {
    const config = makeConfig({ accounts: [{ ...ACCOUNT_A, vpcQuota: 2 }, ACCOUNT_B], tenants: tenants(2) });
    const lock = lockOf({ t0: { account: 'prod-a' }, t1: { account: 'prod-a' } });
    expect(problemWith(() => planPlacement(config, lock), 'HIPAA_ACCOUNT_OVER_QUOTA').path).toBe('accounts[0].vpcQuota');
  });
});
