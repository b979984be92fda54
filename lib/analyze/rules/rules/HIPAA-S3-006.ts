import { auditRole, configOf, linkedTo } from '../checks/s3';
import { AUDIT_LOGGING } from '../controls';
import { fail, pass, type ResourceRule } from '../rule';
import { blocks } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-006',
  title: 'S3 buckets have server access logging enabled',
  severity: 'medium',
  controls: AUDIT_LOGGING,
  configRule: 's3-bucket-logging-enabled',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'An aws_s3_bucket_logging pointing at the bucket must name a target_bucket (the legacy inline logging block also counts). A bucket that is itself the target of server access logging is compliant: logging it into itself would loop. Reads of it are recorded by CloudTrail data events where the trail selects them (our baseline trail records reads of its own log buckets; their writes are deliveries).',
  remediation: 'Add aws_s3_bucket_logging with target_bucket set to your access-log bucket.',
  check(bucket, ctx) {
    const logging = configOf(ctx, bucket, 'aws_s3_bucket_logging');
    if (logging && logging.config.target_bucket !== undefined) return pass(`${logging.address} sends access logs to ${String(logging.config.target_bucket)}`);
    if (blocks(bucket.config.logging).some((l) => l.target_bucket !== undefined)) return pass('inline logging is configured');
    if (linkedTo(ctx, bucket, 'aws_s3_bucket_logging', 'target_bucket').length > 0) {
      const role = auditRole(ctx, bucket);
      return pass(`the bucket is a server access log destination (${role ?? 'target of aws_s3_bucket_logging'})`);
    }
    return fail('no aws_s3_bucket_logging points at this bucket');
  },
};
