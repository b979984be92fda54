import { LEAST_PRIVILEGE } from '../controls';
import { fail, pass, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-007',
  title: 'IAM policies are not attached to users directly',
  severity: 'medium',
  controls: LEAST_PRIVILEGE,
  configRule: 'iam-user-no-policies-check',
  resourceTypes: ['aws_iam_user_policy_attachment', 'aws_iam_user_policy', 'aws_iam_policy_attachment'],
  scope: 'resource',
  description:
    'aws_iam_user_policy_attachment and aws_iam_user_policy fail; an aws_iam_policy_attachment fails when its users list is not empty. Grant permissions through groups and roles.',
  remediation: 'Attach the policy to a group and add the user to the group.',
  check(r) {
    if (r.type === 'aws_iam_policy_attachment') {
      const users = r.config.users;
      if (users === undefined || users === null || (Array.isArray(users) && users.length === 0)) return pass('the attachment names no users');
      return fail('the attachment attaches the policy to users directly');
    }
    return fail(`${r.type} attaches permissions to a user directly`);
  },
};
