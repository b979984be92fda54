import { AccountBaseline, AccountBaselineProps } from '../../lib/constructs/baseline/account-baseline';
import { SECURITY_EVENT_PATTERNS } from '../../lib/constructs/audit/security-alarms';
import { MFA_ENROLLMENT_ACTIONS } from '../../lib/constructs/access/mfa-enforcement';
import { HipaaValidationError } from '../../lib/errors';
import { collectWaivers } from '../../lib/constructs/kernel/waivers';
import { Testing } from 'cdktf';
import { TfJson, nameOf, policyOf, ref, resourceNamed, resourcesOf, synthJson, testStack } from '../util/synth';

const ACCOUNT = '123456789012';
const BASE: AccountBaselineProps = { accountId: ACCOUNT, region: 'us-east-1', organization: 'org', alarmEndpoints: { email: ['security@example.com'] } };

function synthBaseline(props: Partial<AccountBaselineProps> = {}) {
  const stack = testStack();
  const baseline = new AccountBaseline(stack, 'Baseline', { ...BASE, ...props });
  return { stack, baseline, ...synthJson(stack) };
}

describe('AccountBaseline with defaults', () => {
  let json: TfJson;
  let text: string;
  let auditKey: string;
  let auditBucket: string;
  let accessLogBucket: string;
  let configBucket: string;
  beforeAll(() => {
    ({ json, text } = synthBaseline({ humanGroups: ['Clinicians', 'Engineers'] }));
    auditKey = nameOf(json, 'aws_kms_key', 'AuditKey');
    auditBucket = nameOf(json, 'aws_s3_bucket', 'AuditBucket');
    accessLogBucket = nameOf(json, 'aws_s3_bucket', 'AccessLogBucket');
    configBucket = nameOf(json, 'aws_s3_bucket', 'ConfigBucket');
  });

  describe('audit trail', () => {
    it('is multi-region with global service events, log-file validation and a customer key', () => {
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudtrail' },
        {
          name: 'org-audit-trail',
          is_multi_region_trail: true,
          include_global_service_events: true,
          enable_log_file_validation: true,
          enable_logging: true,
          kms_key_id: ref('aws_kms_key', auditKey, 'arn'),
          s3_bucket_name: `org-audit-${ACCOUNT}-us-east-1`,
        },
      );
    });

    // CloudTrail User Guide, "Filtering data events by using advanced event selectors"; the provider
    // documents that advanced_event_selector conflicts with event_selector.
    it('records all management events, S3 data events of every bucket but its own log and Config buckets, and reads of those, with advanced selectors only', () => {
      const trail = resourceNamed(json, 'aws_cloudtrail', 'Trail');
      expect(trail.event_selector).toBeUndefined();
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudtrail' },
        {
          advanced_event_selector: [
            expect.objectContaining({ field_selector: [expect.objectContaining({ field: 'eventCategory', equals: ['Management'] })] }),
            expect.objectContaining({
              field_selector: expect.arrayContaining([
                expect.objectContaining({ field: 'eventCategory', equals: ['Data'] }),
                expect.objectContaining({ field: 'resources.type', equals: ['AWS::S3::Object'] }),
                expect.objectContaining({
                  field: 'resources.ARN',
                  not_starts_with: [
                    `arn:aws:s3:::org-audit-${ACCOUNT}-us-east-1/`,
                    `arn:aws:s3:::org-s3-access-logs-${ACCOUNT}-us-east-1/`,
                    `arn:aws:s3:::org-config-${ACCOUNT}-us-east-1/`,
                  ],
                }),
              ]),
            }),
            // Who reads the evidence: reads of the log buckets only (their writes would loop).
            expect.objectContaining({
              field_selector: expect.arrayContaining([
                expect.objectContaining({ field: 'eventCategory', equals: ['Data'] }),
                expect.objectContaining({ field: 'readOnly', equals: ['true'] }),
                expect.objectContaining({
                  field: 'resources.ARN',
                  starts_with: [
                    `arn:aws:s3:::org-audit-${ACCOUNT}-us-east-1/`,
                    `arn:aws:s3:::org-s3-access-logs-${ACCOUNT}-us-east-1/`,
                    `arn:aws:s3:::org-config-${ACCOUNT}-us-east-1/`,
                  ],
                }),
              ]),
            }),
          ],
        },
      );
    });

    it('records S3 data events only for the buckets named when a list is given, never its own', () => {
      const { text: t } = synthBaseline({ s3DataEvents: ['arn:aws:s3:::phi-bucket', `arn:aws:s3:::org-audit-${ACCOUNT}-us-east-1`] });
      expect(t).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudtrail' },
        {
          advanced_event_selector: expect.arrayContaining([
            expect.objectContaining({
              field_selector: expect.arrayContaining([expect.objectContaining({ field: 'resources.ARN', starts_with: ['arn:aws:s3:::phi-bucket/'] })]),
            }),
          ]),
        },
      );
    });

    it('excludes every bucket added to dataEventExclusions from its data events', () => {
      const stack = testStack();
      const baseline = new AccountBaseline(stack, 'Baseline', BASE);
      baseline.dataEventExclusions.push('arn:aws:s3:::org-config-delivery');
      expect(Testing.synth(stack)).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudtrail' },
        {
          advanced_event_selector: expect.arrayContaining([
            expect.objectContaining({
              field_selector: expect.arrayContaining([
                expect.objectContaining({ field: 'resources.ARN', not_starts_with: expect.arrayContaining(['arn:aws:s3:::org-config-delivery/']) }),
              ]),
            }),
          ]),
        },
      );
    });

    it('lets CloudTrail assume its log-delivery role only for this trail (aws:SourceArn)', () => {
      const role = resourceNamed(json, 'aws_iam_role', 'LogsRole');
      expect(policyOf(role, 'assume_role_policy').Statement[0]).toMatchObject({
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-audit-trail` } },
      });
    });

    it('delivers to a KMS-encrypted CloudWatch log group through a role that may only write there', () => {
      const logGroup = nameOf(json, 'aws_cloudwatch_log_group', 'Trail_LogGroup');
      const role = nameOf(json, 'aws_iam_role', 'Trail_LogsRole');
      const trail = resourceNamed(json, 'aws_cloudtrail', 'Trail');
      const groupArn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail/org-audit-trail`;
      expect(trail.cloud_watch_logs_group_arn).toBe(`${groupArn}:*`);
      expect(trail.cloud_watch_logs_role_arn).toBe(ref('aws_iam_role', role, 'arn'));
      expect(json.resource.aws_cloudwatch_log_group[logGroup]).toMatchObject({
        kms_key_id: ref('aws_kms_key', auditKey, 'arn'),
        retention_in_days: 2192,
      });
      const trust = policyOf(json.resource.aws_iam_role[role], 'assume_role_policy');
      expect(trust.Statement).toEqual([
        expect.objectContaining({
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-audit-trail` } },
        }),
      ]);
      const policy = policyOf(resourceNamed(json, 'aws_iam_policy', 'Trail_LogsRolePolicy'));
      const policyName = nameOf(json, 'aws_iam_policy', 'Trail_LogsRolePolicy');
      expect(resourceNamed(json, 'aws_iam_role_policy_attachment', 'Trail_LogsRolePolicy')).toMatchObject({
        role: ref('aws_iam_role', role, 'name'),
        policy_arn: ref('aws_iam_policy', policyName, 'arn'),
      });
      expect(policy.Statement).toEqual([
        { Sid: 'WriteTrailLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${groupArn}:log-stream:*` },
      ]);
    });
  });

  describe('audit bucket', () => {
    it('encrypts with the audit key and an S3 bucket key', () => {
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_server_side_encryption_configuration' },
        {
          bucket: ref('aws_s3_bucket', auditBucket, 'id'),
          rule: [
            expect.objectContaining({
              bucket_key_enabled: true,
              apply_server_side_encryption_by_default: expect.objectContaining({ sse_algorithm: 'aws:kms', kms_master_key_id: ref('aws_kms_key', auditKey, 'arn') }),
            }),
          ],
        },
      );
    });

    it.each([['AuditBucket'], ['AccessLogBucket']])('%s is versioned, blocks all public access and enforces bucket-owner ownership', (which) => {
      const bucket = which === 'AuditBucket' ? auditBucket : accessLogBucket;
      const id = ref('aws_s3_bucket', bucket, 'id');
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_versioning' },
        { bucket: id, versioning_configuration: expect.objectContaining({ status: 'Enabled' }) },
      );
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_public_access_block' },
        {
          bucket: id,
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      );
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_ownership_controls' },
        { bucket: id, rule: expect.objectContaining({ object_ownership: 'BucketOwnerEnforced' }) },
      );
    });

    it('denies every request without TLS and lets only CloudTrail write, conditioned on the source (Config has its own bucket)', () => {
      const policy = policyOf(resourceNamed(json, 'aws_s3_bucket_policy', 'AuditBucket_Policy'));
      const bucketArn = `arn:aws:s3:::org-audit-${ACCOUNT}-us-east-1`;
      expect(policy.Statement[0]).toEqual({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      const writers = policy.Statement.filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes('s3:PutObject'));
      expect(writers.map((s) => s.Principal.Service)).toEqual(['cloudtrail.amazonaws.com']);
      const trailWrite = writers.find((s) => s.Principal.Service === 'cloudtrail.amazonaws.com')!;
      expect(trailWrite.Resource).toBe(`${bucketArn}/AWSLogs/${ACCOUNT}/*`);
      expect(trailWrite.Condition.StringEquals).toEqual({
        'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-audit-trail`,
        's3:x-amz-acl': 'bucket-owner-full-control',
      });
      expect(policy.Statement.every((s) => s.Effect === 'Deny' || s.Condition)).toBe(true);
    });

    it.each([
      ['AuditBucket', 'audit'],
      ['ConfigBucket', 'config'],
    ])('logs %s server access to the access-log bucket, which S3 logging may write only under its prefix, for that bucket in this account', (which, kind) => {
      const source = which === 'AuditBucket' ? auditBucket : configBucket;
      const sourceName = `org-${kind}-${ACCOUNT}-us-east-1`;
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_logging' },
        {
          bucket: ref('aws_s3_bucket', source, 'id'),
          target_bucket: ref('aws_s3_bucket', accessLogBucket, 'id'),
          target_prefix: `${sourceName}/`,
        },
      );
      const policy = policyOf(resourceNamed(json, 'aws_s3_bucket_policy', 'AccessLogBucket_Policy'));
      const write = policy.Statement.find((s) => s.Action === 's3:PutObject' && s.Condition.ArnLike['aws:SourceArn'] === `arn:aws:s3:::${sourceName}`)!;
      expect(write.Principal).toEqual({ Service: 'logging.s3.amazonaws.com' });
      // S3 User Guide, enable-server-access-logging: aws:SourceArn and aws:SourceAccount against the confused deputy.
      expect(write.Condition).toEqual({ ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${sourceName}` }, StringEquals: { 'aws:SourceAccount': ACCOUNT } });
      expect(write.Resource).toBe(`arn:aws:s3:::org-s3-access-logs-${ACCOUNT}-us-east-1/${sourceName}/*`);
      expect(policy.Statement[0].Sid).toBe('DenyInsecureTransport');
    });

    it('locks objects in COMPLIANCE mode for the audit retention', () => {
      expect(json.resource.aws_s3_bucket[auditBucket]).toMatchObject({ object_lock_enabled: true, force_destroy: false });
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_object_lock_configuration' },
        {
          bucket: ref('aws_s3_bucket', auditBucket, 'id'),
          rule: expect.objectContaining({ default_retention: expect.objectContaining({ mode: 'COMPLIANCE', days: 2192 }) }),
        },
      );
    });

    it('moves objects to colder storage and keeps locked evidence for the retention, not twice it', () => {
      // Expiring a current version only adds a delete marker; noncurrent_days count from then. Object
      // Lock already retains each version for the retention, so noncurrent versions go a day later.
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_lifecycle_configuration' },
        {
          bucket: ref('aws_s3_bucket', auditBucket, 'id'),
          rule: [
            expect.objectContaining({
              status: 'Enabled',
              transition: [
                { days: 90, storage_class: 'GLACIER' },
                { days: 455, storage_class: 'DEEP_ARCHIVE' },
              ],
              expiration: [{ days: 2192 }],
              noncurrent_version_expiration: [{ noncurrent_days: 1 }],
            }),
          ],
        },
      );
    });

    it.each([['AccessLogBucket'], ['ConfigBucket']])(
      'keeps noncurrent versions of the unlocked %s for the full retention, their only protection against an early delete',
      (which) => {
        const bucket = which === 'AccessLogBucket' ? accessLogBucket : configBucket;
        expect(text).toHaveResourceWithProperties(
          { tfResourceType: 'aws_s3_bucket_lifecycle_configuration' },
          {
            bucket: ref('aws_s3_bucket', bucket, 'id'),
            rule: [expect.objectContaining({ expiration: [{ days: 2192 }], noncurrent_version_expiration: [{ noncurrent_days: 2192 }] })],
          },
        );
      },
    );

    it('encrypts the access-log bucket with the audit key, which lets the S3 logging service use it in this account only', () => {
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_server_side_encryption_configuration' },
        {
          bucket: ref('aws_s3_bucket', accessLogBucket, 'id'),
          rule: [
            expect.objectContaining({
              apply_server_side_encryption_by_default: expect.objectContaining({
                sse_algorithm: 'aws:kms',
                kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\..*AuditKey.*\.arn\}$/),
              }),
            }),
          ],
        },
      );
      const key = Object.values(json.resource.aws_kms_key as Record<string, { policy: string }>).find((k) =>
        JSON.parse(k.policy).Statement.some((st: { Sid?: string }) => st.Sid === 'S3ServerAccessLogDelivery'),
      );
      const statement = JSON.parse(key!.policy).Statement.find((st: { Sid?: string }) => st.Sid === 'S3ServerAccessLogDelivery');
      expect(statement).toEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: expect.arrayContaining(['kms:GenerateDataKey']),
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
        }),
      );
    });

    it('records why the access-log bucket has no Object Lock, citing the S3 User Guide, and waives no encryption', () => {
      const { baseline } = synthBaseline();
      const waivers = collectWaivers(baseline).filter((w) => w.constructPath.endsWith('AccessLogBucket'));
      expect(waivers.map((w) => w.setting).sort()).toEqual(['bucketAccessLogging', 'bucketObjectLock']);
      expect(waivers.find((w) => w.setting === 'bucketObjectLock')!.reason).toMatch(/S3 User Guide: Enabling Amazon S3 server access logging/);
    });
  });

  describe('AWS Config bucket', () => {
    it('receives the delivery channel, because AWS Config cannot deliver to the object-locked audit bucket (AWS::Config::DeliveryChannel)', () => {
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_config_delivery_channel' },
        {
          s3_bucket_name: `org-config-${ACCOUNT}-us-east-1`,
          s3_kms_key_arn: ref('aws_kms_key', auditKey, 'arn'),
        },
      );
      expect(json.resource.aws_s3_bucket[configBucket]).toMatchObject({ bucket: `org-config-${ACCOUNT}-us-east-1`, object_lock_enabled: false, force_destroy: false });
      expect(resourcesOf(json, 'aws_s3_bucket_object_lock_configuration').map(([, l]) => l.bucket)).toEqual([ref('aws_s3_bucket', auditBucket, 'id')]);
      const channels = resourcesOf(json, 'aws_config_delivery_channel').map(([, c]) => c.s3_bucket_name);
      expect(channels).not.toContain(`org-audit-${ACCOUNT}-us-east-1`);
    });

    it('is encrypted with the audit key, versioned, private and kept for the audit retention', () => {
      const id = ref('aws_s3_bucket', configBucket, 'id');
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_server_side_encryption_configuration' },
        {
          bucket: id,
          rule: [
            expect.objectContaining({
              bucket_key_enabled: true,
              apply_server_side_encryption_by_default: expect.objectContaining({ sse_algorithm: 'aws:kms', kms_master_key_id: ref('aws_kms_key', auditKey, 'arn') }),
            }),
          ],
        },
      );
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_versioning' },
        { bucket: id, versioning_configuration: expect.objectContaining({ status: 'Enabled' }) },
      );
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_public_access_block' },
        {
          bucket: id,
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      );
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_bucket_ownership_controls' },
        { bucket: id, rule: expect.objectContaining({ object_ownership: 'BucketOwnerEnforced' }) },
      );
    });

    it('lets config.amazonaws.com check and write it only for this account, as the AWS Config bucket policy documents', () => {
      const bucketArn = `arn:aws:s3:::org-config-${ACCOUNT}-us-east-1`;
      const policy = policyOf(resourceNamed(json, 'aws_s3_bucket_policy', 'ConfigBucket_Policy'));
      expect(policy.Statement[0]).toMatchObject({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Resource: [bucketArn, `${bucketArn}/*`] });
      const config = policy.Statement.filter((s) => s.Principal?.Service === 'config.amazonaws.com');
      expect(config).toEqual([
        expect.objectContaining({ Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: bucketArn, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }),
        expect.objectContaining({
          Action: 's3:PutObject',
          Resource: `${bucketArn}/AWSLogs/${ACCOUNT}/Config/*`,
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT, 's3:x-amz-acl': 'bucket-owner-full-control' } },
        }),
      ]);
      const writers = policy.Statement.filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes('s3:PutObject'));
      expect(writers.map((s) => s.Principal.Service)).toEqual(['config.amazonaws.com']);
    });

    it('records the Object Lock waiver with the AWS limitation as its reason', () => {
      const { baseline } = synthBaseline();
      const waivers = collectWaivers(baseline).filter((w) => w.constructPath.endsWith('ConfigBucket'));
      expect(waivers).toEqual([expect.objectContaining({ setting: 'bucketObjectLock', reason: expect.stringMatching(/AWS::Config::DeliveryChannel/) })]);
    });

    it('lets the recorder role deliver with the S3 and KMS permissions the AWS Config guide lists for a custom role', () => {
      const role = nameOf(json, 'aws_iam_role', 'Config_Role');
      const trust = policyOf(json.resource.aws_iam_role[role], 'assume_role_policy');
      expect(trust.Statement).toEqual([
        expect.objectContaining({ Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }),
      ]);
      const policyName = nameOf(json, 'aws_iam_policy', 'Config_DeliveryPolicy');
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_iam_role_policy_attachment' },
        {
          role: ref('aws_iam_role', role, 'name'),
          policy_arn: ref('aws_iam_policy', policyName, 'arn'),
        },
      );
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_iam_role_policy_attachment' },
        {
          role: ref('aws_iam_role', role, 'name'),
          policy_arn: 'arn:aws:iam::aws:policy/service-role/AWS_ConfigRole',
        },
      );
      const bucketArn = `arn:aws:s3:::org-config-${ACCOUNT}-us-east-1`;
      expect(policyOf(json.resource.aws_iam_policy[policyName]).Statement).toEqual([
        {
          Sid: 'DeliverConfigHistory',
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:PutObjectAcl'],
          Resource: `${bucketArn}/AWSLogs/${ACCOUNT}/*`,
          Condition: { StringLike: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
        { Sid: 'CheckConfigBucketAcl', Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: bucketArn },
        { Sid: 'EncryptConfigHistory', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: ref('aws_kms_key', auditKey, 'arn') },
      ]);
      const channel = resourceNamed(json, 'aws_config_delivery_channel', 'DeliveryChannel');
      expect(channel.depends_on).toEqual(expect.arrayContaining([`aws_iam_role_policy_attachment.${nameOf(json, 'aws_iam_role_policy_attachment', 'DeliveryPolicy')}`]));
    });

    it('lets config.amazonaws.com use the audit key only on behalf of this account', () => {
      const statements = policyOf(json.resource.aws_kms_key[auditKey]).Statement;
      expect(statements.find((s) => s.Sid === 'ConfigDelivery')).toEqual({
        Sid: 'ConfigDelivery',
        Effect: 'Allow',
        Principal: { Service: 'config.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      });
    });
  });

  describe('keys', () => {
    it('rotate yearly and have a 30-day deletion window', () => {
      for (const [, key] of resourcesOf(json, 'aws_kms_key')) {
        expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, rotation_period_in_days: 365 });
      }
      // Audit, EBS and RDS enhanced monitoring (RDSOSMetrics) keys.
      expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(3);
    });

    it('grant services only under conditions, and never a wildcard principal', () => {
      for (const [, key] of resourcesOf(json, 'aws_kms_key')) {
        for (const s of policyOf(key).Statement) {
          expect(s.Principal).not.toBe('*');
          if (s.Principal.Service) expect(s.Condition).toBeDefined();
        }
      }
      const statements = policyOf(json.resource.aws_kms_key[auditKey]).Statement;
      const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
      expect(bySid.CloudTrailEncryptLogs.Condition).toEqual({
        StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-audit-trail` },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
      });
      expect(bySid.CloudWatchLogsAwsCloudtrailOrgAuditTrail).toMatchObject({
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail/org-audit-trail` } },
      });
      expect(bySid.EnableAccountIamPolicies.Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
    });
  });

  describe('IAM', () => {
    it('sets a password policy at the HIPAA floors', () => {
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_iam_account_password_policy' },
        {
          minimum_password_length: 14,
          require_lowercase_characters: true,
          require_uppercase_characters: true,
          require_numbers: true,
          require_symbols: true,
          password_reuse_prevention: 24,
          max_password_age: 90,
        },
      );
    });

    it('denies everything but MFA enrollment without MFA, with BoolIfExists', () => {
      const policy = policyOf(resourceNamed(json, 'aws_iam_policy', 'MfaEnforcement'));
      const deny = policy.Statement.find((s) => s.Effect === 'Deny')!;
      expect(deny).toEqual({
        Sid: 'DenyAllExceptMfaEnrollmentWithoutMfa',
        Effect: 'Deny',
        NotAction: [...MFA_ENROLLMENT_ACTIONS],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      });
      expect(policy.Statement.filter((s) => s.Effect === 'Allow').every((s) => [s.Action].flat().every((a: string) => a.startsWith('iam:')))).toBe(true);
    });

    it('escapes IAM policy variables so Terraform passes them to AWS literally', () => {
      const raw = String(resourceNamed(json, 'aws_iam_policy', 'MfaEnforcement').policy);
      expect(raw).toContain('user/$${aws:username}');
      expect(raw).not.toMatch(/[^$]\$\{aws:username\}/);
    });

    it('attaches the MFA policy to the humans group and to every named group', () => {
      const policy = nameOf(json, 'aws_iam_policy', 'MfaEnforcement');
      const attachments = resourcesOf(json, 'aws_iam_group_policy_attachment').map(([, a]) => a);
      expect(attachments.every((a) => a.policy_arn === ref('aws_iam_policy', policy, 'arn'))).toBe(true);
      const humans = nameOf(json, 'aws_iam_group', 'HumansGroup');
      expect(attachments.map((a) => a.group).sort()).toEqual(['Clinicians', 'Engineers', ref('aws_iam_group', humans, 'name')].sort());
      expect(json.resource.aws_iam_group[humans]).toMatchObject({ name: 'org-humans' });
    });

    it('creates no IAM users and no access keys', () => {
      expect(json.resource.aws_iam_user).toBeUndefined();
      expect(json.resource.aws_iam_access_key).toBeUndefined();
      expect(json.resource.aws_iam_user_login_profile).toBeUndefined();
    });
  });

  describe('detective controls', () => {
    it('turns on GuardDuty with S3 protection (and RDS login and EBS malware protection)', () => {
      const detector = nameOf(json, 'aws_guardduty_detector', 'GuardDuty');
      expect(json.resource.aws_guardduty_detector[detector]).toMatchObject({ enable: true });
      const features = resourcesOf(json, 'aws_guardduty_detector_feature').map(([, f]) => f);
      expect(features.map((f) => f.name).sort()).toEqual(['EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'S3_DATA_EVENTS']);
      expect(features.every((f) => f.status === 'ENABLED' && f.detector_id === ref('aws_guardduty_detector', detector, 'id'))).toBe(true);
    });

    it('turns on Security Hub with the Foundational Best Practices and CIS standards', () => {
      expect(text).toHaveResourceWithProperties({ tfResourceType: 'aws_securityhub_account' }, { enable_default_standards: false });
      const arns = resourcesOf(json, 'aws_securityhub_standards_subscription')
        .map(([, s]) => s.standards_arn)
        .sort();
      expect(arns).toEqual([
        'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0',
        'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0',
      ]);
    });

    it('records all resources with AWS Config, global ones in the home Region, delivered to the Config bucket', () => {
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_config_configuration_recorder' },
        {
          recording_group: expect.objectContaining({ all_supported: true, include_global_resource_types: true }),
        },
      );
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_config_delivery_channel' },
        {
          s3_bucket_name: `org-config-${ACCOUNT}-us-east-1`,
          s3_kms_key_arn: ref('aws_kms_key', auditKey, 'arn'),
        },
      );
      expect(text).toHaveResourceWithProperties({ tfResourceType: 'aws_config_configuration_recorder_status' }, { is_enabled: true });
    });

    it('deploys the HIPAA conformance pack generated from the rule pack, after the recorder is on', () => {
      const pack = resourceNamed(json, 'aws_config_conformance_pack', 'HipaaConformancePack');
      const status = nameOf(json, 'aws_config_configuration_recorder_status', 'RecorderStatus');
      expect(pack).toMatchObject({ name: 'org-hipaa-security', depends_on: [`aws_config_configuration_recorder_status.${status}`] });
      const body = String(pack.template_body);
      for (const id of ['S3_BUCKET_SSL_REQUESTS_ONLY', 'RDS_STORAGE_ENCRYPTED', 'CLOUD_TRAIL_ENCRYPTION_ENABLED', 'INCOMING_SSH_DISABLED']) expect(body).toContain(id);
      expect(body).toContain('AWS::Config::ConfigRule');
    });

    it('turns on IAM Access Analyzer, EBS default encryption with a customer key, and the account public access block', () => {
      expect(text).toHaveResourceWithProperties({ tfResourceType: 'aws_accessanalyzer_analyzer' }, { type: 'ACCOUNT' });
      expect(text).toHaveResourceWithProperties({ tfResourceType: 'aws_ebs_encryption_by_default' }, { enabled: true });
      const ebsKey = nameOf(json, 'aws_kms_key', 'EbsKey');
      expect(text).toHaveResourceWithProperties({ tfResourceType: 'aws_ebs_default_kms_key' }, { key_arn: ref('aws_kms_key', ebsKey, 'arn') });
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_s3_account_public_access_block' },
        {
          account_id: ACCOUNT,
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      );
    });

    it('alarms on every security event through a KMS-encrypted topic', () => {
      const topic = nameOf(json, 'aws_sns_topic', 'SecurityAlarms');
      expect(json.resource.aws_sns_topic[topic]).toMatchObject({ kms_master_key_id: ref('aws_kms_key', auditKey, 'arn') });
      const filters = resourcesOf(json, 'aws_cloudwatch_log_metric_filter').map(([, f]) => f);
      const alarms = resourcesOf(json, 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
      expect(filters.map((f) => (f.metric_transformation as Record<string, unknown>).name).sort()).toEqual(SECURITY_EVENT_PATTERNS.map((p) => p.id).sort());
      expect(alarms).toHaveLength(SECURITY_EVENT_PATTERNS.length);
      expect(alarms.every((a) => JSON.stringify(a.alarm_actions) === JSON.stringify([ref('aws_sns_topic', topic, 'arn')]))).toBe(true);
      for (const id of [
        'RootAccountUsage',
        'UnauthorizedApiCalls',
        'ConsoleSigninWithoutMfa',
        'IamPolicyChanges',
        'CloudTrailChanges',
        'ConfigChanges',
        'KmsKeyDisableOrDeletion',
        'S3BucketPolicyChanges',
        'SecurityGroupChanges',
        'NetworkAclChanges',
        'RouteTableChanges',
        'VpcChanges',
      ]) {
        expect(SECURITY_EVENT_PATTERNS.map((p) => p.id)).toContain(id);
      }
      const topicPolicy = policyOf(resourceNamed(json, 'aws_sns_topic_policy', 'TopicPolicy'));
      expect(topicPolicy.Statement.map((s) => s.Sid)).toEqual(['CloudWatchAlarmsPublish', 'DenyInsecureTransport']);
    });

    it('never creates or adopts a default VPC (aws_default_vpc would create one where it was deleted)', () => {
      expect(json.resource.aws_default_vpc).toBeUndefined();
      expect(json.resource.aws_default_security_group).toBeUndefined();
    });

    // CIS AWS Foundations 3.0 4.15 / Security Hub CloudWatch.15.
    it('alarms on AWS Organizations changes with the CIS 3.0 4.15 event list', () => {
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudwatch_log_metric_filter' },
        {
          name: 'org-OrganizationsChanges',
          pattern:
            '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
        },
      );
      expect(text).toHaveResourceWithProperties({ tfResourceType: 'aws_cloudwatch_metric_alarm' }, { alarm_name: 'org-OrganizationsChanges' });
    });

    // CIS AWS Foundations 3.0 4.1 / Security Hub CloudWatch.2.
    it('alarms on unauthorized API calls with the CIS 3.0 pattern that ignores log delivery and HeadBucket', () => {
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudwatch_log_metric_filter' },
        {
          name: 'org-UnauthorizedApiCalls',
          pattern:
            '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
        },
      );
    });

    it('subscribes every configured endpoint to the alarm topic', () => {
      const topic = nameOf(json, 'aws_sns_topic', 'SecurityAlarms');
      expect(text).toHaveResourceWithProperties(
        { tfResourceType: 'aws_sns_topic_subscription' },
        {
          topic_arn: ref('aws_sns_topic', topic, 'arn'),
          protocol: 'email',
          endpoint: 'security@example.com',
        },
      );
    });

    it("lets only this account's CloudWatch alarms publish to the topic and use its key (aws:SourceAccount and aws:SourceArn)", () => {
      const condition = {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:*` },
      };
      const topicPolicy = policyOf(resourceNamed(json, 'aws_sns_topic_policy', 'TopicPolicy'));
      expect(topicPolicy.Statement.find((s) => s.Sid === 'CloudWatchAlarmsPublish')?.Condition).toEqual(condition);
      const keyPolicy = policyOf(json.resource.aws_kms_key[auditKey]);
      expect(keyPolicy.Statement.find((s) => s.Sid === 'CloudWatchAlarmsPublish')).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: condition });
    });

    // EC2 Auto Scaling User Guide, "Required AWS KMS key policy for use with encrypted volumes".
    it('lets the Auto Scaling service-linked role use the EBS default key and attach it to AWS resources', () => {
      const slr = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
      const statements = policyOf(resourceNamed(json, 'aws_kms_key', 'EbsKey')).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Principal: { AWS: [slr] },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          Principal: { AWS: [slr] },
          Action: 'kms:CreateGrant',
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        }),
      );
    });

    it('creates the Auto Scaling service-linked role before the EBS key policy that names it', () => {
      const role = nameOf(json, 'aws_iam_service_linked_role', 'AutoScaling');
      expect(text).toHaveResourceWithProperties({ tfResourceType: 'aws_iam_service_linked_role' }, { aws_service_name: 'autoscaling.amazonaws.com' });
      expect(resourceNamed(json, 'aws_kms_key', 'EbsKey').depends_on).toEqual([`aws_iam_service_linked_role.${role}`]);
    });
  });
});

describe('AccountBaseline settings', () => {
  it('drives object lock, lifecycle and log retention from one audit retention, snapped for CloudWatch', () => {
    const { json } = synthBaseline({ auditRetentionDays: 2500 });
    expect(resourceNamed(json, 'aws_s3_bucket_object_lock_configuration', 'AuditBucket')).toMatchObject({
      rule: expect.objectContaining({ default_retention: expect.objectContaining({ days: 2500 }) }),
    });
    expect((resourceNamed(json, 'aws_s3_bucket_lifecycle_configuration', 'AuditBucket').rule as any[])[0].expiration).toEqual([{ days: 2500 }]);
    expect(resourceNamed(json, 'aws_cloudwatch_log_group', 'Trail')).toMatchObject({ retention_in_days: 2557 });
  });

  it('accepts a shorter retention only with an acknowledged reason, and records it', () => {
    const { json, baseline } = synthBaseline({ auditRetentionDays: 365, auditRetentionAcknowledgement: { reason: 'Sandbox account holding no PHI' } });
    expect(resourceNamed(json, 'aws_cloudwatch_log_group', 'Trail')).toMatchObject({ retention_in_days: 365 });
    expect(collectWaivers(baseline)).toContainEqual(expect.objectContaining({ setting: 'auditRetention', reason: 'Sandbox account holding no PHI' }));
  });

  it('names every bucket ARN in the GovCloud partition for a GovCloud Region', () => {
    const { json } = synthBaseline({ region: 'us-gov-west-1' });
    const policy = policyOf(resourceNamed(json, 'aws_s3_bucket_policy', 'AccessLogBucket_Policy'));
    expect(policy.Statement[0].Resource).toEqual([
      `arn:aws-us-gov:s3:::org-s3-access-logs-${ACCOUNT}-us-gov-west-1`,
      `arn:aws-us-gov:s3:::org-s3-access-logs-${ACCOUNT}-us-gov-west-1/*`,
    ]);
    expect(JSON.stringify(json)).not.toContain('arn:aws:s3:::');
  });

  it('uses GOVERNANCE object lock when asked', () => {
    const { json } = synthBaseline({ objectLockMode: 'GOVERNANCE' });
    expect(resourceNamed(json, 'aws_s3_bucket_object_lock_configuration', 'AuditBucket')).toMatchObject({
      rule: expect.objectContaining({ default_retention: expect.objectContaining({ mode: 'GOVERNANCE' }) }),
    });
  });

  it('turns GuardDuty off only with a reason, and records the waiver', () => {
    const { json, baseline } = synthBaseline({ guardDuty: { enabled: false, reason: 'Managed by the organization delegated administrator' } });
    expect(json.resource.aws_guardduty_detector).toBeUndefined();
    expect(collectWaivers(baseline).map((w) => w.setting)).toContain('guardDuty');
    expect(() => synthBaseline({ guardDuty: { enabled: false, reason: 'no' } })).toThrow(/HIPAA_WAIVER_REASON/);
  });

  it('uses an existing Auto Scaling service-linked role when told so, still naming it in the EBS key policy', () => {
    const { json } = synthBaseline({ autoScalingServiceLinkedRole: 'existing' });
    expect(json.resource.aws_iam_service_linked_role).toBeUndefined();
    expect(resourceNamed(json, 'aws_kms_key', 'EbsKey').depends_on).toBeUndefined();
    expect(JSON.stringify(policyOf(resourceNamed(json, 'aws_kms_key', 'EbsKey')))).toContain('AWSServiceRoleForAutoScaling');
  });

  it('makes every regional EBS key wait for the one (global) Auto Scaling service-linked role', () => {
    const { json } = synthBaseline({ additionalRegions: ['us-west-2'] });
    expect(resourcesOf(json, 'aws_iam_service_linked_role')).toHaveLength(1);
    const role = nameOf(json, 'aws_iam_service_linked_role', 'AutoScaling');
    for (const [, key] of resourcesOf(json, 'aws_kms_key').filter(([n]) => n.includes('EbsKey'))) {
      expect(key.depends_on).toEqual([`aws_iam_service_linked_role.${role}`]);
    }
  });

  it('subscribes email and HTTPS endpoints, one subscription each', () => {
    const { json } = synthBaseline({ alarmEndpoints: { email: ['a@example.com', 'b@example.com'], https: ['https://events.example.com/aws'] } });
    expect(
      resourcesOf(json, 'aws_sns_topic_subscription')
        .map(([, s]) => `${s.protocol}:${s.endpoint}`)
        .sort(),
    ).toEqual(['email:a@example.com', 'email:b@example.com', 'https:https://events.example.com/aws']);
  });

  it('subscribes a repeated endpoint once, and two that differ only in punctuation each, without a clash', () => {
    const { json } = synthBaseline({ alarmEndpoints: { email: ['a.b@example.com', 'a.b@example.com', 'a_b@example.com'] } });
    expect(
      resourcesOf(json, 'aws_sns_topic_subscription')
        .map(([, s]) => s.endpoint)
        .sort(),
    ).toEqual(['a.b@example.com', 'a_b@example.com']);
  });

  it('creates no subscription only when the endpoints are waived with a reason, and records the waiver', () => {
    const { json, baseline } = synthBaseline({ alarmEndpoints: { enabled: false, reason: 'Forwarded by the organization EventBridge rule' } });
    expect(json.resource.aws_sns_topic_subscription).toBeUndefined();
    expect(collectWaivers(baseline)).toContainEqual(expect.objectContaining({ setting: 'alarmEndpoints', reason: 'Forwarded by the organization EventBridge rule' }));
  });

  it('covers additional Regions with regional controls and a regional EBS key, recording global resources only at home', () => {
    const { json } = synthBaseline({ additionalRegions: ['us-west-2'] });
    const recorders = resourcesOf(json, 'aws_config_configuration_recorder').map(([, r]) => r);
    expect(recorders).toHaveLength(2);
    const west = recorders.find((r) => r.region === 'us-west-2')!;
    expect(west.recording_group).toEqual(expect.objectContaining({ include_global_resource_types: false }));
    expect(
      resourcesOf(json, 'aws_guardduty_detector')
        .map(([, d]) => d.region ?? 'home')
        .sort(),
    ).toEqual(['home', 'us-west-2']);
    expect(resourcesOf(json, 'aws_kms_key').filter(([, k]) => k.region === 'us-west-2')).toHaveLength(2);
    expect(
      resourcesOf(json, 'aws_cloudwatch_log_group')
        .filter(([, g]) => g.name === 'RDSOSMetrics')
        .map(([, g]) => g.region ?? 'home')
        .sort(),
    ).toEqual(['home', 'us-west-2']);
    expect(resourcesOf(json, 'aws_cloudtrail')).toHaveLength(1);
  });
});

describe('AccountBaseline bad input', () => {
  function errorOf(props: Partial<AccountBaselineProps>): HipaaValidationError {
    try {
      synthBaseline(props);
    } catch (e) {
      if (e instanceof HipaaValidationError) return e;
      throw e;
    }
    throw new Error('expected a HipaaValidationError');
  }

  it.each([
    ['a retention below six years without acknowledgement', { auditRetentionDays: 365 }, 'auditRetentionDays', 'HIPAA_RETENTION_TOO_SHORT', 365],
    [
      'a retention acknowledged with too short a reason',
      { auditRetentionDays: 365, auditRetentionAcknowledgement: { reason: 'short' } },
      'auditRetentionDays',
      'HIPAA_RETENTION_TOO_SHORT',
      365,
    ],
    ['a password shorter than 14', { passwordPolicy: { minimumLength: 8 } }, 'passwordPolicy.minimumLength', 'HIPAA_PASSWORD_LENGTH', 8],
    ['a password max age over 90 days', { passwordPolicy: { maxAgeDays: 365 } }, 'passwordPolicy.maxAgeDays', 'HIPAA_PASSWORD_MAX_AGE', 365],
    ['an account id that is not 12 digits', { accountId: '12345' }, 'accountId', 'HIPAA_ACCOUNT_ID', '12345'],
    ['an unknown Region', { region: 'us-middle-1' }, 'region', 'HIPAA_REGION', 'us-middle-1'],
    [
      "an S3 data-event list naming only the trail's own bucket",
      { s3DataEvents: [`arn:aws:s3:::org-audit-${ACCOUNT}-us-east-1`] },
      's3DataEvents',
      'HIPAA_S3_DATA_EVENTS_EMPTY',
      [`arn:aws:s3:::org-audit-${ACCOUNT}-us-east-1`],
    ],
    ['alarms without any endpoint', { alarmEndpoints: undefined }, 'alarmEndpoints', 'HIPAA_ALARM_ENDPOINTS_MISSING', undefined],
    ['alarms with an empty endpoint list', { alarmEndpoints: { email: [] } }, 'alarmEndpoints', 'HIPAA_ALARM_ENDPOINTS_MISSING', { email: [] }],
    ['an alarm email that is not an address', { alarmEndpoints: { email: ['security'] } }, 'alarmEndpoints.email[0]', 'HIPAA_ALARM_ENDPOINT_INVALID', 'security'],
    [
      'an alarm HTTPS endpoint over plain HTTP',
      { alarmEndpoints: { https: ['http://events.example.com'] } },
      'alarmEndpoints.https[0]',
      'HIPAA_ALARM_ENDPOINT_INVALID',
      'http://events.example.com',
    ],
    ['an alarm opt-out with too short a reason', { alarmEndpoints: { enabled: false, reason: 'none' } }, 'alarmEndpoints.reason', 'HIPAA_WAIVER_REASON', 'none'],
    [
      'the removed defaultVpcSecurityGroup setting',
      { defaultVpcSecurityGroup: { enabled: false, reason: 'We manage the default VPC elsewhere' } },
      'defaultVpcSecurityGroup',
      'HIPAA_DEFAULT_VPC_SECURITY_GROUP_REMOVED',
      { enabled: false, reason: 'We manage the default VPC elsewhere' },
    ],
  ])('rejects %s with one error naming the field, value and fix', (_name, props, path, code, value) => {
    const error = errorOf(props as Partial<AccountBaselineProps>);
    expect(error.problems).toEqual([expect.objectContaining({ path, code, value })]);
    expect(error.problems[0].fix.length).toBeGreaterThan(10);
    expect(error.message).toContain(path);
  });

  it('lists every problem at once', () => {
    const error = errorOf({ accountId: 'abc', region: 'mars-1', auditRetentionDays: 10 });
    expect(error.problems.map((p) => p.code).sort()).toEqual(['HIPAA_ACCOUNT_ID', 'HIPAA_REGION', 'HIPAA_RETENTION_TOO_SHORT']);
    expect(error.message).toMatch(/3 problems/);
  });
});

describe('policy rendering', () => {
  it('escapes IAM variables but keeps CDKTF references resolvable', () => {
    const { escapeTerraformTemplate } = jest.requireActual('../../lib/constructs/security/policy-document');
    expect(escapeTerraformTemplate('{"r":"user/${aws:username}","k":"${TfToken[TOKEN.12]}","d":"%{x}"}')).toBe(
      '{"r":"user/$${aws:username}","k":"${TfToken[TOKEN.12]}","d":"%%{x}"}',
    );
  });
});
