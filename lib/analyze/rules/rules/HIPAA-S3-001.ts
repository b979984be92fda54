import { allFlagsTrue, weakestConfig } from '../checks/s3';
import { NOT_PUBLIC } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-001',
  title: 'S3 buckets block public access at the bucket level',
  severity: 'critical',
  controls: NOT_PUBLIC,
  configRule: 's3-bucket-level-public-access-prohibited',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'An aws_s3_bucket_public_access_block that points at the bucket (by reference, or by the bucket literal name in the same account) must set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true. The account-level block does not count here (HIPAA-S3-015 checks it): a bucket keeps its own block if the account setting is ever relaxed. A flag that is an expression cannot be decided and is reported.',
  remediation: 'Add an aws_s3_bucket_public_access_block for the bucket with all four flags set to true.',
  check(bucket, ctx) {
    const verdict = weakestConfig(ctx, bucket, 'aws_s3_bucket_public_access_block', (pab) => {
      const { answer, missing } = allFlagsTrue(pab.config);
      if (answer === 'no') return fail(`${pab.address} does not set ${missing.join(', ')} to true`);
      if (answer === 'unknown') return undecided(`${pab.address} sets a flag to an expression`);
      return pass(`${pab.address} blocks all public access`);
    });
    return verdict ?? fail('no aws_s3_bucket_public_access_block points at this bucket');
  },
};
