import { auditRole, linkedTo } from '../checks/s3';
import { RETENTION } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule, type RuleContext } from '../rule';
import type { JsonObject, Resource } from '../types';
import { blocks, bool, num, str } from '../../../terraform/values';

/**
 * Days every version of the bucket is locked by its default retention, or 0 (no lock, or a lock
 * that cannot be read). Lifecycle cannot delete a locked version (S3 User Guide, Object Lock
 * considerations: "a locked version of an object cannot be deleted by a S3 Lifecycle expiration
 * policy"), so a lock of at least the retention keeps noncurrent versions whatever noncurrent_days says.
 */
function lockedDays(ctx: RuleContext, bucket: Resource): number {
  if (bool(bucket.config.object_lock_enabled) !== true) return 0;
  // Several lock configurations for one bucket: the one applied last wins, so the shortest counts.
  const locks = linkedTo(ctx, bucket, 'aws_s3_bucket_object_lock_configuration');
  if (locks.length === 0) return 0;
  return Math.min(
    ...locks.map((lock) => {
      const retention = blocks(lock.config.rule).flatMap((r) => blocks(r.default_retention))[0];
      if (!retention) return 0;
      const mode = str(retention.mode);
      if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') return 0;
      const days = num(retention.days);
      const years = num(retention.years);
      return typeof days === 'number' ? days : typeof years === 'number' ? years * 365 : 0;
    }),
  );
}

/** The rules of one lifecycle configuration, and the name its noncurrent expiration gives the days. */
interface LifecycleRules {
  readonly address: string;
  readonly rules: JsonObject[];
  readonly noncurrentDays: string;
}

/** An inline lifecycle_rule's `enabled` as the status of a lifecycle configuration rule. */
function inlineStatus(enabled: ReturnType<typeof bool>): string {
  return enabled === true ? 'Enabled' : enabled === false ? 'Disabled' : 'unknown';
}

export const rule: ResourceRule = {
  id: 'HIPAA-S3-012',
  title: 'Audit log buckets do not expire objects before the audit retention',
  severity: 'high',
  controls: RETENTION,
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'For buckets that receive audit records (see HIPAA-S3-010), no enabled lifecycle rule (of an aws_s3_bucket_lifecycle_configuration, or the legacy inline lifecycle_rule) may expire current objects (expiration.days) or noncurrent versions (noncurrent_version_expiration.noncurrent_days) sooner than the audit retention; a date-based expiration fails. A short noncurrent_days is accepted on a bucket whose Object Lock default retention (COMPLIANCE or GOVERNANCE) is at least the audit retention: lifecycle cannot delete a locked version, so each version is kept the retention from its creation and the lifecycle then removes it instead of keeping it a second retention. No lifecycle configuration means objects are kept: compliant. Not applicable to other buckets.',
  remediation: 'Raise expiration days and noncurrent_days to at least the audit retention, or transition to a colder storage class instead of expiring.',
  check(bucket, ctx) {
    const role = auditRole(ctx, bucket);
    if (!role) return skip('the bucket does not receive audit logs');
    const configs = linkedTo(ctx, bucket, 'aws_s3_bucket_lifecycle_configuration');
    const locked = lockedDays(ctx, bucket) >= ctx.auditRetentionDays;
    // The deprecated inline lifecycle_rule of aws_s3_bucket (enabled, noncurrent_version_expiration.days)
    // writes the same lifecycle configuration as aws_s3_bucket_lifecycle_configuration.
    const lifecycles: LifecycleRules[] = [
      ...configs.map((lc) => ({ address: lc.address, rules: blocks(lc.config.rule), noncurrentDays: 'noncurrent_days' })),
      ...(blocks(bucket.config.lifecycle_rule).length > 0
        ? [{ address: `${bucket.address} (inline lifecycle_rule)`, rules: blocks(bucket.config.lifecycle_rule), noncurrentDays: 'days' }]
        : []),
    ];
    for (const lc of lifecycles) {
      for (const r of lc.rules) {
        const status = r.status !== undefined || r.enabled === undefined ? str(r.status) : inlineStatus(bool(r.enabled));
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
          const days = num(e[lc.noncurrentDays]);
          if (days === 'unknown') return undecided(`${lc.address} sets noncurrent_days to an expression`);
          if (typeof days === 'number' && days < ctx.auditRetentionDays && !locked) {
            return fail(
              `${lc.address} expires noncurrent versions after ${days} days, less than the audit retention of ${ctx.auditRetentionDays} days, and no Object Lock default retention of at least that keeps them`,
            );
          }
        }
      }
    }
    if (lifecycles.length === 0) return pass('no lifecycle rule expires audit objects');
    return pass(`${lifecycles[0].address} keeps objects for at least the audit retention${locked ? ' (noncurrent versions are held by the Object Lock default retention)' : ''}`);
  },
};
