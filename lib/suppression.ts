/**
 * The compliance metadata a synthesized stack carries, shared by both halves: constructs write it
 * (lib/constructs/kernel/suppress.ts), analyzers read it (lib/analyze/rules/suppressions.ts). It lives
 * in the stack's Terraform JSON under the top-level comment key: `"//": { "hipaa": { ... } }`, beside
 * the `metadata` and `outputs` cdktf writes there. Terraform ignores `//` keys, so the JSON stays
 * valid for `terraform validate` and `plan`, and any one stack folder checked alone carries the
 * suppressions and waivers synth used.
 *
 * Only the shape is checked here; rule ids are checked by the analyzer that reads the metadata
 * (constructs do not know the rule pack).
 */
import type { Problem } from './errors';

/** The key under the top-level `//` of a stack's Terraform JSON. */
export const COMPLIANCE_METADATA_KEY = 'hipaa';
/** Format version of the metadata, bumped on an incompatible change. */
export const COMPLIANCE_METADATA_VERSION = 1;
export const MIN_REASON_LENGTH = 10;

/** A suppression as recorded in a stack. */
export interface RecordedSuppression {
  readonly rule: string;
  readonly reason: string;
  /** Construct path it was set on (covers the construct and its children); absent for configuration suppressions. */
  readonly constructPath?: string;
  readonly expires?: string;
  readonly resources?: readonly string[];
  /** Where it was declared, e.g. `construct tenant-acme/Bastion` or `configuration`. */
  readonly source: string;
}

/** A relaxed HIPAA default as recorded in a stack: the setting, the reason, the construct. */
export interface RecordedWaiver {
  readonly setting: string;
  readonly reason: string;
  readonly constructPath: string;
}

/** `"//": { "hipaa": ComplianceMetadata }` in a stack's Terraform JSON. */
export interface ComplianceMetadata {
  readonly version: number;
  /** The audit retention the retention rules compare against. @default - not recorded: 2192 */
  readonly auditRetentionDays?: number;
  readonly suppressions: readonly RecordedSuppression[];
  readonly waivers: readonly RecordedWaiver[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

interface SuppressionShape {
  readonly rule?: unknown;
  readonly reason?: unknown;
  readonly expires?: unknown;
  readonly resources?: unknown;
}

/** The problems of a suppression's shape: rule not a string, short reason, bad expiry, bad resource list. */
export function suppressionShapeProblems(s: SuppressionShape, path: string): Problem[] {
  const problems: Problem[] = [];
  if (typeof s.rule !== 'string' || s.rule === '') {
    problems.push({
      code: 'HIPAA_SUPPRESSION_UNKNOWN_RULE',
      path: `${path}.rule`,
      value: s.rule,
      message: 'a suppression needs a rule id',
      fix: 'use a rule id from docs/compliance-rules.md, e.g. HIPAA-S3-001',
    });
  }
  if (typeof s.reason !== 'string' || s.reason.trim().length < MIN_REASON_LENGTH) {
    problems.push({
      code: 'HIPAA_SUPPRESSION_REASON_TOO_SHORT',
      path: `${path}.reason`,
      value: s.reason,
      message: `a suppression needs a reason of at least ${MIN_REASON_LENGTH} characters`,
      fix: 'say why the finding is acceptable, e.g. "public website assets, no ePHI"',
    });
  }
  if (s.expires !== undefined && (typeof s.expires !== 'string' || !validDate(s.expires))) {
    problems.push({
      code: 'HIPAA_SUPPRESSION_BAD_EXPIRY',
      path: `${path}.expires`,
      value: s.expires,
      message: 'not a date in the form YYYY-MM-DD',
      fix: 'use a date such as 2027-06-30',
    });
  }
  if (s.resources !== undefined && (!Array.isArray(s.resources) || s.resources.length === 0 || s.resources.some((r) => typeof r !== 'string' || r === ''))) {
    problems.push({
      code: 'HIPAA_SUPPRESSION_BAD_RESOURCES',
      path: `${path}.resources`,
      value: s.resources,
      message: 'resources must be a non-empty list of Terraform addresses, globs or construct paths',
      fix: 'list addresses such as "aws_s3_bucket.logs" or globs such as "aws_s3_bucket.*", or leave resources out',
    });
  }
  return problems;
}
