import { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import { Cloudtrail, CloudtrailAdvancedEventSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { HipaaKey } from '../security/hipaa-key';
import { PolicyDocument } from '../security/policy-document';
import { RolePolicy } from '../security/role-policy';
import { SecureBucket } from '../storage/secure-bucket';
import { HipaaLogGroup } from './log-group';
import { Disabled, isDisabled, recordWaiver } from '../kernel/waivers';
import { validateAll } from '../../errors';
import { messages } from '../../messages';

export interface AuditTrailProps {
  /** Trail name (3-128 characters). */
  readonly trailName: string;
  /** Key that encrypts log files and the CloudWatch log group. */
  readonly key: HipaaKey;
  /** Object-locked bucket that receives the log files. */
  readonly bucket: SecureBucket;
  /** Days the CloudWatch copy of the trail is kept (snapped to a CloudWatch Logs value). */
  readonly retentionDays: number;
  /**
   * S3 object-level (data) events to record: `all` buckets, a list of bucket ARNs, or `Disabled`.
   * @default 'all'
   */
  readonly s3DataEvents?: 'all' | readonly string[] | Disabled;
  /**
   * Bucket ARNs whose object-level events the trail never records: the trail's own delivery
   * buckets (audit, access-log, Config delivery), whose writes would otherwise be logged recursively
   * and billed as data events. The trail's own `bucket` is always excluded.
   * @default - the trail's bucket only
   */
  readonly excludeDataEventBuckets?: readonly string[];
}

/** The S3 data-event selector: all objects but those of the `excluded` buckets, or only the listed buckets (never excluded ones). */
const prefixes = (arns: readonly string[]) => [...new Set(arns.map((arn) => `${arn.replace(/\/+$/, '')}/`))];

function s3DataSelector(dataEvents: 'all' | readonly string[], excluded: () => readonly string[]): CloudtrailAdvancedEventSelector {
  // Lazy: buckets added to the exclusion list after the trail is built still count.
  const arnSelector =
    dataEvents === 'all'
      ? { field: 'resources.ARN', notStartsWith: Lazy.listValue({ produce: () => prefixes(excluded()) }) }
      : { field: 'resources.ARN', startsWith: Lazy.listValue({ produce: () => prefixes(dataEvents).filter((p) => !prefixes(excluded()).includes(p)) }) };
  return {
    name: "S3 data events except the trail's own log buckets",
    fieldSelector: [{ field: 'eventCategory', equalTo: ['Data'] }, { field: 'resources.type', equalTo: ['AWS::S3::Object'] }, arnSelector],
  };
}

/**
 * Who reads the audit evidence: read-only object events of the trail's own log buckets. Their
 * writes are left out (each delivery would log another delivery), but a read is written by a
 * person or a tool, and the event it produces is a write, so no loop can start.
 */
function logBucketReadsSelector(buckets: () => readonly string[]): CloudtrailAdvancedEventSelector {
  return {
    name: "Reads of the trail's own log buckets",
    fieldSelector: [
      { field: 'eventCategory', equalTo: ['Data'] },
      { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
      { field: 'readOnly', equalTo: ['true'] },
      { field: 'resources.ARN', startsWith: Lazy.listValue({ produce: () => prefixes(buckets()) }) },
    ],
  };
}

/**
 * A multi-region CloudTrail trail with global service events, log-file validation, read and write
 * management events, S3 data events, SSE-KMS with a customer key and delivery to an encrypted
 * CloudWatch log group through a role that may only write to that group.
 */
export class AuditTrail extends Construct {
  public readonly resource: Cloudtrail;
  public readonly logGroup: HipaaLogGroup;
  public readonly trailName: string;
  /** Concrete trail ARN. */
  public readonly trailArn: string;
  /** Bucket ARNs, besides its own bucket, whose object events the trail does not record; read at synth. */
  public readonly dataEventExclusions: readonly string[];

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    validateAll(`AuditTrail ${this.node.path}`, [
      { when: !/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/.test(props.trailName), problem: () => messages.trailNameInvalid('trailName', props.trailName) },
      {
        // An advanced selector with an empty starts_with list is rejected by CloudTrail.
        when: Array.isArray(props.s3DataEvents) && props.s3DataEvents.every((arn) => arn.replace(/\/+$/, '') === props.bucket.bucketArn),
        problem: () => messages.s3DataEventsEmpty('s3DataEvents', props.s3DataEvents),
      },
    ]);
    const { partition, region, accountId } = props.key.target;
    this.trailName = props.trailName;
    this.trailArn = `arn:${partition}:cloudtrail:${region}:${accountId}:trail/${props.trailName}`;
    const dataEvents = props.s3DataEvents ?? 'all';
    this.dataEventExclusions = props.excludeDataEventBuckets ?? [];
    if (isDisabled(dataEvents)) recordWaiver(this, 's3DataEvents', dataEvents.reason, 's3DataEvents');

    props.key.grantToService('CloudTrailEncryptLogs', 'cloudtrail.amazonaws.com', ['kms:GenerateDataKey*'], {
      StringEquals: { 'aws:SourceArn': this.trailArn },
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${partition}:cloudtrail:*:${accountId}:trail/*` },
    });
    props.key.grantToService('CloudTrailDescribeKey', 'cloudtrail.amazonaws.com', ['kms:DescribeKey'], {
      StringEquals: { 'aws:SourceArn': this.trailArn },
    });
    props.bucket.grantServiceWrite(
      'CloudTrail',
      'cloudtrail.amazonaws.com',
      `${props.bucket.bucketArn}/AWSLogs/${accountId}/*`,
      { StringEquals: { 'aws:SourceArn': this.trailArn } },
      { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    );

    this.logGroup = new HipaaLogGroup(this, 'LogGroup', {
      logGroupName: `/aws/cloudtrail/${props.trailName}`,
      key: props.key,
      retentionDays: props.retentionDays,
    });
    const role = new IamRole(this, 'LogsRole', {
      name: `${props.trailName}-cloudwatch`.slice(0, 64),
      description: 'Lets CloudTrail deliver events to its CloudWatch log group',
      assumeRolePolicy: new PolicyDocument([
        {
          Sid: 'CloudTrailAssumes',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceArn': this.trailArn } },
        },
      ]).toString(),
    });
    new RolePolicy(this, 'LogsRolePolicy', {
      policyName: `${props.trailName}-cloudwatch-delivery`,
      description: 'Lets CloudTrail write to its CloudWatch log group only',
      roleName: role.name,
      document: new PolicyDocument([
        {
          Sid: 'WriteTrailLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${this.logGroup.logGroupArn}:log-stream:*`,
        },
      ]),
    });

    this.resource = new Cloudtrail(this, 'Resource', {
      name: props.trailName,
      s3BucketName: props.bucket.bucketName,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: props.key.keyArn,
      cloudWatchLogsGroupArn: `${this.logGroup.logGroupArn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      // Advanced event selectors (they conflict with event_selector in the provider): all
      // management events, S3 object events except those of the trail's own log buckets, and reads
      // of those buckets (CloudTrail User Guide, "Logging data events", advanced event selector fields).
      advancedEventSelector: [
        { name: 'Management events', fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }] },
        ...(isDisabled(dataEvents) ? [] : [s3DataSelector(dataEvents, () => [props.bucket.bucketArn, ...this.dataEventExclusions])]),
        logBucketReadsSelector(() => [props.bucket.bucketArn, ...this.dataEventExclusions]),
      ],
      dependsOn: [props.bucket.policyResource, this.logGroup.resource],
    });
  }
}
