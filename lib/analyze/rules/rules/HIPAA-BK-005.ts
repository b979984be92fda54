import { BACKUP, RETENTION } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { num } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-BK-005',
  title: 'Backup vault locks do not cap retention below the audit retention',
  severity: 'medium',
  controls: [...RETENTION, BACKUP[1]],
  resourceTypes: ['aws_backup_vault_lock_configuration'],
  scope: 'resource',
  description:
    'max_retention_days must be absent or at least the audit retention: a lower cap makes AWS Backup reject the long-term copies HIPAA-BK-004 requires. min_retention_days, when set, must be at least 1.',
  remediation: 'Remove max_retention_days or raise it to the audit retention.',
  check(lock, ctx) {
    const max = num(lock.config.max_retention_days);
    const min = num(lock.config.min_retention_days);
    if (max === 'unknown' || min === 'unknown') return undecided('the lock retention is an expression');
    if (typeof max === 'number' && max < ctx.auditRetentionDays) {
      return fail(`max_retention_days is ${max}, less than the audit retention of ${ctx.auditRetentionDays} days`);
    }
    if (typeof min === 'number' && min < 1) return fail(`min_retention_days is ${min}`);
    return pass('the lock allows recovery points to be kept for the audit retention');
  },
};
