import { Construct } from 'constructs';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { BackupPlan, BackupPlanRule } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { HipaaKey } from '../security/hipaa-key';
import { sidSuffix } from '../audit/log-group';
import { PolicyDocument } from '../security/policy-document';
import { Disabled, isDisabled, recordWaiver } from '../kernel/waivers';
import { Check, isToken, validateAll } from '../../errors';
import { messages } from '../../messages';
import { tenantTags } from './tenant-tags';

/** Compliance: nobody, not even the account root, can shorten or remove the lock after the grace period. Governance: principals with `backup:DeleteBackupVaultLockConfiguration` can. */
export type VaultLockMode = 'compliance' | 'governance';

/** Days AWS Backup requires before a compliance-mode lock becomes immutable. */
export const VAULT_LOCK_MIN_GRACE_DAYS = 3;
/**
 * Days the daily rule keeps recovery points by default, and at least: the floor of the AWS Config
 * HIPAA pack (backup-plan-min-frequency-and-min-retention-check, requiredRetentionDays 35).
 */
export const DAILY_BACKUP_RETENTION_DAYS = 35;
/** Default lock minimum: the default daily retention, so a daily vault protects each point for all of it. */
export const DEFAULT_VAULT_LOCK_MIN_DAYS = DAILY_BACKUP_RETENTION_DAYS;
/** Longest retention AWS Backup accepts (100 years). */
export const BACKUP_MAX_RETENTION_DAYS = 36500;

export interface VaultLockProps {
  /**
   * Lock mode.
   * @default 'compliance'
   */
  readonly mode?: VaultLockMode;
  /**
   * Compliance mode only: days during which the lock can still be removed (at least 3).
   * @default 3
   */
  readonly changeableForDays?: number;
  /**
   * Shortest retention a recovery point in the vault may have. The lock keeps every recovery point
   * at least this long and AWS Backup fails jobs with a shorter retention, so set it to the
   * retention of the rule that targets the vault (one vault per retention class).
   * @default 35
   */
  readonly minRetentionDays?: number;
  /**
   * Longest retention a recovery point in the vault may have; at least the audit retention.
   * @default - the audit retention of the key's deployment target
   */
  readonly maxRetentionDays?: number;
}

export interface HipaaBackupVaultProps {
  /** Vault name, 2-50 letters, digits, hyphens or underscores, e.g. `acme-backups`. */
  readonly vaultName: string;
  /** Tenant id, written as the `Tenant` tag. */
  readonly tenantId: string;
  /** Customer-managed key that encrypts recovery points the vault encrypts itself. */
  readonly key: HipaaKey;
  /**
   * Vault lock (write-once retention). `Disabled` with a reason leaves the vault unlocked.
   * @default - compliance mode, 3 days grace, min 35 days, max the audit retention
   */
  readonly lock?: VaultLockProps | Disabled;
  /**
   * Extra tags; `Tenant` and `DataClassification` are always set.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An AWS Backup vault encrypted with a customer key and locked: recovery points cannot be deleted
 * before their retention ends, and no retention can be set outside the lock's range. In compliance
 * mode (the default) the lock itself becomes immutable after the grace period.
 *
 * RDS snapshots stay encrypted with the database's own key; the vault key encrypts recovery points
 * of resource types that AWS Backup encrypts independently.
 */
export class HipaaBackupVault extends Construct {
  public readonly resource: BackupVault;
  public readonly lockConfiguration?: BackupVaultLockConfiguration;
  public readonly vaultName: string;
  /** `arn:<partition>:backup:<region>:<account>:backup-vault:<name>`, concrete. */
  public readonly vaultArn: string;
  public readonly key: HipaaKey;
  public readonly tenantId: string;
  /** The lock's bounds, or undefined when the lock is disabled. */
  public readonly lockRange?: { readonly minRetentionDays: number; readonly maxRetentionDays: number; readonly mode: VaultLockMode };

  constructor(scope: Construct, id: string, props: HipaaBackupVaultProps) {
    super(scope, id);
    const { partition, region, accountId, auditRetentionDays } = props.key.target;
    const lock = props.lock ?? {};
    const mode = isDisabled(lock) ? 'compliance' : (lock.mode ?? 'compliance');
    const grace = isDisabled(lock) ? VAULT_LOCK_MIN_GRACE_DAYS : (lock.changeableForDays ?? VAULT_LOCK_MIN_GRACE_DAYS);
    const min = isDisabled(lock) ? 1 : (lock.minRetentionDays ?? DEFAULT_VAULT_LOCK_MIN_DAYS);
    const max = isDisabled(lock) ? auditRetentionDays : (lock.maxRetentionDays ?? auditRetentionDays);
    validateAll(`HipaaBackupVault ${this.node.path}`, [
      {
        when: typeof props.vaultName !== 'string' || !/^[A-Za-z0-9_-]{2,50}$/.test(props.vaultName),
        problem: () => messages.resourceNameInvalid('vaultName', props.vaultName, 'backup vault name (2-50 letters, digits, hyphens or underscores)'),
      },
      {
        when: !isDisabled(lock) && mode !== 'compliance' && mode !== 'governance',
        problem: () => messages.rangeInvalid('lock.mode', mode, 'vault lock mode', 'use "compliance" (the default) or "governance"'),
      },
      {
        when: !isDisabled(lock) && mode === 'compliance' && (!Number.isInteger(grace) || grace < VAULT_LOCK_MIN_GRACE_DAYS),
        problem: () => messages.vaultLockGrace('lock.changeableForDays', grace),
      },
      {
        when: !isDisabled(lock) && mode === 'governance' && lock.changeableForDays !== undefined,
        problem: () =>
          messages.rangeInvalid(
            'lock.changeableForDays',
            grace,
            'a grace period in governance mode',
            'leave changeableForDays out in governance mode (it is what makes a lock compliance mode)',
          ),
      },
      {
        when: !Number.isInteger(min) || min < 1 || min > max,
        problem: () => messages.vaultLockRange('lock.minRetentionDays', min, 'the minimum must be a whole number of days from 1 to the maximum'),
      },
      {
        when: !Number.isInteger(max) || max < auditRetentionDays || max > BACKUP_MAX_RETENTION_DAYS,
        problem: () =>
          messages.vaultLockRange(
            'lock.maxRetentionDays',
            max,
            `the maximum must be at least the audit retention (${auditRetentionDays} days) and at most ${BACKUP_MAX_RETENTION_DAYS}`,
          ),
      },
    ]);
    if (isDisabled(lock)) recordWaiver(this, 'backupVaultLock', lock.reason, 'lock');

    this.key = props.key;
    this.tenantId = props.tenantId;
    this.vaultName = props.vaultName;
    this.vaultArn = `arn:${partition}:backup:${region}:${accountId}:backup-vault:${props.vaultName}`;
    this.resource = new BackupVault(this, 'Resource', {
      name: props.vaultName,
      kmsKeyArn: props.key.keyArn,
      forceDestroy: false,
      tags: tenantTags(props.tenantId, 'PHI', props.tags),
    });
    if (!isDisabled(lock)) {
      this.lockRange = { minRetentionDays: min, maxRetentionDays: max, mode };
      this.lockConfiguration = new BackupVaultLockConfiguration(this, 'Lock', {
        backupVaultName: this.resource.name,
        minRetentionDays: min,
        maxRetentionDays: max,
        ...(mode === 'compliance' ? { changeableForDays: grace } : {}),
      });
    }
  }
}

export interface BackupCopyProps {
  /** ARN of a backup vault in another Region or account (disaster recovery). */
  readonly destinationVaultArn: string;
}

export interface HipaaBackupPlanProps {
  /** Plan name, 1-50 letters, digits, hyphens, underscores or dots, e.g. `acme-databases`. */
  readonly planName: string;
  /** Tenant id: the selection backs up every RDS instance tagged `Tenant = <tenantId>`. */
  readonly tenantId: string;
  /** Vault the daily recovery points go to (and the monthly ones when `monthlyVault` is not given). */
  readonly vault: HipaaBackupVault;
  /**
   * Vault the monthly recovery points go to. A vault lock protects a recovery point only for the
   * lock's minimum retention (a privileged user can shorten a longer lifecycle down to it) and
   * fails jobs shorter than it, so with a locked vault each retention class needs its own vault,
   * locked at that class's retention.
   * @default - `vault`; allowed only when `vault` is unlocked or both rules keep the same retention
   */
  readonly monthlyVault?: HipaaBackupVault;
  /**
   * Days daily recovery points are kept (7 to 35 with continuous backup, else up to the monthly retention).
   * @default 35
   */
  readonly dailyRetentionDays?: number;
  /**
   * Days monthly recovery points are kept; at least the audit retention.
   * @default - the audit retention of the vault key's deployment target
   */
  readonly monthlyRetentionDays?: number;
  /**
   * Days after which monthly recovery points move to cold storage (must leave 90 days before deletion).
   * Only resource types that support cold storage move; RDS snapshots stay warm.
   * @default - no cold storage
   */
  readonly monthlyColdStorageAfterDays?: number;
  /**
   * Schedule of the daily rule (AWS cron, UTC).
   * @default 'cron(0 5 ? * * *)'
   */
  readonly dailySchedule?: string;
  /**
   * Schedule of the monthly rule (AWS cron, UTC).
   * @default 'cron(0 5 1 * ? *)'
   */
  readonly monthlySchedule?: string;
  /**
   * Continuous backup (point-in-time recovery through AWS Backup) on the daily rule. AWS Backup
   * then manages the instance's automated backup retention, so keep it equal to `dailyRetentionDays`.
   * @default false
   */
  readonly continuousBackup?: boolean;
  /**
   * Copy every recovery point to a vault in another Region or account.
   * @default - no copy
   */
  readonly copyTo?: BackupCopyProps;
  /**
   * Resources selected by ARN in addition to the tag selection (for example a database that
   * predates the `Tenant` tag).
   * @default - none
   */
  readonly additionalResourceArns?: readonly string[];
  /**
   * Extra tags on the plan; `Tenant` and `DataClassification` are always set.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A rule's retention against the lock of the vault it lands in. AWS Backup fails a job whose
 * retention is below the lock minimum; a minimum below the retention lets a privileged user shorten
 * the recovery point's lifecycle and delete it early, so the two must be equal. Above the maximum
 * the job fails too. https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
function lockChecks(path: string, rule: string, retention: number, vault: HipaaBackupVault): Check[] {
  const range = vault.lockRange;
  if (range === undefined || !Number.isInteger(retention)) return [];
  return [
    {
      when: retention < range.minRetentionDays,
      problem: () =>
        messages.backupRetention(path, retention, `vault "${vault.vaultName}" refuses ${rule} recovery points kept less than its lock minimum of ${range.minRetentionDays} days`),
    },
    {
      when: retention > range.minRetentionDays && retention <= range.maxRetentionDays,
      problem: () => messages.backupLockShorterThanRetention(path, retention, rule, vault.vaultName, range.minRetentionDays),
    },
    {
      when: retention > range.maxRetentionDays,
      problem: () =>
        messages.backupRetention(path, retention, `vault "${vault.vaultName}" refuses ${rule} recovery points kept more than its lock maximum of ${range.maxRetentionDays} days`),
    },
  ];
}

const VAULT_ARN_PATTERN = /^arn:(aws|aws-us-gov|aws-cn):backup:([a-z0-9-]+):(\d{12}):backup-vault:([A-Za-z0-9_.-]{2,50})$/;

/**
 * An AWS Backup plan for a tenant's databases: daily recovery points kept 35 days and monthly ones
 * kept for the audit retention, optionally copied to a vault in another Region or account, in a
 * locked vault. Backups run under a service role with only the two AWS Backup managed policies.
 *
 * Selection: every RDS DB instance of this account and Region tagged `Tenant = <tenantId>`.
 * HipaaDatabase always writes that tag, so a database added to the tenant later is covered without
 * editing a list of ARNs, and a tenant's selection can never reach another tenant's database.
 * The resource type is named explicitly (`arn:...:rds:...:db:*`), so RDS is included even where the
 * account has not opted RDS in to AWS Backup.
 */
export class HipaaBackupPlan extends Construct {
  public readonly resource: BackupPlan;
  public readonly role: IamRole;
  public readonly selection: BackupSelection;
  public readonly additionalSelection?: BackupSelection;
  public readonly dailyRetentionDays: number;
  public readonly monthlyRetentionDays: number;

  constructor(scope: Construct, id: string, props: HipaaBackupPlanProps) {
    super(scope, id);
    const { vault } = props;
    const { partition, region, accountId, auditRetentionDays } = vault.key.target;
    const daily = props.dailyRetentionDays ?? DAILY_BACKUP_RETENTION_DAYS;
    const monthly = props.monthlyRetentionDays ?? auditRetentionDays;
    const cold = props.monthlyColdStorageAfterDays;
    const continuous = props.continuousBackup ?? false;
    const roleName = `${props.planName}-backup`;
    const copyArn = props.copyTo?.destinationVaultArn;
    const copyMatch = copyArn !== undefined && !isToken(copyArn) ? VAULT_ARN_PATTERN.exec(copyArn) : null;
    const monthlyVault = props.monthlyVault ?? vault;
    const dailyOk = Number.isInteger(daily) && daily >= 7 && daily <= (continuous ? 35 : monthly);
    const monthlyOk = Number.isInteger(monthly) && monthly >= auditRetentionDays && monthly <= BACKUP_MAX_RETENTION_DAYS;

    validateAll(`HipaaBackupPlan ${this.node.path}`, [
      {
        when: typeof props.planName !== 'string' || !/^[A-Za-z0-9_.-]{1,50}$/.test(props.planName),
        problem: () => messages.resourceNameInvalid('planName', props.planName, 'backup plan name (1-50 letters, digits, hyphens, underscores or dots)'),
      },
      {
        when: typeof props.tenantId !== 'string' || !/^[A-Za-z0-9_.-]{1,40}$/.test(props.tenantId),
        problem: () => messages.resourceNameInvalid('tenantId', props.tenantId, 'tenant id for a backup selection name (1-40 letters, digits, hyphens, underscores or dots)'),
      },
      {
        when: roleName.length > 64,
        problem: () => messages.nameTooLong('planName', props.planName, 64, `backup role name "${roleName}"`),
      },
      {
        when: !dailyOk,
        problem: () =>
          messages.backupRetention('dailyRetentionDays', daily, `daily backups are kept 7 to ${continuous ? '35 days (the continuous backup maximum)' : 'the monthly retention'}`),
      },
      {
        when: !monthlyOk,
        problem: () =>
          messages.backupRetention('monthlyRetentionDays', monthly, `monthly backups are evidence: keep them at least the audit retention (${auditRetentionDays} days)`),
      },
      ...(dailyOk ? lockChecks('dailyRetentionDays', 'daily', daily, vault) : []),
      ...(monthlyOk ? lockChecks('monthlyRetentionDays', 'monthly', monthly, monthlyVault) : []),
      {
        when: monthlyVault !== vault && monthlyVault.key.target.accountId !== accountId,
        problem: () => messages.backupCopyDestination('monthlyVault', monthlyVault.vaultName, 'the monthly vault must be in the account and Region of the plan'),
      },
      {
        when: cold !== undefined && (!Number.isInteger(cold) || cold < 1 || monthly - cold < 90),
        problem: () => messages.backupColdStorage('monthlyColdStorageAfterDays', cold),
      },
      {
        when: copyArn !== undefined && !isToken(copyArn) && copyMatch === null,
        problem: () => messages.backupCopyDestination('copyTo.destinationVaultArn', copyArn, 'not a backup vault ARN'),
      },
      {
        when: copyMatch !== null && copyMatch[2] === region && copyMatch[3] === accountId,
        problem: () =>
          messages.backupCopyDestination('copyTo.destinationVaultArn', copyArn, 'the copy goes to the same Region and account, so it does not survive a Regional or account loss'),
      },
    ]);
    this.dailyRetentionDays = daily;
    this.monthlyRetentionDays = monthly;
    const tags = tenantTags(props.tenantId, 'PHI', props.tags);
    const roleArn = `arn:${partition}:iam::${accountId}:role/${roleName}`;

    this.role = new IamRole(this, 'Role', {
      name: roleName,
      description: `AWS Backup service role of ${props.planName}`,
      assumeRolePolicy: new PolicyDocument([
        // Confused-deputy guard: AWS Backup assumes the role only for jobs of this account.
        // https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-service-confused-deputy-prevention.html
        {
          Sid: 'BackupAssumes',
          Effect: 'Allow',
          Principal: { Service: 'backup.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
        },
      ]).toString(),
      tags: tenantTags(props.tenantId, 'Operational', props.tags),
    });
    for (const [cid, policy] of [
      ['BackupPolicy', 'AWSBackupServiceRolePolicyForBackup'],
      ['RestorePolicy', 'AWSBackupServiceRolePolicyForRestores'],
    ] as const) {
      new IamRolePolicyAttachment(this, cid, {
        role: this.role.name,
        policyArn: `arn:${partition}:iam::aws:policy/service-role/${policy}`,
      });
    }
    // Tenant keys that do not delegate to IAM still let the backup role use them.
    const sid = sidSuffix(props.planName);
    vault.key.dependOn(this.role);
    vault.key.addToPolicy({
      Sid: `BackupRoleUse${sid}`,
      Effect: 'Allow',
      Principal: { AWS: roleArn },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
    });
    vault.key.addToPolicy({
      Sid: `BackupRoleGrants${sid}`,
      Effect: 'Allow',
      Principal: { AWS: roleArn },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': true } },
    });

    const recoveryPointTags = { Tenant: props.tenantId, DataClassification: 'PHI' };
    const copy = (deleteAfter: number, coldAfter?: number) =>
      copyArn === undefined
        ? {}
        : { copyAction: [{ destinationVaultArn: copyArn, lifecycle: { deleteAfter, ...(coldAfter !== undefined ? { coldStorageAfter: coldAfter } : {}) } }] };
    const rules: BackupPlanRule[] = [
      {
        ruleName: 'daily',
        targetVaultName: vault.resource.name,
        schedule: props.dailySchedule ?? 'cron(0 5 ? * * *)',
        startWindow: 60,
        completionWindow: 720,
        enableContinuousBackup: continuous,
        lifecycle: { deleteAfter: daily },
        recoveryPointTags,
        ...copy(daily),
      },
      {
        ruleName: 'monthly',
        targetVaultName: monthlyVault.resource.name,
        schedule: props.monthlySchedule ?? 'cron(0 5 1 * ? *)',
        startWindow: 60,
        completionWindow: 720,
        lifecycle: {
          deleteAfter: monthly,
          ...(cold !== undefined ? { coldStorageAfter: cold, optInToArchiveForSupportedResources: true } : {}),
        },
        recoveryPointTags,
        ...copy(monthly, cold),
      },
    ];
    const locks = [...new Set([vault, monthlyVault])].flatMap((v) => (v.lockConfiguration ? [v.lockConfiguration] : []));
    this.resource = new BackupPlan(this, 'Resource', {
      name: props.planName,
      rule: rules,
      tags,
      // The locks must exist before the first recovery point lands in a vault.
      ...(locks.length > 0 ? { dependsOn: locks } : {}),
    });

    this.selection = new BackupSelection(this, 'TenantDatabases', {
      name: `${props.tenantId}-databases`,
      planId: this.resource.id,
      iamRoleArn: this.role.arn,
      resources: [`arn:${partition}:rds:${region}:${accountId}:db:*`],
      condition: [{ stringEquals: [{ key: 'aws:ResourceTag/Tenant', value: props.tenantId }] }],
    });
    if (props.additionalResourceArns && props.additionalResourceArns.length > 0) {
      this.additionalSelection = new BackupSelection(this, 'AdditionalResources', {
        name: `${props.tenantId}-resources`,
        planId: this.resource.id,
        iamRoleArn: this.role.arn,
        resources: [...props.additionalResourceArns],
      });
    }
  }
}
