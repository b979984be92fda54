import { auditRole, weakestConfig } from '../checks/s3';
import { INTEGRITY } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { blocks, bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-010',
  title: 'Audit log buckets have S3 Object Lock with a default retention',
  severity: 'high',
  controls: INTEGRITY,
  configRule: 's3-bucket-default-lock-enabled',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'Applies to buckets that receive audit records: the destination of a CloudTrail trail, AWS Config delivery channel, VPC flow log, S3 server access logging or load balancer access logs (found by reference or literal name in the same account). Such a bucket must set object_lock_enabled = true and have an aws_s3_bucket_object_lock_configuration with a default_retention. Other buckets are not applicable: they are protected by versioning and AWS Backup. The AWS Config rule, deployed at run time, checks every bucket.',
  remediation:
    'Create the bucket with object_lock_enabled = true and add aws_s3_bucket_object_lock_configuration with rule.default_retention (COMPLIANCE mode, days >= the audit retention).',
  check(bucket, ctx) {
    const role = auditRole(ctx, bucket);
    if (!role) return skip('the bucket does not receive audit logs');
    const enabled = bool(bucket.config.object_lock_enabled);
    if (enabled === 'unknown') return undecided('object_lock_enabled is an expression');
    if (enabled !== true) return fail(`object_lock_enabled is not true, but ${role}`);
    const verdict = weakestConfig(ctx, bucket, 'aws_s3_bucket_object_lock_configuration', (lock) => {
      const retention = blocks(lock.config.rule).flatMap((r) => blocks(r.default_retention))[0];
      if (!retention) return fail(`${lock.address} has no default_retention`);
      return pass(`object lock is on with a default retention (${lock.address}); ${role}`);
    });
    return verdict ?? fail(`no aws_s3_bucket_object_lock_configuration sets a default retention, but ${role}`);
  },
};
