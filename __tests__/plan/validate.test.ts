import type { HipaaConfigInput } from '../../lib/config/schema';
import { configProblems, validateConfig } from '../../lib/plan/validate';
import { ACCOUNT_A, ACCOUNT_B, SECURITY, makeConfig, problemsOf } from './fixtures';

describe('validateConfig', () => {
  it('accepts a sound config with pools, pooled and dedicated tenants, pins and peers', () => {
    const config = makeConfig({
      accounts: [SECURITY, ACCOUNT_A, { ...ACCOUNT_B, regions: ['us-west-2'] }],
      pools: [{ id: 'shared', region: 'us-west-2', account: 'prod-b' }],
      tenants: [
        { id: 'acme', cidr: '10.1.0.0/20', peers: [{ tenant: 'shared', ports: [443] }] },
        { id: 'small', mode: 'pooled', pool: 'shared', region: 'us-west-2', account: 'prod-b' },
      ],
    });
    expect(() => validateConfig(config)).not.toThrow();
  });

  test.each<[string, Partial<HipaaConfigInput>, string, string, string]>([
    [
      'audit retention below six years without acknowledgement',
      { auditRetentionDays: 365 },
      'HIPAA_RETENTION_TOO_SHORT',
      'auditRetentionDays',
      '365 days is below the six years (2190 days)',
    ],
    [
      'a duplicate account name',
      { accounts: [ACCOUNT_A, { ...ACCOUNT_B, name: 'prod-a' }] },
      'HIPAA_DUPLICATE_ACCOUNT_NAME',
      'accounts[1].name',
      'account name "prod-a" is already used by accounts[0].name',
    ],
    [
      'a duplicate account id',
      { accounts: [ACCOUNT_A, { ...ACCOUNT_B, id: ACCOUNT_A.id }] },
      'HIPAA_DUPLICATE_ACCOUNT_ID',
      'accounts[1].id',
      'account id 111111111111 is already used by accounts[0].id',
    ],
    [
      'a duplicate tenant id',
      { tenants: [{ id: 'acme' }, { id: 'beta' }, { id: 'acme' }] },
      'HIPAA_DUPLICATE_TENANT_ID',
      'tenants[2].id',
      'tenant id "acme" is already used by tenants[0].id',
    ],
    ['a duplicate pool id', { pools: [{ id: 'shared' }, { id: 'shared' }] }, 'HIPAA_DUPLICATE_POOL_ID', 'pools[1].id', 'pool id "shared" is already used by pools[0].id'],
    [
      'a tenant id equal to a pool id',
      { pools: [{ id: 'acme' }], tenants: [{ id: 'acme' }] },
      'HIPAA_TENANT_ID_IS_POOL_ID',
      'tenants[0].id',
      'tenant id "acme" is also the id of pool "acme" (pools[0])',
    ],
    [
      'a pooled tenant without pool',
      { pools: [{ id: 'shared' }], tenants: [{ id: 'small', mode: 'pooled' }] },
      'HIPAA_POOLED_TENANT_WITHOUT_POOL',
      'tenants[0].pool',
      'tenant "small" has mode "pooled" but names no pool',
    ],
    [
      'a pooled tenant with an unknown pool',
      { pools: [{ id: 'shared' }], tenants: [{ id: 'small', mode: 'pooled', pool: 'sharde' }] },
      'HIPAA_UNKNOWN_POOL',
      'tenants[0].pool',
      'tenant "small" names pool "sharde", which is not in pools (did you mean "shared"?)',
    ],
    [
      'a dedicated tenant with a pool',
      { pools: [{ id: 'shared' }], tenants: [{ id: 'acme', pool: 'shared' }] },
      'HIPAA_DEDICATED_TENANT_WITH_POOL',
      'tenants[0].pool',
      'tenant "acme" is dedicated (its own VPC) but names pool "shared"',
    ],
    [
      'a pooled tenant with a cidr',
      { pools: [{ id: 'shared' }], tenants: [{ id: 'small', mode: 'pooled', pool: 'shared', cidr: '10.9.0.0/20' }] },
      'HIPAA_POOLED_TENANT_CIDR',
      'tenants[0].cidr',
      'tenant "small" is pooled and has no VPC of its own',
    ],
    [
      'a pooled tenant with egress',
      { pools: [{ id: 'shared' }], tenants: [{ id: 'small', mode: 'pooled', pool: 'shared', egress: true }] },
      'HIPAA_POOLED_TENANT_EGRESS',
      'tenants[0].egress',
      'tenant "small" is pooled and has no VPC of its own',
    ],
    [
      'a pooled tenant in another Region than its pool',
      { pools: [{ id: 'shared' }], tenants: [{ id: 'small', mode: 'pooled', pool: 'shared', region: 'us-west-2' }] },
      'HIPAA_POOLED_TENANT_REGION',
      'tenants[0].region',
      'lives in pool "shared"\'s region "us-east-1", not "us-west-2"',
    ],
    [
      'a pooled tenant pinning an account its pool does not pin',
      { pools: [{ id: 'shared' }], tenants: [{ id: 'small', mode: 'pooled', pool: 'shared', account: 'prod-a' }] },
      'HIPAA_POOLED_TENANT_ACCOUNT',
      'tenants[0].account',
      'which is automatic (pools[0].account is not set)',
    ],
    [
      'a tenant Region no workloads account covers',
      { tenants: [{ id: 'acme', region: 'eu-west-1' }] },
      'HIPAA_REGION_NOT_COVERED',
      'tenants[0].region',
      'tenant "acme" runs in eu-west-1, which no workloads account covers',
    ],
    [
      'a pool Region no workloads account covers',
      { pools: [{ id: 'shared', region: 'eu-west-1' }] },
      'HIPAA_REGION_NOT_COVERED',
      'pools[0].region',
      'pool "shared" runs in eu-west-1',
    ],
    [
      'tenants and no workloads account',
      { accounts: [SECURITY], tenants: [{ id: 'acme' }] },
      'HIPAA_REGION_NOT_COVERED',
      'tenants[0].region',
      'no account has purpose "workloads"',
    ],
    [
      'an account pin to an unknown account',
      { tenants: [{ id: 'acme', account: 'prod' }] },
      'HIPAA_UNKNOWN_ACCOUNT',
      'tenants[0].account',
      'tenant "acme" is pinned to account "prod", which is not in accounts',
    ],
    ['a malformed pin', { tenants: [{ id: 'acme', cidr: '10.0.0.300/20' }] }, 'HIPAA_CIDR_INVALID', 'tenants[0].cidr', 'has an octet above 255'],
    [
      'a malformed supernet',
      { network: { supernet: '10.0.0.0/33', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 5 } },
      'HIPAA_SUPERNET_INVALID',
      'network.supernet',
      'has a prefix length above 32',
    ],
    ['an unknown peer', { tenants: [{ id: 'acme', peers: [{ tenant: 'ghost', ports: [443] }] }] }, 'HIPAA_PEER_UNKNOWN', 'tenants[0].peers[0].tenant', 'peers with "ghost"'],
    ['a double hyphen in an id', { tenants: [{ id: 'ac--me' }] }, 'HIPAA_NAME_DOUBLE_HYPHEN', 'tenants[0].id', 'contains "--"'],
  ])('reports %s', (_name, input, code, path, message) => {
    const problems = configProblems(makeConfig(input));
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0].path).toBe(path);
    expect(problems[0].message).toContain(message);
  });

  it('accepts a short retention with an acknowledgement', () => {
    const config = makeConfig({ auditRetentionDays: 365, auditRetentionAcknowledgement: { reason: 'non-production sandbox only' } });
    expect(configProblems(config)).toEqual([]);
  });

  it('throws ONE error listing every problem at once', () => {
    const config = makeConfig({
      auditRetentionDays: 30,
      accounts: [ACCOUNT_A, { ...ACCOUNT_B, name: 'prod-a' }],
      tenants: [{ id: 'acme' }, { id: 'acme' }, { id: 'small', mode: 'pooled' }],
    });
    expect(problemsOf(() => validateConfig(config)).map((p) => p.path)).toEqual(['auditRetentionDays', 'accounts[1].name', 'tenants[1].id', 'tenants[2].pool']);
    expect(() => validateConfig(config)).toThrow(/^Configuration: 4 problems\n {2}- auditRetentionDays \(got 30\): /);
  });
});
