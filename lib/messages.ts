/**
 * Every user-facing problem message, in one place. Each returns a Problem: a stable code, the
 * user's field path, the bad value, what is wrong and how to fix it.
 */
import { Problem } from './errors';
import { HIPAA_MIN_RETENTION_DAYS } from './retention';

const problem = (code: string, path: string, value: unknown, message: string, fix: string): Problem => ({
  code,
  path,
  value,
  message,
  fix,
});

export const messages = {
  // ---- deployment target and retention --------------------------------------------------------
  accountIdInvalid: (path: string, value: unknown) =>
    problem('HIPAA_ACCOUNT_ID', path, value, 'an AWS account id is exactly 12 digits', 'write the id as a 12-digit string, e.g. "123456789012" (quote it in YAML so leading zeros survive)'),
  regionUnknown: (path: string, value: unknown) =>
    problem('HIPAA_REGION', path, value, 'not an AWS Region', 'use a Region code such as "us-east-1" or "eu-west-2"'),
  retentionOutOfRange: (path: string, value: unknown) =>
    problem('HIPAA_RETENTION_RANGE', path, value, 'audit retention must be a whole number of days from 1 to 36500', 'use 2192 (six years, the default)'),
  retentionTooShort: (path: string, value: unknown) =>
    problem(
      'HIPAA_RETENTION_TOO_SHORT',
      path,
      value,
      `audit retention below the HIPAA floor of ${HIPAA_MIN_RETENTION_DAYS} days (six years, 45 CFR 164.316(b)(2))`,
      `use at least ${HIPAA_MIN_RETENTION_DAYS} days (2192 is the default), or acknowledge the shorter retention with auditRetentionAcknowledgement: { reason: "<at least 10 characters>" }`,
    ),

  // ---- account baseline ----------------------------------------------------------------------
  passwordLengthTooShort: (path: string, value: unknown) =>
    problem('HIPAA_PASSWORD_LENGTH', path, value, 'minimum password length below the floor of 14', 'use 14 or more (the default is 14)'),
  passwordReuseTooLow: (path: string, value: unknown) =>
    problem('HIPAA_PASSWORD_REUSE', path, value, 'password reuse prevention below the floor of 24', 'use 24 (the maximum IAM allows, and the default)'),
  passwordMaxAgeTooLong: (path: string, value: unknown) =>
    problem('HIPAA_PASSWORD_MAX_AGE', path, value, 'maximum password age must be 1 to 90 days', 'use 90 or fewer days (the default is 90)'),
  trailNameInvalid: (path: string, value: unknown) =>
    problem('HIPAA_TRAIL_NAME', path, value, 'a trail name is 3 to 128 letters, digits, periods, underscores or hyphens, starting with a letter or digit', 'choose a name such as "org-audit-trail"'),
  groupNameInvalid: (path: string, value: unknown) =>
    problem('HIPAA_GROUP_NAME', path, value, 'not a valid IAM group name (1-128 of letters, digits and +=,.@_-)', 'use the group name exactly as IAM shows it'),
  nameTooLong: (path: string, value: unknown, limit: number, what: string) =>
    problem('HIPAA_NAME_TOO_LONG', path, value, `the derived ${what} is longer than AWS allows (${limit} characters)`, 'choose a shorter organization, account or tenant id'),
  objectLockModeInvalid: (path: string, value: unknown) =>
    problem('HIPAA_OBJECT_LOCK_MODE', path, value, 'object lock mode must be COMPLIANCE or GOVERNANCE', 'use "COMPLIANCE" (nobody, not even root, can shorten it) or "GOVERNANCE"'),
  waiverReasonTooShort: (path: string, value: unknown) =>
    problem('HIPAA_WAIVER_REASON', path, value, 'turning off a HIPAA default needs a reason of at least 10 characters', 'explain why, e.g. { enabled: false, reason: "GuardDuty is managed by the org delegated admin" }'),

  // ---- data tier -----------------------------------------------------------------------------
  dbIdentifierInvalid: (path: string, value: unknown) =>
    problem('HIPAA_DB_IDENTIFIER', path, value, 'a DB instance identifier is 1-63 lowercase letters, digits or hyphens, starts with a letter, and has no double or trailing hyphen', 'choose an identifier such as "acme-main"'),
  dbEngineUnsupported: (path: string, value: unknown, supported: readonly string[]) =>
    problem('HIPAA_DB_ENGINE_VERSION', path, value, `no known parameter group family for this engine and version (supported: ${supported.join(', ')})`, 'use one of the supported engine versions, or add its family to PARAMETER_FAMILIES in lib/data/engines.ts'),
  dbBackupRetention: (path: string, value: unknown) =>
    problem('HIPAA_DB_BACKUP_RETENTION', path, value, 'automated backup retention must be a whole number of days from 7 (the HIPAA floor here) to 35 (the RDS maximum)', 'use 35 (the default) for the longest point-in-time restore window'),
  openIngress: (path: string, value: unknown) =>
    problem('HIPAA_OPEN_INGRESS', path, value, 'a source of 0.0.0.0/0 or ::/0 would admit the whole internet', 'name the security groups (application, bastion) that may connect, or a peer VPC CIDR'),
  openEgress: (path: string, value: unknown) =>
    problem('HIPAA_OPEN_EGRESS', path, value, 'a destination of 0.0.0.0/0 or ::/0 would let the host reach the whole internet', 'use the VPC CIDR (for the interface endpoints) or the endpoint security group'),
  cidrInvalid: (path: string, value: unknown) =>
    problem('HIPAA_CIDR_INVALID', path, value, 'not a concrete IPv4 or IPv6 CIDR block', 'write the block as a literal, e.g. "10.20.0.0/16" (a Terraform reference cannot be checked)'),
  securityGroupIdInvalid: (path: string, value: unknown) =>
    problem('HIPAA_SECURITY_GROUP_ID', path, value, 'not a security group id (sg-...) or a reference to one', 'pass the id of a security group, e.g. appSecurityGroup.id'),
  ruleKeyInvalid: (path: string, value: unknown) =>
    problem('HIPAA_RULE_KEY', path, value, 'a rule key is part of a Terraform address: 1-40 letters, digits or hyphens, starting with a letter', 'use a stable name such as "app" or "bastion" (never a list position)'),
  dbSubnetsTooFew: (path: string, value: unknown) =>
    problem('HIPAA_DB_SUBNETS', path, value, 'a DB subnet group needs at least two subnets in different Availability Zones', 'pass the isolated data subnet of every Availability Zone'),
  dbStorage: (path: string, value: unknown) =>
    problem('HIPAA_DB_STORAGE', path, value, 'gp3 storage is 20 to 65536 GiB, and the autoscaling ceiling must be above the allocated storage', 'use 20 GiB allocated and a ceiling such as 100 GiB (the defaults)'),
  dbPort: (path: string, value: unknown) =>
    problem('HIPAA_DB_PORT', path, value, 'a database port is a whole number from 1150 to 65535', 'use the engine default (5432 for PostgreSQL, 3306 for MySQL)'),
  dbPerformanceInsightsRetention: (path: string, value: unknown) =>
    problem('HIPAA_DB_PI_RETENTION', path, value, 'Performance Insights keeps data for 7 days (free tier), a multiple of 31 days up to 713, or 731 days', 'use 7 (the default) or a month multiple such as 93'),
  dbPerformanceInsightsClass: (path: string, value: unknown) =>
    problem('HIPAA_DB_PI_INSTANCE_CLASS', path, value, 'RDS for MySQL does not support Performance Insights on micro and small instance classes', 'use db.t4g.medium (the default) or larger'),
  dbMonitoringInterval: (path: string, value: unknown) =>
    problem('HIPAA_DB_MONITORING_INTERVAL', path, value, 'enhanced monitoring intervals are 1, 5, 10, 15, 30 or 60 seconds', 'use 60 (the default)'),
  dbAuditPluginVersion: (path: string, value: unknown) =>
    problem('HIPAA_DB_AUDIT_PLUGIN_VERSION', path, value, 'the MariaDB Audit Plugin that records MySQL connections needs MySQL 8.0.28 or later', 'use "8.0" (RDS picks the current minor version), a later 8.0 minor, or "8.4"'),
  dbUsernameInvalid: (path: string, value: unknown) =>
    problem('HIPAA_DB_USERNAME', path, value, 'a master user name is 1-16 letters, digits or underscores, starts with a letter and is not a reserved word', 'use "dbadmin" (the default)'),
  vaultLockGrace: (path: string, value: unknown) =>
    problem('HIPAA_VAULT_LOCK_GRACE', path, value, 'a compliance-mode vault lock needs a grace period of at least 3 days before it becomes immutable', 'use 3 (the default) or more; or choose mode "governance"'),
  vaultLockRange: (path: string, value: unknown, detail: string) =>
    problem('HIPAA_VAULT_LOCK_RANGE', path, value, `vault lock retention is out of range: ${detail}`, 'keep 1 <= minRetentionDays <= daily retention and maxRetentionDays >= the audit retention (at most 36500)'),
  backupRetention: (path: string, value: unknown, detail: string) =>
    problem('HIPAA_BACKUP_RETENTION', path, value, detail, 'keep daily backups 7 to 35 days and monthly backups at least the audit retention, inside the vault lock range'),
  backupColdStorage: (path: string, value: unknown) =>
    problem('HIPAA_BACKUP_COLD_STORAGE', path, value, 'a recovery point must stay in cold storage at least 90 days before it is deleted', 'move to cold storage at least 90 days before the retention ends, or leave cold storage off (the default)'),
  backupCopyDestination: (path: string, value: unknown, detail: string) =>
    problem('HIPAA_BACKUP_COPY_DESTINATION', path, value, detail, 'pass the ARN of a backup vault in another Region or account, e.g. "arn:aws:backup:us-west-2:123456789012:backup-vault:dr"'),
  resourceNameInvalid: (path: string, value: unknown, what: string) =>
    problem('HIPAA_RESOURCE_NAME', path, value, `not a valid ${what}`, 'use lowercase letters, digits and hyphens, starting with a letter'),
  rangeInvalid: (path: string, value: unknown, what: string, fix: string) =>
    problem('HIPAA_VALUE_RANGE', path, value, `${what} is out of range`, fix),
  secretPrincipals: (path: string, value: unknown, detail: string) =>
    problem('HIPAA_SECRET_PRINCIPALS', path, value, detail, 'list the IAM role ARNs of the tenant that may read the secret, e.g. "arn:aws:iam::123456789012:role/acme-app"'),
  secretRecoveryWindow: (path: string, value: unknown) =>
    problem('HIPAA_SECRET_RECOVERY_WINDOW', path, value, 'a deleted secret can be recovered for 7 to 30 days', 'use 30 (the default) so a mistaken deletion can be undone'),
  secretRotationDays: (path: string, value: unknown) =>
    problem('HIPAA_SECRET_ROTATION_DAYS', path, value, 'rotation must happen every 1 to 365 days', 'use 30 (the default)'),
  arnInvalid: (path: string, value: unknown, what: string) =>
    problem('HIPAA_ARN_INVALID', path, value, `not ${what}`, 'pass the full ARN, or a Terraform reference to it'),
};
