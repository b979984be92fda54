/**
 * Network reachability between tenants, read from synthesized Terraform JSON.
 *
 * Between VPCs: a path from network S to network D exists only where a route in S sends D's CIDR
 * to a VPC peering connection AND a security group in D admits traffic from S (a CIDR overlapping
 * S's, or a security group of S). A path whose route and security group rule both live in the
 * stack that owns the peering connection (the declared peering) is `declared`; any other path is
 * undeclared. Egress rules and network ACLs are not credited (they could only narrow a path).
 *
 * Inside a shared (pooled) VPC: a tenant's database security group may admit only security groups
 * tagged with the same tenant; one admitting another tenant's group, an untagged (shared) group,
 * or a CIDR overlapping the VPC is a cross-tenant path.
 */
import { Ipv4Cidr, contains, formatCidr, overlaps, parseCidr } from '../../cidr';
import { TerraformIndex, TfResource } from '../../terraform/resolve';
import { Tri, triAnd } from '../../terraform/text';

/** A VPC of the configuration and the tenants that live in it. */
export interface TenantNetwork {
  readonly name: string;
  readonly address: string;
  readonly stack: string;
  readonly cidrs: readonly Ipv4Cidr[];
  readonly tenants: readonly string[];
}

/** One cross-tenant network path (or possible path). */
export interface NetworkPath {
  readonly from: string;
  readonly to: string;
  readonly verdict: 'allow' | 'might-allow' | 'declared';
  readonly evidence: string;
}

type Place = TenantNetwork | 'unknown' | undefined;

interface RouteFact {
  readonly source: Place;
  readonly destination: Ipv4Cidr | 'unknown';
  readonly peering?: TfResource;
  readonly address: string;
  readonly stack: string;
}

type Source = { readonly cidr: Ipv4Cidr } | { readonly group: TfResource } | 'unknown';

interface IngressFact {
  readonly group?: TfResource;
  readonly network: Place;
  readonly source: Source;
  readonly ports: string;
  readonly address: string;
  readonly stack: string;
}

function block(value: unknown): Ipv4Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseCidr(value.trim());
  return parsed.ok ? parsed.cidr : parsed.nearest;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function ports(body: Readonly<Record<string, unknown>>): string {
  const protocol = String(body.ip_protocol ?? body.protocol ?? 'tcp');
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  const from = body.from_port;
  const to = body.to_port;
  return from === to ? `${protocol}/${String(from)}` : `${protocol}/${String(from)}-${String(to)}`;
}

export class NetworkModel {
  public readonly networks: readonly TenantNetwork[];
  private readonly byAddress = new Map<string, TenantNetwork>();
  private readonly routes: RouteFact[] = [];
  private readonly ingress: IngressFact[] = [];

  constructor(
    private readonly index: TerraformIndex,
    private readonly tenantOf: (r: TfResource) => string | undefined,
  ) {
    const networks: TenantNetwork[] = [];
    for (const vpc of index.resources('aws_vpc')) {
      const cidrs = [block(vpc.body.cidr_block)].filter((c): c is Ipv4Cidr => c !== undefined);
      for (const assoc of index.resources('aws_vpc_ipv4_cidr_block_association')) {
        if (index.target(assoc.stack, assoc.body.vpc_id)?.resource === vpc) {
          const c = block(assoc.body.cidr_block);
          if (c) cidrs.push(c);
        }
      }
      const own = tenantOf(vpc);
      const tenants = own ? [own] : [...new Set(this.stackTenants(vpc.stack))].sort();
      const tags = index.tags(vpc);
      const network: TenantNetwork = { name: tags.HipaaNetwork ?? tags.Name ?? vpc.name, address: vpc.address, stack: vpc.stack, cidrs, tenants };
      networks.push(network);
      this.byAddress.set(vpc.address, network);
    }
    this.networks = networks;
    this.collectRoutes();
    this.collectIngress();
  }

  private stackTenants(stack: string): string[] {
    const out: string[] = [];
    for (const type of ['aws_iam_role', 'aws_kms_key', 'aws_db_instance', 'aws_security_group', 'aws_s3_bucket', 'aws_secretsmanager_secret']) {
      for (const r of this.index.resources(type)) {
        const t = r.stack === stack ? this.tenantOf(r) : undefined;
        if (t) out.push(t);
      }
    }
    return out;
  }

  /** The network a `vpc_id` value names. */
  private vpcOf(stack: string, value: unknown): Place {
    if (value === undefined || value === null) return undefined;
    const hit = this.index.target(stack, value);
    if (!hit) return 'unknown';
    const r = hit.resource;
    if (r.type === 'aws_vpc' && !r.data) return this.byAddress.get(r.address) ?? 'unknown';
    if (r.type === 'aws_vpc' && r.data) {
      const tag = this.index.ownTags(r).HipaaNetwork;
      const cidr = block(r.body.cidr_block);
      const matches = this.networks.filter(
        (n) => (tag !== undefined && n.name === tag) || (tag === undefined && cidr !== undefined && n.cidrs.some((c) => c.address === cidr.address && c.prefix === cidr.prefix)),
      );
      return matches.length === 1 ? matches[0] : 'unknown';
    }
    return 'unknown';
  }

  private routeTableNetwork(stack: string, value: unknown): Place {
    const hit = this.index.target(stack, value);
    if (!hit) return 'unknown';
    const r = hit.resource;
    if (r.type === 'aws_route_table' || r.type === 'aws_default_route_table') {
      if (r.type === 'aws_default_route_table') {
        const vpc = this.index.target(r.stack, r.body.default_route_table_id);
        return vpc && vpc.resource.type === 'aws_vpc' ? (this.byAddress.get(vpc.resource.address) ?? 'unknown') : 'unknown';
      }
      const byVpc = this.vpcOf(r.stack, r.body.vpc_id);
      if (byVpc !== 'unknown' && byVpc !== undefined) return byVpc;
      const tag = this.index.ownTags(r).HipaaNetwork;
      return this.networks.find((n) => n.name === tag) ?? 'unknown';
    }
    return 'unknown';
  }

  private groupNetwork(group: TfResource | undefined): Place {
    if (!group) return 'unknown';
    return this.vpcOf(group.stack, group.body.vpc_id);
  }

  private collectRoutes(): void {
    const add = (stack: string, address: string, source: Place, destination: unknown, peering: unknown) => {
      if (peering === undefined || peering === null || peering === '') return;
      const cidr = block(destination);
      const target = this.index.target(stack, peering)?.resource;
      this.routes.push({ source, destination: cidr ?? 'unknown', peering: target, address, stack });
    };
    for (const route of this.index.resources('aws_route')) {
      add(route.stack, route.address, this.routeTableNetwork(route.stack, route.body.route_table_id), route.body.destination_cidr_block, route.body.vpc_peering_connection_id);
    }
    for (const type of ['aws_route_table', 'aws_default_route_table']) {
      for (const table of this.index.resources(type)) {
        const source = type === 'aws_route_table' ? this.vpcOf(table.stack, table.body.vpc_id) : this.routeTableNetwork(table.stack, `\${${type}.${table.name}.id}`);
        list(table.body.route).forEach((r, i) => {
          if (typeof r === 'object' && r !== null) {
            const body = r as Record<string, unknown>;
            add(table.stack, `${table.address}.route[${i}]`, source, body.cidr_block, body.vpc_peering_connection_id);
          }
        });
      }
    }
  }

  private collectIngress(): void {
    const groupOf = (stack: string, value: unknown): TfResource | undefined => {
      const hit = this.index.target(stack, value)?.resource;
      return hit && (hit.type === 'aws_security_group' || hit.type === 'aws_default_security_group') ? hit : undefined;
    };
    const sourcesOf = (stack: string, body: Readonly<Record<string, unknown>>, cidrKeys: string[], groupKeys: string[], self?: TfResource): Source[] => {
      const out: Source[] = [];
      for (const key of cidrKeys) {
        for (const c of list(body[key])) {
          const parsed = block(c);
          out.push(parsed ? { cidr: parsed } : 'unknown');
        }
      }
      for (const key of groupKeys) {
        for (const g of list(body[key])) {
          const group = groupOf(stack, g);
          out.push(group ? { group } : 'unknown');
        }
      }
      if (body.self === true && self) out.push({ group: self });
      for (const p of [...list(body.prefix_list_id), ...list(body.prefix_list_ids)]) if (p) out.push('unknown');
      return out;
    };
    const push = (group: TfResource | undefined, stack: string, address: string, body: Readonly<Record<string, unknown>>, sources: Source[]) => {
      for (const source of sources) this.ingress.push({ group, network: this.groupNetwork(group), source, ports: ports(body), address, stack });
    };
    for (const rule of this.index.resources('aws_vpc_security_group_ingress_rule')) {
      const group = groupOf(rule.stack, rule.body.security_group_id);
      push(group, rule.stack, rule.address, rule.body, sourcesOf(rule.stack, rule.body, ['cidr_ipv4'], ['referenced_security_group_id']));
    }
    for (const rule of this.index.resources('aws_security_group_rule')) {
      if (rule.body.type !== 'ingress') continue;
      const group = groupOf(rule.stack, rule.body.security_group_id);
      push(group, rule.stack, rule.address, rule.body, sourcesOf(rule.stack, rule.body, ['cidr_blocks'], ['source_security_group_id'], group));
    }
    for (const type of ['aws_security_group', 'aws_default_security_group']) {
      for (const group of this.index.resources(type)) {
        list(group.body.ingress).forEach((r, i) => {
          if (typeof r !== 'object' || r === null) return;
          const body = r as Record<string, unknown>;
          push(group, group.stack, `${group.address}.ingress[${i}]`, body, sourcesOf(group.stack, body, ['cidr_blocks'], ['security_groups'], group));
        });
      }
    }
  }

  private peeringStacks(): Set<string> {
    return new Set([...this.index.resources('aws_vpc_peering_connection'), ...this.index.resources('aws_vpc_peering_connection_accepter')].map((p) => p.stack));
  }

  /** Every cross-tenant path found. */
  public paths(): NetworkPath[] {
    return [...this.peeredPaths(), ...this.pooledDatabasePaths()];
  }

  private peeredPaths(): NetworkPath[] {
    const out: NetworkPath[] = [];
    const peeringStacks = this.peeringStacks();
    const overlapsNetwork = (cidr: Ipv4Cidr | 'unknown', n: TenantNetwork): Tri => (cidr === 'unknown' ? 'maybe' : n.cidrs.some((c) => overlaps(c, cidr)) ? 'yes' : 'no');
    // Route first: only the networks a route can come from and lead to, and only the ingress rules
    // of the destination, are paired (linear in routes, not quadratic in networks).
    const rulesOf = new Map<TenantNetwork | 'unknown', typeof this.ingress>();
    for (const rule of this.ingress) {
      const k = rule.network === 'unknown' ? 'unknown' : rule.network;
      if (k === undefined) continue;
      rulesOf.set(k, [...(rulesOf.get(k) ?? []), rule]);
    }
    for (const route of this.routes) {
      const sources = route.source === 'unknown' ? this.networks : this.networks.filter((n) => n === route.source);
      const dests = this.networks.filter((n) => overlapsNetwork(route.destination, n) !== 'no');
      for (const s of sources) {
        for (const d of dests) {
          if (s === d) continue;
          const fromS: Tri = route.source === s ? 'yes' : route.source === 'unknown' ? 'maybe' : 'no';
          const routeTri = triAnd(fromS, overlapsNetwork(route.destination, d));
          if (routeTri === 'no') continue;
          for (const rule of [...(rulesOf.get(d) ?? []), ...(rulesOf.get('unknown') ?? [])]) {
            const inD: Tri = rule.network === d ? 'yes' : rule.network === 'unknown' ? 'maybe' : 'no';
            let fromSource: Tri;
            if (rule.source === 'unknown') fromSource = 'maybe';
            else if ('cidr' in rule.source) fromSource = overlapsNetwork(rule.source.cidr, s);
            else {
              const g = this.groupNetwork(rule.source.group);
              fromSource = g === s ? 'yes' : g === 'unknown' ? 'maybe' : 'no';
            }
            const certainty = triAnd(routeTri, inD, fromSource);
            if (certainty === 'no') continue;
            const declared = peeringStacks.has(route.stack) && route.peering?.stack === route.stack && rule.stack === route.stack;
            const verdict = declared ? 'declared' : certainty === 'yes' ? 'allow' : 'might-allow';
            const groupTenant = rule.group ? this.tenantOf(rule.group) : undefined;
            const targets = groupTenant && d.tenants.includes(groupTenant) ? [groupTenant] : d.tenants;
            const source = rule.source === 'unknown' ? 'an unresolved source' : 'cidr' in rule.source ? formatCidr(rule.source.cidr) : rule.source.group.address;
            const evidence = `${declared ? 'declared' : 'undeclared'} path ${s.name} -> ${d.name}: route ${route.address}${route.destination === 'unknown' ? '' : ` (${formatCidr(route.destination)})`} via ${route.peering?.address ?? 'an unresolved peering connection'}; ingress ${rule.address} admits ${source} on ${rule.ports}`;
            for (const from of s.tenants) for (const to of targets) if (from !== to) out.push({ from, to, verdict, evidence });
          }
        }
      }
    }
    return out;
  }

  private pooledDatabasePaths(): NetworkPath[] {
    const out: NetworkPath[] = [];
    for (const db of this.index.resources('aws_db_instance')) {
      const owner = this.tenantOf(db);
      if (!owner) continue;
      for (const groupRef of list(db.body.vpc_security_group_ids)) {
        const group = this.index.target(db.stack, groupRef)?.resource;
        const network = group ? this.groupNetwork(group) : 'unknown';
        if (network === undefined || (network !== 'unknown' && network.tenants.length < 2)) continue;
        const others = network === 'unknown' ? [] : network.tenants.filter((t) => t !== owner);
        if (!group) {
          for (const t of others) out.push({ from: t, to: owner, verdict: 'might-allow', evidence: `${db.address} uses an unresolved security group ${String(groupRef)}` });
          continue;
        }
        for (const rule of this.ingress.filter((r) => r.group === group)) {
          const pool = network as TenantNetwork;
          const at = `${db.address}: ingress ${rule.address} on ${rule.ports}`;
          if (rule.source === 'unknown') {
            for (const t of others) out.push({ from: t, to: owner, verdict: 'might-allow', evidence: `${at} admits an unresolved source` });
          } else if ('group' in rule.source) {
            const sourceTenant = this.tenantOf(rule.source.group);
            if (sourceTenant === owner) continue;
            const who = sourceTenant && pool.tenants.includes(sourceTenant) ? [sourceTenant] : sourceTenant ? [] : others;
            const what = sourceTenant ? `security group of tenant ${sourceTenant}` : 'a security group with no tenant (any tenant may attach it)';
            for (const t of who) out.push({ from: t, to: owner, verdict: 'allow', evidence: `${at} admits ${rule.source.group.address}, a ${what}` });
          } else {
            const cidr = rule.source.cidr;
            const covers = pool.cidrs.some((c) => contains(cidr, c));
            const touches = pool.cidrs.some((c) => overlaps(cidr, c));
            if (!touches) continue;
            for (const t of others) {
              out.push({
                from: t,
                to: owner,
                verdict: covers ? 'allow' : 'might-allow',
                evidence: `${at} admits ${formatCidr(cidr)}, ${covers ? 'the whole shared VPC' : 'part of the shared VPC'} (${pool.name})`,
              });
            }
          }
        }
      }
    }
    return out;
  }
}
