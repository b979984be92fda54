import { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { HipaaKey } from '../security/hipaa-key';
import { Condition, PolicyDocument, Principal, denyInsecureTransport } from '../security/policy-document';
import { Disabled, isDisabled, recordWaiver } from '../kernel/waivers';
import { HipaaValidationError, validateAll } from '../../errors';
import { messages } from '../../messages';

export type ObjectLockMode = 'COMPLIANCE' | 'GOVERNANCE';

export interface SecureBucketProps {
  /** Globally unique bucket name (3-63 lowercase characters). */
  readonly bucketName: string;
  /**
   * Customer-managed key for SSE-KMS (with an S3 bucket key). `Disabled` falls back to SSE-S3
   * (AES-256), for destinations that cannot use KMS such as S3 server access logs.
   */
  readonly encryptionKey: HipaaKey | Disabled;
  /**
   * Bucket that receives this bucket's server access logs.
   * Pass `Disabled` with a reason for the log bucket itself.
   */
  readonly accessLogs: { readonly bucket: SecureBucket; readonly prefix?: string } | Disabled;
  /** Days objects are kept: lifecycle expiry never comes earlier, and object lock retains them this long. */
  readonly retentionDays: number;
  /**
   * S3 Object Lock default retention. `Disabled` with a reason turns it off.
   * @default - COMPLIANCE mode for `retentionDays`
   */
  readonly objectLock?: { readonly mode: ObjectLockMode } | Disabled;
  /**
   * Days after which objects move to Glacier Flexible Retrieval, then Deep Archive a year later.
   * @default 90
   */
  readonly transitionToGlacierAfterDays?: number;
  /**
   * Account that owns the bucket. S3 server access log delivery into this bucket, or from it, is
   * allowed only for requests on behalf of this account (`aws:SourceAccount`).
   * @default - the encryption key's account; required when the bucket uses SSE-S3 and takes part in access logging
   */
  readonly accountId?: string;
  /**
   * ARN partition of the bucket (`aws`, `aws-us-gov`).
   * @default - the encryption key's partition, or `aws` when the bucket uses SSE-S3
   */
  readonly partition?: string;
  /**
   * Allow `terraform destroy` to empty the bucket.
   * @default false
   */
  readonly forceDestroy?: boolean;
}

/**
 * An S3 bucket with every HIPAA setting on: SSE-KMS with a customer key and bucket key, versioning,
 * all four public-access-block flags, bucket-owner-enforced ownership (no ACLs), a policy that
 * denies any request without TLS, server access logging, object lock and a lifecycle that never
 * expires objects before the retention. Writers are added with `grantServiceWrite`.
 */
export class SecureBucket extends Construct {
  public readonly resource: S3Bucket;
  public readonly bucketName: string;
  /** `arn:<partition>:s3:::<name>`, concrete. */
  public readonly bucketArn: string;
  /** The owning account, when known (from `accountId` or the encryption key). */
  public readonly accountId?: string;
  /** The bucket's id as a Terraform reference (creates the dependency). */
  public readonly bucketRef: string;
  /** The bucket policy resource (depend on it before a service writes to the bucket). */
  public readonly policyResource: S3BucketPolicy;
  private readonly policy: PolicyDocument;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const lock = props.objectLock ?? { mode: 'COMPLIANCE' as const };
    const glacierAfter = props.transitionToGlacierAfterDays ?? 90;
    validateAll(`SecureBucket ${this.node.path}`, [
      {
        when: !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketName) || props.bucketName.includes('..'),
        problem: () => messages.nameTooLong('bucketName', props.bucketName, 63, 'S3 bucket name (3-63 lowercase letters, digits, hyphens and dots)'),
      },
      {
        when: !isDisabled(lock) && lock.mode !== 'COMPLIANCE' && lock.mode !== 'GOVERNANCE',
        problem: () => messages.objectLockModeInvalid('objectLock.mode', (lock as { mode: string }).mode),
      },
      {
        when: !Number.isInteger(glacierAfter) || glacierAfter < 30 || glacierAfter >= props.retentionDays,
        problem: () => ({
          code: 'HIPAA_BUCKET_TRANSITION',
          path: 'transitionToGlacierAfterDays',
          value: glacierAfter,
          message: 'the Glacier transition must be at least 30 days and before the retention ends',
          fix: 'use 90 (the default)',
        }),
      },
    ]);
    if (isDisabled(props.encryptionKey)) recordWaiver(this, 'bucketKmsEncryption', props.encryptionKey.reason, 'encryptionKey');
    if (isDisabled(props.accessLogs)) recordWaiver(this, 'bucketAccessLogging', props.accessLogs.reason, 'accessLogs');
    if (isDisabled(lock)) recordWaiver(this, 'bucketObjectLock', lock.reason, 'objectLock');

    const partition = props.partition ?? (isDisabled(props.encryptionKey) ? 'aws' : props.encryptionKey.target.partition);
    this.accountId = props.accountId ?? (isDisabled(props.encryptionKey) ? undefined : props.encryptionKey.target.accountId);
    const logSourceAccount = isDisabled(props.accessLogs) ? undefined : (this.accountId ?? props.accessLogs.bucket.accountId);
    if (!isDisabled(props.accessLogs) && logSourceAccount === undefined) {
      throw new HipaaValidationError(`SecureBucket ${this.node.path}`, [messages.bucketAccountUnknown('accountId', props.bucketName)]);
    }
    this.bucketName = props.bucketName;
    this.bucketArn = `arn:${partition}:s3:::${props.bucketName}`;

    this.resource = new S3Bucket(this, 'Resource', {
      bucket: props.bucketName,
      objectLockEnabled: !isDisabled(lock),
      forceDestroy: props.forceDestroy ?? false,
    });
    this.bucketRef = this.resource.id;

    new S3BucketOwnershipControls(this, 'Ownership', {
      bucket: this.bucketRef,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.bucketRef,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketVersioningA(this, 'Versioning', {
      bucket: this.bucketRef,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucketRef,
      rule: [
        isDisabled(props.encryptionKey)
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }
          : {
              applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryptionKey.keyArn },
              bucketKeyEnabled: true,
            },
      ],
    });
    if (!isDisabled(props.accessLogs) && logSourceAccount !== undefined) {
      const prefix = props.accessLogs.prefix ?? `${props.bucketName}/`;
      new S3BucketLoggingA(this, 'AccessLogging', {
        bucket: this.bucketRef,
        targetBucket: props.accessLogs.bucket.bucketRef,
        targetPrefix: prefix,
      });
      // The S3 User Guide's log-delivery bucket policy (enable-server-access-logging, "Grant
      // permissions to the logging service principal"): PutObject under the source's prefix only,
      // for this source bucket (aws:SourceArn) in this account (aws:SourceAccount), against the
      // confused deputy.
      props.accessLogs.bucket.grantServiceWrite(
        'S3ServerAccessLogs' + this.node.id.replace(/[^A-Za-z0-9]/g, ''),
        'logging.s3.amazonaws.com',
        `${props.accessLogs.bucket.bucketArn}/${prefix}*`,
        { ArnLike: { 'aws:SourceArn': this.bucketArn }, StringEquals: { 'aws:SourceAccount': logSourceAccount } },
      );
    }
    if (!isDisabled(lock)) {
      new S3BucketObjectLockConfigurationA(this, 'ObjectLock', {
        bucket: this.bucketRef,
        rule: { defaultRetention: { mode: lock.mode, days: props.retentionDays } },
      });
    }
    const deepArchiveAfter = glacierAfter + 365;
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.bucketRef,
      rule: [
        {
          id: 'retain-then-expire',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          transition: [
            { days: glacierAfter, storageClass: 'GLACIER' },
            ...(deepArchiveAfter < props.retentionDays ? [{ days: deepArchiveAfter, storageClass: 'DEEP_ARCHIVE' }] : []),
          ],
          expiration: [{ days: props.retentionDays }],
          // Expiring a current version in a versioned bucket only adds a delete marker; the version
          // becomes noncurrent then, and noncurrent_days counts from that moment. With Object Lock
          // every version is already retained for `retentionDays` from its creation (lifecycle
          // cannot delete a locked version), so one day after it becomes noncurrent is enough: the
          // evidence lives the retention, not twice it. Without a lock the noncurrent copy is the
          // only protection against an early delete or overwrite, so it keeps the full retention.
          noncurrentVersionExpiration: [{ noncurrentDays: isDisabled(lock) ? props.retentionDays : 1 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    this.policy = new PolicyDocument([denyInsecureTransport(this.bucketArn)]);
    this.policyResource = new S3BucketPolicy(this, 'Policy', {
      bucket: this.bucketRef,
      policy: Lazy.stringValue({ produce: () => this.policy.toString() }),
      // A bucket policy applied before the public access block could be judged public.
      dependsOn: [publicAccess],
    });
  }

  /**
   * Lets an AWS service principal write objects (and read the bucket ACL and location it checks
   * first), only under `condition` (source ARN or account); `writeCondition` adds conditions to
   * the write alone (such as the `s3:x-amz-acl` header CloudTrail sends).
   */
  public grantServiceWrite(sid: string, service: string, objectArnPattern: string, condition: Condition, writeCondition: Condition = {}): void {
    const principal: Principal = { Service: service };
    this.policy.addStatement({
      Sid: `${sid}Check`,
      Effect: 'Allow',
      Principal: principal,
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: this.bucketArn,
      Condition: condition,
    });
    const merged: Condition = { ...condition };
    for (const [op, kv] of Object.entries(writeCondition)) merged[op] = { ...(merged[op] ?? {}), ...kv };
    this.policy.addStatement({ Sid: `${sid}Write`, Effect: 'Allow', Principal: principal, Action: 's3:PutObject', Resource: objectArnPattern, Condition: merged });
  }

  /** The bucket policy as rendered now. */
  public policyJson(): ReturnType<PolicyDocument['toJson']> {
    return this.policy.toJson();
  }
}
