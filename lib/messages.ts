/**
 * Every user-facing problem message, in one place. Each returns a Problem: a stable code, the
 * user's field path, the bad value, what is wrong and how to fix it.
 */
import { Problem } from './errors';
import { HIPAA_MIN_RETENTION_DAYS } from './retention';

/** Builds a Problem; every message module uses it. */
export const problem = (code: string, path: string, value: unknown, message: string, fix: string): Problem => ({
  code,
  path,
  value,
  message,
  fix,
});

export const messages = {
  // ---- deployment target and retention --------------------------------------------------------
  accountIdInvalid: (path: string, value: unknown) =>
    problem(
      'HIPAA_ACCOUNT_ID',
      path,
      value,
      'an AWS account id is exactly 12 digits',
      'write the id as a 12-digit string, e.g. "123456789012" (quote it in YAML so leading zeros survive)',
    ),
  regionUnknown: (path: string, value: unknown) => problem('HIPAA_REGION', path, value, 'not an AWS Region', 'use a Region code such as "us-east-1" or "eu-west-2"'),
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
    problem(
      'HIPAA_TRAIL_NAME',
      path,
      value,
      'a trail name is 3 to 128 letters, digits, periods, underscores or hyphens, starting with a letter or digit',
      'choose a name such as "org-audit-trail"',
    ),
  groupNameInvalid: (path: string, value: unknown) =>
    problem('HIPAA_GROUP_NAME', path, value, 'not a valid IAM group name (1-128 of letters, digits and +=,.@_-)', 'use the group name exactly as IAM shows it'),
  nameTooLong: (path: string, value: unknown, limit: number, what: string) =>
    problem('HIPAA_NAME_TOO_LONG', path, value, `the derived ${what} is longer than AWS allows (${limit} characters)`, 'choose a shorter organization, account or tenant id'),
  bucketAccountUnknown: (path: string, value: unknown) =>
    problem(
      'HIPAA_BUCKET_ACCOUNT',
      path,
      value,
      'the bucket takes part in S3 server access logging, but its account is unknown, so log delivery cannot be limited to this account (aws:SourceAccount)',
      'pass accountId (the 12-digit account that owns the bucket), or an encryption key whose target names the account',
    ),
  objectLockModeInvalid: (path: string, value: unknown) =>
    problem('HIPAA_OBJECT_LOCK_MODE', path, value, 'object lock mode must be COMPLIANCE or GOVERNANCE', 'use "COMPLIANCE" (nobody, not even root, can shorten it) or "GOVERNANCE"'),
  waiverReasonTooShort: (path: string, value: unknown) =>
    problem(
      'HIPAA_WAIVER_REASON',
      path,
      value,
      'turning off a HIPAA default needs a reason of at least 10 characters',
      'explain why, e.g. { enabled: false, reason: "GuardDuty is managed by the org delegated admin" }',
    ),

  // ---- network ----------------------------------------------------------------------------------
  networkNameInvalid: (path: string, value: unknown, max: number) =>
    problem(
      'HIPAA_NET_NAME',
      path,
      value,
      `a network name is 2 to ${max} lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen`,
      'use the tenant or pool id, e.g. "acme"',
    ),
  cidrToken: (path: string, value: unknown) =>
    problem(
      'HIPAA_NET_CIDR_TOKEN',
      path,
      value,
      'a Terraform reference was given where a concrete CIDR is needed (overlap and containment are checked before plan)',
      'pass the planned CIDR string, e.g. "10.20.0.0/20", not an attribute of another resource',
    ),
  cidrMalformed: (path: string, value: unknown) =>
    problem('HIPAA_NET_CIDR', path, value, 'not an IPv4 CIDR block', 'write four octets 0-255 and a prefix length, e.g. "10.20.0.0/20"'),
  cidrNotAligned: (path: string, value: unknown, canonical: string) =>
    problem('HIPAA_NET_CIDR_ALIGNMENT', path, value, 'the address has host bits set for its prefix length', `use the network address: "${canonical}"`),
  cidrPrefixOutOfRange: (path: string, value: unknown, min: number, max: number) =>
    problem('HIPAA_NET_CIDR_PREFIX', path, value, `AWS accepts prefix lengths /${min} to /${max} here`, `choose a block between /${min} and /${max}`),
  subnetOutsideVpc: (path: string, value: unknown, vpcCidr: string) =>
    problem('HIPAA_NET_SUBNET_OUTSIDE_VPC', path, value, `the subnet is not inside the VPC block ${vpcCidr}`, `carve the subnet out of ${vpcCidr}`),
  subnetsOverlap: (path: string, value: unknown, otherPath: string, otherCidr: string) =>
    problem('HIPAA_NET_SUBNET_OVERLAP', path, value, `overlaps ${otherPath} (${otherCidr})`, 'give every subnet its own block; the planner in lib/plan allocates disjoint ones'),
  subnetTierInvalid: (path: string, value: unknown) =>
    problem(
      'HIPAA_NET_SUBNET_TIER',
      path,
      value,
      'a subnet tier is "app", "data" or "public"',
      'use "app" for workloads, "data" for databases, "public" only for NAT gateways with egress',
    ),
  subnetAzIndexInvalid: (path: string, value: unknown) =>
    problem('HIPAA_NET_AZ_INDEX', path, value, 'an AZ index is a whole number from 0 to 15', 'number the Availability Zones 0, 1, 2, ... in plan order'),
  subnetDuplicate: (path: string, value: unknown, tier: string, azIndex: number) =>
    problem('HIPAA_NET_SUBNET_DUPLICATE', path, value, `a second ${tier} subnet in AZ index ${azIndex}`, 'declare one subnet per tier and AZ index'),
  availabilityZoneInvalid: (path: string, value: unknown, region: string) =>
    problem('HIPAA_NET_AZ', path, value, `not a concrete Availability Zone of ${region}`, `use a zone name of ${region}, e.g. "${region}a"`),
  availabilityZoneInconsistent: (path: string, value: unknown, detail: string) =>
    problem('HIPAA_NET_AZ_MAPPING', path, value, detail, 'map each AZ index to exactly one Availability Zone, the same in every tier'),
  tooFewAvailabilityZones: (path: string, value: unknown, tier: string) =>
    problem(
      'HIPAA_NET_TOO_FEW_AZS',
      path,
      value,
      `the ${tier} tier spans fewer than 2 Availability Zones`,
      `add ${tier} subnets in at least two Availability Zones (AZ indexes 0 and 1) so one zone failing leaves the tier running`,
    ),
  azIndexesMismatch: (path: string, value: unknown, expected: readonly number[]) =>
    problem(
      'HIPAA_NET_AZ_INDEXES',
      path,
      value,
      `AZ indexes must be ${JSON.stringify(expected)} in every tier (contiguous from 0, the same in app, data and public)`,
      'give every tier one subnet in each AZ index 0..n-1',
    ),
  publicSubnetsWithoutEgress: (path: string, value: unknown) =>
    problem(
      'HIPAA_NET_PUBLIC_WITHOUT_EGRESS',
      path,
      value,
      'public subnets are only for NAT gateways, and this network has no internet egress',
      'remove the public subnets, or set egress: true if the application tier needs outbound internet access',
    ),
  egressWithoutPublicSubnets: (path: string, value: unknown) =>
    problem(
      'HIPAA_NET_EGRESS_WITHOUT_PUBLIC',
      path,
      value,
      'internet egress needs a public subnet in every AZ for its NAT gateway',
      'add one "public" subnet per AZ index, or set egress: false',
    ),
  endpointServiceInvalid: (path: string, value: unknown) =>
    problem(
      'HIPAA_NET_ENDPOINT_SERVICE',
      path,
      value,
      'not an interface endpoint service short name (lowercase letters, digits, dots and hyphens), or listed twice',
      'use the name after "com.amazonaws.<region>.", e.g. "ssm" or "ecr.api", once each',
    ),
  flowLogKeyElsewhere: (path: string, value: unknown, expected: string) =>
    problem(
      'HIPAA_NET_FLOW_LOG_KEY',
      path,
      value,
      `the flow log key lives in another account or Region than the network (${expected}); CloudWatch Logs can only use a key in its own Region`,
      'pass the tenant key created for this account and Region',
    ),
  addressTaken: (path: string, value: unknown) =>
    problem(
      'HIPAA_NET_ADDRESS_TAKEN',
      path,
      value,
      'another network or peering in this stack already uses this Terraform address (addresses derive from names, so two networks or peerings with the same name collide)',
      'use a distinct tenant or pool id per network, and one VpcPeering per connection id',
    ),
  portInvalid: (path: string, value: unknown) =>
    problem('HIPAA_NET_PORT', path, value, 'a TCP port is a whole number from 1 to 65535', 'list the exact ports the peer may reach, e.g. [443, 5432]'),
  peerAdminPort: (path: string, value: unknown) =>
    problem(
      'HIPAA_NET_PEER_ADMIN_PORT',
      path,
      value,
      'SSH (22) and RDP (3389) are denied from everywhere by every tier network ACL, so a peer on this port could never connect',
      'reach hosts through the SSM bastion instead, and list only application ports for the peer',
    ),
  portsEmpty: (path: string, value: unknown) =>
    problem('HIPAA_NET_PORTS_EMPTY', path, value, 'no ports listed; a peer rule admits only the ports it names', 'list at least one port, e.g. [443]'),
  peerSelf: (path: string, value: unknown) => problem('HIPAA_NET_PEER_SELF', path, value, 'a network cannot peer with itself', 'name two different networks'),
  peerCidrsOverlap: (path: string, value: unknown, otherPath: string, otherCidr: string) =>
    problem(
      'HIPAA_NET_PEER_OVERLAP',
      path,
      value,
      `overlaps ${otherPath} (${otherCidr}); AWS refuses to peer VPCs with overlapping blocks and routes would be ambiguous`,
      'give each network its own block; the planner in lib/plan allocates disjoint ones',
    ),
  peerRuleSideUnknown: (path: string, value: unknown, sides: readonly string[]) =>
    problem('HIPAA_NET_PEER_RULE_SIDE', path, value, `not one of the two peered networks (${sides.join(', ')})`, 'name the requester or the accepter network'),
  peerRuleSameSide: (path: string, value: unknown) =>
    problem('HIPAA_NET_PEER_RULE_DIRECTION', path, value, 'a rule must go from one side to the other', 'set from and to to the two different networks'),
  peerRulesEmpty: (path: string, value: unknown) =>
    problem('HIPAA_NET_PEER_NO_RULES', path, value, 'a peering without rules routes traffic that every security group drops', 'declare at least one { from, to, ports } rule'),
  peerAlreadyAllowed: (path: string, value: unknown) =>
    problem('HIPAA_NET_PEER_DUPLICATE', path, value, 'this peer already has a security group in this direction on this network', 'merge the ports into one call'),
  connectionIdInvalid: (path: string, value: unknown) =>
    problem(
      'HIPAA_NET_CONNECTION_ID',
      path,
      value,
      'a connection id is 2 to 64 lowercase letters, digits and hyphens, starting with a letter',
      'use both network names joined by "--", e.g. "acme--beta"',
    ),
  azCountInvalid: (path: string, value: unknown) =>
    problem('HIPAA_NET_AZ_COUNT', path, value, 'the AZ count of a network is a whole number from 2 to 16', 'pass the azCount of the TenantNetwork on that side'),
  providerMismatch: (path: string, value: unknown, detail: string) =>
    problem('HIPAA_NET_PROVIDER', path, value, detail, "pass the AWS provider of this stack that is configured for that side's account and Region"),
  // ---- configuration options (Regions, partitions, backend, tags) -----------------------------
  azCountOverRegion: (path: string, value: unknown, region: string, zones: readonly string[], owners: readonly string[]) =>
    problem(
      'HIPAA_AZ_COUNT_REGION',
      path,
      value,
      `${region} has ${zones.length} Availability Zones a VPC can use (${zones.join(', ')}), and ${owners.join(', ')} would get a VPC there spanning ${String(value)}`,
      `use at most ${zones.length} in ${region} (network.azCount applies to every VPC)`,
    ),
  partitionMismatch: (path: string, value: unknown, partition: string, homeRegion: string, homePartition: string) =>
    problem(
      'HIPAA_PARTITION_MISMATCH',
      path,
      value,
      `Region ${String(value)} is in partition ${partition}, but homeRegion ${homeRegion} is in ${homePartition}; one configuration deploys into one partition (accounts, roles and ARNs differ between them)`,
      `use a Region of the ${homePartition} partition, or write a separate configuration with a ${partition} homeRegion for it`,
    ),
  backendBucketUrl: (path: string, value: unknown, name: string) =>
    problem('HIPAA_BACKEND_BUCKET', path, value, 'the S3 backend takes the bucket name, not an s3:// URL', `write bucket: "${name}" (and the key prefix in keyPrefix)`),
  backendBucketName: (path: string, value: unknown, detail: string) =>
    problem(
      'HIPAA_BACKEND_BUCKET',
      path,
      value,
      `not a valid S3 bucket name: ${detail}`,
      'use 3-63 lowercase letters, digits, hyphens or dots, starting and ending with a letter or digit, e.g. "examplehealth-terraform-state" (S3 bucket naming rules)',
    ),
  backendKeyPrefix: (path: string, value: unknown) =>
    problem(
      'HIPAA_BACKEND_KEY',
      path,
      value,
      'a state key prefix is 1-900 of letters, digits and !-_.*\'()/ with no leading, trailing or doubled "/"',
      'use a prefix such as "hipaa" or "hipaa/prod"; each stack\'s state is <prefix>/<stack>.tfstate',
    ),
  backendKmsKey: (path: string, value: unknown, detail: string) =>
    problem(
      'HIPAA_BACKEND_KMS_KEY',
      path,
      value,
      `not a KMS key the S3 backend can encrypt state with: ${detail}`,
      'give a key id, a key ARN, "alias/<name>" or an alias ARN in the partition of backend.region, e.g. "alias/terraform-state"',
    ),
  backendRole: (path: string, value: unknown) =>
    problem(
      'HIPAA_BACKEND_ROLE',
      path,
      value,
      'not an IAM role ARN',
      'give the full ARN of the role Terraform assumes for state, e.g. "arn:aws:iam::123456789012:role/terraform-state"',
    ),
  retentionUnreachable: (path: string, value: unknown, detail: string, fix: string) => problem('HIPAA_RETENTION_UNREACHABLE', path, value, detail, fix),
  tagKeyInvalid: (path: string, value: unknown, detail: string) =>
    problem(
      'HIPAA_TAG_KEY',
      path,
      value,
      `not a valid tag key: ${detail}`,
      'use 1-128 letters, digits, spaces and _ . : / = + - @, not starting with "aws:" (reserved for AWS), e.g. "CostCenter"',
    ),
  tagValueInvalid: (path: string, value: unknown, detail: string) =>
    problem('HIPAA_TAG_VALUE', path, value, `not a valid tag value: ${detail}`, 'use at most 256 letters, digits, spaces and _ . : / = + - @'),

  // ---- data tier -----------------------------------------------------------------------------
  dbIdentifierInvalid: (path: string, value: unknown) =>
    problem(
      'HIPAA_DB_IDENTIFIER',
      path,
      value,
      'a DB instance identifier is 1-63 lowercase letters, digits or hyphens, starts with a letter, and has no double or trailing hyphen',
      'choose an identifier such as "acme-main"',
    ),
  dbEngineUnsupported: (path: string, value: unknown, supported: readonly string[]) =>
    problem(
      'HIPAA_DB_ENGINE_VERSION',
      path,
      value,
      `no known parameter group family for this engine and version (supported: ${supported.join(', ')})`,
      'use one of the supported engine versions, or add its family to PARAMETER_FAMILIES in lib/data/engines.ts',
    ),
  dbBackupRetention: (path: string, value: unknown) =>
    problem(
      'HIPAA_DB_BACKUP_RETENTION',
      path,
      value,
      'automated backup retention must be a whole number of days from 7 (the HIPAA floor here) to 35 (the RDS maximum)',
      'use 35 (the default) for the longest point-in-time restore window',
    ),
  openIngress: (path: string, value: unknown) =>
    problem(
      'HIPAA_OPEN_INGRESS',
      path,
      value,
      'a source of 0.0.0.0/0 or ::/0 would admit the whole internet',
      'name the security groups (application, bastion) that may connect, or a peer VPC CIDR',
    ),
  openEgress: (path: string, value: unknown) =>
    problem(
      'HIPAA_OPEN_EGRESS',
      path,
      value,
      'a destination of 0.0.0.0/0 or ::/0 would let the host reach the whole internet',
      'use the VPC CIDR (for the interface endpoints) or the endpoint security group',
    ),
  cidrInvalid: (path: string, value: unknown) =>
    problem(
      'HIPAA_CIDR_INVALID',
      path,
      value,
      'not a concrete IPv4 or IPv6 CIDR block',
      'write the block as a literal, e.g. "10.20.0.0/16" (a Terraform reference cannot be checked)',
    ),
  securityGroupIdInvalid: (path: string, value: unknown) =>
    problem('HIPAA_SECURITY_GROUP_ID', path, value, 'not a security group id (sg-...) or a reference to one', 'pass the id of a security group, e.g. appSecurityGroup.id'),
  ruleKeyInvalid: (path: string, value: unknown) =>
    problem(
      'HIPAA_RULE_KEY',
      path,
      value,
      'a rule key is part of a Terraform address: 1-40 letters, digits or hyphens, starting with a letter',
      'use a stable name such as "app" or "bastion" (never a list position)',
    ),
  dbSubnetsTooFew: (path: string, value: unknown) =>
    problem(
      'HIPAA_DB_SUBNETS',
      path,
      value,
      'a DB subnet group needs at least two subnets in different Availability Zones',
      'pass the isolated data subnet of every Availability Zone',
    ),
  dbStorage: (path: string, value: unknown) =>
    problem(
      'HIPAA_DB_STORAGE',
      path,
      value,
      'gp3 storage is 20 to 65536 GiB, and the autoscaling ceiling must be above the allocated storage',
      'use 20 GiB allocated and a ceiling such as 100 GiB (the defaults)',
    ),
  dbPort: (path: string, value: unknown) =>
    problem('HIPAA_DB_PORT', path, value, 'a database port is a whole number from 1150 to 65535', 'use the engine default (5432 for PostgreSQL, 3306 for MySQL)'),
  dbPerformanceInsightsRetention: (path: string, value: unknown) =>
    problem(
      'HIPAA_DB_PI_RETENTION',
      path,
      value,
      'Performance Insights keeps data for 7 days (free tier), a multiple of 31 days up to 713, or 731 days',
      'use 7 (the default) or a month multiple such as 93',
    ),
  dbPerformanceInsightsClass: (path: string, value: unknown) =>
    problem(
      'HIPAA_DB_PI_INSTANCE_CLASS',
      path,
      value,
      'RDS for MySQL does not support Performance Insights on micro and small instance classes',
      'use db.t4g.medium (the default) or larger',
    ),
  dbMonitoringInterval: (path: string, value: unknown) =>
    problem('HIPAA_DB_MONITORING_INTERVAL', path, value, 'enhanced monitoring intervals are 1, 5, 10, 15, 30 or 60 seconds', 'use 60 (the default)'),
  dbAuditPluginVersion: (path: string, value: unknown) =>
    problem(
      'HIPAA_DB_AUDIT_PLUGIN_VERSION',
      path,
      value,
      'the MariaDB Audit Plugin that records MySQL connections needs MySQL 8.0.28 or later',
      'use "8.0" (RDS picks the current minor version), a later 8.0 minor, or "8.4"',
    ),
  dbUsernameInvalid: (path: string, value: unknown) =>
    problem(
      'HIPAA_DB_USERNAME',
      path,
      value,
      'a master user name is 1-16 letters, digits or underscores, starts with a letter and is not a reserved word',
      'use "dbadmin" (the default)',
    ),
  vaultLockGrace: (path: string, value: unknown) =>
    problem(
      'HIPAA_VAULT_LOCK_GRACE',
      path,
      value,
      'a compliance-mode vault lock needs a grace period of at least 3 days before it becomes immutable',
      'use 3 (the default) or more; or choose mode "governance"',
    ),
  vaultLockRange: (path: string, value: unknown, detail: string) =>
    problem(
      'HIPAA_VAULT_LOCK_RANGE',
      path,
      value,
      `vault lock retention is out of range: ${detail}`,
      'keep 1 <= minRetentionDays <= daily retention and maxRetentionDays >= the audit retention (at most 36500)',
    ),
  backupRetention: (path: string, value: unknown, detail: string) =>
    problem('HIPAA_BACKUP_RETENTION', path, value, detail, 'keep daily backups 7 to 35 days and monthly backups at least the audit retention, inside the vault lock range'),
  backupLockShorterThanRetention: (path: string, value: unknown, rule: string, vault: string, min: number) =>
    problem(
      'HIPAA_BACKUP_LOCK_SHORTER_THAN_RETENTION',
      path,
      value,
      `vault "${vault}" locks ${rule} recovery points for only ${min} days of their ${String(value)}: a privileged user can shorten their lifecycle and delete them early`,
      `set the lock.minRetentionDays of "${vault}" to ${String(value)}, and give each retention class its own vault (HipaaBackupPlan monthlyVault)`,
    ),
  backupColdStorage: (path: string, value: unknown) =>
    problem(
      'HIPAA_BACKUP_COLD_STORAGE',
      path,
      value,
      'a recovery point must stay in cold storage at least 90 days before it is deleted',
      'move to cold storage at least 90 days before the retention ends, or leave cold storage off (the default)',
    ),
  backupCopyDestination: (path: string, value: unknown, detail: string) =>
    problem(
      'HIPAA_BACKUP_COPY_DESTINATION',
      path,
      value,
      detail,
      'pass the ARN of a backup vault in another Region or account, e.g. "arn:aws:backup:us-west-2:123456789012:backup-vault:dr"',
    ),
  resourceNameInvalid: (path: string, value: unknown, what: string) =>
    problem('HIPAA_RESOURCE_NAME', path, value, `not a valid ${what}`, 'use lowercase letters, digits and hyphens, starting with a letter'),
  rangeInvalid: (path: string, value: unknown, what: string, fix: string) => problem('HIPAA_VALUE_RANGE', path, value, `${what} is out of range`, fix),
  secretPrincipals: (path: string, value: unknown, detail: string) =>
    problem('HIPAA_SECRET_PRINCIPALS', path, value, detail, 'list the IAM role ARNs of the tenant that may read the secret, e.g. "arn:aws:iam::123456789012:role/acme-app"'),
  secretRecoveryWindow: (path: string, value: unknown) =>
    problem('HIPAA_SECRET_RECOVERY_WINDOW', path, value, 'a deleted secret can be recovered for 7 to 30 days', 'use 30 (the default) so a mistaken deletion can be undone'),
  secretRotationDays: (path: string, value: unknown) => problem('HIPAA_SECRET_ROTATION_DAYS', path, value, 'rotation must happen every 1 to 365 days', 'use 30 (the default)'),
  alarmEndpointsMissing: (path: string, value: unknown) =>
    problem(
      'HIPAA_ALARM_ENDPOINTS_MISSING',
      path,
      value,
      'the security alarms have no endpoint, so every alarm would notify nobody',
      `list who is notified, e.g. ${path}: { email: ["security@example.com"] } (email recipients must confirm the subscription SNS mails them), or opt out with ${path}: { enabled: false, reason: "<why, at least 10 characters>" }`,
    ),
  s3DataEventsEmpty: (path: string, value: unknown) =>
    problem(
      'HIPAA_S3_DATA_EVENTS_EMPTY',
      path,
      value,
      "the list names no bucket besides the trail's own, whose object events are never recorded",
      'list the ARNs of the buckets holding ePHI, or use "all" (the default)',
    ),
  alarmEndpointInvalid: (path: string, value: unknown, what: string) =>
    problem('HIPAA_ALARM_ENDPOINT_INVALID', path, value, `not ${what}`, 'use an address such as "security@example.com" or a URL such as "https://events.example.com/aws"'),
  defaultVpcChoice: (path: string, value: unknown) =>
    problem(
      'HIPAA_DEFAULT_VPC',
      path,
      value,
      'the only supported default-VPC choice is "absent"',
      'leave defaultVpc unset (or "absent") and delete default VPCs with the runbook in docs/default-vpc.md',
    ),
  defaultVpcSecurityGroupRemoved: (path: string, value: unknown) =>
    problem(
      'HIPAA_DEFAULT_VPC_SECURITY_GROUP_REMOVED',
      path,
      value,
      'the baseline no longer adopts default VPCs (aws_default_vpc would create one where it was deleted), so this setting has no effect',
      'remove defaultVpcSecurityGroup and delete default VPCs with the runbook in docs/default-vpc.md',
    ),
  arnInvalid: (path: string, value: unknown, what: string) => problem('HIPAA_ARN_INVALID', path, value, `not ${what}`, 'pass the full ARN, or a Terraform reference to it'),
  // ---- npm run validate (offline terraform validate) ----------------------------------------
  terraformNotFound: (searched: string): Problem => ({
    code: 'HIPAA_TERRAFORM_NOT_FOUND',
    path: 'terraform',
    message: `no terraform executable found (searched ${searched})`,
    fix: 'install Terraform 1.11 or later and put it on PATH, or set HIPAA_TERRAFORM to its full path',
  }),
  providerMirrorNotFound: (searched: string): Problem => ({
    code: 'HIPAA_TF_MIRROR_NOT_FOUND',
    path: 'HIPAA_TF_PROVIDER_MIRROR',
    message: `no provider mirror holds hashicorp/aws (searched ${searched})`,
    fix: 'set HIPAA_TF_PROVIDER_MIRROR to a filesystem mirror folder laid out as registry.terraform.io/hashicorp/aws/<version>/<os_arch>, e.g. /opt/tf-plugins',
  }),
  validateInputMissing: (value: string) =>
    problem(
      'HIPAA_VALIDATE_INPUT',
      'cdktf.out',
      value,
      'no stacks/<name>/cdk.tf.json under this folder',
      'run `npm run synth` first, or pass the synthesized output folder: npm run validate -- <cdktf.out>',
    ),
  validateArgument: (value: string) => problem('HIPAA_VALIDATE_ARGS', 'arguments', value, 'not an option of validate', 'use: npm run validate [-- <cdktf.out>] [--plan] [--json]'),
};
