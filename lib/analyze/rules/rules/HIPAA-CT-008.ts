import { literal } from '../checks/common';
import { allFlagsTrue, linkedTo } from '../checks/s3';
import { NOT_PUBLIC } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-CT-008',
  title: 'CloudTrail buckets are not publicly accessible',
  severity: 'critical',
  controls: NOT_PUBLIC,
  configRule: 'cloudtrail-s3-bucket-public-access-prohibited',
  resourceTypes: ['aws_cloudtrail'],
  scope: 'resource',
  description:
    'The bucket named by s3_bucket_name (found by reference in the same stack or by literal name in the same account) must have a bucket-level public access block with all four flags, or the account must have one. A bucket the engine cannot find is reported.',
  remediation: 'Give the trail bucket an aws_s3_bucket_public_access_block with all four flags set to true.',
  check(trail, ctx) {
    let bucket = ctx.resolve(trail, trail.config.s3_bucket_name);
    if (!bucket) {
      const name = literal(trail.config.s3_bucket_name);
      bucket = (ctx.accountOf(trail).byType.get('aws_s3_bucket') ?? []).find((b) => name !== undefined && literal(b.config.bucket) === name);
    }
    if (!bucket || bucket.type !== 'aws_s3_bucket') {
      return undecided(`the trail bucket ${JSON.stringify(trail.config.s3_bucket_name)} is not an aws_s3_bucket in this account`);
    }
    const pab = linkedTo(ctx, bucket, 'aws_s3_bucket_public_access_block').find((p) => allFlagsTrue(p.config).answer === 'yes');
    if (pab) return pass(`${bucket.address} is protected by ${pab.address}`);
    const account = (ctx.accountOf(trail).byType.get('aws_s3_account_public_access_block') ?? []).find((a) => allFlagsTrue(a.config).answer === 'yes');
    if (account) return pass(`${bucket.address} is protected by the account-level block ${account.address}`);
    return fail(`the trail bucket ${bucket.address} has no public access block with all four flags`);
  },
};
