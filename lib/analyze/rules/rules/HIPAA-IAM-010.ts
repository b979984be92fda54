import { allowsDecryptOnAllKeys, INLINE_POLICY_TYPES, policiesOf } from '../checks/iam';
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
    for (const { where, parsed } of policiesOf(ctx, r)) {
      if (!parsed.ok) return undecided(`${where}: ${parsed.reason}`);
      if (parsed.statements.some(allowsDecryptOnAllKeys)) return fail(`${where} allows kms:Decrypt or kms:ReEncrypt* on all keys`);
    }
    return pass('no inline policy allows decryption with every key');
  },
};
