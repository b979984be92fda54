import { isSet } from '../checks/common';
import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-CT-003',
  title: 'CloudTrail trails deliver events to CloudWatch Logs',
  severity: 'medium',
  controls: ACTIVITY_REVIEW,
  configRule: 'cloud-trail-cloud-watch-logs-enabled',
  resourceTypes: ['aws_cloudtrail'],
  scope: 'resource',
  description:
    'cloud_watch_logs_group_arn and cloud_watch_logs_role_arn must both be set: literal ARNs, or references to an aws_cloudwatch_log_group and an aws_iam_role in the same stack. Delivery to CloudWatch Logs is what makes metric filters and alarms on API activity possible (HIPAA-CW-004).',
  // The remediation shows the Terraform expression to write, interpolation included.
  // eslint-disable-next-line no-template-curly-in-string
  remediation: 'Set cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*" and cloud_watch_logs_role_arn to a role CloudTrail can assume.',
  check(trail, ctx) {
    const groupValue = trail.config.cloud_watch_logs_group_arn;
    const stripped = typeof groupValue === 'string' ? groupValue.replace(/:\*$/, '') : groupValue;
    const group = isSet(ctx, trail, stripped, ['aws_cloudwatch_log_group']);
    const role = isSet(ctx, trail, trail.config.cloud_watch_logs_role_arn, ['aws_iam_role']);
    if (group.answer === 'no') return fail('cloud_watch_logs_group_arn is not set');
    if (role.answer === 'no') return fail('cloud_watch_logs_role_arn is not set');
    if (group.answer === 'unknown') return undecided(`cloud_watch_logs_group_arn: ${group.detail}`);
    if (role.answer === 'unknown') return undecided(`cloud_watch_logs_role_arn: ${role.detail}`);
    return pass(`events go to CloudWatch Logs (${group.detail})`);
  },
};
