import { attachedBy } from '../checks/iam';
import { LEAST_PRIVILEGE } from '../controls';
import { fail, pass, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-008',
  title: 'IAM users belong to at least one group',
  severity: 'medium',
  controls: LEAST_PRIVILEGE,
  configRule: 'iam-user-group-membership-check',
  resourceTypes: ['aws_iam_user'],
  scope: 'resource',
  description: 'An aws_iam_user_group_membership (user) or aws_iam_group_membership (users) must name the user, by reference or literal name.',
  remediation: 'Add the user to a group with aws_iam_user_group_membership.',
  check(user, ctx) {
    const m = [...attachedBy(ctx, user, ['aws_iam_user_group_membership'], 'user'), ...attachedBy(ctx, user, ['aws_iam_group_membership'], 'users')];
    if (m.length > 0) return pass(`${m[0].address} puts the user in a group`);
    return fail('the user is in no group');
  },
};
