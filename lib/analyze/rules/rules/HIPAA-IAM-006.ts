import { INLINE_POLICY_TYPES } from '../checks/iam';
import { LEAST_PRIVILEGE } from '../controls';
import { fail, pass, type ResourceRule } from '../rule';
import { blocks } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-006',
  title: 'IAM roles, users and groups use managed policies, not inline policies',
  severity: 'low',
  controls: LEAST_PRIVILEGE,
  configRule: 'iam-no-inline-policy-check',
  resourceTypes: [...INLINE_POLICY_TYPES, 'aws_iam_role'],
  scope: 'resource',
  description:
    'aws_iam_role_policy, aws_iam_user_policy and aws_iam_group_policy resources fail, as does an aws_iam_role with an inline_policy block that carries a policy (an empty inline_policy block, which removes inline policies, passes). Managed policies are versioned, reusable and reviewable in one place.',
  remediation: 'Move the statements into an aws_iam_policy and attach it with aws_iam_role_policy_attachment.',
  check(r) {
    if (r.type === 'aws_iam_role') {
      const inline = blocks(r.config.inline_policy).filter((b) => b.policy !== undefined && b.policy !== null);
      return inline.length > 0 ? fail(`the role has ${inline.length} inline policy block(s)`) : pass('the role has no inline policies');
    }
    return fail(`${r.type} is an inline policy`);
  },
};
