import { allowsDecryptOnAllKeys } from '../../../terraform/questions';
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
    const policy = ctx.readPolicy(r, r.config.policy);
    if (!policy) return undecided('the policy argument is empty');
    const wide = allowsDecryptOnAllKeys(policy);
    if (wide.answer === 'yes') return fail(`the policy allows kms:Decrypt or kms:ReEncrypt* on all keys (${wide.detail})`);
    if (wide.answer === 'maybe') return undecided(wide.detail);
    return pass('decryption is scoped to specific keys');
  },
};
