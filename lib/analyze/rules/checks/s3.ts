/**
 * S3 buckets in provider v4+ are configured through separate resources (`aws_s3_bucket_versioning`,
 * `..._server_side_encryption_configuration`, `..._public_access_block`, `..._policy`, ...) that
 * point at the bucket. These helpers follow those links: by reference in the same stack, or by the
 * bucket's literal name anywhere in the same account.
 */
import type { Policy } from '../../../terraform/policy';
import { describeGrant, grantsBeyond } from '../../../terraform/questions';
import { concat, hole, type Text } from '../../../terraform/text';
import type { RuleContext } from '../rule';
import type { JsonObject, JsonValue, Resource, Verdict } from '../types';
import { blocks, bool, isExpression, type Tri } from '../../../terraform/values';
import { literal } from './common';

/** The bucket's literal name, or undefined (generated, prefixed or an expression). */
export function bucketName(bucket: Resource): string | undefined {
  return literal(bucket.config.bucket);
}

function nameFromValue(value: string): string {
  const m = /^arn:aws[\w-]*:s3:::([^/]+)/.exec(value);
  return m ? m[1] : value.replace(/\/.*$/, '');
}

/** Literal bucket names a resource of `type` names under argument `key` (nested for some types). */
function literalTargets(r: Resource, key: string): string[] {
  const values: JsonValue[] = [];
  const top = r.config[key];
  if (key === 'access_logs') {
    for (const b of blocks(top)) if (b.bucket !== undefined) values.push(b.bucket);
  } else if (top !== undefined) {
    values.push(top);
  }
  return values.filter((v): v is string => typeof v === 'string' && !isExpression(v)).map(nameFromValue);
}

/**
 * Resources of `type` that point at `bucket` under argument `key`: by reference in the same stack
 * (`${aws_s3_bucket.x.id}`, `.bucket` or `.arn`), or by the bucket's literal name in the same account.
 */
export function linkedTo(ctx: RuleContext, bucket: Resource, type: string, key = 'bucket'): Resource[] {
  const out = ctx.referencing(bucket, [type], key);
  const name = bucketName(bucket);
  if (name === undefined) return out;
  const byName = ctx.memo(`s3-names|${bucket.account}|${type}|${key}`, () => {
    const map = new Map<string, Resource[]>();
    for (const r of ctx.accountOf(bucket).byType.get(type) ?? []) {
      for (const n of literalTargets(r, key)) {
        const list = map.get(n);
        if (list) list.push(r);
        else map.set(n, [r]);
      }
    }
    return map;
  });
  for (const r of byName.get(name) ?? []) if (!out.includes(r)) out.push(r);
  return out;
}

/** The single configuration resource of `type` for the bucket; the last wins when several exist. */
export function configOf(ctx: RuleContext, bucket: Resource, type: string): Resource | undefined {
  const list = linkedTo(ctx, bucket, type);
  return list[list.length - 1];
}

/**
 * Judges every configuration resource of `type` that points at the bucket and keeps the weakest
 * verdict: a decided failure, else an undecided one, else the last pass. Two resources for one
 * bucket (two `aws_s3_bucket_versioning`, say) each call the same S3 Put API, the one Terraform
 * applies last wins, and Terraform does not order them, so a secure one is no evidence while an
 * insecure one may be applied last. Undefined when no resource of `type` points at the bucket.
 */
export function weakestConfig(ctx: RuleContext, bucket: Resource, type: string, judge: (config: Resource) => Verdict): Verdict | undefined {
  const configs = linkedTo(ctx, bucket, type);
  if (configs.length === 0) return undefined;
  const verdicts = configs.map(judge);
  const worst = verdicts.find((v) => v.status === 'non_compliant' && !v.undecided) ?? verdicts.find((v) => v.status === 'non_compliant') ?? verdicts[verdicts.length - 1];
  if (configs.length === 1 || worst.status !== 'non_compliant') return worst;
  return { ...worst, message: `${worst.message} (${configs.length} ${type} resources point at the bucket; the one applied last wins, and Terraform does not order them)` };
}

/** Why a bucket holds audit records (trail, Config, flow logs, access logs), or undefined. */
export function auditRole(ctx: RuleContext, bucket: Resource): string | undefined {
  const sources: [string, string, string][] = [
    ['aws_cloudtrail', 's3_bucket_name', 'CloudTrail logs'],
    ['aws_config_delivery_channel', 's3_bucket_name', 'AWS Config history'],
    ['aws_flow_log', 'log_destination', 'VPC flow logs'],
    ['aws_s3_bucket_logging', 'target_bucket', 'S3 server access logs'],
    ['aws_lb', 'access_logs', 'load balancer access logs'],
    ['aws_elb', 'access_logs', 'load balancer access logs'],
  ];
  for (const [type, key, what] of sources) {
    const linked = linkedTo(ctx, bucket, type, key);
    if (linked.length > 0) return `it receives ${what} from ${linked[0].address}`;
  }
  return undefined;
}

export interface BucketPolicy {
  /** The policy as the evaluator reads it; undefined when the bucket has none. */
  readonly policy: Policy | undefined;
  readonly source?: Resource;
}

/** The bucket's policy: an `aws_s3_bucket_policy` pointing at it, or the legacy inline `policy`. */
export function bucketPolicy(ctx: RuleContext, bucket: Resource): BucketPolicy {
  const res = configOf(ctx, bucket, 'aws_s3_bucket_policy');
  if (res) return { policy: ctx.readPolicy(res, res.config.policy), source: res };
  return { policy: ctx.readPolicy(bucket, bucket.config.policy) };
}

/** The bucket's ARN as far as it is known before apply (`arn:<partition>:s3:::<name>`). */
export function bucketArn(ctx: RuleContext, bucket: Resource): Text {
  return ctx.valueOf(bucket, `${bucket.address}.arn`);
}

const PAB_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/** Whether a public access block (bucket or account) sets all four flags to true. */
export function allFlagsTrue(cfg: JsonObject): { answer: Tri; missing: string[] } {
  const missing: string[] = [];
  let unknown = false;
  for (const f of PAB_FLAGS) {
    const b = bool(cfg[f]);
    if (b === 'unknown') unknown = true;
    else if (b !== true) missing.push(f);
  }
  if (missing.length > 0) return { answer: 'no', missing };
  return { answer: unknown ? 'unknown' : 'yes', missing };
}

const READ_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];
const WRITE_ACLS = ['public-read-write'];
/** Reads of objects and listings (Service Authorization Reference, Amazon S3, access level Read/List). */
export const READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes', 's3:GetObjectVersionAttributes', 's3:ListBucket', 's3:ListBucketVersions'];
/** Writes of objects, ACLs and the policy itself (access level Write/Permissions management). */
export const WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl', 's3:PutBucketAcl', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'];

/**
 * Whether the bucket can be read (or written) by the public: blocked when the bucket's or the
 * account's public access block sets all four flags; otherwise the ACL and policy decide.
 */
export function publicAccess(ctx: RuleContext, bucket: Resource, kind: 'read' | 'write'): { answer: Tri; detail: string } {
  const pab = configOf(ctx, bucket, 'aws_s3_bucket_public_access_block');
  const account = (ctx.accountOf(bucket).byType.get('aws_s3_account_public_access_block') ?? []).find((a) => allFlagsTrue(a.config).answer === 'yes');
  const blocker = pab && allFlagsTrue(pab.config).answer === 'yes' ? pab.address : account ? `the account-level block ${account.address}` : undefined;
  const grant = publicGrant(ctx, bucket, kind);
  // A public grant fails even under a public access block: S3 rejects a public policy or ACL at
  // apply (BlockPublicPolicy, BlockPublicAcls) or ignores it (RestrictPublicBuckets,
  // IgnorePublicAcls), so the configuration either fails to deploy or states access it does not have.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
  if (grant.answer === 'yes') return blocker ? { answer: 'yes', detail: `${grant.detail}; ${blocker} would make S3 refuse or ignore it, so remove the grant` } : grant;
  if (blocker) return { answer: 'no', detail: `${blocker} blocks public access` };
  return grant;
}

/** Whether the bucket's ACLs or policy grant the public read (or write) access, ignoring public access blocks. */
function publicGrant(ctx: RuleContext, bucket: Resource, kind: 'read' | 'write'): { answer: Tri; detail: string } {
  const acls = kind === 'read' ? READ_ACLS : WRITE_ACLS;
  for (const acl of linkedTo(ctx, bucket, 'aws_s3_bucket_acl')) {
    const value = acl.config.acl;
    if (typeof value === 'string' && acls.includes(value)) return { answer: 'yes', detail: `${acl.address} sets acl ${value}` };
    for (const policy of blocks(acl.config.access_control_policy)) {
      for (const grant of blocks(policy.grant)) {
        const grantee = blocks(grant.grantee)[0];
        const uri = grantee && typeof grantee.uri === 'string' ? grantee.uri : '';
        const perm = typeof grant.permission === 'string' ? grant.permission : '';
        const relevant = kind === 'read' ? ['READ', 'FULL_CONTROL'] : ['WRITE', 'FULL_CONTROL'];
        if (/AllUsers|AuthenticatedUsers/.test(uri) && relevant.includes(perm)) {
          return { answer: 'yes', detail: `${acl.address} grants ${perm} to ${uri}` };
        }
      }
    }
  }
  const inlineAcl = bucket.config.acl;
  if (typeof inlineAcl === 'string' && acls.includes(inlineAcl)) return { answer: 'yes', detail: `the bucket sets acl ${inlineAcl}` };
  const { policy } = bucketPolicy(ctx, bucket);
  if (!policy) return { answer: 'no', detail: 'no public ACL and no bucket policy' };
  const arn = bucketArn(ctx, bucket);
  const objects = concat(arn, '/', hole('some object key', undefined, true));
  const beyond = grantsBeyond(policy, { actions: kind === 'read' ? READ_ACTIONS : WRITE_ACTIONS, resources: [arn, objects] });
  if (beyond.answer === 'yes') return { answer: 'yes', detail: describeGrant(beyond.grants[0]) };
  if (beyond.answer === 'maybe') return { answer: 'unknown', detail: beyond.reason ?? `${policy.source} might grant ${kind} access to everyone` };
  return { answer: 'no', detail: 'no public ACL, and no policy statement grants everyone access without a condition that restricts who' };
}
