import { grantsAdmin, INLINE_POLICY_TYPES, policiesOf } from '../checks/iam';
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
    for (const { where, parsed } of policiesOf(ctx, r)) {
      if (!parsed.ok) return undecided(`${where}: ${parsed.reason}`);
      if (parsed.statements.some(grantsAdmin)) return fail(`${where} allows * on *`);
    }
    return pass('no statement allows * on *');
  },
};
