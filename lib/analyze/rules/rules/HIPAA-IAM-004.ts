import { INLINE_POLICY_TYPES, policiesOf } from '../checks/iam';
import { allowsAdmin } from '../../../terraform/questions';
import { LEAST_PRIVILEGE } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-004',
  title: 'IAM policies do not grant full administrative access',
  severity: 'critical',
  controls: LEAST_PRIVILEGE,
  configRule: 'iam-policy-no-statements-with-admin-access',
  resourceTypes: ['aws_iam_policy', ...INLINE_POLICY_TYPES, 'aws_iam_role'],
  scope: 'resource',
  description:
    'No customer-managed or inline policy (including aws_iam_role inline_policy blocks) may Allow Action "*" on Resource "*". Policies given as JSON strings or aws_iam_policy_document references are both read; one the engine cannot evaluate is reported.',
  remediation: 'Grant the specific actions and resources the principal needs.',
  check(r, ctx) {
    for (const { where, policy } of policiesOf(ctx, r)) {
      if (!policy) continue;
      const admin = allowsAdmin(policy);
      if (admin.answer === 'yes') return fail(`${where} allows * on * (${admin.detail})`);
      if (admin.answer === 'maybe') return undecided(`${where}: ${admin.detail}`);
    }
    return pass('no statement allows * on *');
  },
};
