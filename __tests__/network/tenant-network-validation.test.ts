import { TenantNetwork, TenantNetworkProps, SubnetPlan, tenantNetworkProblems } from '../../lib/constructs/network/tenant-network';
import { HipaaValidationError } from '../../lib/errors';
import { HipaaKey } from '../../lib/constructs/security/hipaa-key';
import { HipaaStack } from '../../stacks/hipaa-stack';
import { PUBLIC_SUBNETS, TWO_AZ_SUBNETS, expr, networkProps, problemsOf, target, tenantKey, testStack } from './helpers';

const subnet = (tier: SubnetPlan['tier'], azIndex: number, cidr: string, availabilityZone = `us-east-1${'abcdef'[azIndex] ?? 'a'}`): SubnetPlan => ({
  tier,
  azIndex,
  availabilityZone,
  cidr,
});

describe('TenantNetwork validation', () => {
  let stack: HipaaStack;
  let key: HipaaKey;
  let count = 0;
  const problems = (overrides: Partial<TenantNetworkProps>) => tenantNetworkProblems(networkProps(key, overrides)).map((p) => ({ code: p.code, path: p.path }));
  const build = (overrides: Partial<TenantNetworkProps>) => {
    count += 1;
    return new TenantNetwork(stack, `Network${count}`, networkProps(key, overrides));
  };

  beforeAll(() => {
    stack = testStack();
    key = tenantKey(stack);
  });

  it('accepts the reference 2-AZ plan', () => {
    expect(problems({})).toEqual([]);
  });

  it.each([
    ['malformed', '10.1.0/16', 'HIPAA_NET_CIDR'],
    ['an octet above 255', '10.256.0.0/16', 'HIPAA_NET_CIDR'],
    ['a Terraform reference', expr('aws_vpc.other.cidr_block'), 'HIPAA_NET_CIDR_TOKEN'],
    ['host bits set', '10.1.0.1/16', 'HIPAA_NET_CIDR_ALIGNMENT'],
    ['a prefix wider than /16', '10.0.0.0/8', 'HIPAA_NET_CIDR_PREFIX'],
  ])('rejects a VPC CIDR that is %s', (_what, cidr, code) => {
    expect(problems({ cidr })).toContainEqual({ code, path: 'cidr' });
  });

  // Every tier network ACL denies 22 and 3389 from anywhere first, so the peer rule would admit nothing.
  it.each([22, 3389])('rejects an inbound peer on administrative port %s', (port) => {
    expect(problems({ inboundPeers: [{ name: 'globex', cidr: '10.9.0.0/16', ports: [443, port] }] })).toEqual([{ code: 'HIPAA_NET_PEER_ADMIN_PORT', path: 'peer.ports[1]' }]);
  });

  it('rejects a subnet outside the VPC CIDR', () => {
    const subnets = [...TWO_AZ_SUBNETS.slice(0, 3), subnet('data', 0, '10.2.32.0/20')];
    expect(problems({ subnets })).toEqual([{ code: 'HIPAA_NET_SUBNET_OUTSIDE_VPC', path: 'subnets[3].cidr' }]);
  });

  it('rejects two subnets that overlap', () => {
    const subnets = [...TWO_AZ_SUBNETS.slice(0, 3), subnet('data', 0, '10.1.8.0/21')];
    expect(problems({ subnets })).toEqual([{ code: 'HIPAA_NET_SUBNET_OVERLAP', path: 'subnets[3].cidr' }]);
  });

  it('rejects a tier in fewer than two Availability Zones', () => {
    const subnets = [subnet('app', 0, '10.1.0.0/20'), subnet('data', 0, '10.1.32.0/20'), subnet('data', 1, '10.1.48.0/20')];
    expect(problems({ subnets })).toEqual([{ code: 'HIPAA_NET_TOO_FEW_AZS', path: 'subnets' }]);
  });

  it('requires the data tier too', () => {
    const subnets = [subnet('app', 0, '10.1.0.0/20'), subnet('app', 1, '10.1.16.0/20')];
    expect(problems({ subnets })).toEqual([{ code: 'HIPAA_NET_TOO_FEW_AZS', path: 'subnets' }]);
  });

  it('rejects public subnets without egress', () => {
    expect(problems({ subnets: [...TWO_AZ_SUBNETS, ...PUBLIC_SUBNETS] })).toEqual([{ code: 'HIPAA_NET_PUBLIC_WITHOUT_EGRESS', path: 'subnets[4].tier' }]);
  });

  it('rejects egress without public subnets for the NAT gateways', () => {
    expect(problems({ egress: true })).toEqual([{ code: 'HIPAA_NET_EGRESS_WITHOUT_PUBLIC', path: 'subnets' }]);
  });

  it('rejects egress with a public subnet missing in one AZ', () => {
    expect(problems({ egress: true, subnets: [...TWO_AZ_SUBNETS, PUBLIC_SUBNETS[1]] }).map((p) => p.code)).toEqual(['HIPAA_NET_TOO_FEW_AZS']);
  });

  it('rejects AZ indexes that are not 0..n-1 in every tier', () => {
    const subnets = [subnet('app', 0, '10.1.0.0/20'), subnet('app', 2, '10.1.16.0/20'), subnet('data', 0, '10.1.32.0/20'), subnet('data', 2, '10.1.48.0/20')];
    expect(problems({ subnets })).toEqual([{ code: 'HIPAA_NET_AZ_INDEXES', path: 'subnets' }]);
  });

  it('rejects a second subnet for the same tier and AZ index', () => {
    const subnets = [...TWO_AZ_SUBNETS, subnet('app', 1, '10.1.128.0/20')];
    expect(problems({ subnets })).toEqual([{ code: 'HIPAA_NET_SUBNET_DUPLICATE', path: 'subnets[4]' }]);
  });

  it('rejects an unknown tier and a negative AZ index', () => {
    const subnets = [...TWO_AZ_SUBNETS, { tier: 'dmz', azIndex: -1, availabilityZone: 'us-east-1a', cidr: '10.1.128.0/20' } as unknown as SubnetPlan];
    expect(problems({ subnets })).toEqual([
      { code: 'HIPAA_NET_SUBNET_TIER', path: 'subnets[4].tier' },
      { code: 'HIPAA_NET_AZ_INDEX', path: 'subnets[4].azIndex' },
    ]);
  });

  it('rejects an Availability Zone of another Region', () => {
    const subnets = [...TWO_AZ_SUBNETS.slice(0, 3), subnet('data', 0, '10.1.32.0/20', 'us-west-2a')];
    expect(problems({ subnets })).toEqual([{ code: 'HIPAA_NET_AZ', path: 'subnets[3].availabilityZone' }]);
  });

  // us-east-1 has zones a to f (AWS Regions and Availability Zones guide); us-east-1g does not exist.
  it('rejects an Availability Zone letter the Region does not have', () => {
    const subnets = [...TWO_AZ_SUBNETS.slice(0, 3), subnet('data', 0, '10.1.32.0/20', 'us-east-1g')];
    expect(problems({ subnets })).toEqual([{ code: 'HIPAA_NET_AZ', path: 'subnets[3].availabilityZone' }]);
  });

  it('rejects one AZ index mapped to two zones', () => {
    const subnets = [...TWO_AZ_SUBNETS.slice(0, 3), subnet('data', 0, '10.1.32.0/20', 'us-east-1c')];
    expect(problems({ subnets })).toEqual([{ code: 'HIPAA_NET_AZ_MAPPING', path: 'subnets[3].availabilityZone' }]);
  });

  it('rejects malformed and repeated interface endpoint services', () => {
    expect(problems({ interfaceEndpoints: ['ssm', 'SSM Messages', 'ssm'] })).toEqual([
      { code: 'HIPAA_NET_ENDPOINT_SERVICE', path: 'interfaceEndpoints[1]' },
      { code: 'HIPAA_NET_ENDPOINT_SERVICE', path: 'interfaceEndpoints[2]' },
    ]);
  });

  it('rejects a name that is not a short slug', () => {
    expect(problems({ name: 'Acme_Health' })).toEqual([{ code: 'HIPAA_NET_NAME', path: 'name' }]);
    expect(problems({ name: 'a'.repeat(33) })).toEqual([{ code: 'HIPAA_NET_NAME', path: 'name' }]);
  });

  it('rejects a flow log key from another Region', () => {
    const west = testStack('123456789012', 'us-west-2');
    const westKey = tenantKey(west, target('123456789012', 'us-west-2'));
    expect(tenantNetworkProblems(networkProps(westKey)).map((p) => [p.code, p.path])).toEqual([['HIPAA_NET_FLOW_LOG_KEY', 'flowLogKey']]);
  });

  it('throws one error listing every problem before creating anything', () => {
    const before = stack.node.findAll().length;
    const subnets = [subnet('app', 0, '10.9.0.0/20'), subnet('data', 0, 'nope')];
    let error: unknown;
    try {
      build({ cidr: '10.1.0.0/16', subnets, interfaceEndpoints: ['bad name'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HipaaValidationError);
    const err = error as HipaaValidationError;
    expect(err.problems.map((p) => p.code)).toEqual([
      'HIPAA_NET_SUBNET_OUTSIDE_VPC',
      'HIPAA_NET_CIDR',
      'HIPAA_NET_TOO_FEW_AZS',
      'HIPAA_NET_TOO_FEW_AZS',
      'HIPAA_NET_ENDPOINT_SERVICE',
    ]);
    expect(err.message).toContain('subnets[0].cidr (got "10.9.0.0/20")');
    expect(err.message).toContain('Fix:');
    expect(stack.node.findAll().length).toBe(before + 1);
  });

  it('refuses a second network with the same name in one stack, whose addresses would collide', () => {
    build({});
    expect(problemsOf(() => build({}))).toEqual([{ code: 'HIPAA_NET_ADDRESS_TAKEN', path: 'name' }]);
  });
});
