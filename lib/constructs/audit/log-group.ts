import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { HipaaKey } from '../security/hipaa-key';
import { snapToCloudWatchRetention } from '../../retention';

export interface HipaaLogGroupProps {
  /** Log group name, e.g. `/aws/cloudtrail/examplehealth`. */
  readonly logGroupName: string;
  /** Customer-managed key that encrypts the log events. */
  readonly key: HipaaKey;
  /** Days to keep events; snapped up to a value CloudWatch Logs accepts. */
  readonly retentionDays: number;
}

/**
 * A CloudWatch Logs group encrypted with a customer key and kept for the audit retention. The key
 * policy gains a grant for CloudWatch Logs limited to this log group's ARN.
 */
export class HipaaLogGroup extends Construct {
  public readonly resource: CloudwatchLogGroup;
  public readonly logGroupName: string;
  /** Concrete ARN of the log group (without the `:*` suffix). */
  public readonly logGroupArn: string;
  /** The retention actually set (a CloudWatch Logs value). */
  public readonly retentionInDays: number;

  constructor(scope: Construct, id: string, props: HipaaLogGroupProps) {
    super(scope, id);
    const { partition, region, accountId } = props.key.target;
    this.logGroupName = props.logGroupName;
    this.logGroupArn = `arn:${partition}:logs:${region}:${accountId}:log-group:${props.logGroupName}`;
    this.retentionInDays = snapToCloudWatchRetention(props.retentionDays);
    props.key.grantToService(
      `CloudWatchLogs${sidSuffix(props.logGroupName)}`,
      `logs.${region}.amazonaws.com`,
      ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': this.logGroupArn } },
    );
    this.resource = new CloudwatchLogGroup(this, 'Resource', {
      name: props.logGroupName,
      kmsKeyId: props.key.keyArn,
      retentionInDays: this.retentionInDays,
      logGroupClass: 'STANDARD',
      skipDestroy: true,
    });
  }
}

/** A policy Sid suffix from a name: alphanumerics only, each word capitalised. */
export function sidSuffix(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
