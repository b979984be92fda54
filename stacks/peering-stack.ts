import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { HipaaStack, HipaaStackProps, assumeRoleArn, configTarget } from './hipaa-stack';
import { HipaaConfig } from '../lib/config/schema';
import { VpcPeering } from '../lib/constructs/network/vpc-peering';
import { PeeringPlan, PeeringSide } from '../lib/plan/types';

export interface PeeringStackProps extends Omit<HipaaStackProps, 'account' | 'region'> {
  readonly config: HipaaConfig;
  readonly peering: PeeringPlan;
}

/**
 * One declared VPC peering (`peering-<a>--<b>`), applied after both tenant stacks. It finds both
 * VPCs by tag, so the tenant stacks stay independent; a second provider (alias `accepter`) works in
 * the accepter's account and Region when they differ from the requester's.
 */
export class PeeringStack extends HipaaStack {
  public readonly peering: VpcPeering;

  constructor(scope: Construct, name: string, props: PeeringStackProps) {
    const { peering, config } = props;
    super(scope, name, { ...props, account: peering.requester.account, region: peering.requester.region });
    const target = (side: PeeringSide) => configTarget(config, side.account.id, side.region, name);
    const same = peering.kind === 'same-account';
    const accepterProvider = same
      ? this.provider
      : new AwsProvider(this, 'accepter', {
          alias: 'accepter',
          region: peering.accepter.region,
          allowedAccountIds: [peering.accepter.account.id],
          assumeRole: [{ roleArn: assumeRoleArn(peering.accepter.region, peering.accepter.account), sessionName: `hipaa-${name}`.slice(0, 64) }],
          defaultTags: [{ tags: props.tags }],
        });
    const azCount = config.network.azCount;
    this.peering = new VpcPeering(this, 'Peering', {
      connectionId: peering.id,
      requester: { target: target(peering.requester), provider: this.provider, name: peering.requester.id, cidr: peering.requester.cidr, azCount },
      accepter: { target: target(peering.accepter), provider: accepterProvider, name: peering.accepter.id, cidr: peering.accepter.cidr, azCount },
      rules: peering.rules.map((r) => ({ from: r.from, to: r.to, ports: r.ports })),
    });
    new TerraformOutput(this, 'vpc_peering_connection_id', { value: this.peering.peeringConnectionId, description: `Peering ${peering.id}`, staticId: true });
    for (const [key, id] of Object.entries(this.peering.securityGroupIds)) {
      const [network, group] = key.split('/');
      new TerraformOutput(this, `${network}_${group.replace(/-/g, '_')}_security_group_id`, {
        value: id,
        description: `Attach to ${network} workloads: admits only the declared ports across the peering (${group})`,
        staticId: true,
      });
    }
  }
}
