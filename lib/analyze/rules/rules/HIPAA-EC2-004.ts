import { isSet } from '../checks/common';
import { launchTemplateOf, templateInterface } from '../checks/ec2';
import { RESTRICTED_NETWORK } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-EC2-004',
  title: 'EC2 instances launch into a subnet of a managed VPC',
  severity: 'medium',
  controls: RESTRICTED_NETWORK,
  configRule: 'ec2-instances-in-vpc',
  resourceTypes: ['aws_instance'],
  scope: 'resource',
  description:
    "subnet_id (on the instance, its network_interface, or its launch template's network interface) must be set: a literal or a reference to an aws_subnet. Without it the instance lands in the default VPC, outside the network controls of this project.",
  remediation: 'Set subnet_id to a private subnet of the tenant VPC.',
  check(r, ctx) {
    if (blocks(r.config.network_interface).length > 0) return pass('the instance attaches an existing network interface');
    const lt = launchTemplateOf(ctx, r);
    const value = r.config.subnet_id ?? (lt ? templateInterface(lt)?.subnet_id : undefined);
    const owner = r.config.subnet_id !== undefined || !lt ? r : lt;
    const v = isSet(ctx, owner, value, ['aws_subnet']);
    if (v.answer === 'yes') return pass(`the subnet ${v.detail}`);
    if (v.answer === 'unknown') return undecided(`subnet_id: ${v.detail}`);
    return fail('subnet_id is not set: the instance would launch into the default VPC');
  },
};
