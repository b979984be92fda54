import { auditRole, weakestConfig } from '../checks/s3';
import { INTEGRITY, RETENTION } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { blocks, num, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-011',
  title: 'Audit log buckets lock objects for at least the audit retention',
  severity: 'high',
  controls: [...RETENTION, ...INTEGRITY],
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'For buckets that receive audit records (see HIPAA-S3-010), the object lock default_retention must be at least the audit retention (default 2192 days; years count as 365 days), in COMPLIANCE or GOVERNANCE mode. A bucket without a lock configuration fails. Not applicable to other buckets.',
  remediation: 'Set default_retention { mode = "COMPLIANCE", days = <audit retention days> } on the bucket\'s aws_s3_bucket_object_lock_configuration.',
  check(bucket, ctx) {
    const role = auditRole(ctx, bucket);
    if (!role) return skip('the bucket does not receive audit logs');
    const verdict = weakestConfig(ctx, bucket, 'aws_s3_bucket_object_lock_configuration', (lock) => {
      const retention = blocks(lock.config.rule).flatMap((r) => blocks(r.default_retention))[0];
      if (!retention) return fail(`${lock.address} has no default retention, but ${role}`);
      const mode = str(retention.mode);
      if (mode === 'unknown') return undecided(`${lock.address} sets mode to an expression`);
      if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') return fail(`${lock.address} sets mode ${String(mode)}`);
      const days = num(retention.days);
      const years = num(retention.years);
      if (days === 'unknown' || years === 'unknown') return undecided(`${lock.address} sets the retention to an expression`);
      const total = typeof days === 'number' ? days : typeof years === 'number' ? years * 365 : 0;
      if (total < ctx.auditRetentionDays) {
        return fail(`${lock.address} locks objects for ${total} days, less than the audit retention of ${ctx.auditRetentionDays} days`);
      }
      return pass(`${lock.address} locks objects for ${total} days in ${mode} mode`);
    });
    return verdict ?? fail(`no object lock default retention, but ${role}`);
  },
};
