import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { pinAddress, terraformName } from './addresses';
import { Problem } from '../../errors';
import { messages } from '../../messages';

/** `ingress`: the peer may reach workloads in this VPC. `egress`: workloads here may reach the peer. */
export type PeerDirection = 'ingress' | 'egress';

export interface PeerSecurityGroupProps {
  /** The VPC the group belongs to (a reference is fine: nothing is checked against it). */
  readonly vpcId: string;
  /** Name of the network that owns the VPC (tags and the group's description). */
  readonly networkName: string;
  /** Name of the network on the other side. */
  readonly peerName: string;
  /** The other side's VPC CIDR: the only source (ingress) or destination (egress) admitted. */
  readonly peerCidr: string;
  /** TCP ports admitted, already validated; duplicates are ignored. */
  readonly ports: readonly number[];
  readonly direction: PeerDirection;
  /** Terraform name prefix of the group; rules append `_tcp<port>`. */
  readonly addressPrefix: string;
  /** Subject for error messages. */
  readonly subject: string;
  /**
   * Provider of the VPC's account and Region.
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** The security group name for a peer and direction: `peer-from-<peer>` or `peer-to-<peer>`. */
export function peerSecurityGroupName(direction: PeerDirection, peerName: string): string {
  return direction === 'ingress' ? `peer-from-${peerName}` : `peer-to-${peerName}`;
}

/** Problems with a list of ports a peer may use, paths under `path`. */
export function portProblems(path: string, ports: unknown): Problem[] {
  if (!Array.isArray(ports) || ports.length === 0) return [messages.portsEmpty(path, ports)];
  return ports.flatMap((port, i) => (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [messages.portInvalid(`${path}[${i}]`, port)]));
}

/**
 * A security group that admits exactly the declared TCP ports between this VPC and one peer's
 * CIDR, in one direction, and nothing else: no rule in the other direction (Terraform removes the
 * default allow-all egress of a new group). Workloads attach it explicitly; it grants nothing
 * until they do. One rule resource per port, named by the port, so adding a port never replaces
 * another rule.
 */
export class PeerSecurityGroup extends Construct {
  public readonly resource: SecurityGroup;
  /** The group id (a Terraform reference). */
  public readonly securityGroupId: string;
  /** `peer-from-<peer>` or `peer-to-<peer>`. */
  public readonly groupName: string;
  /** Ports admitted, ascending and without duplicates. */
  public readonly ports: readonly number[];

  constructor(scope: Construct, id: string, props: PeerSecurityGroupProps) {
    super(scope, id);
    const provider = props.provider ? { provider: props.provider } : {};
    this.groupName = peerSecurityGroupName(props.direction, props.peerName);
    this.ports = [...new Set(props.ports)].sort((a, b) => a - b);
    const what =
      props.direction === 'ingress'
        ? `Admits declared TCP ports from peer ${props.peerName} (${props.peerCidr})`
        : `Allows declared TCP ports to peer ${props.peerName} (${props.peerCidr})`;
    this.resource = new SecurityGroup(this, 'Resource', {
      ...provider,
      name: this.groupName,
      description: `${what}; attach to workloads of ${props.networkName} that talk to ${props.peerName}`,
      vpcId: props.vpcId,
      tags: { Name: this.groupName, HipaaNetwork: props.networkName, HipaaPeer: props.peerName, PeerDirection: props.direction },
    });
    pinAddress(this.resource, props.addressPrefix, 'name', props.subject);
    this.securityGroupId = this.resource.id;

    for (const port of this.ports) {
      const rule = {
        ...provider,
        securityGroupId: this.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: props.peerCidr,
        description: `TCP ${port} ${props.direction === 'ingress' ? 'from' : 'to'} ${props.peerName}`,
        tags: { Name: `${this.groupName}-tcp${port}`, HipaaNetwork: props.networkName, HipaaPeer: props.peerName },
      };
      const ruleResource = props.direction === 'ingress' ? new VpcSecurityGroupIngressRule(this, `Tcp${port}`, rule) : new VpcSecurityGroupEgressRule(this, `Tcp${port}`, rule);
      pinAddress(ruleResource, terraformName(props.addressPrefix, `tcp${port}`), 'ports', props.subject);
    }
  }
}
