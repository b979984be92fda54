import { weakestConfig } from '../checks/s3';
import { BACKUP, INTEGRITY } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks, bool, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-005',
  title: 'S3 buckets have versioning enabled',
  severity: 'medium',
  controls: [...BACKUP, ...INTEGRITY],
  configRule: 's3-bucket-versioning-enabled',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'An aws_s3_bucket_versioning pointing at the bucket must set versioning_configuration.status = "Enabled" (the legacy inline versioning { enabled = true } also counts). Suspended or Disabled fails; an expression is reported.',
  remediation: 'Add aws_s3_bucket_versioning with versioning_configuration { status = "Enabled" }.',
  check(bucket, ctx) {
    const verdict = weakestConfig(ctx, bucket, 'aws_s3_bucket_versioning', (v) => {
      const status = str(blocks(v.config.versioning_configuration)[0]?.status);
      if (status === 'Enabled') return pass(`${v.address} enables versioning`);
      if (status === 'unknown') return undecided(`${v.address} sets status to an expression`);
      return fail(`${v.address} sets status ${String(status)}`);
    });
    if (verdict) return verdict;
    const inline = blocks(bucket.config.versioning)[0];
    if (inline && bool(inline.enabled) === true) return pass('inline versioning is enabled');
    return fail('no aws_s3_bucket_versioning enables versioning for this bucket');
  },
};
