import type { TenantConfig } from '../../lib/config/schema';
import { MAX_PEERINGS_PER_VPC, declaredConnections, peeringKind, peeringProblems, planPeerings } from '../../lib/plan/peering';
import type { PeeringSide } from '../../lib/plan/types';
import { makeConfig, problemWith } from './fixtures';

type TenantInput = Partial<TenantConfig> & { id: string };

function side(id: string, overrides: Partial<PeeringSide> = {}, index = 0): PeeringSide {
  return {
    id,
    kind: 'tenant',
    stackName: `tenant-${id}`,
    account: { name: 'prod-a', id: '111111111111', roleName: 'OrganizationAccountAccessRole' },
    region: 'us-east-1',
    cidr: `10.0.${index * 16}.0/20`,
    ...overrides,
  };
}

function sidesFor(ids: readonly string[]): PeeringSide[] {
  return ids.map((id, i) => side(id, { kind: id.startsWith('pool') ? 'pool' : 'tenant' }, i));
}

describe('planPeerings', () => {
  it('plans one connection for one declaration, with the smaller id as requester', () => {
    const config = makeConfig({ tenants: [{ id: 'beta', peers: [{ tenant: 'acme', ports: [5432] }] }, { id: 'acme' }] });
    const [peering, ...rest] = planPeerings(config, sidesFor(['beta', 'acme']));
    expect(rest).toEqual([]);
    expect(peering).toMatchObject({
      id: 'acme--beta',
      stackName: 'peering-acme--beta',
      kind: 'same-account',
      requester: { id: 'acme', cidr: '10.0.16.0/20' },
      accepter: { id: 'beta', cidr: '10.0.0.0/20' },
      rules: [{ from: 'beta', to: 'acme', fromCidr: '10.0.0.0/20', ports: [5432] }],
    });
  });

  it('makes ONE connection with two directions when both sides declare each other', () => {
    const config = makeConfig({
      tenants: [
        { id: 'beta', peers: [{ tenant: 'acme', ports: [443] }] },
        { id: 'acme', peers: [{ tenant: 'beta', ports: [8443, 5432, 8443] }] },
      ],
    });
    const peerings = planPeerings(config, sidesFor(['beta', 'acme']));
    expect(peerings).toHaveLength(1);
    expect(peerings[0].rules).toEqual([
      { from: 'acme', to: 'beta', fromCidr: '10.0.16.0/20', ports: [5432, 8443] },
      { from: 'beta', to: 'acme', fromCidr: '10.0.0.0/20', ports: [443] },
    ]);
  });

  it('defaults ports to 443 and connects pools like tenants', () => {
    const config = makeConfig({ pools: [{ id: 'pool-a', peers: [{ tenant: 'acme' }] }], tenants: [{ id: 'acme' }] });
    const [peering] = planPeerings(config, sidesFor(['pool-a', 'acme']));
    expect(peering.id).toBe('acme--pool-a');
    expect(peering.accepter.kind).toBe('pool');
    expect(peering.rules).toEqual([{ from: 'pool-a', to: 'acme', fromCidr: '10.0.0.0/20', ports: [443] }]);
  });

  it('plans only declared pairs, ordered by connection id', () => {
    const config = makeConfig({
      tenants: [{ id: 'cc', peers: [{ tenant: 'aa' }] }, { id: 'bb', peers: [{ tenant: 'aa' }] }, { id: 'aa' }, { id: 'dd' }],
    });
    expect(planPeerings(config, sidesFor(['cc', 'bb', 'aa', 'dd'])).map((p) => p.id)).toEqual(['aa--bb', 'aa--cc']);
    expect(declaredConnections(config).map((c) => c.ends)).toEqual([
      ['aa', 'bb'],
      ['aa', 'cc'],
    ]);
  });

  it('rejects two ends with overlapping CIDRs, naming both', () => {
    const config = makeConfig({ tenants: [{ id: 'acme', peers: [{ tenant: 'beta' }] }, { id: 'beta' }] });
    const vpcs = [side('acme', { cidr: '10.0.0.0/16' }), side('beta', { cidr: '10.0.16.0/20' })];
    const problem = problemWith(() => planPeerings(config, vpcs), 'HIPAA_PEER_CIDR_OVERLAP');
    expect(problem.path).toBe('tenants[0].peers[0].tenant');
    expect(problem.message).toBe('tenant "acme" (10.0.0.0/16) and tenant "beta" (10.0.16.0/20) have overlapping CIDRs; AWS cannot peer them');
  });
});

describe('peeringKind', () => {
  const other = { name: 'prod-b', id: '222222222222', roleName: 'OrganizationAccountAccessRole' };
  test.each([
    ['same account and Region', {}, 'same-account'],
    ['another account', { account: other }, 'cross-account'],
    ['another Region', { region: 'us-west-2' }, 'cross-region'],
    ['another account and Region', { account: other, region: 'us-west-2' }, 'cross-account-and-region'],
  ])('classifies a peer in %s', (_name, overrides, kind) => {
    expect(peeringKind(side('acme'), side('beta', overrides, 1))).toBe(kind);
  });
});

describe('peering problems', () => {
  const pooledSetup = {
    pools: [{ id: 'shared' }],
  };

  test.each<[string, TenantInput[], string, string, string]>([
    [
      'an unknown peer, with a suggestion',
      [{ id: 'acme', peers: [{ tenant: 'betta', ports: [443] }] }, { id: 'beta' }],
      'HIPAA_PEER_UNKNOWN',
      'tenants[0].peers[0].tenant',
      'tenant "acme" peers with "betta", which is neither a tenant nor a pool (did you mean "beta"?)',
    ],
    [
      'an unknown peer far from any id',
      [{ id: 'acme', peers: [{ tenant: 'zzzzzz', ports: [443] }] }],
      'HIPAA_PEER_UNKNOWN',
      'tenants[0].peers[0].tenant',
      'tenant "acme" peers with "zzzzzz", which is neither a tenant nor a pool',
    ],
    ['a peer on itself', [{ id: 'acme', peers: [{ tenant: 'acme', ports: [443] }] }], 'HIPAA_PEER_SELF', 'tenants[0].peers[0].tenant', 'tenant "acme" peers with itself'],
    [
      'the same peer declared twice',
      [
        {
          id: 'acme',
          peers: [
            { tenant: 'beta', ports: [443] },
            { tenant: 'beta', ports: [8080] },
          ],
        },
        { id: 'beta' },
      ],
      'HIPAA_PEER_DUPLICATE',
      'tenants[0].peers[1].tenant',
      'tenant "acme" declares peer "beta" twice (first at tenants[0].peers[0])',
    ],
    [
      'a pooled tenant declaring peers',
      [{ id: 'small', mode: 'pooled', pool: 'shared', peers: [{ tenant: 'shared', ports: [443] }] }],
      'HIPAA_PEER_FROM_POOLED_TENANT',
      'tenants[0].peers',
      'tenant "small" is pooled and cannot declare peers: peering connects VPCs, and it lives in its pool\'s VPC',
    ],
    [
      'a pooled tenant as peer',
      [
        { id: 'acme', peers: [{ tenant: 'small', ports: [443] }] },
        { id: 'small', mode: 'pooled', pool: 'shared' },
      ],
      'HIPAA_PEER_POOLED_TENANT',
      'tenants[0].peers[0].tenant',
      'tenant "acme" peers with tenant "small", which is pooled and has no VPC of its own',
    ],
  ])('reports %s', (_name, tenantList, code, path, message) => {
    const config = makeConfig({ ...pooledSetup, tenants: tenantList });
    const problems = peeringProblems(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code, path, message });
  });

  it('tells a pooled tenant where its peers belong', () => {
    const config = makeConfig({
      pools: [{ id: 'shared' }],
      tenants: [{ id: 'small', mode: 'pooled', pool: 'shared', peers: [{ tenant: 'shared' }] }],
    });
    expect(peeringProblems(config)[0].fix).toBe('move these peers to pools[0].peers (they then apply to every tenant of the pool)');
  });

  it(`rejects more than ${MAX_PEERINGS_PER_VPC} peerings on one VPC, naming the VPC and the count`, () => {
    const spokes = Array.from({ length: MAX_PEERINGS_PER_VPC + 1 }, (_, i) => ({ id: `s${i}` }));
    const config = makeConfig({ tenants: [{ id: 'hub', peers: spokes.map((s) => ({ tenant: s.id, ports: [443] })) }, ...spokes] });
    const problems = peeringProblems(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'HIPAA_PEERING_LIMIT', path: 'tenants[0].peers', value: 51 });
    expect(problems[0].message).toMatch(/^tenant "hub" would have 51 active peering connections \("s0", .*AWS allows 50 per VPC$/);
  });

  it(`accepts exactly ${MAX_PEERINGS_PER_VPC} peerings on one VPC, counting both directions of a pair once`, () => {
    const spokes = Array.from({ length: MAX_PEERINGS_PER_VPC }, (_, i) => ({ id: `s${i}`, peers: [{ tenant: 'hub' }] }));
    const config = makeConfig({ tenants: [{ id: 'hub', peers: spokes.map((s) => ({ tenant: s.id })) }, ...spokes] });
    expect(peeringProblems(config)).toEqual([]);
  });
});
