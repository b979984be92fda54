import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcPeering, VpcPeeringProps, PeeringSide } from '../../lib/constructs/network/vpc-peering';
import { HipaaStack } from '../../stacks/hipaa-stack';
import { ACCOUNT, Body, OTHER_ACCOUNT, TfJson, addresses, expr, problemsOf, ref, rendered, resources, synthJson, target, testStack } from './helpers';

const ACME_CIDR = '10.1.0.0/16';
const BETA_CIDR = '10.2.0.0/16';

interface PeeringFixture {
  stack: HipaaStack;
  acme: PeeringSide;
  beta: PeeringSide;
}

/** A peering stack in acme's account and Region, with an aliased provider for beta's side. */
function fixture(betaAccount = ACCOUNT, betaRegion = 'us-east-1'): PeeringFixture {
  const stack = testStack(ACCOUNT, 'us-east-1');
  const betaProvider = new AwsProvider(stack, 'beta', { alias: 'beta', region: betaRegion, allowedAccountIds: [betaAccount] });
  return {
    stack,
    acme: { target: target(ACCOUNT, 'us-east-1'), provider: stack.provider, name: 'acme', cidr: ACME_CIDR, azCount: 2 },
    beta: { target: target(betaAccount, betaRegion), provider: betaProvider, name: 'beta', cidr: BETA_CIDR, azCount: 3 },
  };
}

/** acme may reach beta on 5432 and 443; beta may reach acme on 8443. */
function peeringProps(f: PeeringFixture, overrides: Partial<VpcPeeringProps> = {}): VpcPeeringProps {
  return {
    connectionId: 'acme--beta',
    requester: f.acme,
    accepter: f.beta,
    rules: [
      { from: 'acme', to: 'beta', ports: [5432] },
      { from: 'beta', to: 'acme', ports: [8443] },
      { from: 'acme', to: 'beta', ports: [443, 5432] },
    ],
    ...overrides,
  };
}

const rulesOn = (rules: Record<string, Body>, group: string) =>
  Object.values(rules)
    .filter((r) => r.security_group_id === ref('aws_security_group', group))
    .map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4]);

describe('VpcPeering in one account and Region', () => {
  let json: TfJson;
  let peering: VpcPeering;
  let f: PeeringFixture;

  beforeAll(() => {
    f = fixture();
    peering = new VpcPeering(f.stack, 'Peering', peeringProps(f));
    json = synthJson(f.stack);
  });

  it("finds each VPC by its HipaaNetwork tag and CIDR, through its own side's provider", () => {
    expect(json.data?.aws_vpc).toEqual({
      acme__beta_acme: expect.objectContaining({ tags: { HipaaNetwork: 'acme' }, cidr_block: ACME_CIDR, provider: 'aws' }),
      acme__beta_beta: expect.objectContaining({ tags: { HipaaNetwork: 'beta' }, cidr_block: BETA_CIDR, provider: 'aws.beta' }),
    });
  });

  it('looks up one app route table per AZ index of each side, never a data table', () => {
    const tables = json.data?.aws_route_table ?? {};
    expect(Object.keys(tables).sort()).toEqual([
      'acme__beta_acme_app_az0',
      'acme__beta_acme_app_az1',
      'acme__beta_beta_app_az0',
      'acme__beta_beta_app_az1',
      'acme__beta_beta_app_az2',
    ]);
    expect(tables.acme__beta_beta_app_az2).toEqual(
      expect.objectContaining({
        vpc_id: expr('data.aws_vpc.acme__beta_beta.id'),
        tags: { HipaaNetwork: 'beta', Tier: 'app', AzIndex: '2' },
        provider: 'aws.beta',
      }),
    );
    for (const t of Object.values(tables)) expect(t.tags.Tier).toBe('app');
  });

  it('auto-accepts the connection, with no owner, Region or accepter resource', () => {
    const connection = resources(json, 'aws_vpc_peering_connection')['acme__beta'];
    expect(connection).toEqual(
      expect.objectContaining({
        vpc_id: expr('data.aws_vpc.acme__beta_acme.id'),
        peer_vpc_id: expr('data.aws_vpc.acme__beta_beta.id'),
        auto_accept: true,
      }),
    );
    expect(connection).not.toHaveProperty('peer_owner_id');
    expect(connection).not.toHaveProperty('peer_region');
    expect(resources(json, 'aws_vpc_peering_connection_accepter')).toEqual({});
    expect(peering.sameAccountAndRegion).toBe(true);
  });

  it('turns on remote DNS resolution for both sides', () => {
    expect(resources(json, 'aws_vpc_peering_connection_options')).toEqual({
      acme__beta: expect.objectContaining({
        vpc_peering_connection_id: ref('aws_vpc_peering_connection', 'acme__beta'),
        requester: { allow_remote_vpc_dns_resolution: true },
        accepter: { allow_remote_vpc_dns_resolution: true },
      }),
    });
  });

  it('routes each app table to exactly the peer CIDR over the connection', () => {
    const routes = resources(json, 'aws_route');
    expect(Object.keys(routes).sort()).toEqual([
      'acme__beta_acme_app_az0',
      'acme__beta_acme_app_az1',
      'acme__beta_beta_app_az0',
      'acme__beta_beta_app_az1',
      'acme__beta_beta_app_az2',
    ]);
    expect(routes.acme__beta_acme_app_az1).toEqual(
      expect.objectContaining({
        route_table_id: expr('data.aws_route_table.acme__beta_acme_app_az1.id'),
        destination_cidr_block: BETA_CIDR,
        vpc_peering_connection_id: ref('aws_vpc_peering_connection', 'acme__beta'),
      }),
    );
    expect(routes.acme__beta_beta_app_az2).toEqual(expect.objectContaining({ destination_cidr_block: ACME_CIDR, provider: 'aws.beta' }));
    for (const r of Object.values(routes)) expect([ACME_CIDR, BETA_CIDR]).toContain(r.destination_cidr_block);
  });

  it('admits only the declared ports from the peer CIDR, one group per direction in the target VPC', () => {
    const groups = resources(json, 'aws_security_group');
    expect(groups.acme__beta_beta_peer_from_acme).toEqual(
      expect.objectContaining({ name: 'peer-from-acme', vpc_id: expr('data.aws_vpc.acme__beta_beta.id'), provider: 'aws.beta' }),
    );
    expect(groups.acme__beta_acme_peer_from_beta).toEqual(expect.objectContaining({ name: 'peer-from-beta', vpc_id: expr('data.aws_vpc.acme__beta_acme.id') }));
    const ingress = resources(json, 'aws_vpc_security_group_ingress_rule');
    expect(rulesOn(ingress, 'acme__beta_beta_peer_from_acme')).toEqual([
      ['tcp', 443, 443, ACME_CIDR],
      ['tcp', 5432, 5432, ACME_CIDR],
    ]);
    expect(rulesOn(ingress, 'acme__beta_acme_peer_from_beta')).toEqual([['tcp', 8443, 8443, BETA_CIDR]]);
    expect(Object.keys(ingress)).toHaveLength(3);
  });

  it('lets the source side reach only the declared ports of the peer through peer-to-<peer>', () => {
    const egress = resources(json, 'aws_vpc_security_group_egress_rule');
    expect(rulesOn(egress, 'acme__beta_acme_peer_to_beta')).toEqual([
      ['tcp', 443, 443, BETA_CIDR],
      ['tcp', 5432, 5432, BETA_CIDR],
    ]);
    expect(rulesOn(egress, 'acme__beta_beta_peer_to_acme')).toEqual([['tcp', 8443, 8443, ACME_CIDR]]);
    expect(Object.keys(egress)).toHaveLength(3);
    expect(rendered(f.stack, peering.securityGroupIds['beta/peer-from-acme'])).toBe(ref('aws_security_group', 'acme__beta_beta_peer_from_acme'));
  });

  it('pins every address to the connection id, side names, AZ indexes and ports', () => {
    expect(addresses(json)).toEqual([
      'aws_route.acme__beta_acme_app_az0',
      'aws_route.acme__beta_acme_app_az1',
      'aws_route.acme__beta_beta_app_az0',
      'aws_route.acme__beta_beta_app_az1',
      'aws_route.acme__beta_beta_app_az2',
      'aws_security_group.acme__beta_acme_peer_from_beta',
      'aws_security_group.acme__beta_acme_peer_to_beta',
      'aws_security_group.acme__beta_beta_peer_from_acme',
      'aws_security_group.acme__beta_beta_peer_to_acme',
      'aws_vpc_peering_connection.acme__beta',
      'aws_vpc_peering_connection_options.acme__beta',
      'aws_vpc_security_group_egress_rule.acme__beta_acme_peer_to_beta_tcp443',
      'aws_vpc_security_group_egress_rule.acme__beta_acme_peer_to_beta_tcp5432',
      'aws_vpc_security_group_egress_rule.acme__beta_beta_peer_to_acme_tcp8443',
      'aws_vpc_security_group_ingress_rule.acme__beta_acme_peer_from_beta_tcp8443',
      'aws_vpc_security_group_ingress_rule.acme__beta_beta_peer_from_acme_tcp443',
      'aws_vpc_security_group_ingress_rule.acme__beta_beta_peer_from_acme_tcp5432',
      'data.aws_route_table.acme__beta_acme_app_az0',
      'data.aws_route_table.acme__beta_acme_app_az1',
      'data.aws_route_table.acme__beta_beta_app_az0',
      'data.aws_route_table.acme__beta_beta_app_az1',
      'data.aws_route_table.acme__beta_beta_app_az2',
      'data.aws_vpc.acme__beta_acme',
      'data.aws_vpc.acme__beta_beta',
    ]);
  });
});

describe('VpcPeering across accounts', () => {
  let json: TfJson;

  beforeAll(() => {
    const f = fixture(OTHER_ACCOUNT, 'us-east-1');
    new VpcPeering(f.stack, 'Peering', peeringProps(f));
    json = synthJson(f.stack);
  });

  it('requests the connection with the peer owner id and without auto-accept', () => {
    const connection = resources(json, 'aws_vpc_peering_connection')['acme__beta'];
    expect(connection.peer_owner_id).toBe(OTHER_ACCOUNT);
    expect(connection).not.toHaveProperty('peer_region');
    expect(connection).not.toHaveProperty('auto_accept');
  });

  it("accepts it with an accepter resource on the other account's provider", () => {
    expect(resources(json, 'aws_vpc_peering_connection_accepter')).toEqual({
      acme__beta: expect.objectContaining({
        provider: 'aws.beta',
        vpc_peering_connection_id: ref('aws_vpc_peering_connection', 'acme__beta'),
        auto_accept: true,
      }),
    });
  });

  it("sets DNS resolution from each side with that side's provider, once accepted", () => {
    const accepted = ref('aws_vpc_peering_connection_accepter', 'acme__beta');
    expect(resources(json, 'aws_vpc_peering_connection_options')).toEqual({
      acme__beta_acme: expect.objectContaining({ provider: 'aws', vpc_peering_connection_id: accepted, requester: { allow_remote_vpc_dns_resolution: true } }),
      acme__beta_beta: expect.objectContaining({ provider: 'aws.beta', vpc_peering_connection_id: accepted, accepter: { allow_remote_vpc_dns_resolution: true } }),
    });
    expect(resources(json, 'aws_vpc_peering_connection_options').acme__beta_acme).not.toHaveProperty('accepter');
  });

  it('adds routes only after acceptance', () => {
    for (const r of Object.values(resources(json, 'aws_route'))) {
      expect(r.vpc_peering_connection_id).toBe(ref('aws_vpc_peering_connection_accepter', 'acme__beta'));
    }
  });
});

describe('VpcPeering across Regions', () => {
  let json: TfJson;

  beforeAll(() => {
    const f = fixture(ACCOUNT, 'eu-west-1');
    new VpcPeering(f.stack, 'Peering', peeringProps(f, { securityGroups: false }));
    json = synthJson(f.stack);
  });

  it("requests the connection with the peer Region, accepted on the other Region's provider", () => {
    const connection = resources(json, 'aws_vpc_peering_connection')['acme__beta'];
    expect(connection.peer_region).toBe('eu-west-1');
    expect(connection).not.toHaveProperty('peer_owner_id');
    expect(connection).not.toHaveProperty('auto_accept');
    expect(resources(json, 'aws_vpc_peering_connection_accepter').acme__beta.provider).toBe('aws.beta');
  });

  it('creates no security groups when the tenant stacks own them', () => {
    expect(resources(json, 'aws_security_group')).toEqual({});
    expect(resources(json, 'aws_vpc_security_group_ingress_rule')).toEqual({});
    expect(Object.keys(resources(json, 'aws_route'))).toHaveLength(5);
  });
});

describe('VpcPeering validation', () => {
  let f: PeeringFixture;
  let count = 0;
  const build = (overrides: Partial<VpcPeeringProps>) => {
    count += 1;
    return new VpcPeering(f.stack, `Peering${count}`, peeringProps(f, overrides));
  };

  beforeAll(() => {
    f = fixture();
  });

  it('rejects peers whose CIDRs overlap', () => {
    expect(problemsOf(() => build({ accepter: { ...f.beta, cidr: '10.1.128.0/17' } }))).toEqual([{ code: 'HIPAA_NET_PEER_OVERLAP', path: 'accepter.cidr' }]);
  });

  it.each([
    ['malformed', '10.2.0.0', 'HIPAA_NET_CIDR'],
    ['a Terraform reference', expr('data.aws_vpc.beta.cidr_block'), 'HIPAA_NET_CIDR_TOKEN'],
    ['not aligned', '10.2.0.5/16', 'HIPAA_NET_CIDR_ALIGNMENT'],
  ])('rejects a peer CIDR that is %s', (_what, cidr, code) => {
    expect(problemsOf(() => build({ accepter: { ...f.beta, cidr } }))).toEqual([{ code, path: 'accepter.cidr' }]);
  });

  it('rejects peering a network with itself', () => {
    expect(problemsOf(() => build({ accepter: { ...f.acme }, rules: [{ from: 'acme', to: 'acme', ports: [443] }] }))).toEqual([
      { code: 'HIPAA_NET_PEER_SELF', path: 'accepter.name' },
      { code: 'HIPAA_NET_PEER_OVERLAP', path: 'accepter.cidr' },
    ]);
  });

  it.each([
    ['zero', 0],
    ['above 65535', 65536],
    ['fractional', 44.5],
    ['negative', -22],
  ])('rejects a port that is %s', (_what, port) => {
    expect(problemsOf(() => build({ rules: [{ from: 'acme', to: 'beta', ports: [443, port] }] }))).toEqual([{ code: 'HIPAA_NET_PORT', path: 'rules[0].ports[1]' }]);
  });

  it('rejects a rule without ports, and a peering without rules', () => {
    expect(problemsOf(() => build({ rules: [{ from: 'acme', to: 'beta', ports: [] }] }))).toEqual([{ code: 'HIPAA_NET_PORTS_EMPTY', path: 'rules[0].ports' }]);
    expect(problemsOf(() => build({ rules: [] }))).toEqual([{ code: 'HIPAA_NET_PEER_NO_RULES', path: 'rules' }]);
  });

  it('rejects rules that name an unknown side or go nowhere', () => {
    expect(
      problemsOf(() =>
        build({
          rules: [
            { from: 'acme', to: 'gamma', ports: [443] },
            { from: 'beta', to: 'beta', ports: [443] },
          ],
        }),
      ),
    ).toEqual([
      { code: 'HIPAA_NET_PEER_RULE_SIDE', path: 'rules[0].to' },
      { code: 'HIPAA_NET_PEER_RULE_DIRECTION', path: 'rules[1].to' },
    ]);
  });

  it('rejects a malformed connection id and AZ count', () => {
    expect(problemsOf(() => build({ connectionId: 'Acme Beta', requester: { ...f.acme, azCount: 1 } }))).toEqual([
      { code: 'HIPAA_NET_CONNECTION_ID', path: 'connectionId' },
      { code: 'HIPAA_NET_AZ_COUNT', path: 'requester.azCount' },
    ]);
  });

  it('rejects a provider configured for another Region or account than its side', () => {
    const wrongRegion = { ...f.beta, target: target(ACCOUNT, 'us-west-2') };
    expect(problemsOf(() => build({ accepter: wrongRegion }))).toEqual([{ code: 'HIPAA_NET_PROVIDER', path: 'accepter.provider' }]);
    const wrongAccount = { ...f.beta, target: target(OTHER_ACCOUNT, 'us-east-1') };
    expect(problemsOf(() => build({ accepter: wrongAccount }))).toEqual([{ code: 'HIPAA_NET_PROVIDER', path: 'accepter.provider' }]);
  });

  it('rejects a provider from another stack', () => {
    const other = testStack();
    expect(problemsOf(() => build({ accepter: { ...f.beta, provider: other.provider } }))).toEqual([{ code: 'HIPAA_NET_PROVIDER', path: 'accepter.provider' }]);
  });

  it('reports every problem at once', () => {
    const codes = problemsOf(() => build({ connectionId: '-', accepter: { ...f.beta, cidr: ACME_CIDR }, rules: [{ from: 'acme', to: 'beta', ports: [0] }] })).map((p) => p.code);
    expect(codes).toEqual(['HIPAA_NET_CONNECTION_ID', 'HIPAA_NET_PEER_OVERLAP', 'HIPAA_NET_PORT']);
  });

  it('refuses a second peering with the same connection id in one stack', () => {
    build({ connectionId: 'acme--beta-dup' });
    expect(problemsOf(() => build({ connectionId: 'acme--beta-dup' }))).toEqual([{ code: 'HIPAA_NET_ADDRESS_TAKEN', path: 'connectionId' }]);
  });
});
