import { LB_TYPES } from '../checks/elb';
import { AVAILABILITY } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-ELB-002',
  title: 'Load balancers have deletion protection',
  severity: 'low',
  controls: AVAILABILITY,
  configRule: 'elb-deletion-protection-enabled',
  resourceTypes: LB_TYPES,
  scope: 'resource',
  description: 'enable_deletion_protection must be true (default false).',
  remediation: 'Set enable_deletion_protection = true.',
  check(lb) {
    const v = bool(lb.config.enable_deletion_protection);
    if (v === true) return pass('deletion protection is on');
    if (v === 'unknown') return undecided('enable_deletion_protection is an expression');
    return fail('enable_deletion_protection is not true');
  },
};
