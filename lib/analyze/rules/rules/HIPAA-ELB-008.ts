import { AVAILABILITY } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-ELB-008',
  title: 'Classic load balancers balance across Availability Zones',
  severity: 'low',
  controls: AVAILABILITY,
  configRule: 'elb-cross-zone-load-balancing-enabled',
  resourceTypes: ['aws_elb'],
  scope: 'resource',
  description: 'cross_zone_load_balancing must not be false (the provider default is true).',
  remediation: 'Remove cross_zone_load_balancing = false.',
  check(elb) {
    const v = bool(elb.config.cross_zone_load_balancing);
    if (v === false) return fail('cross_zone_load_balancing is false');
    if (v === 'unknown') return undecided('cross_zone_load_balancing is an expression');
    return pass('traffic is balanced across zones');
  },
};
