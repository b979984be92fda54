import { NOT_PUBLIC } from '../controls';
import { isAllow, isPublicPrincipal } from '../../../terraform/statements';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-012',
  title: 'IAM role trust policies do not let everyone assume the role',
  severity: 'critical',
  controls: NOT_PUBLIC,
  resourceTypes: ['aws_iam_role'],
  scope: 'resource',
  description:
    'The assume_role_policy must not Allow principal "*" (or {"AWS": "*"}) without a Condition (such as aws:PrincipalOrgID or sts:ExternalId). A trust policy the engine cannot evaluate is reported.',
  remediation: 'Name the trusted accounts, roles or services, or add a condition that restricts who can assume the role.',
  check(role, ctx) {
    const parsed = ctx.policy(role, role.config.assume_role_policy);
    if (!parsed.ok) return undecided(`assume_role_policy: ${parsed.reason}`);
    if (parsed.absent) return fail('assume_role_policy is empty');
    const open = parsed.statements.find((s) => isAllow(s) && isPublicPrincipal(s) && s.conditions.length === 0);
    if (open) return fail('the trust policy lets any AWS principal assume the role without a condition');
    return pass('the trust policy names its principals');
  },
};
