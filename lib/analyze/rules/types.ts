/**
 * The data model of the compliance engine: Terraform JSON in, findings out. Plain data only, so
 * results serialise to the JSON report without conversion.
 */

export type { JsonObject, JsonValue, Resource, StackDocument, TerraformJson, Existence } from '../../terraform/types';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type Status = 'compliant' | 'non_compliant' | 'not_applicable';
export type RuleScope = 'resource' | 'account' | 'stack';

/** What a rule decided about one resource (or one account, or one account Region). */
export interface Verdict {
  readonly status: Status;
  /** Why, in one sentence that names the offending value. */
  readonly message: string;
  /** The rule could not decide (a reference or expression it cannot evaluate): counted as a finding. */
  readonly undecided?: boolean;
  /** Region the verdict is about, for per-Region account rules. */
  readonly region?: string;
}

/** A suppression: accepted risk for one rule, with its reason; shows in every report. */
export interface Suppression {
  /** Rule id, e.g. `HIPAA-S3-001`. */
  readonly rule: string;
  /** Why the finding is acceptable (at least 10 characters). */
  readonly reason: string;
  /**
   * Limits the suppression to these resources: Terraform addresses or globs (`aws_s3_bucket.*`),
   * `<stack>:<address>` globs, `account:<id>` for account findings, or construct paths (contain `/`).
   * @default - every resource the suppression otherwise reaches
   */
  readonly resources?: readonly string[];
  /**
   * Construct path the suppression was set on; it applies to the construct and its children.
   * @default - not limited to a construct
   */
  readonly constructPath?: string;
  /**
   * Last day (YYYY-MM-DD, UTC) the suppression holds; afterwards the finding is a violation again.
   * @default - never expires
   */
  readonly expires?: string;
  /**
   * Where the suppression was declared (config file, construct path); shows in reports.
   * @default - `configuration`
   */
  readonly source?: string;
}

/** A suppression as applied to a finding. */
export interface AppliedSuppression {
  readonly rule: string;
  readonly reason: string;
  readonly source: string;
  readonly expires?: string;
}

/** One rule's result for one resource or account. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly status: Status;
  /** Stack of the resource; undefined for account findings. */
  readonly stack?: string;
  /** Terraform address, or `account:<id>` for account findings. */
  readonly address: string;
  readonly resourceType?: string;
  readonly constructPath?: string;
  readonly file?: string;
  readonly account: string;
  readonly region?: string;
  readonly message: string;
  /** True when the rule could not decide and failed closed. */
  readonly undecided?: boolean;
  /** Set when a valid suppression covers this non-compliant finding. */
  readonly suppression?: AppliedSuppression;
  /** Set when a suppression matched but had expired: the finding counts as a violation. */
  readonly expiredSuppression?: AppliedSuppression;
}

/** Rule metadata, the part of a rule that is data (reports, docs and the conformance pack use it). */
export interface RuleMetadata {
  /** Stable id, also the rule's file name: `HIPAA-S3-001`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** 45 CFR 164.3xx controls, e.g. `164.312(a)(2)(iv)`. */
  readonly controls: readonly string[];
  /** AWS Config managed rule name this rule corresponds to, when one exists. */
  readonly configRule?: string;
  /** Terraform resource types the rule reads. */
  readonly resourceTypes: readonly string[];
  readonly scope: RuleScope;
  /** What the rule checks and how it decides edge cases (absent values, references). */
  readonly description: string;
  /** How to fix a non-compliant resource. */
  readonly remediation: string;
}

/** Result of a whole evaluation. */
export interface ComplianceResult {
  readonly pack: string;
  readonly auditRetentionDays: number;
  readonly rules: readonly RuleMetadata[];
  readonly stacks: readonly string[];
  readonly accounts: readonly AccountSummary[];
  /** Number of resources (managed, not data sources) evaluated. */
  readonly resourceCount: number;
  /** Every verdict, compliant ones included (they make the control matrix). */
  readonly findings: readonly Finding[];
  /** Suppressions that matched no finding (stale or misspelt). */
  readonly unusedSuppressions: readonly Suppression[];
  /** Resources the deployed AWS Config conformance pack is expected to report NON_COMPLIANT, each with its reason. */
  readonly expectedConfigResults?: readonly ExpectedConfigResult[];
}

/** One resource AWS Config is expected to report NON_COMPLIANT, and why that is accepted. */
export interface ExpectedConfigResult {
  /** AWS Config managed rule name, e.g. `s3-bucket-default-lock-enabled`. */
  readonly configRule: string;
  readonly stack?: string;
  /** Terraform address, or `account:<id>` for an account-level result. */
  readonly address: string;
  readonly constructPath?: string;
  readonly reason: string;
  /** Where the reason comes from: the suppression's source, or the scope difference's id. */
  readonly source: string;
}

export interface AccountSummary {
  /** 12-digit account id or `unknown`. */
  readonly account: string;
  readonly stacks: readonly string[];
  /** Whether account-level rules were evaluated for this account. */
  readonly accountRulesEvaluated: boolean;
  /**
   * When they were not: how many account-level rules were skipped and why, in words a reader can act on.
   * @default - absent: the account rules were evaluated
   */
  readonly accountRulesSkipped?: { readonly rules: number; readonly reason: string };
}
