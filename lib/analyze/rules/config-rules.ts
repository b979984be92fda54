/**
 * AWS Config managed rules the pack maps to: rule name -> source identifier (as AWS documents
 * them; a few differ from the name, e.g. restricted-ssh is INCOMING_SSH_DISABLED) and the input
 * parameters the conformance pack deploys them with (matching what the synth-time rule checks).
 */
import { PASSWORD_POLICY } from './rules/HIPAA-IAM-001';
import { BACKUP_FLOOR } from './rules/HIPAA-BK-003';
import { MIN_BACKUP_RETENTION_DAYS } from './rules/HIPAA-RDS-004';
import { BLOCKED_PORTS } from './rules/HIPAA-VPC-006';
import { AUTHORIZED_TCP_PORTS } from './rules/HIPAA-VPC-007';

export interface ManagedRuleOptions {
  readonly auditRetentionDays: number | string;
}

export interface ManagedRule {
  /** The managed rule's SourceIdentifier. */
  readonly identifier: string;
  /** InputParameters, as strings (AWS Config takes strings). */
  readonly parameters?: (opts: ManagedRuleOptions) => Record<string, string>;
}

const upper = (name: string): ManagedRule => ({ identifier: name.toUpperCase().replace(/-/g, '_') });

const NAMES = [
  'alb-http-drop-invalid-header-enabled',
  'alb-http-to-https-redirection-check',
  'alb-waf-enabled',
  'aurora-resources-protected-by-backup-plan',
  'backup-recovery-point-encrypted',
  'backup-recovery-point-manual-deletion-disabled',
  'cloudtrail-s3-bucket-public-access-prohibited',
  'cloudtrail-s3-dataevents-enabled',
  'cloudtrail-security-trail-enabled',
  'cloudwatch-log-group-encrypted',
  'cmk-backing-key-rotation-enabled',
  'ec2-ebs-encryption-by-default',
  'ec2-imdsv2-check',
  'ec2-instance-no-public-ip',
  'ec2-instance-profile-attached',
  'ec2-resources-protected-by-backup-plan',
  'elb-acm-certificate-required',
  'elb-cross-zone-load-balancing-enabled',
  'elb-deletion-protection-enabled',
  'elb-logging-enabled',
  'elb-tls-https-listeners-only',
  'elbv2-acm-certificate-required',
  'encrypted-volumes',
  'guardduty-enabled-centralized',
  'iam-no-inline-policy-check',
  'iam-policy-no-statements-with-admin-access',
  'iam-policy-no-statements-with-full-access',
  'iam-user-group-membership-check',
  'iam-user-mfa-enabled',
  'iam-user-no-policies-check',
  'kms-cmk-not-scheduled-for-deletion',
  'mfa-enabled-for-iam-console-access',
  'no-unrestricted-route-to-igw',
  'rds-automatic-minor-version-upgrade-enabled',
  'rds-cluster-deletion-protection-enabled',
  'rds-cluster-encrypted-at-rest',
  'rds-cluster-multi-az-enabled',
  'rds-enhanced-monitoring-enabled',
  'rds-in-backup-plan',
  'rds-instance-deletion-protection-enabled',
  'rds-instance-public-access-check',
  'rds-logging-enabled',
  'rds-multi-az-support',
  'rds-snapshots-public-prohibited',
  'rds-storage-encrypted',
  's3-account-level-public-access-blocks-periodic',
  's3-bucket-acl-prohibited',
  's3-bucket-default-lock-enabled',
  's3-bucket-level-public-access-prohibited',
  's3-bucket-logging-enabled',
  's3-bucket-public-read-prohibited',
  's3-bucket-public-write-prohibited',
  's3-bucket-replication-enabled',
  's3-bucket-server-side-encryption-enabled',
  's3-bucket-ssl-requests-only',
  's3-bucket-versioning-enabled',
  's3-default-encryption-kms',
  's3-version-lifecycle-policy-check',
  'secretsmanager-rotation-enabled-check',
  'secretsmanager-using-cmk',
  'securityhub-enabled',
  'sns-encrypted-kms',
  'ssm-document-not-public',
  'subnet-auto-assign-public-ip-disabled',
  'vpc-default-security-group-closed',
  'vpc-sg-open-only-to-authorized-ports',
];

/** Every managed rule the pack's rules name, with its identifier and parameters. */
export const AWS_CONFIG_RULES: Readonly<Record<string, ManagedRule>> = {
  ...Object.fromEntries(NAMES.map((n) => [n, upper(n)])),
  'cloud-trail-cloud-watch-logs-enabled': { identifier: 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED' },
  'cloud-trail-encryption-enabled': { identifier: 'CLOUD_TRAIL_ENCRYPTION_ENABLED' },
  'cloud-trail-log-file-validation-enabled': { identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED' },
  'cloudtrail-enabled': { identifier: 'CLOUD_TRAIL_ENABLED' },
  'multi-region-cloudtrail-enabled': { identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED' },
  'restricted-ssh': { identifier: 'INCOMING_SSH_DISABLED' },
  'ec2-instances-in-vpc': { identifier: 'INSTANCES_IN_VPC' },
  'ec2-instance-managed-by-systems-manager': { identifier: 'EC2_INSTANCE_MANAGED_BY_SSM' },
  'restricted-common-ports': {
    identifier: 'RESTRICTED_INCOMING_TRAFFIC',
    parameters: () => Object.fromEntries(BLOCKED_PORTS.map((p, i) => [`blockedPort${i + 1}`, String(p)])),
  },
  'vpc-sg-open-only-to-authorized-ports': {
    identifier: 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
    parameters: () => ({ authorizedTcpPorts: AUTHORIZED_TCP_PORTS.join(',') }),
  },
  'vpc-flow-logs-enabled': { identifier: 'VPC_FLOW_LOGS_ENABLED', parameters: () => ({ trafficType: 'ALL' }) },
  'cw-loggroup-retention-period-check': {
    identifier: 'CW_LOGGROUP_RETENTION_PERIOD_CHECK',
    parameters: (o) => ({ MinRetentionTime: String(o.auditRetentionDays) }),
  },
  'cloudwatch-alarm-action-check': {
    identifier: 'CLOUDWATCH_ALARM_ACTION_CHECK',
    parameters: () => ({ alarmActionRequired: 'true', insufficientDataActionRequired: 'false', okActionRequired: 'false' }),
  },
  'iam-password-policy': {
    identifier: 'IAM_PASSWORD_POLICY',
    parameters: () => ({
      RequireUppercaseCharacters: 'true',
      RequireLowercaseCharacters: 'true',
      RequireSymbols: 'true',
      RequireNumbers: 'true',
      MinimumPasswordLength: String(PASSWORD_POLICY.minimumPasswordLength),
      PasswordReusePrevention: String(PASSWORD_POLICY.passwordReusePrevention),
      MaxPasswordAge: String(PASSWORD_POLICY.maxPasswordAge),
    }),
  },
  'iam-customer-policy-blocked-kms-actions': {
    identifier: 'IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS',
    parameters: () => ({ blockedActionsPatterns: 'kms:*, kms:Decrypt, kms:ReEncrypt*' }),
  },
  'iam-inline-policy-blocked-kms-actions': {
    identifier: 'IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS',
    parameters: () => ({ blockedActionsPatterns: 'kms:*, kms:Decrypt, kms:ReEncrypt*' }),
  },
  'backup-plan-min-frequency-and-min-retention-check': {
    identifier: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
    parameters: () => ({
      requiredFrequencyValue: '1',
      requiredFrequencyUnit: 'days',
      requiredRetentionDays: String(BACKUP_FLOOR.retentionDays),
    }),
  },
  'db-instance-backup-enabled': {
    identifier: 'DB_INSTANCE_BACKUP_ENABLED',
    parameters: () => ({ backupRetentionMinimum: String(MIN_BACKUP_RETENTION_DAYS) }),
  },
};
