import { isSet } from '../checks/common';
import { launchTemplateOf } from '../checks/ec2';
import { LEAST_PRIVILEGE } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-EC2-003',
  title: 'EC2 instances have an instance profile',
  severity: 'medium',
  controls: LEAST_PRIVILEGE,
  configRule: 'ec2-instance-profile-attached',
  resourceTypes: ['aws_instance'],
  scope: 'resource',
  description:
    'iam_instance_profile must be set on the instance (a literal or a reference to an aws_iam_instance_profile in the same stack), or on its launch template (iam_instance_profile.name or .arn). Without a role, software on the instance tends to use long-lived keys.',
  remediation: 'Attach an aws_iam_instance_profile whose role grants only what the instance needs.',
  check(r, ctx) {
    const own = isSet(ctx, r, r.config.iam_instance_profile, ['aws_iam_instance_profile']);
    if (own.answer === 'yes') return pass(`the instance profile ${own.detail}`);
    if (own.answer === 'unknown') return undecided(`iam_instance_profile: ${own.detail}`);
    const lt = launchTemplateOf(ctx, r);
    const p = lt ? blocks(lt.config.iam_instance_profile)[0] : undefined;
    if (lt && p) {
      const v = isSet(ctx, lt, p.name ?? p.arn, ['aws_iam_instance_profile']);
      if (v.answer === 'yes') return pass(`the launch template's instance profile ${v.detail}`);
      if (v.answer === 'unknown') return undecided(`the launch template instance profile: ${v.detail}`);
    }
    return fail('no instance profile is attached');
  },
};
