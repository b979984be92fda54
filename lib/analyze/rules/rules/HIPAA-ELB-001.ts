import { LB_TYPES, lbType } from '../checks/elb';
import { IN_TRANSIT } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-ELB-001',
  title: 'Application load balancers drop invalid HTTP headers',
  severity: 'medium',
  controls: IN_TRANSIT,
  configRule: 'alb-http-drop-invalid-header-enabled',
  resourceTypes: LB_TYPES,
  scope: 'resource',
  description:
    'An application load balancer (load_balancer_type absent or "application") must set drop_invalid_header_fields = true (default false). Network and gateway load balancers are not applicable.',
  remediation: 'Set drop_invalid_header_fields = true.',
  check(lb) {
    const t = lbType(lb);
    if (t === 'unknown') return undecided('load_balancer_type is an expression');
    if (t !== 'application') return skip(`${t} load balancers do not parse HTTP headers`);
    const v = bool(lb.config.drop_invalid_header_fields);
    if (v === true) return pass('invalid header fields are dropped');
    if (v === 'unknown') return undecided('drop_invalid_header_fields is an expression');
    return fail('drop_invalid_header_fields is not true');
  },
};
