/**
 * HIPAA compliance engine for Terraform JSON (CDKTF or hand-written): `evaluate` over the documents
 * the Terraform model loads. The drivers built on it live outside the check half: `checkApp`
 * (lib/check-app.ts, any CDKTF app in one call) and `runCheckCommand` (cli/check.ts); the report
 * writers are in lib/report. lib/index.ts exports all of them.
 */
export type {
  AccountSummary,
  AppliedSuppression,
  ComplianceResult,
  Finding,
  JsonObject,
  JsonValue,
  Resource,
  RuleMetadata,
  RuleScope,
  Severity,
  StackDocument,
  Status,
  Suppression,
  TerraformJson,
  Verdict,
} from './types';
export type { AccountRule, ResourceRule, Rule, RuleContext, RulePack } from './rule';
export { fail, pass, skip, undecided } from './rule';
export type { AccountGroup } from '../../terraform/model';
export { ACCOUNT_BASELINE_TYPES, evaluate, suppressed, violations, type AccountRulesMode, type EvaluateOptions } from './engine';
export { loadTerraform } from '../../terraform/load';
export { recordedCompliance, type RecordedCompliance } from './suppressions';
export { HIPAA_PACK } from './packs/hipaa';
export { conformancePackTemplate, type ConformancePackOptions } from './conformance';
export { AWS_CONFIG_RULES } from './config-rules';
export { rulesDocument, rulesMarkdownTable } from './docs';
export { CONTROLS } from './controls';
