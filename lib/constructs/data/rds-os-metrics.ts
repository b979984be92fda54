import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { HipaaKey } from '../security/hipaa-key';
import { DeploymentTarget } from '../kernel/context';
import { snapToCloudWatchRetention } from '../../retention';

/** The log group RDS enhanced monitoring writes to: one per account and Region, shared by every instance. */
export const RDS_OS_METRICS_LOG_GROUP = 'RDSOSMetrics';

export interface RdsOsMetricsLogGroupProps {
  /** Account and Region; the group is kept for the target's audit retention. */
  readonly target: DeploymentTarget;
  /** Alias of the key created for the group, without `alias/`. */
  readonly keyAlias: string;
  /**
   * Create the key and group in `target.region` even when the stack's provider is in another Region.
   * @default false
   */
  readonly pinRegion?: boolean;
}

/**
 * Pre-creates `RDSOSMetrics`, encrypted with its own customer key and kept for the audit retention.
 * Left to itself, RDS creates this group on the first instance with enhanced monitoring,
 * unencrypted and with 30 days of retention. The group is one per account and Region, so it lives
 * in the account baseline (applied before any tenant stack), never in a tenant stack: two tenants
 * in one account would both try to own it. Its key is its own because the group holds metrics of
 * every tenant in the account, so no tenant's key may encrypt it.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html
 */
export class RdsOsMetricsLogGroup extends Construct {
  public readonly resource: CloudwatchLogGroup;
  public readonly key: HipaaKey;
  /** Concrete ARN of the group. */
  public readonly logGroupArn: string;

  constructor(scope: Construct, id: string, props: RdsOsMetricsLogGroupProps) {
    super(scope, id);
    const { partition, region, accountId, auditRetentionDays } = props.target;
    this.logGroupArn = `arn:${partition}:logs:${region}:${accountId}:log-group:${RDS_OS_METRICS_LOG_GROUP}`;
    this.key = new HipaaKey(this, 'Key', {
      target: props.target,
      alias: props.keyAlias,
      description: `RDS enhanced monitoring (${RDS_OS_METRICS_LOG_GROUP}) of every database in the account and Region`,
      pinRegion: props.pinRegion,
    });
    // CloudWatch Logs uses the key only for this group (encryption context), as AWS documents.
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
    this.key.grantToService(
      'CloudWatchLogsRdsOsMetrics',
      `logs.${region}.amazonaws.com`,
      ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': this.logGroupArn } },
    );
    this.resource = new CloudwatchLogGroup(this, 'Resource', {
      name: RDS_OS_METRICS_LOG_GROUP,
      kmsKeyId: this.key.keyArn,
      retentionInDays: snapToCloudWatchRetention(auditRetentionDays),
      logGroupClass: 'STANDARD',
      skipDestroy: true,
      ...(props.pinRegion ? { region } : {}),
    });
  }
}
