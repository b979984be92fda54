/**
 * The resource types whose replacement loses data, and for each the arguments whose change forces
 * Terraform to destroy and re-create it (`ForceNew` in the hashicorp/aws provider schema).
 *
 * Sources: the provider's resource schemas (internal/service/<service>/<resource>.go), checked
 * against the argument names of the generated bindings in @cdktf/provider-aws 21.22.1
 * (hashicorp/aws 6.25.0); a test pins that every argument listed here exists there.
 *
 * Notes on choices that differ from older provider versions:
 * - `aws_db_instance.identifier` is NOT listed: since provider 5.0 a changed identifier renames the
 *   instance in place (the resource id is the immutable `dbi-resource-id`).
 * - `region` is listed for every type: provider 6.0 added a per-resource `region` argument, and a
 *   resource cannot move between Regions.
 */

/** An argument whose change forces replacement. */
export interface ForceNewArgument {
  /** Top-level argument name as written in Terraform JSON (snake_case). */
  readonly name: string;
  /**
   * Optional + Computed in the schema: leaving it out of the configuration keeps the value in
   * state, so only a new explicit value can force replacement.
   * @default false
   */
  readonly computed?: boolean;
  /**
   * The provider's default when the argument is left out; an explicit default and an omitted
   * argument are the same value.
   * @default - no default (omitted means null)
   */
  readonly default?: string | number | boolean;
  /**
   * A set in the schema: element order does not matter.
   * @default false
   */
  readonly set?: boolean;
  /**
   * Replacement is forced only under a condition of the new configuration; returns false when the
   * change is applied in place. Undecidable values (tokens) must return true (fail closed).
   * @default - always forces replacement
   */
  readonly forcesWhen?: (next: Readonly<Record<string, unknown>>) => boolean;
  /**
   * When the replacement is conditional, the condition in words (shown in the report).
   * @default - none
   */
  readonly condition?: string;
}

export interface StatefulResourceType {
  /** Human name, e.g. `RDS DB instance`. */
  readonly title: string;
  /** What is lost when it is destroyed. */
  readonly holds: string;
  /** Arguments that name the real resource (used to spot renames and moves between stacks). */
  readonly identity: readonly string[];
  /** Arguments whose change forces replacement. */
  readonly forceNew: readonly ForceNewArgument[];
}

const REGION: ForceNewArgument = { name: 'region', computed: true };

/** True unless `engine` is a concrete Aurora engine (Aurora changes storage type in place). */
function notAurora(next: Readonly<Record<string, unknown>>): boolean {
  const engine = next.engine;
  return !(typeof engine === 'string' && engine.startsWith('aurora') && !engine.includes('${'));
}

/** True unless `engine_version` is concretely 7.0.5 or later (which toggles TLS in place). */
function redisBelow705(next: Readonly<Record<string, unknown>>): boolean {
  const v = next.engine_version;
  if (typeof v !== 'string' && typeof v !== 'number') return true;
  const parts = String(v)
    .split('.')
    .map((p) => Number.parseInt(p, 10));
  if (parts.some((p) => Number.isNaN(p))) return true;
  const [major = 0, minor = 0, patch = 0] = parts;
  return major * 10000 + minor * 100 + patch < 70005;
}

/** True when the new configuration sets a non-empty value (removing it does not replace). */
function isSet(name: string): (next: Readonly<Record<string, unknown>>) => boolean {
  return (next) => next[name] !== undefined && next[name] !== null && next[name] !== '';
}

/**
 * Stateful resource types and their replacement-forcing arguments. Log groups are all treated as
 * stateful because audit logs live in them.
 */
export const STATEFUL_RESOURCES: Readonly<Record<string, StatefulResourceType>> = {
  aws_db_instance: {
    title: 'RDS DB instance',
    holds: 'the database and its automated backups',
    identity: ['identifier'],
    forceNew: [
      { name: 'availability_zone', computed: true },
      { name: 'backup_target', computed: true },
      { name: 'character_set_name', computed: true },
      { name: 'custom_iam_instance_profile' },
      { name: 'db_name', computed: true },
      { name: 'engine', computed: true },
      { name: 'kms_key_id', computed: true },
      { name: 'nchar_character_set_name', computed: true },
      { name: 'restore_to_point_in_time' },
      { name: 's3_import' },
      { name: 'snapshot_identifier', computed: true },
      { name: 'storage_encrypted', default: false },
      { name: 'timezone', computed: true },
      { name: 'username', computed: true },
      REGION,
    ],
  },
  aws_rds_cluster: {
    title: 'Aurora/RDS cluster',
    holds: 'the cluster volume (all its databases) and its automated backups',
    identity: ['cluster_identifier'],
    forceNew: [
      { name: 'availability_zones', computed: true, set: true },
      { name: 'cluster_identifier', computed: true },
      { name: 'cluster_identifier_prefix', computed: true },
      { name: 'cluster_scalability_type', computed: true },
      { name: 'database_name', computed: true },
      { name: 'db_subnet_group_name', computed: true },
      { name: 'db_system_id', computed: true },
      { name: 'engine' },
      { name: 'engine_mode', default: 'provisioned' },
      { name: 'kms_key_id', computed: true },
      { name: 'master_username', computed: true },
      { name: 'restore_to_point_in_time' },
      { name: 's3_import' },
      { name: 'snapshot_identifier', forcesWhen: isSet('snapshot_identifier'), condition: 'only when set to a new value; removing it does not replace' },
      { name: 'source_region' },
      { name: 'storage_encrypted', computed: true },
      { name: 'storage_type', computed: true, forcesWhen: notAurora, condition: 'for non-Aurora engines; Aurora changes it in place' },
      REGION,
    ],
  },
  aws_rds_cluster_instance: {
    title: 'Aurora cluster instance',
    holds: 'a cluster member (the data is in the cluster; replacing the writer fails over)',
    identity: ['identifier'],
    forceNew: [
      { name: 'availability_zone', computed: true },
      { name: 'cluster_identifier' },
      { name: 'custom_iam_instance_profile' },
      { name: 'db_subnet_group_name', computed: true },
      { name: 'engine' },
      { name: 'identifier', computed: true },
      { name: 'identifier_prefix', computed: true },
      REGION,
    ],
  },
  aws_kms_key: {
    title: 'KMS key',
    holds: 'the key material: everything encrypted under it becomes unreadable once it is deleted',
    identity: [],
    forceNew: [
      { name: 'custom_key_store_id' },
      { name: 'customer_master_key_spec', default: 'SYMMETRIC_DEFAULT' },
      { name: 'key_usage', default: 'ENCRYPT_DECRYPT' },
      { name: 'multi_region', computed: true },
      { name: 'xks_key_id' },
      REGION,
    ],
  },
  aws_kms_replica_key: {
    title: 'KMS replica key',
    holds: 'a Region copy of a multi-Region key that data in that Region is encrypted under',
    identity: [],
    forceNew: [{ name: 'primary_key_arn' }, REGION],
  },
  aws_s3_bucket: {
    title: 'S3 bucket',
    holds: 'every object and version in the bucket (audit logs, exports, backups)',
    identity: ['bucket'],
    forceNew: [{ name: 'bucket', computed: true }, { name: 'bucket_prefix', computed: true }, { name: 'object_lock_enabled', computed: true }, REGION],
  },
  aws_backup_vault: {
    title: 'AWS Backup vault',
    holds: 'the recovery points (backups) stored in the vault',
    identity: ['name'],
    forceNew: [{ name: 'name' }, { name: 'kms_key_arn', computed: true }, REGION],
  },
  aws_backup_vault_lock_configuration: {
    title: 'AWS Backup vault lock',
    holds: 'the WORM lock that keeps recovery points from being deleted early',
    identity: ['backup_vault_name'],
    forceNew: [{ name: 'backup_vault_name' }, { name: 'changeable_for_days' }, { name: 'max_retention_days' }, { name: 'min_retention_days' }, REGION],
  },
  aws_cloudwatch_log_group: {
    title: 'CloudWatch log group',
    holds: 'the log events in the group (audit and access logs)',
    identity: ['name'],
    forceNew: [{ name: 'log_group_class', computed: true }, { name: 'name', computed: true }, { name: 'name_prefix', computed: true }, REGION],
  },
  aws_secretsmanager_secret: {
    title: 'Secrets Manager secret',
    holds: 'the secret value and its versions (after the recovery window)',
    identity: ['name'],
    forceNew: [{ name: 'name', computed: true }, { name: 'name_prefix', computed: true }, REGION],
  },
  aws_dynamodb_table: {
    title: 'DynamoDB table',
    holds: 'every item in the table',
    identity: ['name'],
    forceNew: [
      { name: 'hash_key', computed: true },
      { name: 'import_table' },
      { name: 'local_secondary_index', set: true },
      { name: 'name' },
      { name: 'range_key', computed: true },
      { name: 'restore_date_time' },
      { name: 'restore_source_name' },
      { name: 'restore_source_table_arn' },
      { name: 'restore_to_latest_time' },
      REGION,
    ],
  },
  aws_efs_file_system: {
    title: 'EFS file system',
    holds: 'every file on the file system',
    identity: ['creation_token'],
    forceNew: [
      { name: 'availability_zone_name', computed: true },
      { name: 'creation_token', computed: true },
      { name: 'encrypted', computed: true },
      { name: 'kms_key_id', computed: true },
      { name: 'performance_mode', computed: true },
      REGION,
    ],
  },
  aws_ebs_volume: {
    title: 'EBS volume',
    holds: 'the data on the volume',
    identity: [],
    forceNew: [
      { name: 'availability_zone' },
      { name: 'encrypted', computed: true },
      { name: 'kms_key_id', computed: true },
      { name: 'outpost_arn' },
      { name: 'snapshot_id', computed: true },
      REGION,
    ],
  },
  aws_elasticache_replication_group: {
    title: 'ElastiCache replication group',
    holds: 'the cached and persisted data (Redis/Valkey snapshots are deleted with it)',
    identity: ['replication_group_id'],
    forceNew: [
      { name: 'at_rest_encryption_enabled', computed: true },
      { name: 'data_tiering_enabled', computed: true },
      { name: 'global_replication_group_id', computed: true },
      { name: 'kms_key_id' },
      { name: 'network_type', computed: true },
      { name: 'port' },
      { name: 'replication_group_id' },
      { name: 'security_group_names', computed: true, set: true },
      { name: 'snapshot_arns', set: true },
      { name: 'snapshot_name' },
      { name: 'subnet_group_name', computed: true },
      {
        name: 'transit_encryption_enabled',
        computed: true,
        forcesWhen: redisBelow705,
        condition: 'unless engine_version is 7.0.5 or later',
      },
      REGION,
    ],
  },
};

/** The stateful resource types, sorted. */
export const STATEFUL_RESOURCE_TYPES: readonly string[] = Object.keys(STATEFUL_RESOURCES).sort();

/** True when destroying or replacing a resource of `type` loses data. */
export function isStateful(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(STATEFUL_RESOURCES, type);
}

/** The table of stateful types as Markdown (docs/guard.md embeds it; a test keeps them in step). */
export function statefulResourcesMarkdown(): string {
  const rows = STATEFUL_RESOURCE_TYPES.map((type) => {
    const spec = STATEFUL_RESOURCES[type];
    const args = spec.forceNew.map((a) => `\`${a.name}\`${a.condition ? ` (${a.condition})` : ''}`).join(', ');
    return `| \`${type}\` | ${spec.title} | ${spec.holds} | ${args} |`;
  });
  return ['| Type | What it is | What is lost | Arguments that force replacement |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
