/**
 * The configuration file's schema: the one source for parsing, defaults, types and the generated
 * JSON Schema. Shape only; checks that span fields live in `validate.ts`.
 */
import { z } from 'zod';
import { AWS_REGIONS } from './regions';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../retention';

/** Lowercase DNS-safe slug used in names of buckets, stacks and roles. */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]*[a-z0-9]$/;
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
export const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

const slug = (what: string, max: number) =>
  z
    .string()
    .min(2, `${what} must be 2 to ${max} characters`)
    .max(max, `${what} must be 2 to ${max} characters`)
    .regex(SLUG_PATTERN, `${what} must be lowercase letters, digits and hyphens, starting with a letter`);

const region = z.enum(AWS_REGIONS, { message: 'not an AWS Region' });
const cidr = z.string().regex(CIDR_PATTERN, 'not an IPv4 CIDR such as 10.0.0.0/16');

export const acknowledgementSchema = z.strictObject({
  reason: z.string().min(10, 'a reason must be at least 10 characters').describe('Why the HIPAA default is being relaxed; shows in the compliance report.'),
});

export const accountSchema = z.strictObject({
  name: slug('account name', 24).describe('Stable name used in stack names and placement pins.'),
  id: z.string().regex(ACCOUNT_ID_PATTERN, 'an AWS account id is exactly 12 digits').describe('The 12-digit AWS account id.'),
  roleName: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, 'not a valid IAM role name')
    .default('OrganizationAccountAccessRole')
    .describe('Role Terraform assumes in this account.'),
  purpose: z.enum(['security', 'workloads', 'shared']).default('workloads').describe('What the account is for; only `workloads` accounts receive tenants.'),
  vpcQuota: z.number().int().min(1).max(1000).optional().describe('VPCs per Region this account may hold (its Service Quota).'),
  existingVpcs: z.number().int().min(0).max(1000).default(1).describe('VPCs the account already holds in each Region (counted against the quota).'),
  regions: z.array(region).default([]).describe("Regions this account's baseline covers besides the home Region."),
  autoScalingServiceLinkedRole: z
    .enum(['create', 'existing'])
    .optional()
    .describe(
      '`create` (default): the baseline creates AWSServiceRoleForAutoScaling, which the EBS key policy names. `existing`: the account already has it (creating it again fails).',
    ),
});

export const alarmsSchema = z.union([
  z.strictObject({
    email: z
      .array(z.string().email('not an email address, e.g. security@example.com'))
      .default([])
      .describe('Addresses notified of security alarms; each must confirm the subscription email SNS sends.'),
    https: z
      .array(z.string().url().startsWith('https://', 'use an https:// URL'))
      .default([])
      .describe('HTTPS endpoints (e.g. an incident-management webhook) notified of security alarms; each must confirm.'),
  }),
  z.strictObject({
    enabled: z.literal(false),
    reason: z
      .string()
      .min(10, 'a reason must be at least 10 characters')
      .describe('Why no one is subscribed (e.g. the topic is forwarded by an organization-wide rule); shows in the compliance report.'),
  }),
]);

/** Administrative ports the tier network ACLs deny from everywhere. */
export const ADMIN_PORTS: readonly number[] = [22, 3389];

export const peerSchema = z.strictObject({
  tenant: z.string().describe('Id of the tenant or pool on the other side of the peering.'),
  // Tier network ACLs deny 22 and 3389 from everywhere before any allow: administrative access is
  // only through the logged SSM bastion, so a peer on those ports could never connect.
  ports: z
    .array(
      z
        .number()
        .int()
        .min(1)
        .max(65535)
        .refine((p) => !ADMIN_PORTS.includes(p), {
          message: 'ports 22 (SSH) and 3389 (RDP) are never opened to peers: the network ACLs deny them, and administrative access goes through the SSM bastion (bastion module)',
        }),
    )
    .min(1, 'list at least one port')
    .default([443])
    .describe('TCP ports the peer may reach in this tenant (not 22 or 3389).'),
});

export const moduleUseSchema = z.strictObject({
  id: z.string().describe('Registry id of the module, e.g. `database`.'),
  inputs: z.record(z.string(), z.unknown()).default({}).describe("The module's inputs, checked against its schema in the registry."),
});

export const tenantSchema = z.strictObject({
  id: slug('tenant id', 20).describe('Stable tenant id: part of every name and Terraform address the tenant owns.'),
  mode: z.enum(['dedicated', 'pooled']).default('dedicated').describe('`dedicated`: own VPC, key, database and bastion. `pooled`: a tenant inside a shared pool.'),
  pool: z.string().optional().describe('The pool a pooled tenant lives in.'),
  account: z.string().optional().describe('Pin the tenant to an account by name; automatic placement otherwise.'),
  region: region.optional().describe("Region of the tenant's VPC."),
  cidr: cidr.optional().describe('Pin the VPC CIDR; automatic allocation otherwise.'),
  egress: z.boolean().default(false).describe("Give the tenant's application subnets internet egress through a NAT gateway."),
  peers: z.array(peerSchema).default([]).describe('The tenants or pools this tenant may talk to, and on which ports they may reach it.'),
  modules: z.array(moduleUseSchema).optional().describe('Modules composed into the tenant, by registry id.'),
  tags: z.record(z.string(), z.string()).default({}).describe('Free-form tags added to every resource of the tenant.'),
});

export const poolSchema = z.strictObject({
  id: slug('pool id', 20).describe('Stable pool id.'),
  account: z.string().optional(),
  region: region.optional(),
  cidr: cidr.optional(),
  egress: z.boolean().default(false),
  peers: z.array(peerSchema).default([]),
});

export const networkSchema = z.strictObject({
  supernet: cidr.default('10.0.0.0/8').describe('Address space all tenant VPCs are carved from.'),
  vpcPrefixLength: z.number().int().min(16).max(22).default(20).describe('Prefix length of each VPC.'),
  azCount: z.number().int().min(2).max(6).default(2).describe('Availability Zones per VPC.'),
  vpcQuotaPerRegion: z.number().int().min(1).max(1000).default(5).describe('Default VPCs-per-Region quota of an account (AWS default: 5).'),
});

export const backendSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local') }),
  z.strictObject({
    type: z.literal('s3'),
    bucket: z.string().min(3).max(63),
    region: region,
    kmsKeyId: z.string().min(1).describe('KMS key (ARN or alias) that encrypts state.'),
    keyPrefix: z.string().default('hipaa').describe("Prefix of each stack's state key: `<prefix>/<stack>.tfstate`."),
    dynamodbTable: z.string().optional().describe('Optional DynamoDB table for locking; S3-native lock files are used otherwise.'),
    roleArn: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('tfc'),
    organization: z.string().min(1),
    hostname: z.string().default('app.terraform.io'),
    workspacePrefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional()
      .describe("Workspace name prefix; a stack's workspace is `<prefix>-<stack>`."),
    project: z.string().optional(),
  }),
]);

export const suppressionSchema = z.strictObject({
  rule: z.string().min(1).describe('Rule id, e.g. `HIPAA-S3-001`.'),
  reason: z.string().min(10, 'a reason must be at least 10 characters').describe('Why the finding is acceptable; shows in every report.'),
  resources: z.array(z.string()).optional().describe('Terraform addresses (globs allowed) the suppression covers; all resources otherwise.'),
  expires: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date such as 2027-06-30')
    .optional()
    .describe('Date (YYYY-MM-DD) after which the finding is a violation again.'),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional().describe('JSON Schema reference for editors; ignored.'),
  organization: slug('organization', 20).describe('Organization slug: prefix of bucket names and Terraform Cloud workspaces.'),
  environment: slug('environment', 12).default('prod').describe('Environment slug, e.g. `prod`.'),
  homeRegion: region.default('us-east-1'),
  auditRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(36500)
    .default(DEFAULT_AUDIT_RETENTION_DAYS)
    .describe('Audit retention in days; drives trail bucket, object lock, log groups and backups.'),
  auditRetentionAcknowledgement: acknowledgementSchema.optional().describe('Required to set `auditRetentionDays` below six years.'),
  backend: backendSchema.default({ type: 'local' }),
  accounts: z.array(accountSchema).min(1, 'list at least one account'),
  network: networkSchema.default({ supernet: '10.0.0.0/8', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 5 }),
  pools: z.array(poolSchema).default([]),
  tenants: z.array(tenantSchema).default([]),
  suppressions: z.array(suppressionSchema).default([]),
  alarms: alarmsSchema.optional().describe('Who the security alarms of every account notify. Required: list at least one endpoint, or opt out with `{ enabled: false, reason }`.'),
  tags: z.record(z.string(), z.string()).default({}).describe('Extra tags for every resource.'),
});

/** The configuration as written (before defaults). */
export type HipaaConfigInput = z.input<typeof configSchema>;
/** The configuration after parsing and defaults. */
export type HipaaConfig = z.output<typeof configSchema>;
export type AccountConfig = HipaaConfig['accounts'][number];
export type TenantConfig = HipaaConfig['tenants'][number];
export type PoolConfig = HipaaConfig['pools'][number];
export type PeerConfig = TenantConfig['peers'][number];
export type BackendConfig = HipaaConfig['backend'];
export type AlarmsConfig = z.output<typeof alarmsSchema>;
export type SuppressionConfig = HipaaConfig['suppressions'][number];
