import { customerKey } from '../checks/common';
import { AT_REST } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-SM-002',
  title: 'Secrets Manager secrets are encrypted with a customer-managed KMS key',
  severity: 'high',
  controls: AT_REST,
  configRule: 'secretsmanager-using-cmk',
  resourceTypes: ['aws_secretsmanager_secret'],
  scope: 'resource',
  description: 'kms_key_id must name a customer-managed key; absent means the AWS-managed aws/secretsmanager key.',
  remediation: 'Set kms_key_id to a customer-managed key.',
  check(secret, ctx) {
    const key = customerKey(ctx, secret, secret.config.kms_key_id);
    if (key.answer === 'yes') return pass(key.detail);
    if (key.answer === 'unknown') return undecided(key.detail);
    return fail(`the secret is not encrypted with a customer key: ${key.detail}`);
  },
};
