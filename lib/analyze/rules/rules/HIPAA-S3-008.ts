import { publicAccess } from '../checks/s3';
import { NOT_PUBLIC } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-008',
  title: 'S3 buckets do not allow public write access',
  severity: 'critical',
  controls: NOT_PUBLIC,
  configRule: 's3-bucket-public-write-prohibited',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'Compliant when a bucket or account public access block sets all four flags. Otherwise the bucket fails when an ACL is public-read-write (or grants WRITE to AllUsers/AuthenticatedUsers), or when its policy allows a write (s3:PutObject, s3:DeleteObject, s3:DeleteObjectVersion, s3:PutObjectAcl, s3:PutBucketAcl, s3:PutBucketPolicy, s3:DeleteBucketPolicy; through wildcards or NotAction too) to everyone (principal "*", {"AWS": "*"}, or NotPrincipal) unless a condition provably restricts who. A policy the engine cannot evaluate is reported.',
  remediation: 'Block public access (HIPAA-S3-001) and remove public write grants and unconditional public Allow statements.',
  check(bucket, ctx) {
    const { answer, detail } = publicAccess(ctx, bucket, 'write');
    if (answer === 'yes') return fail(detail);
    if (answer === 'unknown') return undecided(detail);
    return pass(detail);
  },
};
