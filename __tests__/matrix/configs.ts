/**
 * The option matrix: configurations generated from the schema's enums and ranges, the engine table
 * and the registry's module input schemas, so a new engine version, Region family, backend or input
 * bound shows up here without editing this file. Dimensions are combined pairwise (every value of
 * every dimension appears at least once) and many tenants share one configuration, which keeps the
 * matrix to a handful of synths.
 */
import { z } from 'zod';
import { AWS_REGIONS, maxAzCount, partitionOf } from '../../lib/config/regions';
import { backendSchema, configSchema, networkSchema, type HipaaConfigInput } from '../../lib/config/schema';
import { PARAMETER_FAMILIES, type DatabaseEngine } from '../../lib/constructs/data/engines';
import { CATALOG } from '../../lib/constructs/registry/catalog';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../lib/retention';
import { MAX_REACHABLE_RETENTION_DAYS, MIN_REACHABLE_RETENTION_DAYS } from '../../lib/plan/options';

type Input = Record<string, unknown>;
type TenantInput = NonNullable<HipaaConfigInput['tenants']>[number];

/** Removes defaults and optionals around a schema. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}

/** The [min, max] a numeric field of an object schema documents. */
export function boundsOf(object: z.ZodType, field: string): [number, number] {
  const s = unwrap((unwrap(object) as z.ZodObject).shape[field] as z.ZodType) as z.ZodNumber;
  if (s.minValue === null || s.maxValue === null) throw new Error(`${field} has no documented range`);
  return [s.minValue, s.maxValue];
}

/** The documented range of a module input, from the module's schema in the registry. */
export function moduleBounds(moduleId: string, field: string): [number, number] {
  const def = CATALOG.get(moduleId);
  if (!def) throw new Error(`no module ${moduleId} in the catalog`);
  return boundsOf(def.inputs as z.ZodType, field);
}

/** Every engine and supported major version, from lib/constructs/data/engines.ts. */
export const ENGINE_VERSIONS: ReadonlyArray<{ engine: DatabaseEngine; version: string }> = (Object.keys(PARAMETER_FAMILIES) as DatabaseEngine[]).flatMap((engine) =>
  Object.keys(PARAMETER_FAMILIES[engine]).map((version) => ({ engine, version })),
);

/** One Region per family: commercial US, GovCloud, and a commercial Region outside the US. */
export const REGION_FAMILIES = {
  commercial: AWS_REGIONS.find((r) => r === 'us-east-1') as string,
  govcloud: AWS_REGIONS.find((r) => partitionOf(r) === 'aws-us-gov') as string,
  nonUs: AWS_REGIONS.find((r) => !r.startsWith('us-') && partitionOf(r) === 'aws' && r.startsWith('eu-west-')) as string,
};

/** Every backend type the schema accepts, with the fields that type needs. */
export const BACKEND_TYPES = backendSchema.options.map((o) => (o.shape.type as z.ZodLiteral).value as string);

function backendOf(type: string, region: string): HipaaConfigInput['backend'] {
  switch (type) {
    case 'local':
      return { type: 'local' };
    case 's3':
      return { type: 's3', bucket: 'matrix-terraform-state', region: region as never, kmsKeyId: 'alias/terraform-state', keyPrefix: 'hipaa/matrix' };
    case 'tfc':
      return { type: 'tfc', organization: 'matrix', workspacePrefix: 'matrix', project: 'hipaa' };
    default:
      throw new Error(`the matrix has no fixture for backend type ${type}; add one to backendOf`);
  }
}

const [AZ_MIN] = boundsOf(networkSchema, 'azCount');
const [PREFIX_MIN, PREFIX_MAX] = boundsOf(networkSchema, 'vpcPrefixLength');
const [STORAGE_MIN, STORAGE_MAX] = moduleBounds('database', 'allocatedStorageGib');
const [DB_BACKUP_MIN, DB_BACKUP_MAX] = moduleBounds('database', 'backupRetentionDays');
const [DAILY_MIN, DAILY_MAX] = moduleBounds('backup', 'dailyRetentionDays');
const [, MONTHLY_MAX] = moduleBounds('backup', 'monthlyRetentionDays');
const [PORT_MIN, PORT_MAX] = moduleBounds('bastion', 'localPort');
const [RETENTION_MIN, RETENTION_MAX] = boundsOf(configSchema, 'auditRetentionDays');
const rotationSchema = (unwrap((CATALOG.get('secret')?.inputs as z.ZodObject).shape.rotation as z.ZodType) as z.ZodUnion).options[0] as z.ZodType;
const [ROTATION_MIN, ROTATION_MAX] = boundsOf(rotationSchema, 'afterDays');

export interface MatrixEntry {
  /** What the entry covers, as a sentence fragment. */
  readonly name: string;
  readonly config: HipaaConfigInput;
}

interface TenantSpec {
  readonly id: string;
  readonly engine: DatabaseEngine;
  readonly version: string;
  readonly mode: 'dedicated' | 'pooled';
  readonly egress?: boolean;
  readonly database?: Input;
  readonly backup?: Input;
  readonly bastion?: Input;
  /** Inputs of a `secret` module, when the tenant has one. */
  readonly secret?: Input;
}

function tenant(spec: TenantSpec): TenantInput {
  const modules = [
    { id: 'database', inputs: { engine: spec.engine, engineVersion: spec.version, ...spec.database } },
    { id: 'backup', inputs: { ...spec.backup } },
    ...(spec.mode === 'dedicated' ? [{ id: 'bastion', inputs: { ...spec.bastion } }] : []),
    ...(spec.secret ? [{ id: 'secret', inputs: spec.secret }] : []),
  ];
  return spec.mode === 'pooled' ? { id: spec.id, mode: 'pooled', pool: 'shared', modules } : { id: spec.id, mode: 'dedicated', egress: spec.egress ?? false, modules };
}

/** A secret rotated by a Lambda in the Region's partition every `afterDays` days. */
function rotatedSecret(region: string, afterDays: number): Input {
  return { name: `api-key-${afterDays}`, rotation: { functionArn: `arn:${partitionOf(region)}:lambda:${region}:222222222222:function:rotate`, afterDays } };
}

function config(
  name: string,
  region: string,
  backend: string,
  tenants: TenantSpec[],
  extra: { azCount?: number; vpcPrefixLength?: number; auditRetentionDays?: number; poolEgress?: boolean } = {},
): MatrixEntry {
  const pooled = tenants.some((t) => t.mode === 'pooled');
  return {
    name,
    config: {
      organization: 'matrix',
      environment: 'test',
      alarms: { email: ['security@example.com'], https: ['https://alerts.example.com/hipaa'] },
      homeRegion: region as never,
      ...(extra.auditRetentionDays !== undefined ? { auditRetentionDays: extra.auditRetentionDays } : {}),
      ...(extra.auditRetentionDays !== undefined && extra.auditRetentionDays < DEFAULT_AUDIT_RETENTION_DAYS
        ? { auditRetentionAcknowledgement: { reason: 'matrix: the shortest retention the schema documents' } }
        : {}),
      backend: backendOf(backend, region),
      network: { supernet: '10.0.0.0/8', vpcPrefixLength: extra.vpcPrefixLength ?? 20, azCount: extra.azCount ?? AZ_MIN, vpcQuotaPerRegion: 5 },
      accounts: [
        { name: 'security', id: '111111111111', purpose: 'security' },
        { name: 'workloads', id: '222222222222', purpose: 'workloads', vpcQuota: 20 },
      ],
      pools: pooled ? [{ id: 'shared', egress: extra.poolEgress ?? false }] : [],
      tenants: tenants.map(tenant),
    },
  };
}

const pg = ENGINE_VERSIONS.filter((e) => e.engine === 'postgres');
const mysql = ENGINE_VERSIONS.filter((e) => e.engine === 'mysql');
const slug = (e: { engine: string; version: string }) => `${e.engine === 'postgres' ? 'pg' : 'my'}${e.version.replace('.', '')}`;

/**
 * Entries expected to synthesize with 0 violations on this branch: every PostgreSQL major version,
 * dedicated and pooled, every backend, the commercial and non-US Region families, the network and
 * module bounds that do not touch the rules being fixed elsewhere.
 */
export const MATRIX: readonly MatrixEntry[] = [
  config(
    `${REGION_FAMILIES.commercial}, local backend, azCount ${AZ_MIN}, /${PREFIX_MIN} VPCs, minimum storage and bastion port`,
    REGION_FAMILIES.commercial,
    'local',
    [
      {
        id: `d-${slug(pg[0])}`,
        ...pg[0],
        mode: 'dedicated',
        database: { allocatedStorageGib: STORAGE_MIN, maxAllocatedStorageGib: STORAGE_MIN + 1 },
        bastion: { localPort: PORT_MIN },
        secret: rotatedSecret(REGION_FAMILIES.commercial, ROTATION_MIN),
      },
      ...pg.slice(1).map((e) => ({ id: `p-${slug(e)}`, ...e, mode: 'pooled' as const })),
    ],
    { vpcPrefixLength: PREFIX_MIN },
  ),
  config(
    `${REGION_FAMILIES.nonUs}, s3 backend, azCount ${maxAzCount(REGION_FAMILIES.nonUs)} (the Region's maximum), /${PREFIX_MAX} VPCs, maximum storage and bastion port`,
    REGION_FAMILIES.nonUs,
    's3',
    [
      ...pg
        .map((e) => ({
          id: `d-${slug(e)}`,
          ...e,
          mode: 'dedicated' as const,
          database: { allocatedStorageGib: STORAGE_MAX - 1, maxAllocatedStorageGib: STORAGE_MAX },
          bastion: { localPort: PORT_MAX },
        }))
        .slice(-1),
      { id: `p-${slug(pg[0])}`, ...pg[0], mode: 'pooled', secret: rotatedSecret(REGION_FAMILIES.nonUs, ROTATION_MAX) },
    ],
    { azCount: maxAzCount(REGION_FAMILIES.nonUs), vpcPrefixLength: PREFIX_MAX },
  ),
  config(
    `${REGION_FAMILIES.commercial}, tfc backend, azCount ${maxAzCount(REGION_FAMILIES.commercial)} (the Region's maximum)`,
    REGION_FAMILIES.commercial,
    'tfc',
    [
      { id: `d-${slug(pg[1])}`, ...pg[1], mode: 'dedicated' },
      { id: `p-${slug(pg[2])}`, ...pg[2], mode: 'pooled' },
    ],
    { azCount: maxAzCount(REGION_FAMILIES.commercial) },
  ),
  config(
    `the shortest audit retention the synth can meet (${MIN_REACHABLE_RETENTION_DAYS} days, acknowledged)`,
    REGION_FAMILIES.nonUs,
    'local',
    [{ id: `d-${slug(pg[pg.length - 1])}`, ...pg[pg.length - 1], mode: 'dedicated' }],
    { auditRetentionDays: MIN_REACHABLE_RETENTION_DAYS },
  ),
  config(
    `the longest audit retention the synth can meet (${MAX_REACHABLE_RETENTION_DAYS} days)`,
    REGION_FAMILIES.commercial,
    'tfc',
    [{ id: `d-${slug(pg[0])}`, ...pg[0], mode: 'dedicated' }],
    { auditRetentionDays: MAX_REACHABLE_RETENTION_DAYS },
  ),
];

/**
 * Entries for the options our own rules used to reject: MySQL, GovCloud, egress, backup retention
 * at its bounds. Run with the rest of the matrix.
 */
export const PENDING_RULES_MATRIX: readonly MatrixEntry[] = [
  config('every MySQL major version, dedicated and pooled', REGION_FAMILIES.commercial, 'local', [
    ...mysql.map((e) => ({ id: `d-${slug(e)}`, ...e, mode: 'dedicated' as const })),
    ...mysql.map((e) => ({ id: `p-${slug(e)}`, ...e, mode: 'pooled' as const })),
  ]),
  config(`${REGION_FAMILIES.govcloud} (GovCloud), s3 backend, dedicated and pooled`, REGION_FAMILIES.govcloud, 's3', [
    { id: `d-${slug(pg[pg.length - 1])}`, ...pg[pg.length - 1], mode: 'dedicated' },
    { id: `p-${slug(mysql[0])}`, ...mysql[0], mode: 'pooled' },
  ]),
  config(
    'egress on for a dedicated tenant and a pool',
    REGION_FAMILIES.nonUs,
    'tfc',
    [
      { id: `d-${slug(pg[0])}`, ...pg[0], mode: 'dedicated', egress: true },
      { id: `p-${slug(pg[1])}`, ...pg[1], mode: 'pooled' },
    ],
    { poolEgress: true },
  ),
  config('backup retention at the bounds of its documented ranges', REGION_FAMILIES.commercial, 'local', [
    { id: 'd-min', ...pg[pg.length - 1], mode: 'dedicated', database: { backupRetentionDays: DB_BACKUP_MIN }, backup: { dailyRetentionDays: DAILY_MIN, lockMode: 'governance' } },
    {
      id: 'd-max',
      ...pg[pg.length - 1],
      mode: 'dedicated',
      database: { backupRetentionDays: DB_BACKUP_MAX },
      backup: { dailyRetentionDays: DAILY_MAX, monthlyRetentionDays: MONTHLY_MAX },
    },
  ]),
];

/**
 * Combinations that cannot be compliant or deployable: the configuration is rejected, with the
 * code and the path of the field to change.
 */
export const REJECTED: ReadonlyArray<MatrixEntry & { readonly code: string; readonly path: string }> = [
  {
    ...config("azCount beyond us-west-1's two zones", 'us-west-1', 'local', [{ id: 'd-a', ...pg[0], mode: 'dedicated' }], { azCount: 3 }),
    code: 'HIPAA_AZ_COUNT_REGION',
    path: 'network.azCount',
  },
  {
    ...config('a GovCloud tenant under a commercial home Region', REGION_FAMILIES.commercial, 'local', [{ id: 'd-a', ...pg[0], mode: 'dedicated' }]),
    code: 'HIPAA_PARTITION_MISMATCH',
    path: 'tenants[0].region',
  },
  {
    ...config(`the schema's shortest audit retention (${RETENTION_MIN} day, acknowledged)`, REGION_FAMILIES.commercial, 'local', [{ id: 'd-a', ...pg[0], mode: 'dedicated' }], {
      auditRetentionDays: RETENTION_MIN,
    }),
    code: 'HIPAA_RETENTION_UNREACHABLE',
    path: 'auditRetentionDays',
  },
  {
    ...config(`the schema's longest audit retention (${RETENTION_MAX} days)`, REGION_FAMILIES.commercial, 'local', [{ id: 'd-a', ...pg[0], mode: 'dedicated' }], {
      auditRetentionDays: RETENTION_MAX,
    }),
    code: 'HIPAA_RETENTION_UNREACHABLE',
    path: 'auditRetentionDays',
  },
  {
    ...config('database backups below the documented floor', REGION_FAMILIES.commercial, 'local', [
      { id: 'd-a', ...pg[0], mode: 'dedicated', database: { backupRetentionDays: DB_BACKUP_MIN - 1 } },
    ]),
    code: 'HIPAA_MODULE_INPUT',
    path: 'tenants[0].modules[0].inputs.backupRetentionDays',
  },
];
// The GovCloud-tenant entry needs the tenant's Region set and covered by the workloads account.
(REJECTED[1].config.tenants as Array<Record<string, unknown>>)[0].region = REGION_FAMILIES.govcloud;
(REJECTED[1].config.accounts as Array<Record<string, unknown>>)[1].regions = [REGION_FAMILIES.govcloud];
