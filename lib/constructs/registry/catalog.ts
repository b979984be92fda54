/**
 * The catalog: every module we offer, registered once. Composable modules are listed by id under a
 * tenant's `modules:`; the others (baseline, network, peering, key, bucket) are composed by the
 * stacks and listed here so the catalog, its reference page and its controls are complete.
 */
import { z } from 'zod';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { ModuleRegistry, ModuleUse } from './registry';
import { TenantContext } from './context';
import { HipaaDatabase } from '../data/hipaa-database';
import { BACKUP_MAX_RETENTION_DAYS, DAILY_BACKUP_RETENTION_DAYS, HipaaBackupPlan, HipaaBackupVault } from '../data/backup';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../retention';
import { Bastion, bastionOutputs } from '../access/bastion';
import { HipaaSecret } from '../secrets/hipaa-secret';

const DAILY_RANGE = `daily recovery points are kept ${DAILY_BACKUP_RETENTION_DAYS} to ${BACKUP_MAX_RETENTION_DAYS} days; ${DAILY_BACKUP_RETENTION_DAYS} is the floor of the HIPAA pack (HIPAA-BK-003)`;

export const CATALOG = new ModuleRegistry<TenantContext>();

/** What a tenant gets when its configuration lists no modules. */
export const DEFAULT_TENANT_MODULES: Record<'dedicated' | 'pooled', readonly ModuleUse[]> = {
  dedicated: [
    { id: 'database', inputs: {} },
    { id: 'backup', inputs: {} },
    { id: 'bastion', inputs: {} },
  ],
  pooled: [
    { id: 'database', inputs: {} },
    { id: 'backup', inputs: {} },
  ],
};

const noInputs = z.strictObject({});
const reason = z.string().min(10, 'a reason must be at least 10 characters');
/** A HIPAA default that stays on unless turned off with a reason. */
const onOrWaived = (what: string) =>
  z
    .union([z.literal(true), z.strictObject({ enabled: z.literal(false), reason })])
    .default(true)
    .describe(`${what}; turn off only with { enabled: false, reason }`);

const notComposable = (): void => {
  throw new Error('this module is composed by its stack, not from a configuration');
};

CATALOG.register({
  id: 'account-baseline',
  version: '1.0.0',
  summary: 'Per-account audit trail, locked audit bucket, keys, MFA enforcement, password policy and detective controls',
  controls: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(C)', '164.308(a)(5)(ii)(D)', '164.312(a)(2)(iv)', '164.312(b)', '164.312(c)(1)', '164.312(d)', '164.316(b)(2)'],
  scopes: ['account'],
  composable: false,
  inputs: noInputs,
  factory: notComposable,
});
CATALOG.register({
  id: 'audit-trail',
  version: '1.0.0',
  summary: 'Multi-region CloudTrail with log-file validation, KMS encryption and an encrypted CloudWatch Logs copy',
  controls: ['164.308(a)(1)(ii)(D)', '164.312(b)', '164.312(c)(2)'],
  scopes: ['account'],
  composable: false,
  inputs: noInputs,
  factory: notComposable,
});
CATALOG.register({
  id: 'secure-bucket',
  version: '1.0.0',
  summary: 'S3 bucket with SSE-KMS, versioning, public access block, TLS-only policy, access logs, object lock and lifecycle',
  controls: ['164.312(a)(2)(iv)', '164.312(c)(1)', '164.312(e)(1)', '164.316(b)(2)'],
  scopes: ['account', 'dedicated-tenant', 'pool'],
  composable: false,
  inputs: noInputs,
  factory: notComposable,
});
CATALOG.register({
  id: 'tenant-key',
  version: '1.0.0',
  summary: "A tenant's customer-managed KMS key with rotation, 30-day deletion window and a grant-based key policy",
  controls: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  scopes: ['dedicated-tenant', 'pooled-tenant'],
  composable: false,
  inputs: noInputs,
  factory: notComposable,
});
CATALOG.register({
  id: 'tenant-network',
  version: '1.0.0',
  summary: 'Private VPC per tenant or pool: app and data tiers per AZ, flow logs, VPC endpoints, managed defaults',
  controls: ['164.308(a)(4)(ii)(B)', '164.312(b)', '164.312(e)(1)'],
  scopes: ['dedicated-tenant', 'pool'],
  composable: false,
  inputs: noInputs,
  factory: notComposable,
});
CATALOG.register({
  id: 'vpc-peering',
  version: '1.0.0',
  summary: 'A declared VPC peering: routes to the peer CIDR only, security groups admitting only declared ports',
  controls: ['164.308(a)(4)(ii)(B)', '164.312(e)(1)'],
  scopes: ['peering'],
  composable: false,
  inputs: noInputs,
  factory: notComposable,
});

const databaseInputs = z.strictObject({
  engine: z.enum(['postgres', 'mysql']).default('postgres').describe('Database engine'),
  engineVersion: z.string().optional().describe('Major version (postgres 14-17, mysql 8.0/8.4); the latest supported by default'),
  instanceClass: z
    .string()
    .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'an RDS instance class such as db.t4g.medium')
    .default('db.t4g.medium')
    .describe('RDS instance class'),
  allocatedStorageGib: z.number().int().min(20).max(65536).default(20).describe('Initial storage in GiB'),
  maxAllocatedStorageGib: z.number().int().min(20).max(65536).default(100).describe('Storage autoscaling ceiling in GiB'),
  backupRetentionDays: z
    .number()
    .int()
    .min(7, 'automated backups are kept 7 to 35 days')
    .max(35, 'automated backups are kept 7 to 35 days')
    .default(35)
    .describe('Days of automated backups (point-in-time restore window)'),
  multiAz: onOrWaived('Multi-AZ standby'),
  deletionProtection: onOrWaived('Deletion protection'),
});

CATALOG.register({
  id: 'database',
  version: '1.0.0',
  summary: 'RDS PostgreSQL or MySQL: customer-key encryption, forced TLS, managed master secret, backups, logs, private only',
  controls: ['164.308(a)(7)(ii)(A)', '164.312(a)(2)(iv)', '164.312(b)', '164.312(c)(1)', '164.312(d)', '164.312(e)(1)', '164.312(e)(2)(ii)'],
  scopes: ['dedicated-tenant', 'pooled-tenant'],
  composable: true,
  inputs: databaseInputs,
  factory: (ctx, inputs) => {
    const { tenant, network } = ctx;
    const db = new HipaaDatabase(ctx.scope, 'Database', {
      identifier: tenant.names.dbIdentifier,
      tenantId: tenant.id,
      key: ctx.key,
      vpcId: network.vpcId,
      dataSubnetIds: network.subnetIds.data,
      allowedSecurityGroupIds: { workload: ctx.workloadSecurityGroupId },
      engine: inputs.engine,
      engineVersion: inputs.engineVersion,
      instanceClass: inputs.instanceClass,
      allocatedStorageGib: inputs.allocatedStorageGib,
      maxAllocatedStorageGib: inputs.maxAllocatedStorageGib,
      backupRetentionDays: inputs.backupRetentionDays,
      multiAz: inputs.multiAz === true ? undefined : inputs.multiAz,
      deletionProtection: inputs.deletionProtection === true ? undefined : inputs.deletionProtection,
      tags: ctx.tags,
    });
    ctx.built.set('database', db);
    const prefix = ctx.tenant.mode === 'pooled' ? `${tenant.id}_` : '';
    new TerraformOutput(ctx.scope, `${prefix}db_instance_identifier`, { value: db.identifier, description: `RDS identifier of tenant ${tenant.id}`, staticId: true });
    if (ctx.tenant.mode === 'pooled') {
      new TerraformOutput(ctx.scope, `${prefix}db_instance_endpoint`, { value: db.endpoint, description: `Database endpoint of tenant ${tenant.id}`, staticId: true });
    }
  },
});

CATALOG.register({
  id: 'backup',
  version: '1.0.0',
  summary: 'AWS Backup: customer-key vault with a vault lock, daily and monthly rules, optional DR copy, tenant-tag selection',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)', '164.312(c)(1)', '164.316(b)(2)'],
  scopes: ['dedicated-tenant', 'pooled-tenant'],
  composable: true,
  inputs: z.strictObject({
    // The HIPAA pack's floor (AWS Config backup-plan-min-frequency-and-min-retention-check, default
    // requiredRetentionDays 35). AWS Backup's 35-day ceiling applies to continuous backups only; a
    // snapshot rule keeps its points up to the lifecycle maximum, so longer daily retention is valid.
    dailyRetentionDays: z
      .number()
      .int()
      .min(DAILY_BACKUP_RETENTION_DAYS, DAILY_RANGE)
      .max(BACKUP_MAX_RETENTION_DAYS, DAILY_RANGE)
      .default(DAILY_BACKUP_RETENTION_DAYS)
      .describe('Days each daily recovery point is kept, at least 35 (the HIPAA pack requires a daily rule keeping 35 days)'),
    // Monthly points are the long-term copy HIPAA-BK-004 requires for the audit retention.
    monthlyRetentionDays: z
      .number()
      .int()
      .min(DEFAULT_AUDIT_RETENTION_DAYS)
      .max(BACKUP_MAX_RETENTION_DAYS)
      .optional()
      .describe('Days each monthly recovery point is kept, at least `auditRetentionDays`; the audit retention by default'),
    lockMode: z.enum(['compliance', 'governance']).default('compliance').describe('Vault lock mode (compliance becomes immutable after 3 days)'),
    copyToVaultArn: z
      .string()
      .regex(/^arn:aws[\w-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:.+$/, 'a backup vault ARN')
      .optional()
      .describe('Vault in another Region or account that receives a copy of every recovery point'),
  }),
  factory: (ctx, inputs) => {
    const org = ctx.config.organization;
    const monthlyRetentionDays = inputs.monthlyRetentionDays ?? ctx.key.target.auditRetentionDays;
    // One locked vault per retention class, each locked for its whole retention (see HipaaBackupPlan
    // monthlyVault). The daily class keeps the original vault and its address.
    const vault = new HipaaBackupVault(ctx.scope, 'BackupVault', {
      vaultName: `${org}-${ctx.tenant.id}`,
      tenantId: ctx.tenant.id,
      key: ctx.key,
      tags: ctx.tags,
      lock: { mode: inputs.lockMode, minRetentionDays: inputs.dailyRetentionDays, maxRetentionDays: Math.max(inputs.dailyRetentionDays, ctx.key.target.auditRetentionDays) },
    });
    const monthlyVault = new HipaaBackupVault(ctx.scope, 'MonthlyBackupVault', {
      vaultName: `${org}-${ctx.tenant.id}-monthly`,
      tenantId: ctx.tenant.id,
      key: ctx.key,
      tags: ctx.tags,
      lock: { mode: inputs.lockMode, minRetentionDays: monthlyRetentionDays, maxRetentionDays: Math.max(monthlyRetentionDays, ctx.key.target.auditRetentionDays) },
    });
    new HipaaBackupPlan(ctx.scope, 'BackupPlan', {
      planName: `${org}-${ctx.tenant.id}`,
      tenantId: ctx.tenant.id,
      vault,
      monthlyVault,
      dailyRetentionDays: inputs.dailyRetentionDays,
      monthlyRetentionDays,
      copyTo: inputs.copyToVaultArn ? { destinationVaultArn: inputs.copyToVaultArn } : undefined,
      tags: ctx.tags,
    });
  },
});

CATALOG.register({
  id: 'bastion',
  version: '1.0.0',
  summary: 'The only door to the database: SSM Session Manager instance, no inbound port, IMDSv2, logged encrypted sessions',
  controls: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)', '164.312(b)', '164.312(d)', '164.312(e)(1)'],
  scopes: ['dedicated-tenant'],
  composable: true,
  requires: ['database'],
  inputs: z.strictObject({
    instanceType: z
      .string()
      .regex(/^[a-z0-9]+\.[a-z0-9]+$/, 'an EC2 instance type such as t3.micro')
      .default('t3.micro')
      .describe('EC2 instance type'),
    localPort: z.number().int().min(1024).max(65535).default(15432).describe('Local port in the printed port-forwarding command'),
  }),
  factory: (ctx, inputs) => {
    const db = ctx.built.get('database') as HipaaDatabase;
    const bastion = new Bastion(ctx.scope, 'Bastion', {
      namePrefix: `${ctx.config.organization}-${ctx.tenant.id}`,
      tenantId: ctx.tenant.id,
      key: ctx.key,
      vpcId: ctx.network.vpcId,
      subnetId: ctx.network.subnetIds.app[0],
      vpcCidr: ctx.network.vpcCidr,
      endpointSecurityGroupId: ctx.network.endpointSecurityGroupId,
      s3PrefixListId: ctx.network.s3GatewayEndpoint.prefixListId,
      instanceType: inputs.instanceType,
      tags: ctx.tags,
    });
    bastion.allowDatabase(db);
    bastionOutputs(TerraformStack.of(ctx.scope), bastion, db, { localPort: inputs.localPort });
  },
});

CATALOG.register({
  id: 'secret',
  version: '1.0.0',
  summary: "Secrets Manager secret with the tenant's key, 30-day recovery, rotation, readable only by the tenant's roles",
  controls: ['164.312(a)(1)', '164.312(a)(2)(iv)', '164.312(d)'],
  scopes: ['dedicated-tenant', 'pooled-tenant'],
  composable: true,
  inputs: z.strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9/_+=.@-]{1,200}$/, 'a secret name of letters, digits and /_+=.@-')
      .describe('Secret name, prefixed with <organization>/<tenant>/'),
    description: z.string().max(2048).default('Tenant secret').describe('What the secret holds'),
    rotation: z
      .union([
        z.strictObject({ functionArn: z.string().regex(/^arn:aws[\w-]*:lambda:/, 'a Lambda function ARN'), afterDays: z.number().int().min(1).max(365).default(30) }),
        z.strictObject({ enabled: z.literal(false), reason }),
      ])
      .describe('Rotation Lambda, or { enabled: false, reason }'),
  }),
  factory: (ctx, inputs) => {
    const name = `${ctx.config.organization}/${ctx.tenant.id}/${inputs.name}`;
    new HipaaSecret(ctx.scope, `Secret-${inputs.name.replace(/[^A-Za-z0-9]/g, '-')}`, {
      secretName: name,
      description: inputs.description,
      tenantId: ctx.tenant.id,
      key: ctx.key,
      allowedPrincipalArns: [ctx.tenantRoleArn],
      rotation: 'functionArn' in inputs.rotation ? { functionArn: inputs.rotation.functionArn, afterDays: inputs.rotation.afterDays } : inputs.rotation,
      tags: ctx.tags,
    });
  },
});
