/**
 * The Terraform model's data types: Terraform JSON in, resources out. Plain data only. Every
 * analyzer (rules, isolation proof, guard) reads these; nothing here knows about findings.
 */

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Terraform JSON configuration syntax (what `cdktf synth` writes to `cdk.tf.json`, or any
 * `*.tf.json`). Only the parts the engine reads are typed; everything else passes through.
 */
export interface TerraformJson {
  readonly resource?: { [type: string]: { [name: string]: JsonObject } };
  readonly data?: { [type: string]: { [name: string]: JsonObject } };
  readonly provider?: { [name: string]: JsonObject | JsonObject[] };
  readonly terraform?: JsonValue;
  readonly variable?: JsonValue;
  readonly output?: JsonValue;
  readonly locals?: JsonValue;
  readonly module?: JsonValue;
  readonly [key: string]: JsonValue | undefined;
}

/**
 * One stack's `cdk.tf.json` (or one `*.tf.json`). Documents that share a `name` form one Terraform
 * module, as Terraform treats every `*.tf.json` in one folder: references resolve across them.
 */
export interface StackDocument {
  /** Stack (module) name; shows in every finding. */
  readonly name: string;
  readonly json: TerraformJson;
  /** File the JSON was read from, for reports and code-scanning locations. */
  readonly file?: string;
}

/** Whether a resource will exist: only `yes` is evidence; `maybe` is a finding where it matters. */
export type Existence = 'yes' | 'maybe';

/** One resource or data source of the model, as every analyzer sees it. */
export interface Resource {
  /** Stack (module) the resource belongs to. */
  readonly stack: string;
  /** `managed` for `resource` blocks, `data` for data sources. */
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Terraform address inside its module: `aws_s3_bucket.audit` or `data.aws_iam_policy_document.x`. */
  readonly address: string;
  /** The resource's arguments as written in the JSON (never copied). */
  readonly config: JsonObject;
  /** CDKTF construct path from the `//` metadata, when the JSON came from CDKTF. */
  readonly constructPath?: string;
  readonly file?: string;
  /** Account key: the 12-digit id, or `unknown`. */
  readonly account: string;
  /** Region from the resource's `region` argument or its provider; undefined when not a literal. */
  readonly region?: string;
  /** Partition of the Region (`aws`, `aws-us-gov`, `aws-cn`); `aws` when the Region is not a literal. */
  readonly partition: string;
  /**
   * Whether Terraform will create the resource: `yes` (no count/for_each, or a literal that makes
   * instances), `maybe` (count or for_each is an expression). `no` resources are not in the model.
   * Only `yes` resources count as evidence (a trail, a public access block, a TLS deny).
   */
  readonly existence: Existence;
  /** Why `existence` is `maybe`: the count or for_each expression. */
  readonly existenceReason?: string;
  /** The provider's `default_tags.tags`, which Terraform merges into the resource's tags. */
  readonly defaultTags?: JsonObject;
}
