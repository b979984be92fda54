import { NOT_PUBLIC } from '../controls';
import { describeGrant, grantsBeyond } from '../../../terraform/questions';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-012',
  title: 'IAM role trust policies do not let everyone assume the role',
  severity: 'critical',
  controls: NOT_PUBLIC,
  resourceTypes: ['aws_iam_role'],
  scope: 'resource',
  description:
    'The assume_role_policy must not Allow principal "*" (or {"AWS": "*"}) (or through NotPrincipal) unless a condition provably restricts who: aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount or aws:SourceArn with literal values. Conditions such as aws:SecureTransport, aws:SourceIp, sts:ExternalId, IfExists variants or all-wildcard StringLike values restrict nothing. A trust policy the engine cannot evaluate is reported.',
  remediation: 'Name the trusted accounts, roles or services, or add a condition that restricts who can assume the role.',
  check(role, ctx) {
    const policy = ctx.readPolicy(role, role.config.assume_role_policy);
    if (!policy) return fail('assume_role_policy is empty');
    const open = grantsBeyond(policy, { actions: 'any' });
    if (open.answer === 'yes') return fail(`the trust policy lets any AWS principal assume the role without a condition that restricts who: ${describeGrant(open.grants[0])}`);
    if (open.answer === 'maybe') return undecided(`assume_role_policy: ${open.reason ?? 'it might let everyone assume the role'}`);
    return pass('the trust policy names its principals, or restricts everyone by account, organization or ARN');
  },
};
