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
  // AWS Config's recording role: read-only on the data-plane services (no kms:Decrypt,
  // secretsmanager:GetSecretValue, s3:GetObject/PutObject or rds-db:connect). Taken from the
  // AWSConfigRoleStatementID1 statement of the v71 default version (2026-07).
  'service-role/AWS_ConfigRole': {
    version: 'v71',
    statements: [
      {
        Sid: 'AWSConfigRoleStatementID1',
        Effect: 'Allow',
        Action: [
          'kms:DescribeKey',
          'kms:GetKeyPolicy',
          'kms:GetKeyRotationStatus',
          'kms:ListAliases',
          'kms:ListKeys',
          'kms:ListResourceTags',
          's3:GetAccelerateConfiguration',
          's3:GetAccessGrant',
          's3:GetAccessGrantsInstance',
          's3:GetAccessGrantsLocation',
          's3:GetAccessPoint',
          's3:GetAccessPointForObjectLambda',
          's3:GetAccessPointPolicy',
          's3:GetAccessPointPolicyForObjectLambda',
          's3:GetAccessPointPolicyStatus',
          's3:GetAccessPointPolicyStatusForObjectLambda',
          's3:GetAccountPublicAccessBlock',
          's3:GetBucketAbac',
          's3:GetBucketAcl',
          's3:GetBucketCORS',
          's3:GetBucketLocation',
          's3:GetBucketLogging',
          's3:GetBucketMetadataTableConfiguration',
          's3:GetBucketNotification',
          's3:GetBucketObjectLockConfiguration',
          's3:GetBucketOwnershipControls',
          's3:GetBucketPolicy',
          's3:GetBucketPolicyStatus',
          's3:GetBucketPublicAccessBlock',
          's3:GetBucketRequestPayment',
          's3:GetBucketTagging',
          's3:GetBucketVersioning',
          's3:GetBucketWebsite',
          's3:GetEncryptionConfiguration',
          's3:GetLifecycleConfiguration',
          's3:GetMultiRegionAccessPoint',
          's3:GetMultiRegionAccessPointPolicy',
          's3:GetMultiRegionAccessPointPolicyStatus',
          's3:GetReplicationConfiguration',
          's3:GetStorageLensConfiguration',
          's3:GetStorageLensConfigurationTagging',
          's3:GetStorageLensGroup',
          's3:ListAccessGrants',
          's3:ListAccessGrantsInstances',
          's3:ListAccessGrantsLocations',
          's3:ListAccessPoints',
          's3:ListAccessPointsForObjectLambda',
          's3:ListAllMyBuckets',
          's3:ListBucket',
          's3:ListMultiRegionAccessPoints',
          's3:ListStorageLensConfigurations',
          's3:ListStorageLensGroups',
          's3:ListTagsForResource',
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetResourcePolicy',
          'secretsmanager:ListSecrets',
          'secretsmanager:ListSecretVersionIds',
        ],
        Resource: '*',
      },
    ],
  },
  'service-role/AmazonRDSEnhancedMonitoringRole': {
    version: 'v1',
    statements: [],
  },
  'service-role/AWSBackupServiceRolePolicyForBackup': {
    version: 'v29',
    statements: [
      {
        Sid: 'KMSDynamoDBPermissions',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: '*',
        Condition: { StringLike: { 'kms:ViaService': ['dynamodb.*.amazonaws.com'] } },
      },
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
              'dynamodb.*.amazonaws.com',
              'ec2.*.amazonaws.com',
              'elasticfilesystem.*.amazonaws.com',
              'rds.*.amazonaws.com',
              'redshift.*.amazonaws.com',
              'dsql.*.amazonaws.com',
              'redshift-serverless.*.amazonaws.com',
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
