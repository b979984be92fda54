import { bucketName, linkedTo } from '../checks/s3';
import { BACKUP } from '../controls';
import { fail, pass, undecided, type ResourceRule, type RuleContext } from '../rule';
import type { JsonValue, Resource } from '../types';
import { blocks, str } from '../../../terraform/values';

/** Whether a replication destination (`${aws_s3_bucket.x.arn}` or `arn:<partition>:s3:::<name>`) is `bucket`. */
function namesBucket(ctx: RuleContext, from: Resource, to: JsonValue | undefined, bucket: Resource): boolean {
  if (ctx.resolve(from, to) === bucket) return true;
  const arn = typeof to === 'string' ? /^arn:aws[\w-]*:s3:::([^/]+)$/.exec(to) : null;
  return arn !== null && arn[1] === bucketName(bucket);
}

export const rule: ResourceRule = {
  id: 'HIPAA-S3-014',
  title: 'S3 buckets replicate to another bucket',
  severity: 'low',
  controls: BACKUP,
  configRule: 's3-bucket-replication-enabled',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'An aws_s3_bucket_replication_configuration pointing at the bucket must have at least one rule with status "Enabled". A bucket that is the destination of an Enabled replication rule is compliant (a Disabled rule copies nothing). Where data is protected by AWS Backup instead, suppress with that reason.',
  remediation: 'Add aws_s3_bucket_replication_configuration with an Enabled rule to a bucket in another Region, or suppress with the backup arrangement as the reason.',
  check(bucket, ctx) {
    const rep = linkedTo(ctx, bucket, 'aws_s3_bucket_replication_configuration', 'bucket')[0];
    if (rep) {
      const statuses = blocks(rep.config.rule).map((r) => str(r.status));
      if (statuses.includes('Enabled')) return pass(`${rep.address} replicates the bucket`);
      if (statuses.includes('unknown')) return undecided(`${rep.address} sets a rule status to an expression`);
      return fail(`${rep.address} has no Enabled rule`);
    }
    // A destination holds a copy only through a rule that is Enabled and names it (by reference or literal ARN).
    let maybeDestination: string | undefined;
    for (const source of linkedTo(ctx, bucket, 'aws_s3_bucket_replication_configuration', 'rule')) {
      for (const r of blocks(source.config.rule)) {
        const to = blocks(r.destination)[0]?.bucket;
        if (!namesBucket(ctx, source, to, bucket)) continue;
        const status = str(r.status);
        if (status === 'Enabled') return pass(`the bucket is the replication destination of ${source.address}`);
        if (status === 'unknown') maybeDestination ??= source.address;
      }
    }
    if (maybeDestination) return undecided(`the bucket is the destination of a rule of ${maybeDestination} whose status is an expression`);
    return fail('no aws_s3_bucket_replication_configuration replicates this bucket, and no Enabled replication rule has it as destination');
  },
};
