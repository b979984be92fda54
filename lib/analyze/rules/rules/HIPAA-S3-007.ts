import { publicAccess } from '../checks/s3';
import { NOT_PUBLIC } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-007',
  title: 'S3 buckets do not allow public read access',
  severity: 'critical',
  controls: NOT_PUBLIC,
  configRule: 's3-bucket-public-read-prohibited',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'Compliant when a bucket or account public access block sets all four flags. Otherwise the bucket fails when an ACL is public-read, public-read-write or authenticated-read (or grants READ to AllUsers/AuthenticatedUsers), or when its policy allows a read (s3:GetObject, s3:GetObjectVersion, s3:GetObjectAttributes, s3:ListBucket, s3:ListBucketVersions; through wildcards or NotAction too) to everyone (principal "*", {"AWS": "*"}, or NotPrincipal) unless a condition provably restricts who (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce, ... with literal values; aws:SecureTransport restricts nothing). A policy the engine cannot evaluate is reported.',
  remediation: 'Block public access (HIPAA-S3-001) and remove public ACL grants and unconditional public Allow statements.',
  check(bucket, ctx) {
    const { answer, detail } = publicAccess(ctx, bucket, 'read');
    if (answer === 'yes') return fail(detail);
    if (answer === 'unknown') return undecided(detail);
    return pass(detail);
  },
};
