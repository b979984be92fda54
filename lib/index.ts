/**
 * Public API for use as a library inside your own CDKTF app. Everything here is a construct or a
 * pure function; stacks and the config-driven app live in `stacks/` and `cli/`.
 */
export { AccountBaseline, type AccountBaselineProps, baselineNames } from './constructs/baseline/account-baseline';
export { AuditTrail, type AuditTrailProps } from './constructs/audit/audit-trail';
export { HipaaLogGroup, type HipaaLogGroupProps } from './constructs/audit/log-group';
export { SecurityAlarms, type SecurityAlarmsProps, type SecurityEventPattern, SECURITY_EVENT_PATTERNS } from './constructs/audit/security-alarms';
export { PasswordPolicy, type PasswordPolicyProps } from './constructs/access/password-policy';
export { MfaEnforcement, type MfaEnforcementProps, MFA_ENROLLMENT_ACTIONS } from './constructs/access/mfa-enforcement';
export { ConfigRecorder, type ConfigRecorderProps } from './constructs/detective/config-recorder';
export { HipaaKey, type HipaaKeyProps } from './constructs/security/hipaa-key';
export {
  PolicyDocument,
  type PolicyStatement,
  type Principal,
  type Condition,
  accountRootArn,
  denyInsecureTransport,
  escapeTerraformTemplate,
} from './constructs/security/policy-document';
export { SecureBucket, type SecureBucketProps, type ObjectLockMode } from './constructs/storage/secure-bucket';
export { type DeploymentTarget, type DeploymentTargetProps, resolveDeploymentTarget } from './constructs/kernel/context';
export { type Disabled, type Waiver, collectWaivers, recordWaiver } from './constructs/kernel/waivers';
export { constructSuppressions, recordAuditRetention, recordConfigSuppressions, stackComplianceMetadata, suppress } from './constructs/kernel/suppress';
export { COMPLIANCE_METADATA_KEY, type ComplianceMetadata, type RecordedSuppression, type RecordedWaiver } from './suppression';
export { HipaaValidationError, type Problem, formatProblem } from './errors';
export { DEFAULT_AUDIT_RETENTION_DAYS, HIPAA_MIN_RETENTION_DAYS, CLOUDWATCH_RETENTION_DAYS, snapToCloudWatchRetention } from './retention';
export { configSchema, type HipaaConfig, type HipaaConfigInput } from './config/schema';
export { parseConfig, parseConfigText, loadConfigFile } from './config/load';
export { DEMO_CONFIG } from './config/demo';
export { RolePolicy, type RolePolicyProps } from './constructs/security/role-policy';
export { TenantNetwork, type TenantNetworkProps, type SubnetTier, SUBNET_TIERS, DEFAULT_INTERFACE_ENDPOINTS } from './constructs/network/tenant-network';
export { VpcPeering, type VpcPeeringProps } from './constructs/network/vpc-peering';
export { tenantNetworkOutputs } from './constructs/network/outputs';
export { HipaaDatabase, type HipaaDatabaseProps } from './constructs/data/hipaa-database';
export { HipaaBackupVault, HipaaBackupPlan } from './constructs/data/backup';
export { Bastion, type BastionProps, bastionOutputs } from './constructs/access/bastion';
export { HipaaSecret } from './constructs/secrets/hipaa-secret';
export { plan, type HipaaPlan, type PlacementLock } from './plan';
export { CATALOG, DEFAULT_TENANT_MODULES } from './constructs/registry/catalog';
export { HIPAA_PACK, evaluate, loadTerraform, violations, conformancePackTemplate, type ComplianceResult, type Suppression } from './analyze/rules';
export { checkApp } from './check-app';
export { formatViolations, summaryLine, writeReports } from './report/compliance';
export { runCheckCommand } from '../cli/check';
export { compareOutputs, loadOutputDir } from './analyze/guard';
export { formatGuardReport } from './report/guard';
export { runGuardCommand } from '../cli/guard';
export { HipaaBlockedError } from './errors';
export { analyzeIsolation, type IsolationMatrix } from './analyze/isolation';
export { isolationSummary, writeIsolationMatrix } from './report/isolation';
