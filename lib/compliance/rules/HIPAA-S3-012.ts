import { auditRole, linkedTo } from '../checks/s3';
import { RETENTION } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { blocks, num, str } from '../values';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-012',
  title: 'Audit log buckets do not expire objects before the audit retention',
  severity: 'high',
  controls: RETENTION,
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'For buckets that receive audit records (see HIPAA-S3-010), no enabled lifecycle rule may expire current objects (expiration.days) or noncurrent versions (noncurrent_version_expiration.noncurrent_days) sooner than the audit retention; a date-based expiration fails. No lifecycle configuration means objects are kept: compliant. Not applicable to other buckets.',
  remediation: 'Raise expiration days and noncurrent_days to at least the audit retention, or transition to a colder storage class instead of expiring.',
  check(bucket, ctx) {
    const role = auditRole(ctx, bucket);
    if (!role) return skip('the bucket does not receive audit logs');
    const configs = linkedTo(ctx, bucket, 'aws_s3_bucket_lifecycle_configuration');
    for (const lc of configs) {
      for (const r of blocks(lc.config.rule)) {
        const status = str(r.status);
        if (status === 'Disabled') continue;
        if (status === 'unknown') return undecided(`${lc.address} sets a rule status to an expression`);
        for (const e of blocks(r.expiration)) {
          if (e.date !== undefined) return fail(`${lc.address} expires objects on a fixed date`);
          const days = num(e.days);
          if (days === 'unknown') return undecided(`${lc.address} sets expiration days to an expression`);
          if (typeof days === 'number' && days < ctx.auditRetentionDays) {
            return fail(`${lc.address} expires objects after ${days} days, less than the audit retention of ${ctx.auditRetentionDays} days`);
          }
        }
        for (const e of blocks(r.noncurrent_version_expiration)) {
          const days = num(e.noncurrent_days);
          if (days === 'unknown') return undecided(`${lc.address} sets noncurrent_days to an expression`);
          if (typeof days === 'number' && days < ctx.auditRetentionDays) {
            return fail(`${lc.address} expires noncurrent versions after ${days} days, less than the audit retention of ${ctx.auditRetentionDays} days`);
          }
        }
      }
    }
    return pass(configs.length === 0 ? 'no lifecycle rule expires audit objects' : `${configs[0].address} keeps objects for at least the audit retention`);
  },
};
