import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { HipaaBackupPlan, HipaaBackupPlanProps, HipaaBackupVault, HipaaBackupVaultProps } from '../../lib/constructs/data/backup';
import { HipaaDatabase } from '../../lib/constructs/data/hipaa-database';
import { collectWaivers } from '../../lib/constructs/kernel/waivers';
import { TfJson, dataStack, errorCodes, nameOf, policyOf, ref, resourcesOf, statement, synthJson } from './fixtures';

/** A daily vault (`vaultProps`) and a monthly vault locked at the plan's monthly retention. */
function build(vaultProps: Partial<HipaaBackupVaultProps> = {}, planProps: Partial<HipaaBackupPlanProps> = {}) {
  const { stack, key } = dataStack();
  const vault = new HipaaBackupVault(stack, 'Vault', { vaultName: 'acme-backups', tenantId: 'acme', key, ...vaultProps });
  const monthlyLock = { minRetentionDays: Math.min(planProps.monthlyRetentionDays ?? 2192, 2192), maxRetentionDays: 2192 };
  const monthlyVault = new HipaaBackupVault(stack, 'Monthly', {
    vaultName: 'acme-backups-monthly',
    tenantId: 'acme',
    key,
    lock: 'lock' in vaultProps && vaultProps.lock && 'enabled' in vaultProps.lock ? vaultProps.lock : monthlyLock,
  });
  const plan = new HipaaBackupPlan(stack, 'Plan', { planName: 'acme-databases', tenantId: 'acme', vault, monthlyVault, ...planProps });
  return { stack, key, vault, monthlyVault, plan };
}

describe('HipaaBackupVault and HipaaBackupPlan with defaults', () => {
  let text: string;
  let json: TfJson;
  let keyName: string;
  let vaultName: string;
  let planName: string;
  let roleName: string;
  let monthlyVaultName: string;

  beforeAll(() => {
    const { stack, key } = dataStack();
    const vault = new HipaaBackupVault(stack, 'Vault', { vaultName: 'acme-backups', tenantId: 'acme', key });
    const monthlyVault = new HipaaBackupVault(stack, 'Monthly', { vaultName: 'acme-backups-monthly', tenantId: 'acme', key, lock: { minRetentionDays: 2192 } });
    new HipaaDatabase(stack, 'Database', {
      identifier: 'acme-main',
      tenantId: 'acme',
      key,
      vpcId: 'vpc-0123456789abcdef0',
      dataSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
    });
    new HipaaBackupPlan(stack, 'Plan', { planName: 'acme-databases', tenantId: 'acme', vault, monthlyVault });
    ({ text, json } = synthJson(stack));
    monthlyVaultName = nameOf(json, 'aws_backup_vault', 'Monthly');
    keyName = nameOf(json, 'aws_kms_key', 'TenantKey');
    vaultName = nameOf(json, 'aws_backup_vault', 'Vault');
    planName = nameOf(json, 'aws_backup_plan', 'Plan');
    roleName = nameOf(json, 'aws_iam_role', 'Plan');
  });

  test('encrypts the vault with the customer key and never lets destroy empty it', () => {
    expect(text).toHaveResourceWithProperties(BackupVault, {
      name: 'acme-backups',
      kms_key_arn: ref('aws_kms_key', keyName, 'arn'),
      force_destroy: false,
      tags: { Tenant: 'acme', DataClassification: 'PHI' },
    });
  });

  test('locks the vault in compliance mode with 3 days grace, the daily retention as minimum and the audit retention as maximum', () => {
    expect(text).toHaveResourceWithProperties(BackupVaultLockConfiguration, {
      backup_vault_name: ref('aws_backup_vault', vaultName, 'name'),
      changeable_for_days: 3,
      min_retention_days: 35,
      max_retention_days: 2192,
    });
  });

  // AWS Backup: a lock's minimum is how long it protects each recovery point; jobs shorter than it fail.
  // https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
  test('locks every recovery point for the full retention of the rule that lands it in its vault', () => {
    const locks = Object.fromEntries(resourcesOf(json, 'aws_backup_vault_lock_configuration').map(([, l]) => [l.backup_vault_name, l.min_retention_days]));
    const rules = json.resource.aws_backup_plan[planName].rule as Array<{ rule_name: string; target_vault_name: string; lifecycle: { delete_after: number } }>;
    expect(rules).toHaveLength(2);
    for (const rule of rules) expect([rule.rule_name, locks[rule.target_vault_name]]).toEqual([rule.rule_name, rule.lifecycle.delete_after]);
    expect(new Set(rules.map((r) => r.target_vault_name)).size).toBe(2);
  });

  test('keeps daily recovery points 35 days and monthly ones for the audit retention, in the locked vault', () => {
    const plan = json.resource.aws_backup_plan[planName];
    expect(plan.depends_on).toEqual([
      `aws_backup_vault_lock_configuration.${nameOf(json, 'aws_backup_vault_lock_configuration', 'Vault')}`,
      `aws_backup_vault_lock_configuration.${nameOf(json, 'aws_backup_vault_lock_configuration', 'Monthly')}`,
    ]);
    expect(text).toHaveResourceWithProperties(BackupPlan, {
      name: 'acme-databases',
      rule: [
        expect.objectContaining({
          rule_name: 'daily',
          target_vault_name: ref('aws_backup_vault', vaultName, 'name'),
          schedule: 'cron(0 5 ? * * *)',
          enable_continuous_backup: false,
          lifecycle: { delete_after: 35 },
          recovery_point_tags: { Tenant: 'acme', DataClassification: 'PHI' },
        }),
        expect.objectContaining({
          rule_name: 'monthly',
          target_vault_name: ref('aws_backup_vault', monthlyVaultName, 'name'),
          schedule: 'cron(0 5 1 * ? *)',
          lifecycle: { delete_after: 2192 },
        }),
      ],
    });
    for (const rule of plan.rule as Array<Record<string, unknown>>) expect(rule.copy_action).toBeUndefined();
  });

  test("selects every RDS instance of the account and Region tagged with the tenant's id", () => {
    expect(text).toHaveResourceWithProperties(BackupSelection, {
      name: 'acme-databases',
      plan_id: ref('aws_backup_plan', planName, 'id'),
      iam_role_arn: ref('aws_iam_role', roleName, 'arn'),
      resources: ['arn:aws:rds:us-east-1:123456789012:db:*'],
      condition: [{ string_equals: [{ key: 'aws:ResourceTag/Tenant', value: 'acme' }] }],
    });
    expect(resourcesOf(json, 'aws_backup_selection')).toHaveLength(1);
    const db = json.resource.aws_db_instance[nameOf(json, 'aws_db_instance', 'Database')];
    expect((db.tags as Record<string, string>).Tenant).toBe('acme');
  });

  test('backs up under a role only AWS Backup can assume, with the backup and restore managed policies', () => {
    const trust = policyOf(json.resource.aws_iam_role[roleName].assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Sid: 'BackupAssumes',
        Effect: 'Allow',
        Principal: { Service: 'backup.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
    expect(json.resource.aws_iam_role[roleName].name).toBe('acme-databases-backup');
    const attached = resourcesOf(json, 'aws_iam_role_policy_attachment').filter(([, a]) => a.role === ref('aws_iam_role', roleName, 'name'));
    expect(attached.map(([, a]) => a.policy_arn).sort()).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores' });
  });

  test('lets the backup role use the vault key, and create grants only for AWS resources', () => {
    const policy = policyOf(json.resource.aws_kms_key[keyName].policy);
    const roleArn = 'arn:aws:iam::123456789012:role/acme-databases-backup';
    expect(statement(policy, 'BackupRoleUseAcmeDatabases')).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: roleArn },
      Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
    });
    expect(statement(policy, 'BackupRoleGrantsAcmeDatabases')).toMatchObject({
      Principal: { AWS: roleArn },
      Action: 'kms:CreateGrant',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': true } },
    });
  });
});

describe('HipaaBackupPlan options', () => {
  test('copies daily and monthly recovery points to a vault in another Region with the same retention', () => {
    const dr = 'arn:aws:backup:us-west-2:123456789012:backup-vault:acme-dr';
    const { stack } = build({}, { copyTo: { destinationVaultArn: dr } });
    expect(synthJson(stack).text).toHaveResourceWithProperties(BackupPlan, {
      rule: [
        expect.objectContaining({ rule_name: 'daily', copy_action: [{ destination_vault_arn: dr, lifecycle: { delete_after: 35 } }] }),
        expect.objectContaining({ rule_name: 'monthly', copy_action: [{ destination_vault_arn: dr, lifecycle: { delete_after: 2192 } }] }),
      ],
    });
  });

  test('accepts a copy to another account in the same Region', () => {
    const { stack } = build({}, { copyTo: { destinationVaultArn: 'arn:aws:backup:us-east-1:210987654321:backup-vault:acme-dr' } });
    expect(synthJson(stack).text).toHaveResourceWithProperties(BackupPlan, { name: 'acme-databases' });
  });

  test('moves monthly recovery points to cold storage while leaving 90 days there', () => {
    const { stack } = build({}, { monthlyColdStorageAfterDays: 90 });
    expect(synthJson(stack).text).toHaveResourceWithProperties(BackupPlan, {
      rule: expect.arrayContaining([
        expect.objectContaining({ rule_name: 'monthly', lifecycle: { delete_after: 2192, cold_storage_after: 90, opt_in_to_archive_for_supported_resources: true } }),
      ]),
    });
  });

  test('turns on continuous backup for point-in-time restore on the daily rule', () => {
    const { stack } = build({}, { continuousBackup: true });
    expect(synthJson(stack).text).toHaveResourceWithProperties(BackupPlan, {
      rule: expect.arrayContaining([expect.objectContaining({ rule_name: 'daily', enable_continuous_backup: true, lifecycle: { delete_after: 35 } })]),
    });
  });

  test('selects extra resources by ARN in a second selection', () => {
    const { stack } = build({}, { additionalResourceArns: ['arn:aws:rds:us-east-1:123456789012:db:legacy'] });
    const { json } = synthJson(stack);
    const byName = Object.fromEntries(resourcesOf(json, 'aws_backup_selection').map(([, s]) => [s.name, s.resources]));
    expect(byName).toEqual({
      'acme-databases': ['arn:aws:rds:us-east-1:123456789012:db:*'],
      'acme-resources': ['arn:aws:rds:us-east-1:123456789012:db:legacy'],
    });
  });

  test('omits the grace period in governance mode', () => {
    const { stack } = build({ lock: { mode: 'governance' } });
    const { json } = synthJson(stack);
    const lock = json.resource.aws_backup_vault_lock_configuration[nameOf(json, 'aws_backup_vault_lock_configuration', 'Vault')];
    expect(lock).toMatchObject({ min_retention_days: 35, max_retention_days: 2192 });
    expect(lock.changeable_for_days).toBeUndefined();
  });

  test('leaves the vault unlocked only with a reason, recorded as a waiver', () => {
    const { stack, vault } = build({ lock: { enabled: false, reason: 'Vault lock managed by the organization backup policy' } });
    expect(synthJson(stack).json.resource.aws_backup_vault_lock_configuration).toBeUndefined();
    expect(collectWaivers(vault).map((w) => w.setting)).toEqual(['backupVaultLock']);
  });
});

describe('HipaaBackupVault and HipaaBackupPlan reject', () => {
  test.each([0, 1, 2, 2.5])('a compliance-mode grace period of %p days', (changeableForDays) => {
    expect(errorCodes(() => build({ lock: { changeableForDays } }))).toEqual(['HIPAA_VAULT_LOCK_GRACE']);
  });

  test('a grace period in governance mode', () => {
    expect(errorCodes(() => build({ lock: { mode: 'governance', changeableForDays: 3 } }))).toEqual(['HIPAA_VALUE_RANGE']);
  });

  test.each<[string, Partial<HipaaBackupVaultProps>]>([
    ['a lock maximum below the audit retention', { lock: { maxRetentionDays: 365 } }],
    ['a lock minimum above its maximum', { lock: { minRetentionDays: 3000, maxRetentionDays: 2192 } }],
    ['a lock maximum above 100 years', { lock: { maxRetentionDays: 40000 } }],
  ])('%s', (_what, props) => {
    expect(errorCodes(() => build(props))).toContain('HIPAA_VAULT_LOCK_RANGE');
  });

  test('a lock minimum above the daily retention', () => {
    expect(errorCodes(() => build({ lock: { minRetentionDays: 60 } }, { dailyRetentionDays: 35 }))).toEqual(['HIPAA_BACKUP_RETENTION']);
  });

  test('a lock minimum shorter than the retention of the rule that lands in the vault', () => {
    expect(errorCodes(() => build({ lock: { minRetentionDays: 7 } }, { dailyRetentionDays: 35 }))).toEqual(['HIPAA_BACKUP_LOCK_SHORTER_THAN_RETENTION']);
  });

  test('daily and monthly rules sharing one locked vault, which cannot protect both retentions', () => {
    const { stack, key } = dataStack();
    const vault = new HipaaBackupVault(stack, 'Vault', { vaultName: 'acme-backups', tenantId: 'acme', key });
    expect(errorCodes(() => new HipaaBackupPlan(stack, 'Plan', { planName: 'acme-databases', tenantId: 'acme', vault }))).toEqual(['HIPAA_BACKUP_LOCK_SHORTER_THAN_RETENTION']);
  });

  test.each<[string, Partial<HipaaBackupPlanProps>, string]>([
    ['daily retention below 7 days', { dailyRetentionDays: 5 }, 'HIPAA_BACKUP_RETENTION'],
    ['daily retention above 35 days with continuous backup', { dailyRetentionDays: 60, continuousBackup: true }, 'HIPAA_BACKUP_RETENTION'],
    ['monthly retention below the audit retention', { monthlyRetentionDays: 365 }, 'HIPAA_BACKUP_RETENTION'],
    ['cold storage that leaves fewer than 90 days', { monthlyColdStorageAfterDays: 2150 }, 'HIPAA_BACKUP_COLD_STORAGE'],
    ['a copy destination that is not a vault ARN', { copyTo: { destinationVaultArn: 'acme-dr' } }, 'HIPAA_BACKUP_COPY_DESTINATION'],
    ['a copy to the same Region and account', { copyTo: { destinationVaultArn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:other' } }, 'HIPAA_BACKUP_COPY_DESTINATION'],
    ['a plan name with spaces', { planName: 'acme databases' }, 'HIPAA_RESOURCE_NAME'],
  ])('%s', (_what, props, code) => {
    expect(errorCodes(() => build({}, props))).toEqual([code]);
  });

  test('monthly retention above the vault lock maximum', () => {
    expect(errorCodes(() => build({}, { monthlyRetentionDays: 3000 }))).toEqual(['HIPAA_BACKUP_RETENTION']);
  });

  test('a vault name AWS Backup does not accept', () => {
    expect(errorCodes(() => build({ vaultName: 'acme backups!' }))).toEqual(['HIPAA_RESOURCE_NAME']);
  });
});
