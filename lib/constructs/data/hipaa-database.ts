import { Construct } from 'constructs';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbOptionGroup } from '@cdktf/provider-aws/lib/db-option-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { HipaaKey } from '../security/hipaa-key';
import { HipaaLogGroup, sidSuffix } from '../audit/log-group';
import { PolicyDocument } from '../security/policy-document';
import { Disabled, isDisabled, recordWaiver } from '../kernel/waivers';
import { Check, isToken, validateAll } from '../../errors';
import { messages } from '../../messages';
import {
  DatabaseEngine,
  ENGINE_PROFILES,
  MYSQL_AUDIT_OPTION,
  engineParameters,
  familySlug,
  isDatabaseEngine,
  majorVersion,
  parameterFamily,
  supportedEngineVersions,
  supportsMysqlAuditPlugin,
} from './engines';
import { RULE_KEY_PATTERN, isSecurityGroupId, isWholeInternet, parseCidr, pascalKey } from './network-rules';
import { tenantTags } from './tenant-tags';

/** The current RDS certificate authority (RSA 2048, valid to 2061). */
export const RDS_CA_CERTIFICATE = 'rds-ca-rsa2048-g1';
/** Automated backup retention floor and ceiling (RDS allows at most 35 days). */
export const DB_BACKUP_RETENTION_MIN_DAYS = 7;
export const DB_BACKUP_RETENTION_MAX_DAYS = 35;

export interface HipaaDatabaseProps {
  /** DB instance identifier, e.g. `acme-main`: names the instance, its groups, logs and final snapshot. */
  readonly identifier: string;
  /** Tenant id: written as the `Tenant` tag, which the backup selection matches. */
  readonly tenantId: string;
  /** The tenant's customer-managed key: storage, Performance Insights, master secret. */
  readonly key: HipaaKey;
  /** VPC of the data subnets. */
  readonly vpcId: string;
  /** The isolated data subnets (no route to the internet), at least two Availability Zones. */
  readonly dataSubnetIds: readonly string[];
  /**
   * Security groups that may connect on the database port, keyed by a stable name that becomes
   * part of the rule's Terraform address, e.g. `{ app: appSg.id, bastion: bastion.securityGroupId }`.
   * More can be added later with `allowFrom`.
   * @default - none: nothing can connect until a security group is allowed
   */
  readonly allowedSecurityGroupIds?: Readonly<Record<string, string>>;
  /**
   * Peer CIDR blocks (for example a peered VPC) that may connect, keyed by a stable name.
   * Concrete blocks only; 0.0.0.0/0 and ::/0 are refused.
   * @default - none
   */
  readonly allowedCidrs?: Readonly<Record<string, string>>;
  /**
   * Database engine.
   * @default 'postgres'
   */
  readonly engine?: DatabaseEngine;
  /**
   * Engine version; a major version (`16`, `8.0`) lets RDS pick and upgrade the minor version.
   * @default - '17' for postgres, '8.4' for mysql
   */
  readonly engineVersion?: string;
  /**
   * Instance class.
   * @default 'db.t4g.medium'
   */
  readonly instanceClass?: string;
  /**
   * Allocated gp3 storage in GiB.
   * @default 20
   */
  readonly allocatedStorageGib?: number;
  /**
   * Storage autoscaling ceiling in GiB.
   * @default 100
   */
  readonly maxAllocatedStorageGib?: number;
  /**
   * Port the database listens on.
   * @default - 5432 for postgres, 3306 for mysql
   */
  readonly port?: number;
  /**
   * Master user name; its password is generated and kept by RDS in Secrets Manager.
   * @default 'dbadmin'
   */
  readonly masterUsername?: string;
  /**
   * Name of a database created with the instance.
   * @default - none (PostgreSQL has `postgres`; MySQL none)
   */
  readonly databaseName?: string;
  /**
   * Days of automated backups (point-in-time restore window), 7 to 35.
   * @default 35
   */
  readonly backupRetentionDays?: number;
  /**
   * Days Performance Insights keeps data: 7 (free tier), a multiple of 31 up to 713, or 731.
   * @default 7
   */
  readonly performanceInsightsRetentionDays?: number;
  /**
   * Enhanced monitoring interval in seconds (1, 5, 10, 15, 30 or 60).
   * @default 60
   */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Multi-AZ standby; `Disabled` with a reason runs a single instance.
   * @default - on
   */
  readonly multiAz?: Disabled;
  /**
   * Deletion protection; `Disabled` with a reason lets `terraform destroy` delete the instance
   * (a final snapshot is still taken).
   * @default - on
   */
  readonly deletionProtection?: Disabled;
  /**
   * pgAudit (PostgreSQL only): DDL and role changes in the `postgresql` log.
   * @default - on for PostgreSQL
   */
  readonly pgAudit?: Disabled;
  /**
   * Daily backup window (UTC, `hh24:mi-hh24:mi`).
   * @default - RDS picks a window
   */
  readonly backupWindow?: string;
  /**
   * Weekly maintenance window (UTC, `ddd:hh24:mi-ddd:hh24:mi`).
   * @default - RDS picks a window
   */
  readonly maintenanceWindow?: string;
  /**
   * Extra tags; `Tenant` and `DataClassification` are always set by the construct.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

const RESERVED_USERNAMES = ['rdsadmin', 'rdsrepladmin', 'rds_superuser', 'rdstopmgr'];
const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];
const MYSQL_CLASSES_WITHOUT_PI = /^db\.(t2|t3|t4g)\.(micro|small)$/;

/** Whether a value is a Performance Insights retention RDS accepts. */
export function isPerformanceInsightsRetention(days: number): boolean {
  return days === 7 || days === 731 || (Number.isInteger(days) && days % 31 === 0 && days >= 31 && days <= 713);
}

/**
 * An RDS database with every HIPAA setting on: storage and Performance Insights encrypted with the
 * tenant key; master password generated and held by RDS in Secrets Manager under the tenant key (no
 * password in code, output or state); TLS forced and connections logged through its own parameter
 * group; 35 days of automated backups, deletion protection, a deterministic final snapshot, Multi-AZ;
 * IAM authentication; logs exported to KMS-encrypted log groups created first with the audit
 * retention; enhanced monitoring; current CA; gp3 storage with autoscaling. It sits in the isolated
 * data subnets, is never public, and admits its port only from the security groups it is given.
 */
export class HipaaDatabase extends Construct {
  public readonly resource: DbInstance;
  public readonly securityGroup: SecurityGroup;
  public readonly subnetGroup: DbSubnetGroup;
  public readonly parameterGroup: DbParameterGroup;
  /** The audit plugin option group (MySQL only). */
  public readonly optionGroup?: DbOptionGroup;
  public readonly monitoringRole: IamRole;
  /** Log groups by exported log type (`postgresql`, `audit`, ...). */
  public readonly logGroups: Readonly<Record<string, HipaaLogGroup>>;
  public readonly engine: DatabaseEngine;
  /** The engine version as configured. */
  public readonly engineVersion: string;
  /** The parameter group family, e.g. `postgres17`. */
  public readonly parameterGroupFamily: string;
  /** The identifier as a concrete string. */
  public readonly identifier: string;
  /** The instance identifier as a Terraform reference (depends on the instance). */
  public readonly instanceId: string;
  /** The instance ARN (a reference). */
  public readonly arn: string;
  /** `address:port` (a reference). */
  public readonly endpoint: string;
  /** DNS name of the instance (a reference). */
  public readonly address: string;
  /** The port, concrete. */
  public readonly port: number;
  /** The DBI resource id (`db-...`) used in `rds-db:connect` ARNs (a reference). */
  public readonly resourceId: string;
  /** The database security group id (a reference). */
  public readonly securityGroupId: string;
  /** ARN of the Secrets Manager secret RDS keeps the master password in (a reference). */
  public readonly masterUserSecretArn: string;
  /** Final snapshot taken on delete: `<identifier>-final`. */
  public readonly finalSnapshotIdentifier: string;
  private readonly partition: string;
  private readonly region: string;
  private readonly accountId: string;
  private readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, props: HipaaDatabaseProps) {
    super(scope, id);
    const subject = `HipaaDatabase ${this.node.path}`;
    const engineRaw: unknown = props.engine ?? 'postgres';
    const engine: DatabaseEngine = isDatabaseEngine(engineRaw) ? engineRaw : 'postgres';
    const profile = ENGINE_PROFILES[engine];
    const version = props.engineVersion ?? profile.defaultVersion;
    const family = parameterFamily(String(engineRaw), version);
    const instanceClass = props.instanceClass ?? 'db.t4g.medium';
    const allocated = props.allocatedStorageGib ?? 20;
    const maxAllocated = props.maxAllocatedStorageGib ?? 100;
    const port = props.port ?? profile.defaultPort;
    const username = props.masterUsername ?? 'dbadmin';
    const backupDays = props.backupRetentionDays ?? 35;
    const piDays = props.performanceInsightsRetentionDays ?? 7;
    const monitoringInterval = props.monitoringIntervalSeconds ?? 60;
    const pgAudit = engine === 'postgres' && !isDisabled(props.pgAudit);
    const identifier = props.identifier;
    const monitoringRoleName = `${identifier}-monitoring`;

    validateAll(subject, [
      {
        when: typeof identifier !== 'string' || !/^[a-z](?!.*--)[a-z0-9-]{0,62}$/.test(identifier) || identifier.endsWith('-'),
        problem: () => messages.dbIdentifierInvalid('identifier', identifier),
      },
      {
        when: typeof identifier === 'string' && monitoringRoleName.length > 64,
        problem: () => messages.nameTooLong('identifier', identifier, 64, `monitoring role name "${monitoringRoleName}"`),
      },
      {
        when: family === undefined,
        problem: () => messages.dbEngineUnsupported(props.engineVersion === undefined ? 'engine' : 'engineVersion', `${String(engineRaw)} ${version}`, supportedEngineVersions()),
      },
      {
        when: !Number.isInteger(backupDays) || backupDays < DB_BACKUP_RETENTION_MIN_DAYS || backupDays > DB_BACKUP_RETENTION_MAX_DAYS,
        problem: () => messages.dbBackupRetention('backupRetentionDays', backupDays),
      },
      {
        when: !Array.isArray(props.dataSubnetIds) || props.dataSubnetIds.length < 2,
        problem: () => messages.dbSubnetsTooFew('dataSubnetIds', props.dataSubnetIds),
      },
      {
        when: !Number.isInteger(allocated) || allocated < 20 || allocated > 65536,
        problem: () => messages.dbStorage('allocatedStorageGib', allocated),
      },
      {
        when: !Number.isInteger(maxAllocated) || maxAllocated <= allocated || maxAllocated > 65536,
        problem: () => messages.dbStorage('maxAllocatedStorageGib', maxAllocated),
      },
      {
        when: !Number.isInteger(port) || port < 1150 || port > 65535,
        problem: () => messages.dbPort('port', port),
      },
      {
        when: typeof username !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(username) || RESERVED_USERNAMES.includes(username.toLowerCase()),
        problem: () => messages.dbUsernameInvalid('masterUsername', username),
      },
      {
        when: !isPerformanceInsightsRetention(piDays),
        problem: () => messages.dbPerformanceInsightsRetention('performanceInsightsRetentionDays', piDays),
      },
      {
        when: engine === 'mysql' && MYSQL_CLASSES_WITHOUT_PI.test(instanceClass),
        problem: () => messages.dbPerformanceInsightsClass('instanceClass', instanceClass),
      },
      {
        when: !MONITORING_INTERVALS.includes(monitoringInterval),
        problem: () => messages.dbMonitoringInterval('monitoringIntervalSeconds', monitoringInterval),
      },
      {
        when: engine === 'mysql' && family !== undefined && !supportsMysqlAuditPlugin(version),
        problem: () => messages.dbAuditPluginVersion('engineVersion', version),
      },
      ...ingressChecks(props.allowedSecurityGroupIds, props.allowedCidrs),
    ]);
    if (isDisabled(props.multiAz)) recordWaiver(this, 'dbMultiAz', props.multiAz.reason, 'multiAz');
    if (isDisabled(props.deletionProtection)) recordWaiver(this, 'dbDeletionProtection', props.deletionProtection.reason, 'deletionProtection');
    if (engine === 'postgres' && isDisabled(props.pgAudit)) recordWaiver(this, 'dbPgAudit', props.pgAudit.reason, 'pgAudit');

    const { partition, region, accountId, auditRetentionDays } = props.key.target;
    this.partition = partition;
    this.region = region;
    this.accountId = accountId;
    this.engine = engine;
    this.engineVersion = version;
    this.parameterGroupFamily = family as string;
    this.identifier = identifier;
    this.port = port;
    this.finalSnapshotIdentifier = `${identifier}-final`;
    const tags = tenantTags(props.tenantId, 'PHI', props.tags);
    this.tags = tags;

    // Log groups exist before the instance, so RDS writes into them (encrypted, with the audit
    // retention) instead of creating unencrypted, never-expiring ones of its own.
    const logGroups: Record<string, HipaaLogGroup> = {};
    for (const log of profile.logExports) {
      logGroups[log] = new HipaaLogGroup(this, `Log${sidSuffix(log)}`, {
        logGroupName: `/aws/rds/instance/${identifier}/${log}`,
        key: props.key,
        retentionDays: auditRetentionDays,
      });
    }
    this.logGroups = logGroups;

    this.subnetGroup = new DbSubnetGroup(this, 'SubnetGroup', {
      name: identifier,
      description: `Isolated data subnets of ${identifier}`,
      subnetIds: [...props.dataSubnetIds],
      tags,
    });
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: `${identifier}-db`,
      description: `${identifier}: database port from named security groups only`,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { ...tags, Name: `${identifier}-db` },
    });
    this.securityGroupId = this.securityGroup.id;

    const slug = familySlug(this.parameterGroupFamily);
    this.parameterGroup = new DbParameterGroup(this, 'ParameterGroup', {
      name: `${identifier}-${slug}`,
      family: this.parameterGroupFamily,
      description: `${identifier}: TLS required, connections logged`,
      parameter: engineParameters(engine, { pgAudit }).map((p) => ({ ...p, applyMethod: 'pending-reboot' })),
      tags,
      // A major upgrade changes the family (and so the name): create the new group first.
      lifecycle: { createBeforeDestroy: true },
    });
    if (engine === 'mysql') {
      this.optionGroup = new DbOptionGroup(this, 'OptionGroup', {
        name: `${identifier}-${slug}-audit`,
        engineName: 'mysql',
        majorEngineVersion: majorVersion('mysql', version),
        optionGroupDescription: `${identifier}: MariaDB Audit Plugin (connections, DDL, DCL)`,
        option: [{ optionName: MYSQL_AUDIT_OPTION.optionName, optionSettings: MYSQL_AUDIT_OPTION.settings.map((s) => ({ ...s })) }],
        tags,
        lifecycle: { createBeforeDestroy: true },
      });
    }

    this.monitoringRole = new IamRole(this, 'MonitoringRole', {
      name: monitoringRoleName,
      description: `RDS enhanced monitoring of ${identifier}`,
      assumeRolePolicy: new PolicyDocument([
        {
          Sid: 'RdsMonitoringAssumes',
          Effect: 'Allow',
          Principal: { Service: 'monitoring.rds.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
        },
      ]).toString(),
      tags: tenantTags(props.tenantId, 'Operational', props.tags),
    });
    const monitoringPolicy = new IamRolePolicyAttachment(this, 'MonitoringRolePolicy', {
      role: this.monitoringRole.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });

    this.resource = new DbInstance(this, 'Resource', {
      identifier,
      engine,
      engineVersion: version,
      instanceClass,
      storageType: 'gp3',
      allocatedStorage: allocated,
      maxAllocatedStorage: maxAllocated,
      storageEncrypted: true,
      kmsKeyId: props.key.keyArn,
      username,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.key.keyArn,
      ...(props.databaseName ? { dbName: props.databaseName } : {}),
      port,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      publiclyAccessible: false,
      multiAz: !isDisabled(props.multiAz),
      parameterGroupName: this.parameterGroup.name,
      ...(this.optionGroup ? { optionGroupName: this.optionGroup.name } : {}),
      caCertIdentifier: RDS_CA_CERTIFICATE,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: backupDays,
      ...(props.backupWindow ? { backupWindow: props.backupWindow } : {}),
      ...(props.maintenanceWindow ? { maintenanceWindow: props.maintenanceWindow } : {}),
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: !isDisabled(props.deletionProtection),
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: this.finalSnapshotIdentifier,
      autoMinorVersionUpgrade: true,
      // Only permits the upgrade: RDS upgrades the major version only when engine_version names a new
      // one, and refuses that change while this is false (RDS API ModifyDBInstance, AllowMajorVersionUpgrade).
      allowMajorVersionUpgrade: true,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.key.keyArn,
      performanceInsightsRetentionPeriod: piDays,
      monitoringInterval,
      monitoringRoleArn: this.monitoringRole.arn,
      enabledCloudwatchLogsExports: [...profile.logExports],
      tags,
      dependsOn: [...Object.values(logGroups).map((g) => g.resource), monitoringPolicy],
    });

    this.instanceId = this.resource.identifier;
    this.arn = this.resource.arn;
    this.endpoint = this.resource.endpoint;
    this.address = this.resource.address;
    this.resourceId = this.resource.resourceId;
    this.masterUserSecretArn = this.resource.masterUserSecret.get(0).secretArn;

    for (const [key, sg] of Object.entries(props.allowedSecurityGroupIds ?? {})) this.allowFrom(key, sg);
    for (const [key, cidr] of Object.entries(props.allowedCidrs ?? {})) this.allowFromCidr(key, cidr);
  }

  /**
   * Admits the database port from a security group. `key` is a stable name (`app`, `bastion`) that
   * becomes part of the rule's Terraform address.
   */
  public allowFrom(key: string, securityGroupId: string, description?: string): VpcSecurityGroupIngressRule {
    validateAll(`HipaaDatabase ${this.node.path}`, ingressChecks({ [key]: securityGroupId }, undefined));
    return new VpcSecurityGroupIngressRule(this, `Ingress${pascalKey(key)}`, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: securityGroupId,
      ipProtocol: 'tcp',
      fromPort: this.port,
      toPort: this.port,
      description: description ?? `${this.engine} from ${key}`,
      tags: this.tags,
    });
  }

  /** Admits the database port from a concrete peer CIDR block (never the whole internet). */
  public allowFromCidr(key: string, cidr: string, description?: string): VpcSecurityGroupIngressRule {
    validateAll(`HipaaDatabase ${this.node.path}`, ingressChecks(undefined, { [key]: cidr }));
    const v6 = parseCidr(cidr)?.family === 6;
    return new VpcSecurityGroupIngressRule(this, `IngressCidr${pascalKey(key)}`, {
      securityGroupId: this.securityGroup.id,
      ...(v6 ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
      ipProtocol: 'tcp',
      fromPort: this.port,
      toPort: this.port,
      description: description ?? `${this.engine} from ${key}`,
      tags: this.tags,
    });
  }

  /** `arn:<partition>:rds-db:<region>:<account>:dbuser:<resource id>/<user>` for `rds-db:connect`. */
  public dbUserArn(dbUser: string): string {
    return `arn:${this.partition}:rds-db:${this.region}:${this.accountId}:dbuser:${this.resourceId}/${dbUser}`;
  }
}

/** Problems with ingress sources: the whole internet, malformed CIDRs or ids, unstable keys. */
export function ingressChecks(securityGroups: Readonly<Record<string, string>> | undefined, cidrs: Readonly<Record<string, string>> | undefined): Check[] {
  const checks: Check[] = [];
  for (const [key, value] of Object.entries(securityGroups ?? {})) {
    const path = `allowedSecurityGroupIds.${key}`;
    checks.push({ when: !RULE_KEY_PATTERN.test(key), problem: () => messages.ruleKeyInvalid(path, key) });
    if (typeof value === 'string' && isWholeInternet(value)) {
      checks.push({ when: true, problem: () => messages.openIngress(path, value) });
    } else {
      checks.push({ when: !isSecurityGroupId(value), problem: () => messages.securityGroupIdInvalid(path, value) });
    }
  }
  for (const [key, value] of Object.entries(cidrs ?? {})) {
    const path = `allowedCidrs.${key}`;
    checks.push({ when: !RULE_KEY_PATTERN.test(key), problem: () => messages.ruleKeyInvalid(path, key) });
    if (isWholeInternet(value)) checks.push({ when: true, problem: () => messages.openIngress(path, value) });
    else checks.push({ when: isToken(value) || parseCidr(value) === undefined, problem: () => messages.cidrInvalid(path, value) });
  }
  return checks;
}
