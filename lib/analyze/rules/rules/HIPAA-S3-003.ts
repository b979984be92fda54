import { weakestConfig } from '../checks/s3';
import { AT_REST, INTEGRITY } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import type { JsonObject, Resource, Verdict } from '../types';
import { blocks, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-003',
  title: 'S3 buckets declare default server-side encryption',
  severity: 'high',
  controls: [...AT_REST, INTEGRITY[1]],
  configRule: 's3-bucket-server-side-encryption-enabled',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'The bucket must have a server-side encryption configuration with an sse_algorithm of AES256, aws:kms or aws:kms:dsse, declared in Terraform. S3 encrypts new objects with SSE-S3 even without one, but an undeclared setting is not evidence and can be changed outside review. HIPAA-S3-002 additionally requires a customer-managed key.',
  remediation: 'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket (aws:kms with your key, see HIPAA-S3-002).',
  check(bucket, ctx) {
    const verdict = weakestConfig(ctx, bucket, 'aws_s3_bucket_server_side_encryption_configuration', (sse) => judge(sse, sse.config));
    if (verdict) return verdict;
    const inline = blocks(bucket.config.server_side_encryption_configuration)[0];
    return inline ? judge(bucket, inline) : fail('no server-side encryption configuration points at this bucket');
  },
};

function judge(owner: Resource, container: JsonObject): Verdict {
  const d = blocks(container.rule).flatMap((r) => blocks(r.apply_server_side_encryption_by_default))[0];
  const algorithm = d ? str(d.sse_algorithm) : 'absent';
  if (algorithm === 'unknown') return undecided(`${owner.address} sets sse_algorithm to an expression`);
  if (algorithm === 'AES256' || algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse') {
    return pass(`${owner.address} encrypts with ${algorithm}`);
  }
  return fail(`${owner.address} has no valid sse_algorithm (${String(algorithm)})`);
}
