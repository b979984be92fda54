import { customerKey } from '../checks/common';
import { AT_REST } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-BK-001',
  title: 'Backup vaults encrypt recovery points with a customer-managed KMS key',
  severity: 'high',
  controls: AT_REST,
  configRule: 'backup-recovery-point-encrypted',
  resourceTypes: ['aws_backup_vault'],
  scope: 'resource',
  description: 'kms_key_arn must name a customer-managed key; absent means the AWS-managed aws/backup key, which cannot be shared for cross-account copies.',
  remediation: 'Set kms_key_arn to the tenant or baseline key.',
  check(vault, ctx) {
    const key = customerKey(ctx, vault, vault.config.kms_key_arn);
    if (key.answer === 'yes') return pass(key.detail);
    if (key.answer === 'unknown') return undecided(key.detail);
    return fail(`recovery points are not encrypted with a customer key: ${key.detail}`);
  },
};
