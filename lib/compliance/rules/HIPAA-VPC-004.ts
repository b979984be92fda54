import { RESTRICTED_NETWORK } from '../controls';
import { fail, pass, undecided, type ResourceRule, type RuleContext } from '../rule';
import type { JsonObject, Resource } from '../types';
import { blocks, isExpression } from '../values';

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

export const rule: ResourceRule = {
  id: 'HIPAA-VPC-004',
  title: 'Route tables have no unrestricted route to an internet gateway',
  severity: 'medium',
  controls: RESTRICTED_NETWORK,
  configRule: 'no-unrestricted-route-to-igw',
  resourceTypes: ['aws_route', 'aws_route_table'],
  scope: 'resource',
  description:
    'No aws_route (destination_cidr_block / destination_ipv6_cidr_block) or inline route of an aws_route_table may send 0.0.0.0/0 or ::/0 to an internet gateway (a reference to aws_internet_gateway, or a literal igw- id). Public subnets that only hold NAT gateways need such a route: suppress it with that reason. A gateway that is an unresolvable expression is reported.',
  remediation: 'Route private subnets through a NAT gateway or VPC endpoints; suppress the public NAT subnet route with its reason.',
  check(r, ctx) {
    if (r.type === 'aws_route') {
      const j = judgeRoute(ctx, r, r.config, ['destination_cidr_block', 'destination_ipv6_cidr_block']);
      if (j.open === true) return fail(`the route sends ${j.cidr} to an internet gateway`);
      if (j.open === 'unknown') return undecided('the route\'s destination or gateway is an expression');
      return pass('the route does not send all traffic to an internet gateway');
    }
    for (const route of blocks(r.config.route)) {
      const j = judgeRoute(ctx, r, route, ['cidr_block', 'ipv6_cidr_block']);
      if (j.open === true) return fail(`an inline route sends ${j.cidr} to an internet gateway`);
      if (j.open === 'unknown') return undecided('an inline route\'s destination or gateway is an expression');
    }
    return pass('no inline route sends all traffic to an internet gateway');
  },
};
