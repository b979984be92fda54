import { linkedTo } from '../checks/s3';
import { BACKUP } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
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
    // Any versioning resource (or the inline block) that enables or may enable versioning makes the rule apply.
    const statuses = linkedTo(ctx, bucket, 'aws_s3_bucket_versioning').map((v) => str(blocks(v.config.versioning_configuration)[0]?.status));
    const inline = blocks(bucket.config.versioning).map((b) => bool(b.enabled));
    const enabled = statuses.includes('Enabled') || inline.includes(true);
    const maybe = statuses.includes('unknown') || inline.includes('unknown');
    if (!enabled && !maybe) return skip('versioning is not enabled');
    const lc = linkedTo(ctx, bucket, 'aws_s3_bucket_lifecycle_configuration')[0];
    if (lc) return pass(`${lc.address} manages object versions`);
    if (blocks(bucket.config.lifecycle_rule).length > 0) return pass('inline lifecycle rules manage object versions');
    if (!enabled) return undecided('the versioning status is an expression, and no lifecycle configuration points at this bucket');
    return fail('versioning is enabled but no lifecycle configuration points at this bucket');
  },
};
