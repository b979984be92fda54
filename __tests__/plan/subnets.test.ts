import { contains, mustParseCidr, overlaps } from '../../lib/cidr';
import { MAX_VPC_PREFIX, availabilityZoneName, carveSubnets } from '../../lib/plan/subnets';

const carve = (vpcCidr: string, azCount: number, egress: boolean) => carveSubnets({ vpcCidr, region: 'us-east-1', azCount, egress });

describe('carveSubnets', () => {
  it('carves app and data subnets per AZ, and no public tier without egress', () => {
    expect(carve('10.0.16.0/20', 2, false)).toEqual([
      { tier: 'app', azIndex: 0, availabilityZone: 'us-east-1a', cidr: '10.0.16.0/24' },
      { tier: 'app', azIndex: 1, availabilityZone: 'us-east-1b', cidr: '10.0.17.0/24' },
      { tier: 'data', azIndex: 0, availabilityZone: 'us-east-1a', cidr: '10.0.24.0/25' },
      { tier: 'data', azIndex: 1, availabilityZone: 'us-east-1b', cidr: '10.0.24.128/25' },
    ]);
  });

  it('adds a public tier for the NAT gateway when the VPC has egress', () => {
    const publicSubnets = carve('10.0.16.0/20', 2, true).filter((s) => s.tier === 'public');
    expect(publicSubnets.map((s) => s.cidr)).toEqual(['10.0.28.0/26', '10.0.28.64/26']);
  });

  test.each([
    ['10.0.0.0/16', '10.0.0.0/20', '10.0.128.0/21', '10.0.192.0/22'],
    ['10.0.0.0/20', '10.0.0.0/24', '10.0.8.0/25', '10.0.12.0/26'],
    ['10.0.0.0/22', '10.0.0.0/26', '10.0.2.0/27', '10.0.3.0/28'],
  ])('lays out a %s VPC: first app %s, first data %s, first public %s', (vpc, app, data, pub) => {
    const subnets = carve(vpc, 2, true);
    const first = (tier: string) => subnets.find((s) => s.tier === tier && s.azIndex === 0)?.cidr;
    expect([first('app'), first('data'), first('public')]).toEqual([app, data, pub]);
  });

  test.each([2, 3, 4, 5, 6])('keeps every subnet disjoint and inside the VPC with %d AZs', (azCount) => {
    const vpc = mustParseCidr('10.0.16.0/20');
    const subnets = carve('10.0.16.0/20', azCount, true).map((s) => mustParseCidr(s.cidr));
    expect(subnets).toHaveLength(3 * azCount);
    for (const s of subnets) expect(contains(vpc, s)).toBe(true);
    for (let i = 0; i < subnets.length; i++) {
      for (let j = i + 1; j < subnets.length; j++) expect(overlaps(subnets[i], subnets[j])).toBe(false);
    }
  });

  test.each([
    [2, 3],
    [2, 6],
    [4, 5],
  ])('keeps existing subnets when azCount grows from %d to %d', (from, to) => {
    const before = carve('10.0.0.0/20', from, true);
    expect(carve('10.0.0.0/20', to, true)).toEqual(expect.arrayContaining(before));
  });

  it('keeps app and data subnets when egress is turned on', () => {
    const without = carve('10.0.0.0/20', 3, false);
    expect(carve('10.0.0.0/20', 3, true)).toEqual(expect.arrayContaining(without));
  });

  it('orders subnets by tier, then AZ index', () => {
    expect(carve('10.0.0.0/20', 3, true).map((s) => `${s.tier}${s.azIndex}`)).toEqual(['public0', 'public1', 'public2', 'app0', 'app1', 'app2', 'data0', 'data1', 'data2']);
  });

  it('never carves a subnet smaller than /28 in the smallest VPC allowed', () => {
    expect(MAX_VPC_PREFIX).toBe(22);
    const prefixes = carve(`10.0.0.0/${MAX_VPC_PREFIX}`, 6, true).map((s) => mustParseCidr(s.cidr).prefix);
    expect(Math.max(...prefixes)).toBe(28);
  });

  test.each([
    ['a VPC too small for the layout', '10.0.0.0/23', 2],
    ['a VPC larger than AWS allows', '10.0.0.0/15', 2],
    ['a single AZ', '10.0.0.0/20', 1],
    ['more than six AZs', '10.0.0.0/20', 7],
  ])('refuses %s', (_name, vpc, azCount) => {
    expect(() => carve(vpc, azCount, false)).toThrow();
  });
});

describe('availabilityZoneName', () => {
  test.each([
    ['us-east-1', 0, 'us-east-1a'],
    ['us-east-1', 5, 'us-east-1f'],
    ['eu-west-2', 1, 'eu-west-2b'],
  ])('names AZ %s index %d %s', (region, index, expected) => {
    expect(availabilityZoneName(region, index)).toBe(expected);
  });

  it('rejects an index outside 0..5', () => {
    expect(() => availabilityZoneName('us-east-1', 6)).toThrow();
  });
});
