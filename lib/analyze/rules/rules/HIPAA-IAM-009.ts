import { allowsDecryptOnAllKeys } from '../checks/iam';
import { LEAST_PRIVILEGE } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-IAM-009',
  title: 'Customer-managed IAM policies do not allow decryption with every KMS key',
  severity: 'high',
  controls: LEAST_PRIVILEGE,
  configRule: 'iam-customer-policy-blocked-kms-actions',
  resourceTypes: ['aws_iam_policy'],
  scope: 'resource',
  description:
    'No Allow statement may grant kms:Decrypt or kms:ReEncrypt* (directly, through kms:*, or *) on Resource "*": decryption must be scoped to the keys the principal needs. Deployed with blockedActionsPatterns kms:*, kms:Decrypt, kms:ReEncrypt*.',
  remediation: 'Set Resource to the ARNs of the keys the principal uses, or grant through the key policy (key.grantDecrypt).',
  check(r, ctx) {
    const parsed = ctx.policy(r, r.config.policy);
    if (!parsed.ok) return undecided(parsed.reason);
    if (parsed.statements.some(allowsDecryptOnAllKeys)) return fail('the policy allows kms:Decrypt or kms:ReEncrypt* on all keys');
    return pass('decryption is scoped to specific keys');
  },
};
