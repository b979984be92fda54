import { linkedTo, weakestConfig } from '../checks/s3';
import { NOT_PUBLIC } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-S3-009',
  title: 'S3 buckets disable ACLs (bucket owner enforced)',
  severity: 'medium',
  controls: NOT_PUBLIC,
  configRule: 's3-bucket-acl-prohibited',
  resourceTypes: ['aws_s3_bucket'],
  scope: 'resource',
  description:
    'An aws_s3_bucket_ownership_controls pointing at the bucket must set rule.object_ownership = "BucketOwnerEnforced", and no aws_s3_bucket_acl may point at the bucket (nor may the bucket set the legacy inline acl or grant arguments): with ACLs disabled only policies grant access, so access is reviewable in one place. New buckets default to BucketOwnerEnforced, but an undeclared default is not evidence.',
  remediation: 'Add aws_s3_bucket_ownership_controls with object_ownership = "BucketOwnerEnforced" and remove aws_s3_bucket_acl resources and inline acl / grant arguments.',
  check(bucket, ctx) {
    const acl = linkedTo(ctx, bucket, 'aws_s3_bucket_acl')[0];
    if (acl) return fail(`${acl.address} manages an ACL for the bucket`);
    // The deprecated inline arguments of aws_s3_bucket call the same PutBucketAcl API as aws_s3_bucket_acl.
    if (bucket.config.acl !== undefined && bucket.config.acl !== null) return fail(`the bucket sets the legacy inline acl ${String(bucket.config.acl)}`);
    if (blocks(bucket.config.grant).length > 0) return fail('the bucket sets legacy inline grant blocks');
    const verdict = weakestConfig(ctx, bucket, 'aws_s3_bucket_ownership_controls', (oc) => {
      const ownership = str(blocks(oc.config.rule)[0]?.object_ownership);
      if (ownership === 'BucketOwnerEnforced') return pass(`${oc.address} enforces bucket owner ownership`);
      if (ownership === 'unknown') return undecided(`${oc.address} sets object_ownership to an expression`);
      return fail(`${oc.address} sets object_ownership ${String(ownership)}`);
    });
    return verdict ?? fail('no aws_s3_bucket_ownership_controls points at this bucket');
  },
};
