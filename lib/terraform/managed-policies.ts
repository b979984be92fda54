/**
 * What the AWS-managed policies our stacks attach grant on the data plane the isolation proof
 * checks (kms, secretsmanager, s3, rds-db). Only statements that name those services (or `*`) are
 * kept; the rest of each policy grants nothing on them. Any managed policy not in this table is
 * treated as "might allow anything" (fail closed), so adding a new attachment without adding it
 * here shows up as `might-allow`, never as a silent pass.
 *
 * Source: the AWS managed policy reference (default versions as of early 2026). AWS revises these
 * policies; the versions are recorded so a reviewer can compare.
 */
import { Policy, readPolicy } from './policy';

export interface ManagedPolicyFacts {
  /** The default version the statements were taken from. */
  readonly version: string;
  /** The statements that touch kms, secretsmanager, s3 or rds-db (as JSON policy statements). */
  readonly statements: readonly object[];
}

const BACKUP_KMS_CREATE_GRANT = {
  Sid: 'KMSCreateGrantPermissions',
  Effect: 'Allow',
  Action: 'kms:CreateGrant',
  Resource: '*',
  Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
};

/** Keyed by the part of the ARN after `:policy/` (path and name). */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, ManagedPolicyFacts>> = {
  AdministratorAccess: {
    version: 'v1',
    statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
  AmazonSSMManagedInstanceCore: {
    version: 'v2',
    statements: [],
  },
  'service-role/AmazonRDSEnhancedMonitoringRole': {
    version: 'v1',
    statements: [],
  },
  'service-role/AWSBackupServiceRolePolicyForBackup': {
    version: 'v29',
    statements: [
      { Sid: 'KMSDynamoDBPermissions', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { StringLike: { 'kms:ViaService': ['dynamodb.*.amazonaws.com'] } } },
      { Sid: 'KMSPermissions', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' },
      BACKUP_KMS_CREATE_GRANT,
      {
        Sid: 'KMSEC2Permissions',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptTo', 'kms:ReEncryptFrom'],
        Resource: 'arn:aws:kms:*:*:key/*',
        Condition: { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'aws:ebs:id' }, StringLike: { 'kms:ViaService': ['ec2.*.amazonaws.com'] } },
      },
      {
        Sid: 'KMSDSQLPermissions',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'aws:dsql:ClusterId' }, StringLike: { 'kms:ViaService': ['dsql.*.amazonaws.com'] } },
      },
    ],
  },
  'service-role/AWSBackupServiceRolePolicyForRestores': {
    version: 'v25',
    statements: [
      { Sid: 'KMSDescribePermissions', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' },
      {
        Sid: 'KMSPermissions',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptTo', 'kms:ReEncryptFrom', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
        Resource: '*',
        Condition: {
          StringLike: {
            'kms:ViaService': [
              'dynamodb.*.amazonaws.com', 'ec2.*.amazonaws.com', 'elasticfilesystem.*.amazonaws.com', 'rds.*.amazonaws.com',
              'redshift.*.amazonaws.com', 'dsql.*.amazonaws.com', 'redshift-serverless.*.amazonaws.com',
            ],
          },
        },
      },
      BACKUP_KMS_CREATE_GRANT,
    ],
  },
};

/** The `path/name` of an AWS-managed policy ARN (`arn:aws:iam::aws:policy/<path/name>`), or undefined. */
export function awsManagedPolicyName(arn: string): string | undefined {
  return /^arn:[\w-]+:iam::aws:policy\/(.+)$/.exec(arn)?.[1];
}

/** The policy an AWS-managed ARN stands for: its data-plane statements, or an unreadable policy when unknown. */
export function awsManagedPolicy(arn: string, source: string): Policy {
  const name = awsManagedPolicyName(arn);
  const facts = name ? AWS_MANAGED_POLICIES[name] : undefined;
  if (!facts) return { source, statements: [], unreadable: `AWS managed policy ${name ?? arn} is not in the known table` };
  return readPolicy({ Statement: facts.statements }, `${source} (${name} ${facts.version})`);
}
