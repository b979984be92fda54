import { configOf, linkedTo } from '../checks/s3';
import { BACKUP } from '../controls';
import { fail, pass, skip, type ResourceRule } from '../rule';
import { blocks, bool, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-013',
  title: 'Versioned S3 buckets have a lifecycle configuration',
  severity: 'low',
  controls: BACKUP,
  configRule: 's3-version-lifecycle-policy-check',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'A bucket with versioning enabled must have an aws_s3_bucket_lifecycle_configuration (or legacy lifecycle_rule) so noncurrent versions are managed deliberately. Buckets without versioning are not applicable (HIPAA-S3-005 reports them).',
  remediation: 'Add aws_s3_bucket_lifecycle_configuration for the bucket (for audit buckets, keep objects for the audit retention).',
  check(bucket, ctx) {
    const v = configOf(ctx, bucket, 'aws_s3_bucket_versioning');
    const enabled = (v && str(blocks(v.config.versioning_configuration)[0]?.status) === 'Enabled') || blocks(bucket.config.versioning).some((b) => bool(b.enabled) === true);
    if (!enabled) return skip('versioning is not enabled');
    const lc = linkedTo(ctx, bucket, 'aws_s3_bucket_lifecycle_configuration')[0];
    if (lc) return pass(`${lc.address} manages object versions`);
    if (blocks(bucket.config.lifecycle_rule).length > 0) return pass('inline lifecycle rules manage object versions');
    return fail('versioning is enabled but no lifecycle configuration points at this bucket');
  },
};
