import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbOptionGroup } from '@cdktf/provider-aws/lib/db-option-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { HipaaDatabase, HipaaDatabaseProps } from '../../lib/constructs/data/hipaa-database';
import { HipaaValidationError } from '../../lib/errors';
import { collectWaivers } from '../../lib/constructs/kernel/waivers';
import { TfJson, dataStack, errorCodes, nameOf, policyOf, ref, resourceNamed, resourcesOf, synthJson } from './fixtures';

const BASE = {
  identifier: 'acme-main',
  tenantId: 'acme',
  vpcId: 'vpc-0123456789abcdef0',
  dataSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
};

function build(props: Partial<HipaaDatabaseProps> = {}) {
  const { stack, key } = dataStack();
  const db = new HipaaDatabase(stack, 'Database', { ...BASE, key, ...props });
  return { stack, key, db };
}

describe('HipaaDatabase with defaults (PostgreSQL)', () => {
  let text: string;
  let json: TfJson;
  let db: HipaaDatabase;
  let keyName: string;
  let dbName: string;
  let sgName: string;

  beforeAll(() => {
    const built = build({
      allowedSecurityGroupIds: { app: 'sg-0123456789abcdef0', bastion: 'sg-0fedcba9876543210' },
      allowedCidrs: { 'peer-analytics': '10.20.0.0/16' },
    });
    db = built.db;
    ({ text, json } = synthJson(built.stack));
    keyName = nameOf(json, 'aws_kms_key', 'TenantKey');
    dbName = nameOf(json, 'aws_db_instance', 'Database');
    sgName = nameOf(json, 'aws_security_group', 'Database');
  });

  test('encrypts storage and Performance Insights with the tenant key, gp3 with an autoscaling ceiling', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, {
      storage_encrypted: true,
      kms_key_id: ref('aws_kms_key', keyName, 'arn'),
      storage_type: 'gp3',
      allocated_storage: 20,
      max_allocated_storage: 100,
      performance_insights_enabled: true,
      performance_insights_kms_key_id: ref('aws_kms_key', keyName, 'arn'),
      performance_insights_retention_period: 7,
    });
  });

  test('lets RDS generate and keep the master password under the tenant key, with no password argument', () => {
    const body = json.resource.aws_db_instance[dbName];
    expect(body).toMatchObject({ manage_master_user_password: true, master_user_secret_kms_key_id: ref('aws_kms_key', keyName, 'arn'), username: 'dbadmin' });
    expect(Object.keys(body).filter((k) => k.startsWith('password'))).toEqual([]);
  });

  test('keeps 35 days of automated backups, protects from deletion and takes a deterministic final snapshot', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, {
      backup_retention_period: 35,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'acme-main-final',
      copy_tags_to_snapshot: true,
      delete_automated_backups: false,
    });
    expect(db.finalSnapshotIdentifier).toBe('acme-main-final');
  });

  test('runs Multi-AZ, upgrades minor versions, uses IAM authentication and the current CA', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, {
      engine: 'postgres',
      engine_version: '17',
      multi_az: true,
      auto_minor_version_upgrade: true,
      allow_major_version_upgrade: true,
      iam_database_authentication_enabled: true,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
      publicly_accessible: false,
      port: 5432,
    });
  });

  test('forces TLS and logs connections through its own postgres17 parameter group, applied at reboot', () => {
    expect(text).toHaveResourceWithProperties(DbParameterGroup, {
      name: 'acme-main-postgres17',
      family: 'postgres17',
      parameter: expect.arrayContaining([
        { name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' },
        { name: 'log_connections', value: '1', apply_method: 'pending-reboot' },
        { name: 'log_disconnections', value: '1', apply_method: 'pending-reboot' },
        { name: 'pgaudit.log', value: 'ddl,role', apply_method: 'pending-reboot' },
      ]),
      lifecycle: { create_before_destroy: true },
    });
    const params = resourcesOf(json, 'aws_db_parameter_group')[0][1].parameter as Array<{ apply_method: string }>;
    expect(params.every((p) => p.apply_method === 'pending-reboot')).toBe(true);
    expect(json.resource.aws_db_instance[dbName].parameter_group_name).toBe(ref('aws_db_parameter_group', nameOf(json, 'aws_db_parameter_group', 'Database'), 'name'));
    expect(json.resource.aws_db_option_group).toBeUndefined();
  });

  test('exports every PostgreSQL log into KMS-encrypted log groups created first, kept for the audit retention', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, { enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade', 'iam-db-auth-error'] });
    const groups = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(groups.map(([, g]) => g.name).sort()).toEqual([
      '/aws/rds/instance/acme-main/iam-db-auth-error',
      '/aws/rds/instance/acme-main/postgresql',
      '/aws/rds/instance/acme-main/upgrade',
    ]);
    for (const [, g] of groups) expect(g).toMatchObject({ kms_key_id: ref('aws_kms_key', keyName, 'arn'), retention_in_days: 2192 });
    const dependsOn = json.resource.aws_db_instance[dbName].depends_on as string[];
    for (const [name] of groups) expect(dependsOn).toContain(`aws_cloudwatch_log_group.${name}`);
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/rds/instance/acme-main/postgresql' });
  });

  test('grants CloudWatch Logs the tenant key for each database log group only', () => {
    const policy = policyOf(json.resource.aws_kms_key[keyName].policy);
    const logs = policy.Statement.filter((s) => JSON.stringify(s.Principal).includes('logs.us-east-1.amazonaws.com'));
    expect(logs.map((s) => (s.Condition as Record<string, Record<string, string>>).ArnEquals['kms:EncryptionContext:aws:logs:arn']).sort()).toEqual([
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/rds/instance/acme-main/iam-db-auth-error',
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/rds/instance/acme-main/postgresql',
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/rds/instance/acme-main/upgrade',
    ]);
  });

  test('sends enhanced monitoring every 60 seconds through a role only RDS monitoring can assume', () => {
    const roleName = nameOf(json, 'aws_iam_role', 'MonitoringRole');
    expect(text).toHaveResourceWithProperties(DbInstance, { monitoring_interval: 60, monitoring_role_arn: ref('aws_iam_role', roleName, 'arn') });
    const trust = policyOf(json.resource.aws_iam_role[roleName].assume_role_policy);
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'monitoring.rds.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      }),
    ]);
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: ref('aws_iam_role', roleName, 'name'),
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    });
    expect(text).toHaveResourceWithProperties(IamRole, { name: 'acme-main-monitoring' });
  });

  test('places the instance in a subnet group of the data subnets only', () => {
    expect(text).toHaveResourceWithProperties(DbSubnetGroup, { name: 'acme-main', subnet_ids: BASE.dataSubnetIds });
    expect(json.resource.aws_db_instance[dbName].db_subnet_group_name).toBe(ref('aws_db_subnet_group', nameOf(json, 'aws_db_subnet_group', 'Database'), 'name'));
  });

  test('admits the database port only from the named security groups and the peer CIDR', () => {
    const sg = json.resource.aws_security_group[sgName];
    expect(sg).toMatchObject({ name: 'acme-main-db', vpc_id: BASE.vpcId, revoke_rules_on_delete: true });
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(json.resource.aws_db_instance[dbName].vpc_security_group_ids).toEqual([ref('aws_security_group', sgName, 'id')]);
    const rules = resourcesOf(json, 'aws_vpc_security_group_ingress_rule');
    expect(rules.map(([n]) => n.split('_')[1]).sort()).toEqual(['IngressApp', 'IngressBastion', 'IngressCidrPeerAnalytics']);
    for (const [, r] of rules) expect(r).toMatchObject({ security_group_id: ref('aws_security_group', sgName, 'id'), ip_protocol: 'tcp', from_port: 5432, to_port: 5432 });
    expect(rules.map(([, r]) => r.referenced_security_group_id ?? r.cidr_ipv4).sort()).toEqual(['10.20.0.0/16', 'sg-0123456789abcdef0', 'sg-0fedcba9876543210']);
    expect(JSON.stringify(json.resource)).not.toMatch(/0\.0\.0\.0\/0|::\/0/);
    expect(json.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
  });

  test('tags its resources with the tenant and PHI classification', () => {
    for (const type of ['aws_db_instance', 'aws_db_parameter_group', 'aws_db_subnet_group', 'aws_security_group', 'aws_vpc_security_group_ingress_rule']) {
      for (const [, body] of resourcesOf(json, type)) expect(body.tags).toMatchObject({ Tenant: 'acme', DataClassification: 'PHI' });
    }
  });

  test('exposes its attributes as Terraform references', () => {
    expect(db.identifier).toBe('acme-main');
    expect(db.port).toBe(5432);
    expect(db.engine).toBe('postgres');
    expect(db.parameterGroupFamily).toBe('postgres17');
    const resolve = (value: string) => value.replace(/\$\{TfToken\[TOKEN\.\d+\]\}/, 'TOKEN');
    for (const v of [db.instanceId, db.endpoint, db.address, db.resourceId, db.masterUserSecretArn, db.securityGroupId, db.arn]) expect(resolve(v)).toContain('TOKEN');
    expect(db.dbUserArn('app_user')).toMatch(/^arn:aws:rds-db:us-east-1:123456789012:dbuser:\$\{TfToken\[TOKEN\.\d+\]\}\/app_user$/);
  });
});

describe('HipaaDatabase on MySQL 8.0', () => {
  let text: string;
  let json: TfJson;

  beforeAll(() => {
    const { stack } = build({ engine: 'mysql', engineVersion: '8.0', allowedSecurityGroupIds: { app: 'sg-0123456789abcdef0' } });
    ({ text, json } = synthJson(stack));
  });

  test('requires TLS and writes its logs to files through a mysql8.0 parameter group', () => {
    expect(text).toHaveResourceWithProperties(DbParameterGroup, {
      name: 'acme-main-mysql8-0',
      family: 'mysql8.0',
      parameter: expect.arrayContaining([
        { name: 'require_secure_transport', value: '1', apply_method: 'pending-reboot' },
        { name: 'log_output', value: 'FILE', apply_method: 'pending-reboot' },
        { name: 'slow_query_log', value: '1', apply_method: 'pending-reboot' },
        { name: 'general_log', value: '0', apply_method: 'pending-reboot' },
      ]),
    });
  });

  test('records connections, DDL and grants with the MariaDB Audit Plugin option group', () => {
    const optionGroup = nameOf(json, 'aws_db_option_group', 'Database');
    expect(text).toHaveResourceWithProperties(DbOptionGroup, {
      name: 'acme-main-mysql8-0-audit',
      engine_name: 'mysql',
      major_engine_version: '8.0',
      option: [{ option_name: 'MARIADB_AUDIT_PLUGIN', option_settings: [{ name: 'SERVER_AUDIT_EVENTS', value: 'CONNECT,QUERY_DDL,QUERY_DCL' }] }],
    });
    expect(text).toHaveResourceWithProperties(DbInstance, { option_group_name: ref('aws_db_option_group', optionGroup, 'name') });
  });

  test('exports the audit, error, slow query and IAM auth logs on port 3306', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, {
      engine: 'mysql',
      engine_version: '8.0',
      port: 3306,
      enabled_cloudwatch_logs_exports: ['audit', 'error', 'slowquery', 'iam-db-auth-error'],
    });
    expect(
      resourcesOf(json, 'aws_cloudwatch_log_group')
        .map(([, g]) => g.name)
        .sort(),
    ).toEqual(['/aws/rds/instance/acme-main/audit', '/aws/rds/instance/acme-main/error', '/aws/rds/instance/acme-main/iam-db-auth-error', '/aws/rds/instance/acme-main/slowquery']);
    const rule = resourcesOf(json, 'aws_vpc_security_group_ingress_rule')[0][1];
    expect(rule).toMatchObject({ from_port: 3306, to_port: 3306 });
  });
});

describe('HipaaDatabase settings that relax a default', () => {
  test('runs single-AZ without deletion protection or pgAudit only with reasons, recorded as waivers', () => {
    const { stack, db } = build({
      multiAz: { enabled: false, reason: 'Development tenant with synthetic data only' },
      deletionProtection: { enabled: false, reason: 'Ephemeral test environment torn down nightly' },
      pgAudit: { enabled: false, reason: 'Audit handled by database activity streams' },
    });
    const { text, json } = synthJson(stack);
    expect(text).toHaveResourceWithProperties(DbInstance, { multi_az: false, deletion_protection: false, skip_final_snapshot: false });
    const params = resourcesOf(json, 'aws_db_parameter_group')[0][1].parameter as Array<{ name: string }>;
    expect(params.map((p) => p.name)).not.toContain('pgaudit.log');
    expect(collectWaivers(db).map((w) => w.setting)).toEqual(['dbMultiAz', 'dbDeletionProtection', 'dbPgAudit']);
  });

  test('rejects a waiver without a reason', () => {
    expect(errorCodes(() => build({ multiAz: { enabled: false, reason: 'no' } }))).toEqual(['HIPAA_WAIVER_REASON']);
  });

  test('accepts a longer Performance Insights retention and the 7 and 35 day backup bounds', () => {
    for (const backupRetentionDays of [7, 35]) {
      const { stack } = build({ backupRetentionDays, performanceInsightsRetentionDays: 93 });
      expect(synthJson(stack).text).toHaveResourceWithProperties(DbInstance, { backup_retention_period: backupRetentionDays, performance_insights_retention_period: 93 });
    }
  });

  test('adds ingress later with allowFrom under a stable address', () => {
    const { stack, db } = build();
    db.allowFrom('reporting', 'sg-0abcdefabcdefabcd');
    const { json } = synthJson(stack);
    expect(resourceNamed(json, 'aws_vpc_security_group_ingress_rule', 'IngressReporting')).toMatchObject({ referenced_security_group_id: 'sg-0abcdefabcdefabcd', from_port: 5432 });
  });
});

describe('HipaaDatabase rejects', () => {
  test.each([6, 36, 0, 7.5])('backup retention of %p days (outside 7..35)', (backupRetentionDays) => {
    expect(errorCodes(() => build({ backupRetentionDays }))).toEqual(['HIPAA_DB_BACKUP_RETENTION']);
  });

  test.each<[Partial<HipaaDatabaseProps>]>([
    [{ engineVersion: '13' }],
    [{ engineVersion: '18' }],
    [{ engine: 'mysql', engineVersion: '5.7' }],
    [{ engine: 'oracle-ee' as 'postgres' }],
  ])('an engine or version without a known parameter family: %j', (props) => {
    expect(errorCodes(() => build(props))).toEqual(['HIPAA_DB_ENGINE_VERSION']);
  });

  test('an unknown version with a message that lists the supported ones', () => {
    expect(() => build({ engineVersion: '12' })).toThrow(/postgres 14, postgres 15, postgres 16, postgres 17, mysql 8\.0, mysql 8\.4/);
  });

  test.each([[{ allowedSecurityGroupIds: { anywhere: '0.0.0.0/0' } }], [{ allowedCidrs: { anywhere: '0.0.0.0/0' } }], [{ allowedCidrs: { anywhere6: '::/0' } }]])(
    'an ingress source of the whole internet: %j',
    (props) => {
      expect(errorCodes(() => build(props))).toEqual(['HIPAA_OPEN_INGRESS']);
    },
  );

  test('the whole internet through allowFromCidr too', () => {
    const { db } = build();
    expect(errorCodes(() => db.allowFromCidr('anywhere', '0.0.0.0/0'))).toEqual(['HIPAA_OPEN_INGRESS']);
  });

  test.each<[string, Partial<HipaaDatabaseProps>, string]>([
    ['a malformed peer CIDR', { allowedCidrs: { peer: '10.0.0/16' } }, 'HIPAA_CIDR_INVALID'],
    ['a peer CIDR given as a reference', { allowedCidrs: { peer: `\${aws_vpc.peer.cidr_block}` } }, 'HIPAA_CIDR_INVALID'],
    ['a security group id that is not one', { allowedSecurityGroupIds: { app: 'app-sg' } }, 'HIPAA_SECURITY_GROUP_ID'],
    ['a rule key that is a list position', { allowedSecurityGroupIds: { '0': 'sg-0123456789abcdef0' } }, 'HIPAA_RULE_KEY'],
    ['one data subnet', { dataSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1'] }, 'HIPAA_DB_SUBNETS'],
    ['an identifier with capitals', { identifier: 'Acme_Main' }, 'HIPAA_DB_IDENTIFIER'],
    ['an autoscaling ceiling below the allocated storage', { allocatedStorageGib: 100, maxAllocatedStorageGib: 50 }, 'HIPAA_DB_STORAGE'],
    ['a Performance Insights retention RDS does not accept', { performanceInsightsRetentionDays: 30 }, 'HIPAA_DB_PI_RETENTION'],
    ['Performance Insights on a small MySQL class', { engine: 'mysql', instanceClass: 'db.t3.small' }, 'HIPAA_DB_PI_INSTANCE_CLASS'],
    ['a MySQL version without the audit plugin', { engine: 'mysql', engineVersion: '8.0.25' }, 'HIPAA_DB_AUDIT_PLUGIN_VERSION'],
    ['an enhanced monitoring interval RDS does not accept', { monitoringIntervalSeconds: 45 }, 'HIPAA_DB_MONITORING_INTERVAL'],
    ['a reserved master user name', { masterUsername: 'rdsadmin' }, 'HIPAA_DB_USERNAME'],
    ['a port below the RDS range', { port: 80 }, 'HIPAA_DB_PORT'],
  ])('%s', (_what, props, code) => {
    expect(errorCodes(() => build(props))).toEqual([code]);
  });

  test('every problem at once, with field paths and fixes', () => {
    let error: HipaaValidationError | undefined;
    try {
      build({ backupRetentionDays: 90, engineVersion: '11', allowedSecurityGroupIds: { world: '0.0.0.0/0' } });
    } catch (e) {
      error = e as HipaaValidationError;
    }
    expect(error).toBeInstanceOf(HipaaValidationError);
    expect(error?.problems.map((p) => [p.code, p.path])).toEqual([
      ['HIPAA_DB_ENGINE_VERSION', 'engineVersion'],
      ['HIPAA_DB_BACKUP_RETENTION', 'backupRetentionDays'],
      ['HIPAA_OPEN_INGRESS', 'allowedSecurityGroupIds.world'],
    ]);
    expect(error?.message).toMatch(/Fix: use 35 \(the default\)/);
  });

  test('nothing is created when validation fails', () => {
    const { stack, key } = dataStack();
    expect(() => new HipaaDatabase(stack, 'Database', { ...BASE, key, backupRetentionDays: 1 })).toThrow(HipaaValidationError);
    expect(synthJson(stack).json.resource.aws_db_instance).toBeUndefined();
  });
});
