import { mfaGroups, mfaPolicies } from '../checks/iam';
import { AUTHENTICATION } from '../controls';
import { fail, pass, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-IAM-002',
  title: 'The account has an MFA-enforcement policy attached to a group',
  severity: 'high',
  controls: [...AUTHENTICATION, '164.312(a)(1)'],
  configRule: 'iam-user-mfa-enabled',
  resourceTypes: ['aws_iam_policy', 'aws_iam_group_policy', 'aws_iam_group_policy_attachment', 'aws_iam_policy_attachment'],
  scope: 'account',
  description:
    'Account rule. A customer-managed aws_iam_policy (or group inline policy) must Deny every action (Action "*", or NotAction listing the MFA self-service calls) when Bool/BoolIfExists aws:MultiFactorAuthPresent is false, and be attached to an aws_iam_group (aws_iam_group_policy_attachment or aws_iam_policy_attachment, by reference). Human users then get no access until they sign in with MFA. AWS Config checks the users themselves at run time.',
  remediation: 'Create the MFA-enforcement policy and attach it to the group every human user joins.',
  checkAccount(account, ctx) {
    const policies = [
      ...mfaPolicies(ctx, `${account.account}|managed`, account.byType.get('aws_iam_policy') ?? []),
      ...mfaPolicies(ctx, `${account.account}|inline`, account.byType.get('aws_iam_group_policy') ?? []),
    ];
    if (policies.length === 0) return fail('no policy denies access without MFA (aws:MultiFactorAuthPresent false)');
    const groups = policies.flatMap((p) => mfaGroups(ctx, p));
    if (groups.length === 0) return fail(`${policies[0].address} enforces MFA but is attached to no group`);
    return pass(`${policies[0].stack}: ${policies[0].address} enforces MFA for ${groups.map((g) => g.address).join(', ')}`);
  },
};
