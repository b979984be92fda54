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
  /** Why the HIPAA default is being relaxed; shows in the compliance report. */
  reason: z.string().min(10, 'a reason must be at least 10 characters'),
});

export const accountSchema = z.strictObject({
  /** Stable name used in stack names and placement pins. */
  name: slug('account name', 24),
  /** The 12-digit AWS account id. */
  id: z.string().regex(ACCOUNT_ID_PATTERN, 'an AWS account id is exactly 12 digits'),
  /** Role Terraform assumes in this account. */
  roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'not a valid IAM role name').default('OrganizationAccountAccessRole'),
  /** What the account is for; only `workloads` accounts receive tenants. */
  purpose: z.enum(['security', 'workloads', 'shared']).default('workloads'),
  /** VPCs per Region this account may hold (its Service Quota). */
  vpcQuota: z.number().int().min(1).max(1000).optional(),
  /** VPCs the account already holds in each Region (counted against the quota). */
  existingVpcs: z.number().int().min(0).max(1000).default(1),
  /** Regions this account's baseline covers besides the home Region. */
  regions: z.array(region).default([]),
});

export const peerSchema = z.strictObject({
  /** Id of the tenant or pool on the other side of the peering. */
  tenant: z.string(),
  /** TCP ports the peer may reach in this tenant. */
  ports: z.array(z.number().int().min(1).max(65535)).min(1, 'list at least one port').default([443]),
});

export const moduleUseSchema = z.strictObject({
  /** Registry id of the module, e.g. `database`. */
  id: z.string(),
  /** The module's inputs, checked against its schema in the registry. */
  inputs: z.record(z.string(), z.unknown()).default({}),
});

export const tenantSchema = z.strictObject({
  /** Stable tenant id: part of every name and Terraform address the tenant owns. */
  id: slug('tenant id', 20),
  /** `dedicated`: own VPC, key, database and bastion. `pooled`: a tenant inside a shared pool. */
  mode: z.enum(['dedicated', 'pooled']).default('dedicated'),
  /** The pool a pooled tenant lives in. */
  pool: z.string().optional(),
  /** Pin the tenant to an account by name; automatic placement otherwise. */
  account: z.string().optional(),
  /** Region of the tenant's VPC. */
  region: region.optional(),
  /** Pin the VPC CIDR; automatic allocation otherwise. */
  cidr: cidr.optional(),
  /** Give the tenant's application subnets internet egress through a NAT gateway. */
  egress: z.boolean().default(false),
  /** The tenants or pools this tenant may talk to, and on which ports they may reach it. */
  peers: z.array(peerSchema).default([]),
  /** Modules composed into the tenant, by registry id. */
  modules: z.array(moduleUseSchema).optional(),
  /** Free-form tags added to every resource of the tenant. */
  tags: z.record(z.string(), z.string()).default({}),
});

export const poolSchema = z.strictObject({
  /** Stable pool id. */
  id: slug('pool id', 20),
  account: z.string().optional(),
  region: region.optional(),
  cidr: cidr.optional(),
  egress: z.boolean().default(false),
  peers: z.array(peerSchema).default([]),
});

export const networkSchema = z.strictObject({
  /** Address space all tenant VPCs are carved from. */
  supernet: cidr.default('10.0.0.0/8'),
  /** Prefix length of each VPC. */
  vpcPrefixLength: z.number().int().min(16).max(24).default(20),
  /** Availability Zones per VPC. */
  azCount: z.number().int().min(2).max(6).default(2),
  /** Default VPCs-per-Region quota of an account (AWS default: 5). */
  vpcQuotaPerRegion: z.number().int().min(1).max(1000).default(5),
});

export const backendSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local') }),
  z.strictObject({
    type: z.literal('s3'),
    bucket: z.string().min(3).max(63),
    region: region,
    /** KMS key (ARN or alias) that encrypts state. */
    kmsKeyId: z.string().min(1),
    /** Prefix of each stack's state key: `<prefix>/<stack>.tfstate`. */
    keyPrefix: z.string().default('hipaa'),
    /** Optional DynamoDB table for locking; S3-native lock files are used otherwise. */
    dynamodbTable: z.string().optional(),
    roleArn: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('tfc'),
    organization: z.string().min(1),
    hostname: z.string().default('app.terraform.io'),
    /** Workspace name prefix; a stack's workspace is `<prefix>-<stack>`. */
    workspacePrefix: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
    project: z.string().optional(),
    tags: z.array(z.string()).default([]),
  }),
]);

export const suppressionSchema = z.strictObject({
  /** Rule id, e.g. `HIPAA-S3-001`. */
  rule: z.string().min(1),
  /** Why the finding is acceptable; shows in every report. */
  reason: z.string().min(10, 'a reason must be at least 10 characters'),
  /** Terraform addresses (globs allowed) the suppression covers; all resources otherwise. */
  resources: z.array(z.string()).optional(),
  /** Date (YYYY-MM-DD) after which the finding is a violation again. */
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date such as 2027-06-30').optional(),
});

export const configSchema = z.strictObject({
  /** JSON Schema reference for editors; ignored. */
  $schema: z.string().optional(),
  /** Organization slug: prefix of bucket names and Terraform Cloud workspaces. */
  organization: slug('organization', 20),
  /** Environment slug, e.g. `prod`. */
  environment: slug('environment', 12).default('prod'),
  homeRegion: region.default('us-east-1'),
  /** Audit retention in days; drives trail bucket, object lock, log groups and backups. */
  auditRetentionDays: z.number().int().min(1).max(36500).default(DEFAULT_AUDIT_RETENTION_DAYS),
  /** Required to set `auditRetentionDays` below six years. */
  auditRetentionAcknowledgement: acknowledgementSchema.optional(),
  backend: backendSchema.default({ type: 'local' }),
  accounts: z.array(accountSchema).min(1, 'list at least one account'),
  network: networkSchema.default({ supernet: '10.0.0.0/8', vpcPrefixLength: 20, azCount: 2, vpcQuotaPerRegion: 5 }),
  pools: z.array(poolSchema).default([]),
  tenants: z.array(tenantSchema).default([]),
  suppressions: z.array(suppressionSchema).default([]),
  /** Extra tags for every resource. */
  tags: z.record(z.string(), z.string()).default({}),
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
export type SuppressionConfig = HipaaConfig['suppressions'][number];
