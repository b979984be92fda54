import { INLINE_POLICY_TYPES, policiesOf } from '../checks/iam';
import { allowsDecryptOnAllKeys } from '../../../terraform/questions';
import { LEAST_PRIVILEGE } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-010',
  title: 'Inline IAM policies do not allow decryption with every KMS key',
  severity: 'high',
  controls: LEAST_PRIVILEGE,
  configRule: 'iam-inline-policy-blocked-kms-actions',
  resourceTypes: [...INLINE_POLICY_TYPES, 'aws_iam_role'],
  scope: 'resource',
  description: 'As HIPAA-IAM-009, for aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy and aws_iam_role inline_policy blocks.',
  remediation: 'Scope kms:Decrypt and kms:ReEncrypt* to specific key ARNs.',
  check(r, ctx) {
    for (const { where, policy } of policiesOf(ctx, r)) {
      if (!policy) continue;
      const wide = allowsDecryptOnAllKeys(policy);
      if (wide.answer === 'yes') return fail(`${where} allows kms:Decrypt or kms:ReEncrypt* on all keys (${wide.detail})`);
      if (wide.answer === 'maybe') return undecided(`${where}: ${wide.detail}`);
    }
    return pass('no inline policy allows decryption with every key');
  },
};
