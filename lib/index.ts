/**
 * Public API for use as a library inside your own CDKTF app. Everything here is a construct or a
 * pure function; stacks and the config-driven app live in `stacks/` and `cli/`.
 */
export { AccountBaseline, type AccountBaselineProps, baselineNames } from './baseline/account-baseline';
export { AuditTrail, type AuditTrailProps } from './audit/audit-trail';
export { HipaaLogGroup, type HipaaLogGroupProps } from './audit/log-group';
export { SecurityAlarms, type SecurityAlarmsProps, type SecurityEventPattern, SECURITY_EVENT_PATTERNS } from './audit/security-alarms';
export { PasswordPolicy, type PasswordPolicyProps } from './access/password-policy';
export { MfaEnforcement, type MfaEnforcementProps, MFA_ENROLLMENT_ACTIONS } from './access/mfa-enforcement';
export { ConfigRecorder, type ConfigRecorderProps } from './detective/config-recorder';
export { HipaaKey, type HipaaKeyProps } from './security/hipaa-key';
export { PolicyDocument, type PolicyStatement, type Principal, type Condition, accountRootArn, denyInsecureTransport, escapeTerraformTemplate } from './security/policy-document';
export { SecureBucket, type SecureBucketProps, type ObjectLockMode } from './storage/secure-bucket';
export { type DeploymentTarget, type DeploymentTargetProps, resolveDeploymentTarget } from './context';
export { type Disabled, type Waiver, collectWaivers, recordWaiver } from './waivers';
export { HipaaValidationError, type Problem, formatProblem } from './errors';
export { DEFAULT_AUDIT_RETENTION_DAYS, HIPAA_MIN_RETENTION_DAYS, CLOUDWATCH_RETENTION_DAYS, snapToCloudWatchRetention } from './retention';
export { configSchema, type HipaaConfig, type HipaaConfigInput } from './config/schema';
export { parseConfig, parseConfigText, loadConfigFile } from './config/load';
export { DEMO_CONFIG } from './config/demo';
export { RolePolicy, type RolePolicyProps } from './security/role-policy';
export { TenantNetwork, type TenantNetworkProps, type SubnetTier, SUBNET_TIERS, DEFAULT_INTERFACE_ENDPOINTS } from './network/tenant-network';
export { VpcPeering, type VpcPeeringProps } from './network/vpc-peering';
export { tenantNetworkOutputs } from './network/outputs';
export { HipaaDatabase, type HipaaDatabaseProps } from './data/hipaa-database';
export { HipaaBackupVault, HipaaBackupPlan } from './data/backup';
export { Bastion, type BastionProps, bastionOutputs } from './access/bastion';
export { HipaaSecret } from './secrets/hipaa-secret';
export { plan, type HipaaPlan, type PlacementLock } from './plan';
export { CATALOG, DEFAULT_TENANT_MODULES } from './registry/catalog';
export {
  HIPAA_PACK,
  checkApp,
  evaluate,
  formatViolations,
  loadTerraform,
  runCheckCommand,
  summaryLine,
  suppress,
  violations,
  writeReports,
  conformancePackTemplate,
  type ComplianceResult,
  type Suppression,
} from './compliance';
export { compareOutputs, formatGuardReport, loadOutputDir, runGuardCommand } from './guard';
export { HipaaBlockedError } from './errors';
export { analyzeIsolation, isolationSummary, writeIsolationMatrix, type IsolationMatrix } from './isolation';
