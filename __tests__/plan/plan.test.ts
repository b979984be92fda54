import { plan, type HipaaPlan } from '../../lib/plan';
import { ACCOUNT_A, ACCOUNT_B, SECURITY, makeConfig, problemsOf } from './fixtures';

const demo = () =>
  makeConfig({
    organization: 'acme',
    accounts: [SECURITY, ACCOUNT_A, { ...ACCOUNT_B, regions: ['us-west-2'] }],
    network: { supernet: '10.0.0.0/16', vpcPrefixLength: 20, azCount: 3, vpcQuotaPerRegion: 5 },
    pools: [{ id: 'shared', egress: true, peers: [{ tenant: 'beta', ports: [5432] }] }],
    tenants: [
      { id: 'beta', egress: false, peers: [{ tenant: 'shared', ports: [443] }] },
      { id: 'small', mode: 'pooled', pool: 'shared' },
      { id: 'west', region: 'us-west-2', peers: [{ tenant: 'beta', ports: [8443] }] },
    ],
  });

describe('plan', () => {
  let result: HipaaPlan;
  beforeAll(() => {
    result = plan(demo());
  });

  it('plans one VPC per pool and dedicated tenant, pools first', () => {
    expect(result.vpcs.map((v) => [v.id, v.kind, v.stackName, v.cidr, v.account.name, v.region])).toEqual([
      ['shared', 'pool', 'pool-shared', '10.0.0.0/20', 'prod-a', 'us-east-1'],
      ['beta', 'tenant', 'tenant-beta', '10.0.16.0/20', 'prod-a', 'us-east-1'],
      ['west', 'tenant', 'tenant-west', '10.0.32.0/20', 'prod-b', 'us-west-2'],
    ]);
  });

  it('resolves the account id and role of each VPC', () => {
    expect(result.vpcs[2].account).toEqual({ name: 'prod-b', id: '222222222222', roleName: 'OrganizationAccountAccessRole' });
  });

  it('carves subnets per AZ, with a public tier only where egress is on', () => {
    const tiers = (id: string) => [...new Set(result.vpcs.find((v) => v.id === id)?.subnets.map((s) => s.tier))];
    expect(tiers('shared')).toEqual(['public', 'app', 'data']);
    expect(tiers('beta')).toEqual(['app', 'data']);
    expect(result.vpcs[2].subnets.filter((s) => s.tier === 'app').map((s) => s.availabilityZone)).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
  });

  it('lists the tenants living in each VPC', () => {
    expect(result.vpcs.map((v) => v.tenants)).toEqual([['small'], ['beta'], ['west']]);
  });

  it('places a pooled tenant in its pool VPC, account, Region and stack', () => {
    const small = result.tenants.find((t) => t.id === 'small');
    expect(small).toMatchObject({
      mode: 'pooled',
      pool: 'shared',
      vpcId: 'shared',
      stackName: 'pool-shared',
      account: { name: 'prod-a' },
      region: 'us-east-1',
      vpcCidr: '10.0.0.0/20',
    });
    expect(small?.names.bucketName).toBe('acme-small-111111111111-us-east-1');
  });

  it('gives a dedicated tenant its own stack and no pool', () => {
    const beta = result.tenants.find((t) => t.id === 'beta');
    expect(beta).toMatchObject({ mode: 'dedicated', vpcId: 'beta', stackName: 'tenant-beta' });
    expect(beta).not.toHaveProperty('pool');
  });

  it('plans the declared peerings with their kinds and directions', () => {
    expect(result.peerings.map((p) => [p.id, p.kind, p.requester.id, p.rules.map((r) => `${r.from}>${r.to}:${r.ports}`)])).toEqual([
      ['beta--shared', 'same-account', 'beta', ['beta>shared:443', 'shared>beta:5432']],
      ['beta--west', 'cross-account-and-region', 'beta', ['west>beta:8443']],
    ]);
  });

  it('returns a lock with every VPC and no moves on a first run', () => {
    expect(result.lock).toEqual({
      version: 1,
      vpcs: {
        beta: { kind: 'tenant', cidr: '10.0.16.0/20', account: 'prod-a', region: 'us-east-1' },
        shared: { kind: 'pool', cidr: '10.0.0.0/20', account: 'prod-a', region: 'us-east-1' },
        west: { kind: 'tenant', cidr: '10.0.32.0/20', account: 'prod-b', region: 'us-west-2' },
      },
    });
    expect(result.moves).toEqual([]);
  });

  it('returns the same placement and lock when run again with its own lock, now sourced from the lock', () => {
    const again = plan(demo(), result.lock);
    expect(again.lock).toEqual(result.lock);
    expect(again.moves).toEqual([]);
    expect(again.vpcs.map((v) => ({ ...v, cidrSource: 'allocated', accountSource: 'allocated' }))).toEqual(result.vpcs);
    expect(again.vpcs.map((v) => [v.cidrSource, v.accountSource])).toEqual([
      ['lock', 'lock'],
      ['lock', 'lock'],
      ['lock', 'lock'],
    ]);
    expect(again.peerings).toEqual(result.peerings);
  });

  it('keeps every other VPC in place when a tenant is removed and another added', () => {
    const config = demo();
    const withoutBeta = {
      ...config,
      pools: config.pools.map((p) => ({ ...p, peers: [] })),
      tenants: [...config.tenants.filter((t) => t.id !== 'beta').map((t) => ({ ...t, peers: [] })), { ...config.tenants[0], id: 'gamma', peers: [] }],
    };
    const next = plan(withoutBeta, result.lock);
    const where = Object.fromEntries(next.vpcs.map((v) => [v.id, v.cidr]));
    expect(where).toEqual({ shared: '10.0.0.0/20', west: '10.0.32.0/20', gamma: '10.0.16.0/20' });
  });

  it('throws ONE error with config problems and placement problems together', () => {
    const config = makeConfig({
      auditRetentionDays: 30,
      tenants: [
        { id: 'acme', cidr: '10.1.0.0/16' },
        { id: 'beta', cidr: '10.1.0.0/17' },
        { id: 'gamma', account: 'nope' },
      ],
    });
    expect(problemsOf(() => plan(config)).map((p) => p.code)).toEqual(['HIPAA_RETENTION_TOO_SHORT', 'HIPAA_UNKNOWN_ACCOUNT', 'HIPAA_CIDR_OVERLAP']);
  });
});
