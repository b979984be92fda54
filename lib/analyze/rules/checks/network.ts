/**
 * Security group ingress in its Terraform spellings (inline `ingress` blocks of
 * `aws_security_group` / `aws_default_security_group`, `aws_security_group_rule`,
 * `aws_vpc_security_group_ingress_rule`), judged per security group and port: the rules attached
 * to one group add up, and a port is open to the internet when the union of the source CIDRs that
 * admit it covers every internet address (`0.0.0.0/1` + `128.0.0.0/1` is `0.0.0.0/0`).
 */
import type { RuleContext } from '../rule';
import type { JsonValue, Resource } from '../types';
import { isExpression, num, parseReference, str } from '../../../terraform/values';
import { nestedBlocks } from '../../../terraform/nested';
import { admitsInternet, parseCidrRange, touchesInternet, type AddressRange } from './cidr';

export const INGRESS_TYPES = ['aws_security_group', 'aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'];

const GROUP_TYPES = ['aws_security_group', 'aws_default_security_group'];

/** One ingress permission, normalised. */
export interface IngressEntry {
  readonly source: Resource;
  /** `tcp`, `udp`, `icmp`, another protocol name or number, or `-1` for all traffic. */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  /** Source ranges the engine could read (CIDRs and readable prefix lists). */
  readonly ranges: readonly AddressRange[];
  /** Some source is an expression, an unreadable CIDR or a prefix list the engine cannot see. */
  readonly unknownSource: boolean;
  /** The protocol or ports are expressions (treated as all traffic when asking what may be open). */
  readonly unknownPorts: boolean;
  /** The resource may not be an ingress permission at all (its `type` is an expression). */
  readonly maybe: boolean;
  /** What the engine could not read, for messages. */
  readonly unknown: readonly string[];
}

/** A protocol and port interval, as a verdict describes it. */
export interface PortSegment {
  /** `tcp`, `udp`, another protocol, or `other` for every protocol not named by any rule. */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
}

function protocolName(value: JsonValue | undefined): string | undefined {
  const s = str(value);
  if (s === 'absent' || s === 'unknown') return undefined;
  const v = s.trim().toLowerCase();
  if (v === '-1' || v === 'all') return '-1';
  if (v === '6') return 'tcp';
  if (v === '17') return 'udp';
  if (v === '1') return 'icmp';
  if (v === '58') return 'icmpv6';
  return v;
}

interface Sources {
  ranges: AddressRange[];
  unknown: string[];
}

function addCidrs(out: Sources, value: JsonValue | undefined, key: string): void {
  if (value === undefined || value === null) return;
  const list = Array.isArray(value) ? value : [value];
  if (!Array.isArray(value) && isExpression(value)) {
    out.unknown.push(`${key} is the expression ${String(value)}`);
    return;
  }
  for (const c of list) {
    if (typeof c !== 'string' || isExpression(c)) {
      out.unknown.push(`${key} holds ${JSON.stringify(c)}`);
      continue;
    }
    if (c.trim() === '') continue;
    const r = parseCidrRange(c);
    if (r) out.ranges.push(r);
    else out.unknown.push(`${key} holds ${JSON.stringify(c)}, which is not a CIDR`);
  }
}

/**
 * The CIDRs a managed prefix list holds. A customer `aws_ec2_managed_prefix_list` in the loaded
 * stacks is read (its `entry` blocks and any `aws_ec2_managed_prefix_list_entry`); an AWS-managed
 * list looked up by a literal `com.amazonaws.` name holds AWS service ranges, not the internet;
 * anything else cannot be read.
 */
function addPrefixLists(ctx: RuleContext, from: Resource, out: Sources, value: JsonValue | undefined, key: string): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    out.unknown.push(`${key} is the expression ${JSON.stringify(value)}`);
    return;
  }
  for (const id of value) {
    const list = typeof id === 'string' && parseReference(id) ? ctx.resolve(from, id) : undefined;
    if (list && list.mode === 'data' && (list.type === 'aws_ec2_managed_prefix_list' || list.type === 'aws_prefix_list')) {
      const name = str(list.config.name);
      if (typeof name === 'string' && name.startsWith('com.amazonaws.') && name !== 'unknown') continue;
    }
    if (!list || list.type !== 'aws_ec2_managed_prefix_list' || list.mode !== 'managed') {
      out.unknown.push(`${key} names ${JSON.stringify(id)}, a prefix list the engine cannot read`);
      continue;
    }
    const entries = nestedBlocks(list.config, 'entry');
    if (entries === 'unknown') {
      out.unknown.push(`${list.address} builds its entries with a dynamic block or an expression`);
      continue;
    }
    for (const e of entries) addCidrs(out, e.cidr, `${list.address}.entry.cidr`);
    for (const extra of ctx.referencing(list, ['aws_ec2_managed_prefix_list_entry'], 'prefix_list_id')) addCidrs(out, extra.config.cidr, `${extra.address}.cidr`);
  }
}

function entry(
  source: Resource,
  protocolValue: JsonValue | undefined,
  fromValue: JsonValue | undefined,
  toValue: JsonValue | undefined,
  sources: Sources,
  maybe: string | undefined,
): IngressEntry {
  const protocol = protocolName(protocolValue);
  const unknown = [...sources.unknown];
  if (maybe) unknown.push(maybe);
  if (protocol === undefined) {
    unknown.push(`the protocol is ${JSON.stringify(protocolValue ?? null)}`);
    return {
      source,
      protocol: '-1',
      fromPort: 0,
      toPort: 65535,
      ranges: sources.ranges,
      unknownSource: sources.unknown.length > 0,
      unknownPorts: true,
      maybe: maybe !== undefined,
      unknown,
    };
  }
  // AWS: for -1 and for protocols other than TCP, UDP and ICMP, every port is allowed whatever the
  // rule says (EC2 API Reference, IpPermission: "If you specify -1 ... traffic on all ports").
  const ported = protocol === 'tcp' || protocol === 'udp' || protocol === 'icmp' || protocol === 'icmpv6';
  const from = num(fromValue);
  const to = num(toValue);
  const portsKnown = !ported || ((typeof from === 'number' || from === 'absent') && (typeof to === 'number' || to === 'absent'));
  if (!portsKnown) unknown.push('the ports are expressions');
  const fromPort = ported && typeof from === 'number' && from >= 0 ? from : 0;
  const toPort = ported && typeof to === 'number' && to >= 0 ? to : 65535;
  return {
    source,
    protocol,
    fromPort: Math.min(fromPort, toPort),
    toPort: Math.max(fromPort, toPort),
    ranges: sources.ranges,
    unknownSource: sources.unknown.length > 0,
    unknownPorts: !portsKnown,
    maybe: maybe !== undefined,
    unknown,
  };
}

/** The ingress permissions one resource declares (empty for egress rules). */
export function ingressEntries(ctx: RuleContext, r: Resource): IngressEntry[] {
  const c = r.config;
  if (GROUP_TYPES.includes(r.type)) {
    const inline = nestedBlocks(c, 'ingress');
    if (inline === 'unknown') {
      return [entry(r, undefined, undefined, undefined, { ranges: [], unknown: ['ingress is built by a dynamic block or an expression'] }, undefined)];
    }
    return inline.map((i) => {
      const s: Sources = { ranges: [], unknown: [] };
      addCidrs(s, i.cidr_blocks, 'cidr_blocks');
      addCidrs(s, i.ipv6_cidr_blocks, 'ipv6_cidr_blocks');
      addPrefixLists(ctx, r, s, i.prefix_list_ids, 'prefix_list_ids');
      return entry(r, i.protocol, i.from_port, i.to_port, s, undefined);
    });
  }
  if (r.type === 'aws_security_group_rule') {
    const type = str(c.type);
    if (type === 'egress') return [];
    const maybe = type === 'ingress' ? undefined : `type is ${JSON.stringify(c.type ?? null)}, so the rule may be ingress`;
    const s: Sources = { ranges: [], unknown: [] };
    addCidrs(s, c.cidr_blocks, 'cidr_blocks');
    addCidrs(s, c.ipv6_cidr_blocks, 'ipv6_cidr_blocks');
    addPrefixLists(ctx, r, s, c.prefix_list_ids, 'prefix_list_ids');
    return [entry(r, c.protocol, c.from_port, c.to_port, s, maybe)];
  }
  if (r.type === 'aws_vpc_security_group_ingress_rule') {
    const s: Sources = { ranges: [], unknown: [] };
    addCidrs(s, c.cidr_ipv4, 'cidr_ipv4');
    addCidrs(s, c.cidr_ipv6, 'cidr_ipv6');
    if (c.prefix_list_id !== undefined && c.prefix_list_id !== null) addPrefixLists(ctx, r, s, [c.prefix_list_id], 'prefix_list_id');
    return [entry(r, c.ip_protocol, c.from_port, c.to_port, s, undefined)];
  }
  return [];
}

/** The key of the security group a resource adds ingress to; rules with the same key add up. */
function groupKey(ctx: RuleContext, r: Resource): string {
  if (GROUP_TYPES.includes(r.type)) return `${r.stack}\u0000${r.address}`;
  const value = r.config.security_group_id;
  const target = ctx.resolve(r, value);
  if (target && GROUP_TYPES.includes(target.type)) return `${target.stack}\u0000${target.address}`;
  if (typeof value === 'string' && !isExpression(value)) return `account ${r.account}\u0000${value}`;
  return `${r.stack}\u0000expression ${JSON.stringify(value ?? null)}`;
}

interface Groups {
  readonly byKey: Map<string, IngressEntry[]>;
  readonly keyOf: Map<Resource, string>;
  /** Security groups attached together to one resource (an ENI admits the union of its groups). */
  readonly together: Map<string, { holder: Resource; keys: string[] }[]>;
}

/** Arguments that attach several security groups to one network interface, instance or service. */
const ATTACHMENT_KEYS = ['vpc_security_group_ids', 'security_groups', 'security_group_ids'];

function attachedGroups(ctx: RuleContext, holder: Resource, byKey: Map<string, IngressEntry[]>): string[] {
  const lists: JsonValue[] = [];
  for (const key of ATTACHMENT_KEYS) lists.push(holder.config[key]);
  for (const name of ['network_interfaces', 'vpc_config', 'network_configuration']) {
    const nested = nestedBlocks(holder.config, name);
    if (nested !== 'unknown') for (const b of nested) for (const key of ATTACHMENT_KEYS) lists.push(b[key]);
  }
  const keys: string[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const id of list) {
      const target = ctx.resolve(holder, id);
      const key =
        target && GROUP_TYPES.includes(target.type)
          ? `${target.stack}\u0000${target.address}`
          : typeof id === 'string' && !isExpression(id)
            ? `account ${holder.account}\u0000${id}`
            : undefined;
      if (key !== undefined && byKey.has(key) && !keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

function groups(ctx: RuleContext): Groups {
  return ctx.memo('network.ingress-groups', () => {
    const byKey = new Map<string, IngressEntry[]>();
    const keyOf = new Map<Resource, string>();
    for (const type of INGRESS_TYPES) {
      for (const r of ctx.index.byType.get(type) ?? []) {
        const key = groupKey(ctx, r);
        keyOf.set(r, key);
        byKey.set(key, [...(byKey.get(key) ?? []), ...ingressEntries(ctx, r)]);
      }
    }
    const together = new Map<string, { holder: Resource; keys: string[] }[]>();
    for (const [type, resources] of ctx.index.byType) {
      if (INGRESS_TYPES.includes(type)) continue;
      for (const holder of resources) {
        if (
          !ATTACHMENT_KEYS.some((k) => holder.config[k] !== undefined) &&
          !['network_interfaces', 'vpc_config', 'network_configuration'].some((k) => holder.config[k] !== undefined)
        )
          continue;
        const keys = attachedGroups(ctx, holder, byKey);
        if (keys.length < 2) continue;
        for (const k of keys) together.set(k, [...(together.get(k) ?? []), { holder, keys }]);
      }
    }
    return { byKey, keyOf, together };
  });
}

const applies = (e: IngressEntry, protocol: string) => e.protocol === '-1' || e.protocol === protocol;

/**
 * The protocol and port segments open to the whole internet, given `entries`. Each protocol
 * named by a rule is cut at every rule's port boundaries; `other` stands for every protocol no rule
 * names, which only all-traffic rules admit. Adjacent open segments are merged.
 */
export function openSegments(entries: readonly IngressEntry[]): PortSegment[] {
  const protocols = ['other', ...new Set(entries.map((e) => e.protocol).filter((p) => p !== '-1'))];
  const out: PortSegment[] = [];
  for (const protocol of protocols) {
    const relevant = entries.filter((e) => (protocol === 'other' ? e.protocol === '-1' : applies(e, protocol)));
    if (relevant.length === 0) continue;
    const ported = protocol === 'tcp' || protocol === 'udp' || protocol === 'icmp' || protocol === 'icmpv6';
    const cuts = ported ? [...new Set([0, 65536, ...relevant.flatMap((e) => [e.fromPort, e.toPort + 1])])].sort((a, b) => a - b) : [0, 65536];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const from = cuts[i];
      const to = cuts[i + 1] - 1;
      const here = relevant.filter((e) => e.fromPort <= from && to <= e.toPort);
      if (!admitsInternet(here.flatMap((e) => e.ranges))) continue;
      const last = out[out.length - 1];
      if (last && last.protocol === protocol && last.toPort + 1 === from) out[out.length - 1] = { ...last, toPort: to };
      else out.push({ protocol, fromPort: from, toPort: to });
    }
  }
  return out;
}

/** Whether a segment admits TCP traffic to `port`. */
export function admitsTcpPort(segment: PortSegment, port: number): boolean {
  if (segment.protocol !== 'other' && segment.protocol !== 'tcp') return false;
  return segment.fromPort <= port && port <= segment.toPort;
}

export function describe(segment: PortSegment): string {
  if (segment.protocol === 'other') return 'all traffic';
  const whole = segment.fromPort === 0 && segment.toPort === 65535;
  const ported = ['tcp', 'udp'].includes(segment.protocol);
  const ports =
    !ported || whole ? (ported ? ' (all ports)' : '') : segment.fromPort === segment.toPort ? ` port ${segment.fromPort}` : ` ports ${segment.fromPort}-${segment.toPort}`;
  return `${segment.protocol}${ports}`;
}

/** What the engine does not know treated as the worst case: unknown sources admit everything, unknown ports are all traffic. */
function worstCase(e: IngressEntry): IngressEntry {
  const everything: AddressRange[] = [{ family: 4, start: 0n, end: (1n << 32n) - 1n }];
  return {
    ...e,
    ranges: e.unknownSource ? everything : e.ranges,
    protocol: e.unknownPorts ? '-1' : e.protocol,
    fromPort: e.unknownPorts ? 0 : e.fromPort,
    toPort: e.unknownPorts ? 65535 : e.toPort,
  };
}

const overlaps = (e: IngressEntry, s: PortSegment) => (s.protocol === 'other' ? e.protocol === '-1' : applies(e, s.protocol)) && e.fromPort <= s.toPort && s.fromPort <= e.toPort;

const contributes = (e: IngressEntry, s: PortSegment) => overlaps(e, s) && (e.unknownSource || e.ranges.some(touchesInternet));

export interface IngressJudgement {
  readonly status: 'open' | 'closed' | 'unknown' | 'none';
  readonly detail: string;
}

/**
 * Judges a security group, or a rule attached to one, for the ports `bad` cares about: `open` when
 * the group's rules together admit the whole internet to such a port and this resource takes part;
 * `unknown` when they might (a source, port, protocol or rule type the engine cannot read);
 * `none` for a resource that is certainly an egress rule.
 */
export function judgeIngress(r: Resource, ctx: RuleContext, bad: (segment: PortSegment) => boolean): IngressJudgement {
  const g = groups(ctx);
  const key = g.keyOf.get(r) ?? groupKey(ctx, r);
  const all = g.byKey.get(key) ?? ingressEntries(ctx, r);
  const own = all.filter((e) => e.source === r);
  const isGroup = GROUP_TYPES.includes(r.type);
  if (!isGroup && own.length === 0) return { status: 'none', detail: 'an egress rule' };
  const others = (s: PortSegment) => {
    const names = [...new Set(all.filter((e) => e.source !== r && contributes(e, s)).map((e) => e.source.address))];
    return names.length > 0 ? ` (together with ${names.join(', ')})` : '';
  };

  const certain = all.filter((e) => !e.maybe && !e.unknownPorts);
  for (const s of openSegments(certain).filter(bad)) {
    if (isGroup || own.some((e) => !e.maybe && !e.unknownPorts && contributes(e, s))) {
      return { status: 'open', detail: `ingress allows ${describe(s)} from the internet${others(s)}` };
    }
  }
  for (const s of openSegments(all.map(worstCase)).filter(bad)) {
    const unsure = all.filter((e) => (e.maybe || e.unknownPorts || e.unknownSource) && contributes(worstCase(e), s));
    if (unsure.length === 0) continue;
    if (isGroup || own.some((e) => contributes(worstCase(e), s))) {
      const why = unsure.map((e) => `${e.source.address}: ${e.unknown.join('; ')}`).join('; ');
      return { status: 'unknown', detail: `ingress may allow ${describe(s)} from the internet: ${why}` };
    }
  }
  // A network interface admits the union of its security groups (VPC User Guide, "Security
  // groups": rules of all groups associated with an instance are aggregated).
  const judged = new Set<string>();
  for (const { holder, keys } of g.together.get(key) ?? []) {
    const set = [...keys].sort().join('\u0001');
    if (judged.has(set)) continue;
    judged.add(set);
    const combined = keys.flatMap((k) => g.byKey.get(k) ?? []).filter((e) => !e.maybe && !e.unknownPorts);
    for (const s of openSegments(combined).filter(bad)) {
      if (openSegments(certain).some((o) => o.protocol === s.protocol && o.fromPort <= s.fromPort && s.toPort <= o.toPort)) continue;
      if (isGroup || own.some((e) => !e.maybe && !e.unknownPorts && contributes(e, s))) {
        return {
          status: 'open',
          detail: `ingress allows ${describe(s)} from the internet to ${holder.address}, which has this group together with ${keys
            .filter((k) => k !== key)
            .map((k) => k.split('\u0000')[1])
            .join(', ')}`,
        };
      }
    }
  }
  if (own.length === 0) return { status: 'closed', detail: 'no ingress rules' };
  return { status: 'closed', detail: 'no ingress admits the internet to these ports' };
}
