import { bucketArn, bucketPolicy } from '../checks/s3';
import { deniesInsecureTransport } from '../../../terraform/questions';
import { IN_TRANSIT, INTEGRITY } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-004',
  title: 'S3 buckets deny requests that do not use TLS',
  severity: 'high',
  controls: [...IN_TRANSIT, INTEGRITY[1]],
  configRule: 's3-bucket-ssl-requests-only',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'The bucket policy (an aws_s3_bucket_policy pointing at the bucket, as a JSON string or an aws_iam_policy_document reference) must have a Deny statement for principal "*", action s3:* (or *, or a NotAction that excludes no S3 action), covering the bucket and its objects (bucket ARN and ARN/*, by reference or literal, or "*"), with condition Bool/BoolIfExists aws:SecureTransport = false and no other condition (an extra condition narrows the deny). A NotAction deny counts when it excludes no S3 action; override_policy_documents that replace the deny by Sid are honoured. A policy the engine cannot evaluate (an expression, a variable) is reported.',
  remediation: 'Add to the bucket policy: Effect Deny, Principal "*", Action s3:*, Resource [bucket ARN, bucket ARN/*], Condition Bool aws:SecureTransport false.',
  check(bucket, ctx) {
    const { policy, source } = bucketPolicy(ctx, bucket);
    const where = source?.address ?? bucket.address;
    if (!policy) return fail('no bucket policy points at this bucket');
    const deny = deniesInsecureTransport(policy, bucketArn(ctx, bucket));
    if (deny.answer === 'yes') return pass(`${where} denies requests without aws:SecureTransport (${deny.detail})`);
    if (deny.answer === 'maybe') return undecided(`${where}: ${deny.detail}`);
    return fail(`${where} has no Deny statement for aws:SecureTransport = false covering the bucket and its objects for everyone (${deny.detail})`);
  },
};
