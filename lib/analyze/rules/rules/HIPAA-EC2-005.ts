import { launchTemplateOf } from '../checks/ec2';
import { AUDIT_LOGGING } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks, bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-EC2-005',
  title: 'EC2 instances have detailed monitoring',
  severity: 'low',
  controls: [AUDIT_LOGGING[1]],
  resourceTypes: ['aws_instance'],
  scope: 'resource',
  description: 'monitoring must be true on the instance, or monitoring.enabled on its launch template (cdk-nag HIPAA pack).',
  remediation: 'Set monitoring = true.',
  check(r, ctx) {
    let v = bool(r.config.monitoring);
    if (v === 'absent') {
      const lt = launchTemplateOf(ctx, r);
      if (lt) v = bool(blocks(lt.config.monitoring)[0]?.enabled);
    }
    if (v === true) return pass('detailed monitoring is on');
    if (v === 'unknown') return undecided('monitoring is an expression');
    return fail('detailed monitoring is off');
  },
};
