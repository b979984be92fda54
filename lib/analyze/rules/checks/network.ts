/**
 * Security group ingress in its three Terraform spellings (inline `ingress` blocks,
 * `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`), normalised to one shape.
 */
import type { Resource } from '../types';
import { blocks, hasDynamic, isExpression, num, str } from '../../../terraform/values';

export const INGRESS_TYPES = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'];

export interface IngressRule {
  /** IANA protocol name or `-1` for all. */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  /** Whether the rule admits 0.0.0.0/0 or ::/0. */
  readonly world: boolean;
  /** Set when a port, protocol or CIDR is an expression. */
  readonly unknown?: string;
  /** The source CIDRs include an expression (the rule may admit the internet). */
  readonly unknownSource?: boolean;
  /** The protocol or ports are expressions. */
  readonly unknownPorts?: boolean;
}

const WORLD = new Set(['0.0.0.0/0', '::/0']);

function protocolName(value: string): string {
  const v = value.toLowerCase();
  if (v === '-1' || v === 'all') return '-1';
  if (v === '6') return 'tcp';
  if (v === '17') return 'udp';
  if (v === '1') return 'icmp';
  return v;
}

function cidrsOpen(values: unknown[]): { world: boolean; unknown: boolean } {
  let world = false;
  let unknown = false;
  for (const v of values) {
    if (v === undefined || v === null) continue;
    const list = Array.isArray(v) ? v : [v];
    for (const c of list) {
      if (typeof c !== 'string' || isExpression(c)) unknown = true;
      else if (WORLD.has(c.trim())) world = true;
    }
  }
  return { world, unknown };
}

function normalise(protocolValue: unknown, fromValue: unknown, toValue: unknown, cidrs: unknown[]): IngressRule {
  const proto = typeof protocolValue === 'string' || typeof protocolValue === 'number' ? str(String(protocolValue)) : 'unknown';
  const from = num(fromValue as never);
  const to = num(toValue as never);
  const open = cidrsOpen(cidrs);
  const protocol = typeof proto === 'string' && proto !== 'absent' && proto !== 'unknown' ? protocolName(proto) : '?';
  const all = protocol === '-1';
  const fromPort = all ? 0 : typeof from === 'number' ? from : -1;
  const toPort = all ? 65535 : typeof to === 'number' ? to : -1;
  const unknownParts: string[] = [];
  if (protocol === '?') unknownParts.push('protocol');
  if (!all && (typeof from !== 'number' || typeof to !== 'number')) unknownParts.push('ports');
  if (open.unknown) unknownParts.push('CIDR');
  return {
    protocol,
    fromPort: fromPort === -1 ? 0 : fromPort,
    toPort: toPort === -1 ? 65535 : toPort,
    world: open.world,
    unknown: unknownParts.length > 0 ? unknownParts.join(', ') : undefined,
    unknownSource: open.unknown,
    unknownPorts: protocol === '?' || (!all && (typeof from !== 'number' || typeof to !== 'number')),
  };
}

/** The ingress rules a resource of one of `INGRESS_TYPES` declares (empty for egress rules). */
export function ingressRules(r: Resource): IngressRule[] {
  const c = r.config;
  if (r.type === 'aws_security_group') {
    const rules = blocks(c.ingress).map((i) => normalise(i.protocol, i.from_port, i.to_port, [i.cidr_blocks, i.ipv6_cidr_blocks]));
    if (hasDynamic(c, 'ingress') || isExpression(c.ingress)) {
      rules.push({ protocol: '?', fromPort: 0, toPort: 65535, world: false, unknown: 'dynamic ingress', unknownSource: true, unknownPorts: true });
    }
    return rules;
  }
  if (r.type === 'aws_security_group_rule') {
    if (c.type !== 'ingress') return [];
    return [normalise(c.protocol, c.from_port, c.to_port, [c.cidr_blocks, c.ipv6_cidr_blocks])];
  }
  if (r.type === 'aws_vpc_security_group_ingress_rule') {
    return [normalise(c.ip_protocol, c.from_port, c.to_port, [c.cidr_ipv4, c.cidr_ipv6])];
  }
  return [];
}

/** Whether an ingress rule admits TCP traffic to `port`. */
export function admitsTcpPort(rule: IngressRule, port: number): boolean {
  if (rule.protocol !== '-1' && rule.protocol !== 'tcp') return false;
  return rule.fromPort <= port && port <= rule.toPort;
}

export function describe(rule: IngressRule): string {
  const proto = rule.protocol === '-1' ? 'all traffic' : rule.protocol;
  const ports = rule.protocol === '-1' ? '' : rule.fromPort === rule.toPort ? ` port ${rule.fromPort}` : ` ports ${rule.fromPort}-${rule.toPort}`;
  return `${proto}${ports} from ${rule.world ? 'the internet' : 'restricted sources'}`;
}

export interface IngressJudgement {
  readonly status: 'open' | 'closed' | 'unknown' | 'none';
  readonly detail: string;
}

/**
 * Judges a security group resource's ingress: `open` when a rule admits the internet and `bad`
 * says it matters; `unknown` when a rule that could matter has an expression; `none` for
 * resources that declare no ingress (egress rules).
 */
export function judgeIngress(r: Resource, bad: (rule: IngressRule) => boolean): IngressJudgement {
  const rules = ingressRules(r);
  if (rules.length === 0) {
    const egressOnly = r.type === 'aws_security_group_rule' && r.config.type === 'egress';
    return { status: egressOnly ? 'none' : 'closed', detail: egressOnly ? 'an egress rule' : 'no ingress rules' };
  }
  let unknown: string | undefined;
  for (const rule of rules) {
    if (!rule.world && !rule.unknownSource) continue;
    if (rule.unknownPorts) {
      unknown ??= `an ingress rule has ${rule.unknown} the engine cannot evaluate`;
      continue;
    }
    if (!bad(rule)) continue;
    if (rule.world) return { status: 'open', detail: `ingress allows ${describe(rule)}` };
    unknown ??= `an ingress rule that admits ${describe(rule).replace(/ from .*$/, '')} has a source CIDR the engine cannot evaluate`;
  }
  if (unknown) return { status: 'unknown', detail: unknown };
  return { status: 'closed', detail: 'no ingress rule admits the internet to these ports' };
}
