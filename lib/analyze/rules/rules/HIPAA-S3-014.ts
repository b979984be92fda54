import { linkedTo } from '../checks/s3';
import { BACKUP } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-014',
  title: 'S3 buckets replicate to another bucket',
  severity: 'low',
  controls: BACKUP,
  configRule: 's3-bucket-replication-enabled',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'An aws_s3_bucket_replication_configuration pointing at the bucket must have at least one rule with status "Enabled". A bucket that is itself a replication destination is compliant. Where data is protected by AWS Backup instead, suppress with that reason.',
  remediation: 'Add aws_s3_bucket_replication_configuration with an Enabled rule to a bucket in another Region, or suppress with the backup arrangement as the reason.',
  check(bucket, ctx) {
    const rep = linkedTo(ctx, bucket, 'aws_s3_bucket_replication_configuration', 'bucket')[0];
    if (rep) {
      const statuses = blocks(rep.config.rule).map((r) => str(r.status));
      if (statuses.includes('Enabled')) return pass(`${rep.address} replicates the bucket`);
      if (statuses.includes('unknown')) return undecided(`${rep.address} sets a rule status to an expression`);
      return fail(`${rep.address} has no Enabled rule`);
    }
    const asDestination = linkedTo(ctx, bucket, 'aws_s3_bucket_replication_configuration', 'rule')[0];
    if (asDestination) return pass(`the bucket is the replication destination of ${asDestination.address}`);
    return fail('no aws_s3_bucket_replication_configuration replicates this bucket');
  },
};
