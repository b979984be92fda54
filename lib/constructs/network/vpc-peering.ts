import { Construct } from 'constructs';
import { TerraformStack, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DataAwsRouteTable } from '@cdktf/provider-aws/lib/data-aws-route-table';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import { VpcPeeringConnectionOptions } from '@cdktf/provider-aws/lib/vpc-peering-connection-options';
import { Route } from '@cdktf/provider-aws/lib/route';
import { DeploymentTarget } from '../kernel/context';
import { HipaaValidationError, Problem } from '../../errors';
import { messages } from '../../messages';
import { SLUG_PATTERN } from '../../config/schema';
import { blocksOverlap, cidrProblems, parseIpv4Cidr } from './cidr';
import { pascalCase, pinAddress, terraformName } from './addresses';
import { PeerDirection, PeerSecurityGroup, portProblems } from './peer-security-group';
import { MAX_NETWORK_NAME_LENGTH } from './tenant-network';

/** One side of a peering, known only by the values its TenantNetwork was built from. */
export interface PeeringSide {
  /** Account and Region of the side's VPC. */
  readonly target: DeploymentTarget;
  /** The provider of this stack configured for that account and Region. */
  readonly provider: AwsProvider;
  /** The TenantNetwork name: the VPC and its route tables are found by its `HipaaNetwork` tag. */
  readonly name: string;
  /** The side's concrete VPC CIDR (the VPC lookup also matches it). */
  readonly cidr: string;
  /** The side's TenantNetwork `azCount`: one app route table is looked up per AZ index. */
  readonly azCount: number;
}

/** `from` may open TCP connections to `to` on `ports`. */
export interface PeeringRule {
  readonly from: string;
  readonly to: string;
  readonly ports: readonly number[];
}

export interface VpcPeeringProps {
  /** Stable id of the connection, e.g. `acme--beta`; every Terraform address derives from it. */
  readonly connectionId: string;
  /** The side that requests the connection (its provider creates it). */
  readonly requester: PeeringSide;
  /** The side that accepts it. */
  readonly accepter: PeeringSide;
  /** Directional rules; at least one. */
  readonly rules: readonly PeeringRule[];
  /**
   * Create the peer security groups (`peer-from-<from>` in `to`'s VPC, `peer-to-<to>` in `from`'s)
   * in this stack. Set false when the tenant stacks create them with `TenantNetwork.allowFromPeer`
   * and `allowToPeer`, so their own workloads can attach them.
   * @default true
   */
  readonly securityGroups?: boolean;
}

const CONNECTION_ID = /^[a-z][a-z0-9-]{0,62}[a-z0-9]$/;

/** Every problem with the props of a VpcPeering, in field order (stack membership aside). */
export function vpcPeeringProblems(props: VpcPeeringProps): Problem[] {
  const problems: Problem[] = [];
  if (typeof props.connectionId !== 'string' || !CONNECTION_ID.test(props.connectionId)) {
    problems.push(messages.connectionIdInvalid('connectionId', props.connectionId));
  }
  const sides = [
    ['requester', props.requester],
    ['accepter', props.accepter],
  ] as const;
  const blocks = sides.map(([role, side]) => {
    if (typeof side.name !== 'string' || !SLUG_PATTERN.test(side.name) || side.name.length > MAX_NETWORK_NAME_LENGTH) {
      problems.push(messages.networkNameInvalid(`${role}.name`, side.name, MAX_NETWORK_NAME_LENGTH));
    }
    if (!Number.isInteger(side.azCount) || side.azCount < 2 || side.azCount > 16) {
      problems.push(messages.azCountInvalid(`${role}.azCount`, side.azCount));
    }
    const region = side.provider?.region;
    if (typeof region === 'string' && !Token.isUnresolved(region) && region !== side.target.region) {
      problems.push(messages.providerMismatch(`${role}.provider`, region, `the provider is configured for ${region}, the side's target for ${side.target.region}`));
    }
    const accounts = side.provider?.allowedAccountIds;
    if (Array.isArray(accounts) && !Token.isUnresolved(accounts) && !accounts.includes(side.target.accountId)) {
      problems.push(messages.providerMismatch(`${role}.provider`, accounts, `the provider is pinned to other accounts than the side's target (${side.target.accountId})`));
    }
    const issues = cidrProblems(`${role}.cidr`, side.cidr, 16, 28);
    problems.push(...issues);
    return issues.length === 0 ? parseIpv4Cidr(side.cidr) : undefined;
  });
  const [req, acc] = [props.requester, props.accepter];
  if (req.name === acc.name) problems.push(messages.peerSelf('accepter.name', acc.name));
  if (blocks[0] && blocks[1] && blocksOverlap(blocks[0], blocks[1])) {
    problems.push(messages.peerCidrsOverlap('accepter.cidr', acc.cidr, 'requester.cidr', req.cidr));
  }

  const rules = Array.isArray(props.rules) ? props.rules : [];
  if (rules.length === 0) problems.push(messages.peerRulesEmpty('rules', props.rules));
  const names = [req.name, acc.name];
  rules.forEach((rule, i) => {
    const at = `rules[${i}]`;
    const fromOk = names.includes(rule.from);
    const toOk = names.includes(rule.to);
    if (!fromOk) problems.push(messages.peerRuleSideUnknown(`${at}.from`, rule.from, names));
    if (!toOk) problems.push(messages.peerRuleSideUnknown(`${at}.to`, rule.to, names));
    if (fromOk && toOk && rule.from === rule.to && req.name !== acc.name) problems.push(messages.peerRuleSameSide(`${at}.to`, rule.to));
    problems.push(...portProblems(`${at}.ports`, rule.ports));
  });
  return problems;
}

/**
 * A VPC peering between two TenantNetworks, in a stack of its own that finds both VPCs and their
 * app route tables by tag (no cross-stack references), with one provider per side.
 *
 * - The connection is requested on the requester's provider; it is auto-accepted when both sides
 *   are in one account and Region, and accepted by an `aws_vpc_peering_connection_accepter` on the
 *   accepter's provider otherwise (`peer_owner_id` / `peer_region` set as needed).
 * - Both sides resolve each other's private DNS names.
 * - Routes to exactly the peer's CIDR are added to the app route tables only. Data subnets never
 *   route to a peer: a database is reached by the peer only through the app tier, so a leaked or
 *   misused peer path can never hit a database directly, even past a security group mistake.
 * - Security groups admit only the declared ports from the peer's CIDR, one group per direction,
 *   which workloads attach explicitly.
 */
export class VpcPeering extends Construct {
  public readonly resource: VpcPeeringConnection;
  /** Present when the sides differ in account or Region. */
  public readonly accepterResource?: VpcPeeringConnectionAccepterA;
  /** The connection id once active (after acceptance); routes and options use it. */
  public readonly peeringConnectionId: string;
  /** The two VPC lookups, by network name. */
  public readonly vpcs: Readonly<Record<string, DataAwsVpc>>;
  /** Peer security groups by `<network>/<group name>`, e.g. `beta/peer-from-acme`. */
  public readonly securityGroups: Readonly<Record<string, PeerSecurityGroup>>;
  /** Peer security group ids by `<network>/<group name>`. */
  public readonly securityGroupIds: Readonly<Record<string, string>>;
  /** True when both sides are in one account and Region (auto-accepted). */
  public readonly sameAccountAndRegion: boolean;

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const subject = `VpcPeering ${this.node.path}`;
    const problems = vpcPeeringProblems(props);
    const stack = TerraformStack.of(this);
    for (const role of ['requester', 'accepter'] as const) {
      const provider = props[role].provider;
      if (!provider || TerraformStack.of(provider) !== stack) {
        problems.push(messages.providerMismatch(`${role}.provider`, provider?.node.path, 'the provider belongs to another stack; a peering stack holds one provider per side'));
      }
    }
    if (problems.length > 0) throw new HipaaValidationError(subject, problems);

    const { requester: req, accepter: acc, connectionId } = props;
    const conn = terraformName(connectionId);
    const pin = (element: Parameters<typeof pinAddress>[0], ...keys: (string | number)[]) => pinAddress(element, terraformName(connectionId, ...keys), 'connectionId', subject);
    const sameAccount = req.target.accountId === acc.target.accountId;
    const sameRegion = req.target.region === acc.target.region;
    this.sameAccountAndRegion = sameAccount && sameRegion;
    const tags = (extra: Record<string, string> = {}) => ({ Name: connectionId, HipaaPeering: connectionId, ...extra });

    // ---- both sides, found by the tags TenantNetwork sets ------------------------------------
    const lookup = (role: 'Requester' | 'Accepter', side: PeeringSide) => {
      const vpc = new DataAwsVpc(this, `${role}Vpc`, {
        provider: side.provider,
        tags: { HipaaNetwork: side.name },
        cidrBlock: side.cidr,
      });
      pin(vpc, side.name);
      const tables = Array.from({ length: side.azCount }, (_, azIndex) => {
        const table = new DataAwsRouteTable(this, `${role}AppRouteTableAz${azIndex}`, {
          provider: side.provider,
          vpcId: vpc.id,
          tags: { HipaaNetwork: side.name, Tier: 'app', AzIndex: String(azIndex) },
        });
        pin(table, side.name, 'app', `az${azIndex}`);
        return { azIndex, table };
      });
      return { vpc, tables };
    };
    const requesterSide = lookup('Requester', req);
    const accepterSide = lookup('Accepter', acc);
    this.vpcs = { [req.name]: requesterSide.vpc, [acc.name]: accepterSide.vpc };

    // ---- the connection --------------------------------------------------------------------
    this.resource = new VpcPeeringConnection(this, 'Resource', {
      provider: req.provider,
      vpcId: requesterSide.vpc.id,
      peerVpcId: accepterSide.vpc.id,
      ...(sameAccount ? {} : { peerOwnerId: acc.target.accountId }),
      ...(sameRegion ? {} : { peerRegion: acc.target.region }),
      ...(this.sameAccountAndRegion ? { autoAccept: true } : {}),
      tags: tags({ Side: 'requester', HipaaPeer: acc.name }),
    });
    pinAddress(this.resource, conn, 'connectionId', subject);

    if (this.sameAccountAndRegion) {
      this.peeringConnectionId = this.resource.id;
      const options = new VpcPeeringConnectionOptions(this, 'Options', {
        provider: req.provider,
        vpcPeeringConnectionId: this.peeringConnectionId,
        requester: { allowRemoteVpcDnsResolution: true },
        accepter: { allowRemoteVpcDnsResolution: true },
      });
      pinAddress(options, conn, 'connectionId', subject);
    } else {
      const accepter = new VpcPeeringConnectionAccepterA(this, 'Accepter', {
        provider: acc.provider,
        vpcPeeringConnectionId: this.resource.id,
        autoAccept: true,
        tags: tags({ Side: 'accepter', HipaaPeer: req.name }),
      });
      pinAddress(accepter, conn, 'connectionId', subject);
      this.accepterResource = accepter;
      // Options can be set only on an active connection, and each side sets its own.
      this.peeringConnectionId = accepter.id;
      const requesterOptions = new VpcPeeringConnectionOptions(this, 'RequesterOptions', {
        provider: req.provider,
        vpcPeeringConnectionId: this.peeringConnectionId,
        requester: { allowRemoteVpcDnsResolution: true },
      });
      pin(requesterOptions, req.name);
      const accepterOptions = new VpcPeeringConnectionOptions(this, 'AccepterOptions', {
        provider: acc.provider,
        vpcPeeringConnectionId: this.peeringConnectionId,
        accepter: { allowRemoteVpcDnsResolution: true },
      });
      pin(accepterOptions, acc.name);
    }

    // ---- routes: app route tables only, to exactly the peer's CIDR ---------------------------
    const routes = (role: 'Requester' | 'Accepter', side: PeeringSide, tables: typeof requesterSide.tables, peer: PeeringSide) => {
      for (const { azIndex, table } of tables) {
        const route = new Route(this, `${role}RouteAz${azIndex}`, {
          provider: side.provider,
          routeTableId: table.id,
          destinationCidrBlock: peer.cidr,
          vpcPeeringConnectionId: this.peeringConnectionId,
        });
        pin(route, side.name, 'app', `az${azIndex}`);
      }
    };
    routes('Requester', req, requesterSide.tables, acc);
    routes('Accepter', acc, accepterSide.tables, req);

    // ---- security groups: only the declared ports, one group per direction ----------------------
    const groups: Record<string, PeerSecurityGroup> = {};
    if (props.securityGroups ?? true) {
      const byName: Record<string, { side: PeeringSide; vpc: DataAwsVpc }> = {
        [req.name]: { side: req, vpc: requesterSide.vpc },
        [acc.name]: { side: acc, vpc: accepterSide.vpc },
      };
      const directions = new Map<string, { from: string; to: string; ports: Set<number> }>();
      for (const rule of props.rules) {
        const key = `${rule.from}>${rule.to}`;
        const entry = directions.get(key) ?? { from: rule.from, to: rule.to, ports: new Set<number>() };
        rule.ports.forEach((p) => entry.ports.add(p));
        directions.set(key, entry);
      }
      const group = (direction: PeerDirection, owner: string, peer: string, ports: readonly number[]) => {
        const { side, vpc } = byName[owner];
        const label = direction === 'ingress' ? 'From' : 'To';
        const sg = new PeerSecurityGroup(this, `${pascalCase(owner)}Peer${label}${pascalCase(peer)}`, {
          provider: side.provider,
          vpcId: vpc.id,
          networkName: owner,
          peerName: peer,
          peerCidr: byName[peer].side.cidr,
          ports,
          direction,
          addressPrefix: terraformName(connectionId, owner, direction === 'ingress' ? 'peer_from' : 'peer_to', peer),
          subject,
        });
        groups[`${owner}/${sg.groupName}`] = sg;
      };
      for (const { from, to, ports } of directions.values()) {
        const list = [...ports];
        group('ingress', to, from, list);
        group('egress', from, to, list);
      }
    }
    this.securityGroups = groups;
    this.securityGroupIds = Object.fromEntries(Object.entries(groups).map(([k, g]) => [k, g.securityGroupId]));
  }
}
