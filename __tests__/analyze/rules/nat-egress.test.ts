/**
 * HIPAA-VPC-004 (AWS Config no-unrestricted-route-to-igw) and NAT egress: the default route to an
 * internet gateway is what a public NAT subnet needs ("NAT gateways", Amazon VPC User Guide), and the
 * Config rule exempts such route tables through its routeTableIds parameter. The rule recognises a
 * route table that serves only subnets holding NAT gateways, and nothing else.
 */
import { evaluate, HIPAA_PACK, type JsonObject } from '../../../lib/analyze/rules';
import { tf, type Resources } from './fixtures/helpers';

const rule = HIPAA_PACK.rules.filter((r) => r.id === 'HIPAA-VPC-004');

function natDesign(subnet: JsonObject = {}, extra: Resources = {}): Resources {
  return {
    aws_internet_gateway: { g: { vpc_id: 'vpc-1' } },
    aws_subnet: { pub: { vpc_id: 'vpc-1', cidr_block: '10.0.0.0/24', map_public_ip_on_launch: false, ...subnet } },
    aws_route_table: { t: { vpc_id: 'vpc-1' } },
    aws_route_table_association: { a: { subnet_id: '${aws_subnet.pub.id}', route_table_id: '${aws_route_table.t.id}' } },
    aws_route: { r: { route_table_id: '${aws_route_table.t.id}', destination_cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.g.id}' } },
    aws_eip: { e: { domain: 'vpc' } },
    aws_nat_gateway: { n: { subnet_id: '${aws_subnet.pub.id}', allocation_id: '${aws_eip.e.id}', connectivity_type: 'public' } },
    aws_default_network_acl: { acl: { default_network_acl_id: 'acl-1', subnet_ids: ['${aws_subnet.pub.id}'] } },
    ...extra,
  };
}

function verdict(resources: Resources): { status: string; message: string } {
  const f = evaluate(tf(resources), { rules: rule }).findings.find((x) => x.address === 'aws_route.r');
  return { status: String(f?.status), message: String(f?.message) };
}

describe('HIPAA-VPC-004 and NAT-only public subnets', () => {
  it('passes the internet route of a route table that serves only a NAT subnet', () => {
    expect(verdict(natDesign())).toEqual({ status: 'compliant', message: expect.stringMatching(/for NAT only: aws_route_table.t serves only aws_subnet.pub/) });
  });

  it('reports the route when the public subnet also holds an instance', () => {
    const v = verdict(natDesign({}, { aws_instance: { i: { ami: 'ami-1', instance_type: 't3.micro', subnet_id: '${aws_subnet.pub.id}' } } }));
    expect(v).toEqual({ status: 'non_compliant', message: expect.stringMatching(/aws_subnet.pub also holds aws_instance.i/) });
  });

  it('reports the route when the subnet hands out public IPs', () => {
    expect(verdict(natDesign({ map_public_ip_on_launch: true }))).toEqual({ status: 'non_compliant', message: expect.stringMatching(/sets map_public_ip_on_launch to true/) });
  });

  it('reports the route when the subnet holds no NAT gateway', () => {
    const r = natDesign();
    delete (r as Record<string, unknown>).aws_nat_gateway;
    expect(verdict(r)).toEqual({ status: 'non_compliant', message: expect.stringMatching(/holds no NAT gateway/) });
  });

  it('reports the route when the table is the main route table', () => {
    const v = verdict(natDesign({}, { aws_main_route_table_association: { m: { vpc_id: 'vpc-1', route_table_id: '${aws_route_table.t.id}' } } }));
    expect(v).toEqual({ status: 'non_compliant', message: expect.stringMatching(/is the VPC's main route table/) });
  });

  it('reports the route when the route table is not one the engine can see', () => {
    const r = natDesign();
    (r.aws_route.r as JsonObject).route_table_id = 'rtb-123';
    expect(verdict(r)).toEqual({ status: 'non_compliant', message: expect.stringMatching(/not an aws_route_table the engine can see/) });
  });
});
