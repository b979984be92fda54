import { LB_TYPES } from '../checks/elb';
import { AUDIT_LOGGING } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks, bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-ELB-003',
  title: 'Load balancers write access logs',
  severity: 'medium',
  controls: AUDIT_LOGGING,
  configRule: 'elb-logging-enabled',
  resourceTypes: [...LB_TYPES, 'aws_elb'],
  scope: 'resource',
  description: 'access_logs must name a bucket and be enabled: enabled = true on aws_lb (its default is false); on classic aws_elb enabled defaults to true.',
  remediation: 'Set access_logs { bucket = <log bucket>, enabled = true }.',
  check(lb) {
    const logs = blocks(lb.config.access_logs)[0];
    if (!logs || logs.bucket === undefined || logs.bucket === '') return fail('access_logs names no bucket');
    const enabled = bool(logs.enabled);
    const on = enabled === 'absent' ? lb.type === 'aws_elb' : enabled;
    if (on === true) return pass(`access logs go to ${String(logs.bucket)}`);
    if (on === 'unknown') return undecided('access_logs.enabled is an expression');
    return fail('access_logs is not enabled');
  },
};
