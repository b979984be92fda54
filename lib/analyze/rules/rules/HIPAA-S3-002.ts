import { customerKey } from '../checks/common';
import { configOf } from '../checks/s3';
import { AT_REST } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-002',
  title: 'S3 buckets encrypt by default with a customer-managed KMS key',
  severity: 'high',
  controls: AT_REST,
  configRule: 's3-default-encryption-kms',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    "The bucket's aws_s3_bucket_server_side_encryption_configuration (or the legacy inline block) must use sse_algorithm aws:kms or aws:kms:dsse with kms_master_key_id naming a customer-managed key: a reference to an aws_kms_key (or alias, replica or data.aws_kms_key) or a literal key ARN. SSE-S3 (AES256) and the AWS-managed alias/aws/s3 key fail: their use is not controlled by a key policy you own. A key given as a variable or expression cannot be decided and is reported.",
  remediation: 'Set rule.apply_server_side_encryption_by_default { sse_algorithm = "aws:kms", kms_master_key_id = <your aws_kms_key ARN> } and bucket_key_enabled = true.',
  check(bucket, ctx) {
    const sse = configOf(ctx, bucket, 'aws_s3_bucket_server_side_encryption_configuration');
    const owner = sse ?? bucket;
    const container = sse ? sse.config : blocks(bucket.config.server_side_encryption_configuration)[0];
    if (!container) return fail('no server-side encryption configuration points at this bucket');
    const defaults = blocks(container.rule).flatMap((r) => blocks(r.apply_server_side_encryption_by_default));
    if (defaults.length === 0) return fail(`${owner.address} has no apply_server_side_encryption_by_default`);
    const d = defaults[0];
    const algorithm = str(d.sse_algorithm);
    if (algorithm === 'unknown') return undecided(`${owner.address} sets sse_algorithm to an expression`);
    if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') return fail(`${owner.address} uses ${String(algorithm)}, not a KMS key`);
    const key = customerKey(ctx, owner, d.kms_master_key_id);
    if (key.answer === 'no') return fail(`${owner.address}: ${key.detail}`);
    if (key.answer === 'unknown') return undecided(`${owner.address}: ${key.detail}`);
    return pass(`${owner.address} encrypts with ${algorithm}; ${key.detail}`);
  },
};
