import * as fs from 'fs';
import * as path from 'path';
import { STATEFUL_RESOURCES, STATEFUL_RESOURCE_TYPES, isStateful, statefulResourcesMarkdown } from '../../../lib/analyze/guard';

/** Argument names of a resource type in the generated @cdktf/provider-aws bindings. */
function providerArguments(type: string): string[] {
  const file = require.resolve(`@cdktf/provider-aws/lib/${type.replace(/^aws_/, '').replace(/_/g, '-')}/index.js`);
  const source = fs.readFileSync(file, 'utf8');
  const body = /\n {4}synthesizeAttributes\(\) \{\n([\s\S]*?)\n {4}\}\n/.exec(source);
  if (!body) throw new Error(`no synthesizeAttributes in ${file}`);
  return [...body[1].matchAll(/^ {12}([a-z0-9_]+):/gm)].map((m) => m[1]);
}

describe('stateful resource table', () => {
  it('pins the stateful resource types', () => {
    expect(STATEFUL_RESOURCE_TYPES).toEqual([
      'aws_backup_vault',
      'aws_backup_vault_lock_configuration',
      'aws_cloudwatch_log_group',
      'aws_db_instance',
      'aws_dynamodb_table',
      'aws_ebs_volume',
      'aws_efs_file_system',
      'aws_elasticache_replication_group',
      'aws_kms_key',
      'aws_kms_replica_key',
      'aws_rds_cluster',
      'aws_rds_cluster_instance',
      'aws_s3_bucket',
      'aws_secretsmanager_secret',
    ]);
    expect(isStateful('aws_db_instance')).toBe(true);
    expect(isStateful('aws_security_group')).toBe(false);
    expect(isStateful('constructor')).toBe(false);
  });

  it.each(STATEFUL_RESOURCE_TYPES)('lists only arguments that %s has in hashicorp/aws 6.25 (the bindings in use)', (type) => {
    const known = providerArguments(type);
    const spec = STATEFUL_RESOURCES[type];
    expect(spec.forceNew.map((a) => a.name).filter((n) => !known.includes(n))).toEqual([]);
    expect(spec.identity.filter((n) => !known.includes(n))).toEqual([]);
  });

  it('pins the replacement-forcing arguments of the main types', () => {
    const names = (type: string) => STATEFUL_RESOURCES[type].forceNew.map((a) => a.name);
    expect(names('aws_db_instance')).toEqual(
      expect.arrayContaining(['engine', 'storage_encrypted', 'kms_key_id', 'availability_zone', 'username', 'snapshot_identifier', 'character_set_name']),
    );
    expect(names('aws_db_instance')).not.toEqual(expect.arrayContaining(['identifier']));
    expect(names('aws_db_instance')).not.toEqual(expect.arrayContaining(['engine_version']));
    expect(names('aws_db_instance')).not.toEqual(expect.arrayContaining(['db_subnet_group_name']));
    expect(names('aws_rds_cluster')).toEqual(
      expect.arrayContaining(['cluster_identifier', 'engine', 'storage_encrypted', 'kms_key_id', 'database_name', 'master_username', 'db_subnet_group_name']),
    );
    expect(names('aws_kms_key')).toEqual(expect.arrayContaining(['customer_master_key_spec', 'key_usage', 'multi_region']));
    expect(names('aws_s3_bucket')).toEqual(['bucket', 'bucket_prefix', 'object_lock_enabled', 'region']);
    expect(names('aws_backup_vault')).toEqual(['name', 'kms_key_arn', 'region']);
    expect(names('aws_cloudwatch_log_group')).toEqual(expect.arrayContaining(['name', 'name_prefix']));
    expect(names('aws_secretsmanager_secret')).toEqual(['name', 'name_prefix', 'region']);
    for (const type of STATEFUL_RESOURCE_TYPES) expect(names(type)).toContain('region');
  });

  it('is documented in docs/guard.md exactly as the table renders', () => {
    const docs = fs.readFileSync(path.resolve(__dirname, '../../../docs/guard.md'), 'utf8');
    expect(docs).toContain(statefulResourcesMarkdown());
  });
});
