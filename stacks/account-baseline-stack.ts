import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { AccountBaseline, AccountBaselineProps } from '../lib/constructs/baseline/account-baseline';
import { HipaaStack, HipaaStackProps } from './hipaa-stack';

export interface AccountBaselineStackProps extends HipaaStackProps {
  /** Baseline settings other than the account, Region and organization, which come from the stack. */
  readonly baseline?: Omit<AccountBaselineProps, 'accountId' | 'region' | 'organization'>;
}

/** One AWS account's HIPAA baseline, as its own stack (`baseline-<account>`). */
export class AccountBaselineStack extends HipaaStack {
  public readonly baseline: AccountBaseline;

  constructor(scope: Construct, name: string, props: AccountBaselineStackProps) {
    super(scope, name, props);
    this.baseline = new AccountBaseline(this, 'Baseline', {
      ...props.baseline,
      accountId: props.account.id,
      region: props.region,
      organization: props.organization,
    });
    const out = (id: string, value: string, description: string) => {
      const o = new TerraformOutput(this, id, { value, description, staticId: true });
      return o;
    };
    out('audit_bucket_name', this.baseline.auditBucket.bucketName, 'S3 bucket holding CloudTrail and AWS Config evidence');
    out('audit_kms_key_arn', this.baseline.auditKey.keyArn, 'Customer-managed key encrypting audit evidence');
    out('cloudtrail_arn', this.baseline.trail.trailArn, 'The multi-region audit trail');
    out('cloudtrail_log_group_name', this.baseline.trail.logGroup.logGroupName, 'CloudWatch log group receiving the trail');
    out('security_alarms_topic_arn', this.baseline.alarms.topic.arn, 'SNS topic that security alarms publish to; subscribe your on-call here');
    out('humans_group_name', this.baseline.mfa.humansGroup.name, 'IAM group for people; members must use MFA');
  }
}
