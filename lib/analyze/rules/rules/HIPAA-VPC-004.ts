import { RESTRICTED_NETWORK } from '../controls';
import { fail, pass, undecided, type ResourceRule, type RuleContext } from '../rule';
import type { JsonObject, Resource } from '../types';
import { blocks, bool, isExpression } from '../../../terraform/values';
import { nestedBlocks } from '../../../terraform/nested';
import { coversInternet, parseCidrRange, touchesInternet, type AddressRange } from '../checks/cidr';

function toIgw(ctx: RuleContext, from: Resource, gateway: unknown): boolean | 'unknown' {
  if (gateway === undefined || gateway === null || gateway === '') return false;
  if (typeof gateway !== 'string') return 'unknown';
  if (gateway.startsWith('igw-')) return true;
  if (!isExpression(gateway)) return false;
  const target = ctx.resolve(from, gateway);
  if (!target) return 'unknown';
  return target.type === 'aws_internet_gateway';
}

/** One route, as far as the internet is concerned. */
interface IgwRoute {
  readonly owner: Resource;
  readonly igw: boolean | 'unknown';
  readonly ranges: readonly AddressRange[];
  /** A destination is an expression or not a CIDR. */
  readonly unknownCidr: boolean;
  readonly text: string;
}

function readRoute(ctx: RuleContext, owner: Resource, route: JsonObject, cidrKeys: readonly string[]): IgwRoute {
  const values = cidrKeys.map((k) => route[k]).filter((v) => v !== undefined && v !== null && v !== '');
  const ranges: AddressRange[] = [];
  let unknownCidr = false;
  for (const v of values) {
    const r = typeof v === 'string' && !isExpression(v) ? parseCidrRange(v) : undefined;
    if (r) ranges.push(r);
    else unknownCidr = true;
  }
  return { owner, igw: toIgw(ctx, owner, route.gateway_id), ranges, unknownCidr, text: values.map(String).join(', ') };
}

/**
 * Every route of the table `r` belongs to (inline routes and aws_route resources naming it), so
 * routes that split the internet (0.0.0.0/1 + 128.0.0.0/1 to one gateway) add up as a default route.
 */
function routesOfTable(ctx: RuleContext, r: Resource): IgwRoute[] {
  const table = r.type === 'aws_route_table' ? r : ctx.resolve(r, r.config.route_table_id);
  const own = r.type === 'aws_route' ? [readRoute(ctx, r, r.config, ['destination_cidr_block', 'destination_ipv6_cidr_block'])] : [];
  if (!table || table.type !== 'aws_route_table') return own;
  const inline = blocks(table.config.route).map((route) => readRoute(ctx, table, route, ['cidr_block', 'ipv6_cidr_block']));
  const separate = ctx.referencing(table, ['aws_route'], 'route_table_id').map((x) => readRoute(ctx, x, x.config, ['destination_cidr_block', 'destination_ipv6_cidr_block']));
  return [...inline, ...separate.filter((x) => x.owner !== r), ...own];
}

type RouteJudgement = { open: true; cidr: string } | { open: 'unknown' } | { open: false };

/** Whether the routes `mine` (of one resource) take part in sending the whole internet to an internet gateway. */
function judgeRoutes(all: readonly IgwRoute[], mine: readonly IgwRoute[]): RouteJudgement {
  const toIgwKnown = all.filter((x) => x.igw === true && !x.unknownCidr);
  if (coversInternet(toIgwKnown.flatMap((x) => x.ranges))) {
    const part = mine.find((x) => x.igw === true && !x.unknownCidr && x.ranges.some(touchesInternet));
    if (part)
      return {
        open: true,
        cidr:
          toIgwKnown.length > 1 && mine.length === 1 && !coversInternet(part.ranges)
            ? `${part.text} (with the table's other routes to the gateway: the whole internet)`
            : part.text,
      };
  }
  const everything: AddressRange = { family: 4, start: 0n, end: (1n << 32n) - 1n };
  const possible = all.filter((x) => x.igw !== false).flatMap((x) => (x.unknownCidr ? [everything] : x.ranges));
  if (coversInternet(possible) && mine.some((x) => x.igw !== false && (x.igw === 'unknown' || x.unknownCidr || x.ranges.some(touchesInternet)))) {
    if (all.some((x) => x.igw !== false && (x.igw === 'unknown' || x.unknownCidr))) return { open: 'unknown' };
  }
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
    'No aws_route (destination_cidr_block / destination_ipv6_cidr_block) or inline route of an aws_route_table may send the internet (0.0.0.0/0 or ::/0, or routes of one table whose destinations together cover every internet address, such as 0.0.0.0/1 plus 128.0.0.0/1) to an internet gateway (a reference to aws_internet_gateway, or a literal igw- id), except in a route table that serves only NAT subnets (what the AWS Config rule exempts with routeTableIds): not the main table, associated only with subnets that launch no public IPs, each holding a NAT gateway and nothing else but its route table and network ACL. A gateway that is an unresolvable expression is reported.',
  remediation:
    'Route private subnets through a NAT gateway or VPC endpoints; keep the internet route only in the route tables of public subnets that hold nothing but NAT gateways.',
  check(r, ctx) {
    const all = routesOfTable(ctx, r);
    if (r.type === 'aws_route') {
      const j = judgeRoutes(
        all,
        all.filter((x) => x.owner === r),
      );
      if (j.open === true) {
        const nat = natOnlyTable(ctx, ctx.resolve(r, r.config.route_table_id));
        if (nat.ok) return pass(`the route sends ${j.cidr} to an internet gateway for NAT only: ${nat.detail}`);
        return fail(`the route sends ${j.cidr} to an internet gateway (${nat.reason}, so it is not a NAT-only public subnet)`);
      }
      if (j.open === 'unknown') return undecided("the route's destination or gateway, or another route of its table, is an expression");
      return pass('the route does not send all traffic to an internet gateway');
    }
    if (nestedBlocks(r.config, 'route') === 'unknown') return undecided('the routes are built by a dynamic block or an expression');
    const j = judgeRoutes(
      all,
      all.filter((x) => x.owner === r),
    );
    if (j.open === true) {
      const nat = natOnlyTable(ctx, r);
      if (!nat.ok) return fail(`an inline route sends ${j.cidr} to an internet gateway (${nat.reason}, so it is not a NAT-only public subnet)`);
    }
    if (j.open === 'unknown') return undecided("an inline route's destination or gateway is an expression");
    return pass('no inline route sends all traffic to an internet gateway');
  },
};
