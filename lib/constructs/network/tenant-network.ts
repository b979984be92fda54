import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Route } from '@cdktf/provider-aws/lib/route';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAclRule } from '@cdktf/provider-aws/lib/network-acl-rule';
import { DefaultRouteTable } from '@cdktf/provider-aws/lib/default-route-table';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { RolePolicy } from '../security/role-policy';
import { DeploymentTarget } from '../kernel/context';
import { HipaaKey } from '../security/hipaa-key';
import { HipaaLogGroup } from '../audit/log-group';
import { PolicyDocument } from '../security/policy-document';
import { HipaaValidationError, Problem, isToken } from '../../errors';
import { messages } from '../../messages';
import { ADMIN_PORTS, SLUG_PATTERN } from '../../config/schema';
import { availabilityZoneLetters, isAwsRegion } from '../../config/regions';
import { blockContains, blocksOverlap, cidrProblems, parseIpv4Cidr, Ipv4Block } from './cidr';
import { pascalCase, pinAddress, terraformName } from './addresses';
import { PeerDirection, PeerSecurityGroup, portProblems } from './peer-security-group';

/** `app`: workloads. `data`: databases, never routed to the internet or a peer. `public`: NAT only. */
export type SubnetTier = 'app' | 'data' | 'public';
export const SUBNET_TIERS: readonly SubnetTier[] = ['app', 'data', 'public'];

/** One planned subnet: concrete values from the planner. */
export interface SubnetPlan {
  readonly tier: SubnetTier;
  /** Position of the Availability Zone in the plan (0, 1, ...); part of Terraform addresses. */
  readonly azIndex: number;
  /** Availability Zone name, e.g. `us-east-1a`. */
  readonly availabilityZone: string;
  /** Concrete IPv4 CIDR inside the VPC block. */
  readonly cidr: string;
}

/** A peer network as the tenant network sees it: its name, its VPC CIDR and the TCP ports. */
export interface PeerAccess {
  /** The peer's network name (tenant or pool id). */
  readonly name: string;
  /** The peer's concrete VPC CIDR. */
  readonly cidr: string;
  /** TCP ports admitted. */
  readonly ports: readonly number[];
}

/** Interface endpoints every tenant network gets: Session Manager, KMS, CloudWatch Logs, Secrets Manager. */
export const DEFAULT_INTERFACE_ENDPOINTS: readonly string[] = ['ssm', 'ssmmessages', 'ec2messages', 'kms', 'logs', 'secretsmanager'];

/** Administrative ports every tier's network ACL denies from anywhere (rules 10-12), before any allow. */
export const DENIED_ADMIN_PORTS: ReadonlyArray<{ readonly protocol: 'tcp' | 'udp'; readonly port: number }> = [
  ...ADMIN_PORTS.map((port) => ({ protocol: 'tcp' as const, port })),
  { protocol: 'udp', port: 3389 },
];
/** Ephemeral ports: NACLs are stateless, so replies to connections a subnet opened arrive here. */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;

/** Longest network name: keeps `<name>-flow-logs-<region>` within IAM's 64-character role names. */
export const MAX_NETWORK_NAME_LENGTH = 32;

export interface TenantNetworkProps {
  /** Account, Region, partition and audit retention the network deploys with. */
  readonly target: DeploymentTarget;
  /** Tenant or pool id; names, tags and every Terraform address derive from it. */
  readonly name: string;
  /** Concrete VPC CIDR (/16 to /28). */
  readonly cidr: string;
  /** Planned subnets: app and data in at least 2 AZs each; public only with egress. */
  readonly subnets: readonly SubnetPlan[];
  /**
   * Outbound internet access for the app tier: an internet gateway, one NAT gateway per AZ in the
   * public subnets, and a default route from app subnets only. Data subnets never get one.
   * @default false
   */
  readonly egress?: boolean;
  /** The tenant's key; encrypts the flow log group. Must be in the same account and Region. */
  readonly flowLogKey: HipaaKey;
  /**
   * Interface endpoint services (short names after `com.amazonaws.<region>.`), placed in the app
   * subnets with private DNS.
   * @default DEFAULT_INTERFACE_ENDPOINTS
   */
  readonly interfaceEndpoints?: readonly string[];
  /**
   * Peers that may open connections into this network's app tier: the app network ACL admits
   * each one's CIDR on its TCP ports (security groups still decide which workloads answer).
   * @default - none: only the VPC itself and return traffic reach the app tier
   */
  readonly inboundPeers?: readonly PeerAccess[];
}

const ENDPOINT_SERVICE = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/**
 * Whether a zone name with a single-letter suffix is one of the Region's zones (the table in
 * lib/config/regions.ts); other suffixes (Local Zones such as `us-east-1-bos-1a`) are left to AWS.
 */
function zoneExists(region: string, zone: string): boolean {
  const suffix = zone.slice(region.length);
  if (!isAwsRegion(region) || !/^[a-z]$/.test(suffix)) return true;
  return availabilityZoneLetters[region].includes(suffix);
}

/** Every problem with the props of a TenantNetwork, in field order. */
export function tenantNetworkProblems(props: TenantNetworkProps): Problem[] {
  const problems: Problem[] = [];
  const { name, target } = props;
  const egress = props.egress ?? false;
  if (typeof name !== 'string' || !SLUG_PATTERN.test(name) || name.length > MAX_NETWORK_NAME_LENGTH) {
    problems.push(messages.networkNameInvalid('name', name, MAX_NETWORK_NAME_LENGTH));
  }
  const vpcCidrProblems = cidrProblems('cidr', props.cidr, 16, 28);
  problems.push(...vpcCidrProblems);
  const vpcBlock = vpcCidrProblems.length === 0 ? parseIpv4Cidr(props.cidr) : undefined;

  const subnets: readonly SubnetPlan[] = Array.isArray(props.subnets) ? props.subnets : [];
  const blocks: Array<{ index: number; block: Ipv4Block }> = [];
  const seen = new Set<string>();
  const azByIndex = new Map<number, { az: string; index: number }>();
  const indexByAz = new Map<string, number>();
  const azIndexes: Record<SubnetTier, Set<number>> = { app: new Set(), data: new Set(), public: new Set() };

  subnets.forEach((s, i) => {
    const at = `subnets[${i}]`;
    const tierOk = SUBNET_TIERS.includes(s.tier);
    const indexOk = Number.isInteger(s.azIndex) && s.azIndex >= 0 && s.azIndex <= 15;
    if (!tierOk) problems.push(messages.subnetTierInvalid(`${at}.tier`, s.tier));
    if (!indexOk) problems.push(messages.subnetAzIndexInvalid(`${at}.azIndex`, s.azIndex));
    const azOk =
      typeof s.availabilityZone === 'string' &&
      !isToken(s.availabilityZone) &&
      /^[a-z0-9-]+$/.test(s.availabilityZone) &&
      s.availabilityZone.startsWith(target.region) &&
      s.availabilityZone.length > target.region.length &&
      zoneExists(target.region, s.availabilityZone);
    if (!azOk) problems.push(messages.availabilityZoneInvalid(`${at}.availabilityZone`, s.availabilityZone, target.region));

    const cidrIssues = cidrProblems(`${at}.cidr`, s.cidr, 16, 28);
    problems.push(...cidrIssues);
    const block = cidrIssues.length === 0 ? parseIpv4Cidr(s.cidr) : undefined;
    if (block && vpcBlock && !blockContains(vpcBlock, block)) problems.push(messages.subnetOutsideVpc(`${at}.cidr`, s.cidr, props.cidr));
    if (block) {
      const other = blocks.find((b) => blocksOverlap(b.block, block));
      if (other) problems.push(messages.subnetsOverlap(`${at}.cidr`, s.cidr, `subnets[${other.index}].cidr`, subnets[other.index].cidr));
      blocks.push({ index: i, block });
    }

    if (tierOk && indexOk) {
      const key = `${s.tier}/${s.azIndex}`;
      if (seen.has(key)) problems.push(messages.subnetDuplicate(at, s, s.tier, s.azIndex));
      seen.add(key);
      azIndexes[s.tier].add(s.azIndex);
    }
    if (indexOk && azOk) {
      const mapped = azByIndex.get(s.azIndex);
      const mappedIndex = indexByAz.get(s.availabilityZone);
      if (mapped && mapped.az !== s.availabilityZone) {
        problems.push(
          messages.availabilityZoneInconsistent(`${at}.availabilityZone`, s.availabilityZone, `AZ index ${s.azIndex} is already ${mapped.az} in subnets[${mapped.index}]`),
        );
      } else if (mappedIndex !== undefined && mappedIndex !== s.azIndex) {
        problems.push(messages.availabilityZoneInconsistent(`${at}.availabilityZone`, s.availabilityZone, `${s.availabilityZone} is already AZ index ${mappedIndex}`));
      } else if (!mapped) {
        azByIndex.set(s.azIndex, { az: s.availabilityZone, index: i });
        indexByAz.set(s.availabilityZone, s.azIndex);
      }
    }
  });

  const firstPublic = subnets.findIndex((s) => s.tier === 'public');
  if (!egress && firstPublic >= 0) problems.push(messages.publicSubnetsWithoutEgress(`subnets[${firstPublic}].tier`, 'public'));
  if (egress && firstPublic < 0)
    problems.push(
      messages.egressWithoutPublicSubnets(
        'subnets',
        subnets.map((s) => s.tier),
      ),
    );

  const required: SubnetTier[] = egress && firstPublic >= 0 ? ['app', 'data', 'public'] : ['app', 'data'];
  const tooFew = required.filter((tier) => azIndexes[tier].size < 2);
  tooFew.forEach((tier) => problems.push(messages.tooFewAvailabilityZones('subnets', [...azIndexes[tier]].sort(), tier)));
  if (tooFew.length === 0) {
    const expected = Array.from({ length: azIndexes.app.size }, (_, i) => i);
    const mismatched = required.some((tier) => {
      const got = [...azIndexes[tier]].sort((a, b) => a - b);
      return got.length !== expected.length || got.some((v, i) => v !== expected[i]);
    });
    if (mismatched) {
      const got = Object.fromEntries(required.map((tier) => [tier, [...azIndexes[tier]].sort((a, b) => a - b)]));
      problems.push(messages.azIndexesMismatch('subnets', got, expected));
    }
  }

  const endpoints = props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS;
  endpoints.forEach((svc, i) => {
    if (typeof svc !== 'string' || !ENDPOINT_SERVICE.test(svc) || endpoints.indexOf(svc) !== i) {
      problems.push(messages.endpointServiceInvalid(`interfaceEndpoints[${i}]`, svc));
    }
  });

  (props.inboundPeers ?? []).forEach((peer) => problems.push(...peerAccessProblems(name, props.cidr, peer)));

  const keyTarget = props.flowLogKey?.target;
  if (keyTarget && (keyTarget.accountId !== target.accountId || keyTarget.region !== target.region)) {
    problems.push(messages.flowLogKeyElsewhere('flowLogKey', `${keyTarget.accountId}/${keyTarget.region}`, `${target.accountId}/${target.region}`));
  }
  return problems;
}

/** Problems with a peer handed to `allowFromPeer` / `allowToPeer`. */
function peerAccessProblems(ownName: string, ownCidr: string, peer: PeerAccess): Problem[] {
  const problems: Problem[] = [];
  if (typeof peer.name !== 'string' || !SLUG_PATTERN.test(peer.name) || peer.name.length > MAX_NETWORK_NAME_LENGTH) {
    problems.push(messages.networkNameInvalid('peer.name', peer.name, MAX_NETWORK_NAME_LENGTH));
  } else if (peer.name === ownName) {
    problems.push(messages.peerSelf('peer.name', peer.name));
  }
  const cidrIssues = cidrProblems('peer.cidr', peer.cidr, 16, 28);
  problems.push(...cidrIssues);
  const own = parseIpv4Cidr(ownCidr);
  const theirs = cidrIssues.length === 0 ? parseIpv4Cidr(peer.cidr) : undefined;
  if (own && theirs && blocksOverlap(own, theirs)) problems.push(messages.peerCidrsOverlap('peer.cidr', peer.cidr, 'cidr', ownCidr));
  problems.push(...portProblems('peer.ports', peer.ports));
  // The tier ACLs deny these before any allow: such a peer rule could never admit anything.
  if (Array.isArray(peer.ports)) {
    peer.ports.forEach((port, i) => {
      if (ADMIN_PORTS.includes(port)) problems.push(messages.peerAdminPort(`peer.ports[${i}]`, port));
    });
  }
  return problems;
}

/**
 * A tenant's (or pool's) VPC, private by default: app and data subnets in at least two AZs with a
 * route table per tier and AZ, no internet path unless `egress` is set (and then for app subnets
 * only), the default security group and network ACL taken under management, every packet recorded
 * in KMS-encrypted flow logs kept for the audit retention, and AWS APIs reached through VPC
 * endpoints admitted only from inside the VPC.
 *
 * Route tables are one per tier and AZ: each AZ's app subnets route to the NAT gateway in the same
 * AZ (an AZ outage leaves the others' egress up, and traffic does not cross AZs), and a peering
 * stack can find each table by its tags `HipaaNetwork`, `Tier` and `AzIndex` with one plain data
 * source per AZ. Routes are separate `aws_route` resources, never inline: a route table with
 * inline routes would delete the routes a peering stack adds.
 */
export class TenantNetwork extends Construct {
  public readonly resource: Vpc;
  public readonly target: DeploymentTarget;
  /** The network name (tenant or pool id). */
  public readonly name: string;
  /** The VPC id (a Terraform reference). */
  public readonly vpcId: string;
  /** The VPC CIDR, concrete. */
  public readonly vpcCidr: string;
  /** Number of Availability Zones; AZ indexes are 0..azCount-1 in every tier. */
  public readonly azCount: number;
  public readonly egress: boolean;
  /** Subnets by tier, ordered by AZ index (`public` is empty without egress). */
  public readonly subnets: Readonly<Record<SubnetTier, readonly Subnet[]>>;
  /** Subnet ids by tier, ordered by AZ index. */
  public readonly subnetIds: Readonly<Record<SubnetTier, readonly string[]>>;
  /** Route tables by tier, ordered by AZ index. */
  public readonly routeTables: Readonly<Record<SubnetTier, readonly RouteTable[]>>;
  /** Route table ids by tier, ordered by AZ index. */
  public readonly routeTableIds: Readonly<Record<SubnetTier, readonly string[]>>;
  /** NAT gateways by AZ index (empty without egress). */
  public readonly natGateways: readonly NatGateway[];
  public readonly internetGateway?: InternetGateway;
  public readonly defaultSecurityGroup: DefaultSecurityGroup;
  public readonly defaultNetworkAcl: DefaultNetworkAcl;
  /** One network ACL per tier (`public` only with egress). */
  public readonly networkAcls: Readonly<Partial<Record<SubnetTier, NetworkAcl>>>;
  public readonly endpointSecurityGroup: SecurityGroup;
  /** The endpoint security group id: admits TCP 443 from the VPC CIDR only. */
  public readonly endpointSecurityGroupId: string;
  /** Interface endpoints by service short name. */
  public readonly interfaceEndpoints: Readonly<Record<string, VpcEndpoint>>;
  public readonly s3GatewayEndpoint: VpcEndpoint;
  public readonly flowLogGroup: HipaaLogGroup;
  public readonly flowLogRole: IamRole;
  public readonly flowLog: FlowLog;
  private readonly subject: string;
  private readonly peerGroups: Record<string, PeerSecurityGroup> = {};
  private readonly appCidrs: readonly string[];
  private readonly dataPorts: number[] = [];
  private readonly dataBlocks = new Set<number>();

  constructor(scope: Construct, id: string, props: TenantNetworkProps) {
    super(scope, id);
    this.subject = `TenantNetwork ${this.node.path}`;
    const problems = tenantNetworkProblems(props);
    if (problems.length > 0) throw new HipaaValidationError(this.subject, problems);

    this.target = props.target;
    this.name = props.name;
    this.vpcCidr = props.cidr;
    this.egress = props.egress ?? false;
    const { accountId, region, partition, auditRetentionDays } = props.target;
    const n = props.name;
    const pin = (element: Parameters<typeof pinAddress>[0], ...keys: (string | number)[]) => pinAddress(element, terraformName(n, ...keys), 'name', this.subject);
    const tags = (extra: Record<string, string> = {}, label = n) => ({ Name: label, HipaaNetwork: n, ...extra });

    this.resource = new Vpc(this, 'Resource', {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      instanceTenancy: 'default',
      tags: tags(),
    });
    pin(this.resource);
    this.vpcId = this.resource.id;

    // ---- subnets and route tables, one of each per tier and AZ -------------------------------
    const ordered = [...props.subnets].sort((a, b) => SUBNET_TIERS.indexOf(a.tier) - SUBNET_TIERS.indexOf(b.tier) || a.azIndex - b.azIndex);
    this.azCount = new Set(ordered.filter((s) => s.tier === 'app').map((s) => s.azIndex)).size;
    const placed: Record<SubnetTier, Array<{ azIndex: number; subnet: Subnet; table: RouteTable }>> = { app: [], data: [], public: [] };
    for (const plan of ordered) {
      const { tier, azIndex } = plan;
      const az = `az${azIndex}`;
      const label = `${n}-${tier}-${az}`;
      const idPart = pascalCase(tier);
      const placement = tags({ Tier: tier, AzIndex: String(azIndex) }, label);
      const subnet = new Subnet(this, `${idPart}SubnetAz${azIndex}`, {
        vpcId: this.vpcId,
        cidrBlock: plan.cidr,
        availabilityZone: plan.availabilityZone,
        mapPublicIpOnLaunch: false,
        tags: placement,
      });
      pin(subnet, tier, az);
      const table = new RouteTable(this, `${idPart}RouteTableAz${azIndex}`, {
        vpcId: this.vpcId,
        tags: placement,
      });
      pin(table, tier, az);
      const association = new RouteTableAssociation(this, `${idPart}RouteTableAssociationAz${azIndex}`, {
        subnetId: subnet.id,
        routeTableId: table.id,
      });
      pin(association, tier, az);
      placed[tier].push({ azIndex, subnet, table });
    }
    this.subnets = mapTiers(placed, (p) => p.subnet);
    this.routeTables = mapTiers(placed, (p) => p.table);
    this.subnetIds = mapTiers(placed, (p) => p.subnet.id);
    this.routeTableIds = mapTiers(placed, (p) => p.table.id);

    // ---- the VPC's defaults, taken under management ------------------------------------------
    // No rules: anything left in the default group is something nobody chose.
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      vpcId: this.vpcId,
      ingress: [],
      egress: [],
      tags: tags({}, `${n}-default-unused`),
    });
    pin(this.defaultSecurityGroup);
    // No rules and no subnets: every subnet is moved to its tier's ACL below, so the default ACL
    // admits nothing, and a subnet created later by hand gets no traffic. `subnet_ids` is ignored
    // because AWS reports subnets moved to another ACL as removed from the default one.
    this.defaultNetworkAcl = new DefaultNetworkAcl(this, 'DefaultNetworkAcl', {
      defaultNetworkAclId: this.resource.defaultNetworkAclId,
      ingress: [],
      egress: [],
      tags: tags({}, `${n}-default-unused`),
      lifecycle: { ignoreChanges: ['subnet_ids'] },
    });
    pin(this.defaultNetworkAcl);

    // ---- network ACLs, one per tier: stateless, so replies need the ephemeral range ----------
    // Rules 10-12 deny SSH and RDP from anywhere before anything is allowed; the app tier admits the
    // VPC, declared peers on their ports and replies; the data tier admits only database ports from
    // the app subnets (added by allowDatabasePort) and replies; the public tier (NAT) admits the VPC
    // and replies. Rules are separate resources so more can be added without replacing the ACL.
    // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
    this.appCidrs = ordered.filter((s) => s.tier === 'app').map((s) => s.cidr);
    const acls: Partial<Record<SubnetTier, NetworkAcl>> = {};
    this.networkAcls = acls;
    for (const tier of SUBNET_TIERS) {
      if (placed[tier].length === 0) continue;
      const acl = new NetworkAcl(this, `${pascalCase(tier)}NetworkAcl`, {
        vpcId: this.vpcId,
        subnetIds: [...this.subnetIds[tier]],
        tags: tags({ Tier: tier }, `${n}-${tier}`),
      });
      pin(acl, tier);
      acls[tier] = acl;
      DENIED_ADMIN_PORTS.forEach(({ protocol, port }, i) => {
        this.aclRule(tier, `Deny${protocol.toUpperCase()}${port}`, { ruleNumber: 10 + i, ruleAction: 'deny', protocol, cidrBlock: '0.0.0.0/0', fromPort: port, toPort: port });
      });
      const everywhere = tier === 'data' ? props.cidr : '0.0.0.0/0';
      this.aclRule(tier, 'Replies', { ruleNumber: 900, ruleAction: 'allow', protocol: 'tcp', cidrBlock: everywhere, fromPort: EPHEMERAL_PORTS.from, toPort: EPHEMERAL_PORTS.to });
      if (tier !== 'data') this.aclRule(tier, 'Vpc', { ruleNumber: 100, ruleAction: 'allow', protocol: '-1', cidrBlock: props.cidr, fromPort: 0, toPort: 0 });
      // Outbound: the data tier answers inside the VPC only; the others are limited by security groups.
      this.aclRule(tier, 'Out', {
        egress: true,
        ruleNumber: 100,
        ruleAction: 'allow',
        protocol: '-1',
        cidrBlock: tier === 'data' ? props.cidr : '0.0.0.0/0',
        fromPort: 0,
        toPort: 0,
      });
    }
    // Peer rules are numbered from their peer and port (200-799), not their position, so adding or
    // removing a peer never renumbers (and so replaces) another peer's rule.
    const taken = new Set<number>();
    for (const peer of [...(props.inboundPeers ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      for (const port of peer.ports) {
        let ruleNumber = 200 + (stableHash(`${peer.name}:${port}`) % 600);
        while (taken.has(ruleNumber)) ruleNumber = ruleNumber === 799 ? 200 : ruleNumber + 1;
        taken.add(ruleNumber);
        this.aclRule('app', `Peer${pascalCase(peer.name)}Port${port}`, { ruleNumber, ruleAction: 'allow', protocol: 'tcp', cidrBlock: peer.cidr, fromPort: port, toPort: port }, [
          'peer',
          peer.name,
          port,
        ]);
      }
    }
    // Every subnet has its own table; the main table keeps only the local route, so a subnet
    // created later by hand gets no path anywhere.
    const mainTable = new DefaultRouteTable(this, 'DefaultRouteTable', {
      defaultRouteTableId: this.resource.defaultRouteTableId,
      route: [],
      tags: tags({}, `${n}-main-unused`),
    });
    pin(mainTable);

    // ---- internet egress: app tier only -----------------------------------------------------
    const nats: NatGateway[] = [];
    if (this.egress) {
      const igw = new InternetGateway(this, 'InternetGateway', { vpcId: this.vpcId, tags: tags() });
      pin(igw);
      this.internetGateway = igw;
      const natByAz = new Map<number, NatGateway>();
      for (const { azIndex, subnet, table } of placed.public) {
        const toInternet = new Route(this, `PublicInternetRouteAz${azIndex}`, {
          routeTableId: table.id,
          destinationCidrBlock: '0.0.0.0/0',
          gatewayId: igw.id,
        });
        pin(toInternet, 'public', `az${azIndex}`, 'internet');
        const eip = new Eip(this, `NatEipAz${azIndex}`, { domain: 'vpc', tags: tags({ AzIndex: String(azIndex) }, `${n}-nat-az${azIndex}`) });
        pin(eip, 'nat', `az${azIndex}`);
        const nat = new NatGateway(this, `NatGatewayAz${azIndex}`, {
          allocationId: eip.allocationId,
          subnetId: subnet.id,
          connectivityType: 'public',
          tags: tags({ AzIndex: String(azIndex) }, `${n}-az${azIndex}`),
          dependsOn: [igw],
        });
        pin(nat, `az${azIndex}`);
        natByAz.set(azIndex, nat);
        nats.push(nat);
      }
      // The app tier only; data subnets keep no route out of the VPC.
      for (const { azIndex, table } of placed.app) {
        const viaNat = new Route(this, `AppInternetRouteAz${azIndex}`, {
          routeTableId: table.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: natByAz.get(azIndex)!.id,
        });
        pin(viaNat, 'app', `az${azIndex}`, 'internet');
      }
    }
    this.natGateways = nats;

    // ---- VPC endpoints ----------------------------------------------------------------------
    this.endpointSecurityGroup = new SecurityGroup(this, 'EndpointSecurityGroup', {
      name: `${n}-endpoints`,
      description: `Interface VPC endpoints of ${n}: HTTPS from inside the VPC only`,
      vpcId: this.vpcId,
      tags: tags({}, `${n}-endpoints`),
    });
    pin(this.endpointSecurityGroup, 'endpoints');
    this.endpointSecurityGroupId = this.endpointSecurityGroup.id;
    const https = new VpcSecurityGroupIngressRule(this, 'EndpointHttpsIngress', {
      securityGroupId: this.endpointSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.cidr,
      description: `HTTPS from ${n} VPC`,
      tags: tags({}, `${n}-endpoints-https`),
    });
    pin(https, 'endpoints', 'https');

    const endpoints: Record<string, VpcEndpoint> = {};
    for (const service of props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS) {
      const endpoint = new VpcEndpoint(this, `Endpoint${pascalCase(service)}`, {
        vpcId: this.vpcId,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...this.subnetIds.app],
        securityGroupIds: [this.endpointSecurityGroupId],
        tags: tags({ Service: service }, `${n}-${service}`),
      });
      pin(endpoint, 'endpoint', service);
      endpoints[service] = endpoint;
    }
    this.interfaceEndpoints = endpoints;
    this.s3GatewayEndpoint = new VpcEndpoint(this, 'S3GatewayEndpoint', {
      vpcId: this.vpcId,
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...this.routeTableIds.app, ...this.routeTableIds.data],
      tags: tags({ Service: 's3' }, `${n}-s3`),
    });
    pin(this.s3GatewayEndpoint, 's3', 'gateway');

    // ---- flow logs: all traffic, KMS-encrypted, kept for the audit retention -----------------
    this.flowLogGroup = new HipaaLogGroup(this, 'FlowLogGroup', {
      logGroupName: `/aws/vpc/flow-logs/${n}`,
      key: props.flowLogKey,
      retentionDays: auditRetentionDays,
    });
    pin(this.flowLogGroup.resource, 'flow', 'logs');
    const logGroupArn = this.flowLogGroup.logGroupArn;
    const trust = new PolicyDocument([
      {
        Sid: 'VpcFlowLogsDelivery',
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': accountId },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*` },
        },
      },
    ]);
    this.flowLogRole = new IamRole(this, 'FlowLogRole', {
      name: `${n}-flow-logs-${region}`,
      description: `Delivers VPC flow logs of ${n} to ${this.flowLogGroup.logGroupName}`,
      assumeRolePolicy: trust.toString(),
      tags: tags({}, `${n}-flow-logs-${region}`),
    });
    pin(this.flowLogRole, 'flow', 'logs');
    const write = new PolicyDocument([
      {
        Sid: 'WriteFlowLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
    ]);
    new RolePolicy(this, 'FlowLogPolicy', {
      policyName: `${n}-flow-logs`,
      description: `Lets VPC Flow Logs write to the ${n} flow log group only`,
      roleName: this.flowLogRole.name,
      document: write,
      onCreate: (resource) => pin(resource, 'flow', 'logs'),
    });
    this.flowLog = new FlowLog(this, 'FlowLog', {
      vpcId: this.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.flowLogGroup.resource.arn,
      iamRoleArn: this.flowLogRole.arn,
      maxAggregationInterval: 60,
      tags: tags({}, `${n}-all-traffic`),
    });
    pin(this.flowLog);
  }

  /**
   * Admits a database port into the data tier's network ACL from each app subnet (once per port).
   * Databases in the data subnets are reached only from the app tier, where workloads and the
   * bastion run.
   */
  public allowDatabasePort(port: number): void {
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new HipaaValidationError(`${this.subject} allowDatabasePort`, [messages.rangeInvalid('port', port, 'database port', 'use a TCP port from 1150 to 65535')]);
    if (this.dataPorts.includes(port)) return;
    // Numbered from the port (blocks of 16 from 100), so adding a database never renumbers another's rules.
    let block = stableHash(`db:${port}`) % 40;
    while (this.dataBlocks.has(block)) block = (block + 1) % 40;
    this.dataBlocks.add(block);
    this.dataPorts.push(port);
    this.appCidrs.forEach((cidr, az) => {
      this.aclRule('data', `Db${port}FromAppAz${az}`, { ruleNumber: 100 + block * 16 + az, ruleAction: 'allow', protocol: 'tcp', cidrBlock: cidr, fromPort: port, toPort: port }, [
        'db',
        port,
        `az${az}`,
      ]);
    });
  }

  private aclRule(
    tier: SubnetTier,
    id: string,
    rule: { ruleNumber: number; ruleAction: 'allow' | 'deny'; protocol: string; cidrBlock: string; fromPort: number; toPort: number; egress?: boolean },
    addressKeys: readonly (string | number)[] = [String(rule.ruleNumber)],
  ): NetworkAclRule {
    const acl = this.networkAcls[tier]!;
    const resource = new NetworkAclRule(this, `${pascalCase(tier)}Acl${rule.egress ? 'Egress' : 'Ingress'}${id}`, {
      networkAclId: acl.id,
      egress: rule.egress ?? false,
      ruleNumber: rule.ruleNumber,
      ruleAction: rule.ruleAction,
      protocol: rule.protocol,
      cidrBlock: rule.cidrBlock,
      fromPort: rule.fromPort,
      toPort: rule.toPort,
    });
    pinAddress(resource, terraformName(this.name, tier, 'acl', rule.egress ? 'egress' : 'ingress', ...addressKeys), 'name', this.subject);
    return resource;
  }

  /**
   * Creates `peer-from-<peer>` in this VPC: admits exactly `peer.ports` (TCP) from the peer's CIDR.
   * Workloads that serve the peer attach it. Use this when the tenant stack owns the peer groups
   * (so its own workloads can reference them); a VpcPeering then runs with `securityGroups: false`.
   */
  public allowFromPeer(peer: PeerAccess): PeerSecurityGroup {
    return this.peerGroup('ingress', peer);
  }

  /** Creates `peer-to-<peer>` in this VPC: lets attached workloads reach `peer.ports` (TCP) on the peer's CIDR. */
  public allowToPeer(peer: PeerAccess): PeerSecurityGroup {
    return this.peerGroup('egress', peer);
  }

  /** Peer security groups made by `allowFromPeer` / `allowToPeer`, keyed `from:<peer>` / `to:<peer>`. */
  public get peerSecurityGroups(): Readonly<Record<string, PeerSecurityGroup>> {
    return { ...this.peerGroups };
  }

  private peerGroup(direction: PeerDirection, peer: PeerAccess): PeerSecurityGroup {
    const key = `${direction === 'ingress' ? 'from' : 'to'}:${peer.name}`;
    const problems = peerAccessProblems(this.name, this.vpcCidr, peer);
    if (this.peerGroups[key]) problems.push(messages.peerAlreadyAllowed('peer.name', peer.name));
    if (problems.length > 0) throw new HipaaValidationError(`${this.subject} ${direction === 'ingress' ? 'allowFromPeer' : 'allowToPeer'}`, problems);
    const group = new PeerSecurityGroup(this, `Peer${direction === 'ingress' ? 'From' : 'To'}${pascalCase(peer.name)}`, {
      vpcId: this.vpcId,
      networkName: this.name,
      peerName: peer.name,
      peerCidr: peer.cidr,
      ports: peer.ports,
      direction,
      addressPrefix: terraformName(this.name, direction === 'ingress' ? 'peer_from' : 'peer_to', peer.name),
      subject: this.subject,
    });
    this.peerGroups[key] = group;
    return group;
  }
}

/** FNV-1a: a small deterministic hash for rule numbers. */
function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function mapTiers<T, U>(byTier: Record<SubnetTier, T[]>, f: (value: T) => U): Record<SubnetTier, U[]> {
  return { app: byTier.app.map(f), data: byTier.data.map(f), public: byTier.public.map(f) };
}
