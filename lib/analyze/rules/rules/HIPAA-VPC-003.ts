import { NOT_PUBLIC } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-VPC-003',
  title: 'Subnets do not assign public IP addresses on launch',
  severity: 'medium',
  controls: NOT_PUBLIC,
  configRule: 'subnet-auto-assign-public-ip-disabled',
  resourceTypes: ['aws_subnet'],
  scope: 'resource',
  description: 'map_public_ip_on_launch must not be true (absent means false). NAT gateways in public subnets use Elastic IPs and do not need it.',
  remediation: 'Remove map_public_ip_on_launch = true.',
  check(subnet) {
    const v = bool(subnet.config.map_public_ip_on_launch);
    if (v === true) return fail('map_public_ip_on_launch is true');
    if (v === 'unknown') return undecided('map_public_ip_on_launch is an expression');
    return pass('the subnet assigns no public IP addresses');
  },
};
