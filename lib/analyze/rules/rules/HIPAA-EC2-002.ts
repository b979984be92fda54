import { launchTemplateOf, templateInterface } from '../checks/ec2';
import { NOT_PUBLIC } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-EC2-002',
  title: 'EC2 instances and launch templates do not assign public IP addresses',
  severity: 'high',
  controls: NOT_PUBLIC,
  configRule: 'ec2-instance-no-public-ip',
  resourceTypes: ['aws_instance', 'aws_launch_template'],
  scope: 'resource',
  description:
    "associate_public_ip_address must not be true on the instance or its launch template's network interface. When neither sets it, the subnet decides: the subnet (resolved by reference in the same stack) must not set map_public_ip_on_launch = true; a subnet the engine cannot see is reported. A launch template without network interfaces is not applicable.",
  remediation: 'Set associate_public_ip_address = false and launch into a private subnet; reach instances through Session Manager.',
  check(r, ctx) {
    if (r.type === 'aws_launch_template') {
      const ni = templateInterface(r);
      if (!ni) return skip('the template declares no network interface');
      const v = bool(ni.associate_public_ip_address);
      if (v === true) return fail('the network interface sets associate_public_ip_address = true');
      if (v === 'unknown') return undecided('associate_public_ip_address is an expression');
      return pass('the template assigns no public IP address');
    }
    let v = bool(r.config.associate_public_ip_address);
    const lt = launchTemplateOf(ctx, r);
    if (v === 'absent' && lt) v = bool(templateInterface(lt)?.associate_public_ip_address);
    if (v === true) return fail('associate_public_ip_address is true');
    if (v === 'unknown') return undecided('associate_public_ip_address is an expression');
    if (v === false) return pass('associate_public_ip_address is false');
    const subnetValue = r.config.subnet_id ?? (lt ? templateInterface(lt)?.subnet_id : undefined);
    const subnet = ctx.resolve(r, subnetValue);
    if (!subnet || subnet.type !== 'aws_subnet')
      return undecided(`the subnet ${JSON.stringify(subnetValue)} is not an aws_subnet in this stack, so its public IP default is unknown`);
    const map = bool(subnet.config.map_public_ip_on_launch);
    if (map === true) return fail(`${subnet.address} assigns public IP addresses on launch`);
    if (map === 'unknown') return undecided(`${subnet.address}.map_public_ip_on_launch is an expression`);
    return pass(`${subnet.address} does not assign public IP addresses`);
  },
};
