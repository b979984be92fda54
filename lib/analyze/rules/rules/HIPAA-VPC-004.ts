import { RESTRICTED_NETWORK } from '../controls';
import { fail, pass, undecided, type ResourceRule, type RuleContext } from '../rule';
import type { JsonObject, Resource } from '../types';
import { blocks, bool, isExpression } from '../../../terraform/values';

const WORLD = new Set(['0.0.0.0/0', '::/0']);

function toIgw(ctx: RuleContext, from: Resource, gateway: unknown): boolean | 'unknown' {
  if (gateway === undefined || gateway === null || gateway === '') return false;
  if (typeof gateway !== 'string') return 'unknown';
  if (gateway.startsWith('igw-')) return true;
  if (!isExpression(gateway)) return false;
  const target = ctx.resolve(from, gateway);
  if (!target) return 'unknown';
  return target.type === 'aws_internet_gateway';
}

function judgeRoute(ctx: RuleContext, from: Resource, route: JsonObject, cidrKeys: readonly string[]): { open: boolean | 'unknown'; cidr?: string } {
  const cidrs = cidrKeys.map((k) => route[k]).filter((v) => v !== undefined && v !== null);
  const world = cidrs.find((c) => typeof c === 'string' && WORLD.has(c));
  const unknownCidr = cidrs.some((c) => typeof c !== 'string' || isExpression(c));
  const igw = toIgw(ctx, from, route.gateway_id);
  if (world && igw === true) return { open: true, cidr: String(world) };
  if ((world && igw === 'unknown') || (unknownCidr && igw === true)) return { open: 'unknown' };
  return { open: false };
}

/** What may point at a NAT-only public subnet besides its NAT gateways: its table and its ACLs. */
const NAT_SUBNET_NEIGHBOURS = ['aws_route_table_association', 'aws_nat_gateway', 'aws_default_network_acl', 'aws_network_acl', 'aws_network_acl_association'];

/**
 * Whether a route table serves only public subnets that hold NAT gateways and nothing else: the
 * design AWS documents for private-subnet egress ("NAT gateways", VPC User Guide), and the case the
 * AWS Config rule exempts through its routeTableIds parameter. Decided from what the table and its
 * subnets are referenced by: it is not the main table, every association names a subnet (no edge
 * association), each subnet launches no public IPs, holds at least one NAT gateway, and nothing
 * else (no instance, interface, load balancer, endpoint or subnet group) is placed in it.
 */
function natOnlyTable(ctx: RuleContext, table: Resource | undefined): { ok: true; detail: string } | { ok: false; reason: string } {
  if (!table || table.type !== 'aws_route_table') return { ok: false, reason: 'its route table is not an aws_route_table the engine can see' };
  if (ctx.referencing(table, ['aws_main_route_table_association']).length > 0) return { ok: false, reason: `${table.address} is the VPC's main route table` };
  const associations = ctx.referencing(table, ['aws_route_table_association'], 'route_table_id');
  if (associations.length === 0) return { ok: false, reason: `${table.address} has no subnet association` };
  const subnets: Resource[] = [];
  for (const a of associations) {
    if (a.config.gateway_id !== undefined && a.config.gateway_id !== null) return { ok: false, reason: `${a.address} is an edge association` };
    const subnet = ctx.resolve(a, a.config.subnet_id);
    if (!subnet || subnet.type !== 'aws_subnet') return { ok: false, reason: `${a.address} names a subnet the engine cannot see` };
    subnets.push(subnet);
  }
  for (const subnet of subnets) {
    for (const key of ['map_public_ip_on_launch', 'assign_ipv6_address_on_creation', 'map_customer_owned_ip_on_launch']) {
      const v = bool(subnet.config[key]);
      if (v !== false && v !== 'absent') return { ok: false, reason: `${subnet.address} sets ${key} to ${v === 'unknown' ? 'an expression' : 'true'}` };
    }
    const nats = ctx.referencing(subnet, ['aws_nat_gateway'], 'subnet_id');
    if (nats.length === 0) return { ok: false, reason: `${subnet.address} holds no NAT gateway` };
    const incoming = ctx.index.modules.get(subnet.stack)?.referencedBy.get(subnet.address) ?? [];
    const other = incoming.find((i) => !NAT_SUBNET_NEIGHBOURS.includes(i.from.type));
    if (other) return { ok: false, reason: `${subnet.address} also holds ${other.from.address}` };
  }
  return { ok: true, detail: `${table.address} serves only ${subnets.map((x) => x.address).join(', ')}, which hold NAT gateways and launch no public IPs` };
}

export const rule: ResourceRule = {
  id: 'HIPAA-VPC-004',
  title: 'Route tables have no unrestricted route to an internet gateway',
  severity: 'medium',
  controls: RESTRICTED_NETWORK,
  configRule: 'no-unrestricted-route-to-igw',
  resourceTypes: ['aws_route', 'aws_route_table'],
  scope: 'resource',
  description:
    'No aws_route (destination_cidr_block / destination_ipv6_cidr_block) or inline route of an aws_route_table may send 0.0.0.0/0 or ::/0 to an internet gateway (a reference to aws_internet_gateway, or a literal igw- id), except in a route table that serves only NAT subnets (what the AWS Config rule exempts with routeTableIds): not the main table, associated only with subnets that launch no public IPs, each holding a NAT gateway and nothing else but its route table and network ACL. A gateway that is an unresolvable expression is reported.',
  remediation: 'Route private subnets through a NAT gateway or VPC endpoints; keep the internet route only in the route tables of public subnets that hold nothing but NAT gateways.',
  check(r, ctx) {
    if (r.type === 'aws_route') {
      const j = judgeRoute(ctx, r, r.config, ['destination_cidr_block', 'destination_ipv6_cidr_block']);
      if (j.open === true) {
        const nat = natOnlyTable(ctx, ctx.resolve(r, r.config.route_table_id));
        if (nat.ok) return pass(`the route sends ${j.cidr} to an internet gateway for NAT only: ${nat.detail}`);
        return fail(`the route sends ${j.cidr} to an internet gateway (${nat.reason}, so it is not a NAT-only public subnet)`);
      }
      if (j.open === 'unknown') return undecided('the route\'s destination or gateway is an expression');
      return pass('the route does not send all traffic to an internet gateway');
    }
    for (const route of blocks(r.config.route)) {
      const j = judgeRoute(ctx, r, route, ['cidr_block', 'ipv6_cidr_block']);
      if (j.open === true) {
        const nat = natOnlyTable(ctx, r);
        if (nat.ok) continue;
        return fail(`an inline route sends ${j.cidr} to an internet gateway (${nat.reason}, so it is not a NAT-only public subnet)`);
      }
      if (j.open === 'unknown') return undecided('an inline route\'s destination or gateway is an expression');
    }
    return pass('no inline route sends all traffic to an internet gateway');
  },
};
