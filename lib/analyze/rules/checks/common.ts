/**
 * Checks several rules share: customer-managed KMS keys, effective tags, "is it set", and the
 * resources of a type in one account.
 */
import type { RuleContext } from '../rule';
import type { JsonValue, Resource } from '../types';
import { isExpression, isObject, parseReference, type Tri } from '../../../terraform/values';
import { PARTITIONS, partitionOfRegion } from '../../../terraform/partition';

/** Resource types that are customer-managed KMS keys. */
export const KMS_KEY_TYPES = ['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key'];
/** Attributes of a key resource that name the key. */
const KEY_ATTRIBUTES = [undefined, 'arn', 'id', 'key_id'];
const ALIAS_ATTRIBUTES = [undefined, 'arn', 'id', 'name', 'target_key_arn', 'target_key_id'];
const AWS_MANAGED = /(^|:)alias\/aws\//;
const KEY_ID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})';

export interface KeyAnswer {
  readonly answer: Tri;
  readonly detail: string;
}

/**
 * Whether `value` names a customer-managed KMS key. Shown by: a reference that resolves to an
 * `aws_kms_key` (or replica or external key; or an `aws_kms_alias`, `data.aws_kms_key` or
 * `data.aws_kms_alias` whose target is itself shown to be one), a literal key ARN
 * `arn:<partition>:kms:<region>:<account>:key/<id>` in the resource's partition, or a literal
 * alias outside `alias/aws/` (bare or as an ARN): AWS reserves `alias/aws/` for AWS-managed keys
 * and lets an alias point only at a customer-managed key (KMS API Reference, CreateAlias and
 * UpdateAlias TargetKeyId). Non-compliant: absent, an AWS-managed `alias/aws/...` key (also as
 * an ARN or a data source), or an ARN of another partition, which AWS refuses. Everything else
 * cannot be decided: a variable (whatever its default: `-var` and tfvars override it), a local, a
 * module output, any other expression, an attribute that is not the key's id or ARN, and a bare
 * key id (AWS-managed keys have ids too).
 */
export function customerKey(ctx: RuleContext, from: Resource, value: JsonValue | undefined, depth = 0): KeyAnswer {
  if (value === undefined || value === null || value === '') return { answer: 'no', detail: 'no KMS key is set' };
  if (typeof value !== 'string') return { answer: 'unknown', detail: `the key is ${JSON.stringify(value)}` };
  const ref = parseReference(value);
  if (ref) {
    if (ref.kind !== 'resource' && ref.kind !== 'data') {
      return {
        answer: 'unknown',
        detail: `the key is ${value}, a ${ref.kind === 'var' ? 'variable' : ref.kind === 'local' ? 'local value' : ref.kind === 'module' ? 'module output' : 'value'} the engine does not evaluate (whatever its default)`,
      };
    }
    const target = ctx.resolve(from, value);
    if (!target) return { answer: 'unknown', detail: `the key is ${value}, which is not a KMS key defined in the loaded stacks` };
    const name = target.stack === from.stack ? target.address : `${target.address} of stack ${target.stack}`;
    const crossStack = ref.type === 'terraform_remote_state';
    if (target.mode === 'managed' && KMS_KEY_TYPES.includes(target.type) && (crossStack || KEY_ATTRIBUTES.includes(ref.attribute))) {
      return { answer: 'yes', detail: `the key is ${name}` };
    }
    const follow = (via: JsonValue | undefined, what: string): KeyAnswer => {
      if (depth >= 4) return { answer: 'unknown', detail: `the key is ${value}, a chain of aliases the engine does not follow` };
      const inner = customerKey(ctx, target, via, depth + 1);
      return inner.answer === 'yes' ? { answer: 'yes', detail: `the key is ${name} (${inner.detail})` } : { ...inner, detail: `${name} ${what}: ${inner.detail}` };
    };
    if (target.mode === 'managed' && target.type === 'aws_kms_alias' && (crossStack || ALIAS_ATTRIBUTES.includes(ref.attribute))) {
      return follow(target.config.target_key_id, 'targets');
    }
    if (target.mode === 'data' && (target.type === 'aws_kms_key' || target.type === 'aws_kms_alias')) {
      const keyId = target.type === 'aws_kms_key' ? target.config.key_id : target.config.name;
      if (typeof keyId === 'string' && AWS_MANAGED.test(keyId)) return { answer: 'no', detail: `${target.address} is the AWS-managed key ${keyId}` };
      return follow(keyId, 'looks up');
    }
    return { answer: 'unknown', detail: `the key is ${value}, which is not a KMS key` };
  }
  if (isExpression(value)) return { answer: 'unknown', detail: `the key is the expression ${value}` };
  if (AWS_MANAGED.test(value)) return { answer: 'no', detail: `${value} is an AWS-managed key` };
  const arn = new RegExp(`^arn:([a-z-]+):kms:[a-z0-9-]+:\\d{12}:(key/${KEY_ID}|alias/[\\w/-]+)$`).exec(value);
  if (arn) {
    const partitions = partitionsOf(from);
    if (partitions.includes(arn[1])) return { answer: 'yes', detail: `the key is ${value}` };
    return { answer: 'no', detail: `${value} is an ARN of partition ${arn[1]}, but the resource is in ${partitions.join(' or ')}` };
  }
  if (/^alias\/[\w/-]+$/.test(value)) return { answer: 'yes', detail: `the key is the customer alias ${value}` };
  return {
    answer: 'unknown',
    detail: `the key ${JSON.stringify(value)} is not a key ARN or alias (a bare key id may be an AWS-managed key); use a reference to an aws_kms_key or a key ARN`,
  };
}

const TAGS = new WeakMap<Resource, Record<string, string> | 'unknown'>();

/** The tags Terraform will apply: provider `default_tags` merged with the resource's `tags` (memoised). */
export function effectiveTags(r: Resource): Record<string, string> | 'unknown' {
  const cached = TAGS.get(r);
  if (cached !== undefined) return cached;
  const tags = computeTags(r);
  TAGS.set(r, tags);
  return tags;
}

function computeTags(r: Resource): Record<string, string> | 'unknown' {
  const out: Record<string, string> = {};
  for (const source of [r.defaultTags, r.config.tags]) {
    if (source === undefined || source === null) continue;
    if (!isObject(source)) return 'unknown';
    for (const k of Object.keys(source)) {
      const v = source[k];
      if (typeof v !== 'string' || isExpression(v)) return 'unknown';
      out[k] = v;
    }
  }
  return out;
}

/** Resources of `type` in the account `r` deploys into. */
export function inAccount(ctx: RuleContext, r: Resource, type: string): Resource[] {
  return ctx.accountOf(r).byType.get(type) ?? [];
}

/** A literal string argument, or undefined when absent or an expression. */
export function literal(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && !isExpression(value) ? value : undefined;
}

/** The effective value a list argument has when it may be a reference: `unknown` for expressions. */
export function nonEmptyList(value: JsonValue | undefined): Tri {
  if (value === undefined || value === null) return 'no';
  if (typeof value === 'string') return isExpression(value) ? 'unknown' : value === '' ? 'no' : 'yes';
  if (Array.isArray(value)) return value.length > 0 ? 'yes' : 'no';
  return 'unknown';
}

/** Is `target` the resource a single-reference `value` of `from` points to, or named by literal `name`? */
export function refersTo(ctx: RuleContext, from: Resource, value: JsonValue | undefined, target: Resource): boolean {
  const resolved = ctx.resolve(from, value);
  return resolved === target;
}

/**
 * Whether an argument is set: a non-empty literal, or a single reference to a resource or data
 * source of one of `types` defined in the same stack. Variables, module outputs and other
 * expressions cannot be decided.
 */
export function isSet(ctx: RuleContext, from: Resource, value: JsonValue | undefined, types: readonly string[]): KeyAnswer {
  if (value === undefined || value === null || value === '') return { answer: 'no', detail: 'it is not set' };
  if (typeof value !== 'string') return { answer: 'yes', detail: 'it is set' };
  const ref = parseReference(value);
  if (ref) {
    const target = ctx.resolve(from, value);
    if (target && types.includes(target.type)) return { answer: 'yes', detail: `it is ${target.stack === from.stack ? target.address : `${target.stack}: ${target.address}`}` };
    return { answer: 'unknown', detail: `it is ${value}, which is not a ${types.join(' or ')} in this stack` };
  }
  if (isExpression(value)) return { answer: 'unknown', detail: `it is the expression ${value}` };
  return { answer: 'yes', detail: `it is ${value}` };
}

/**
 * The partitions an ARN naming `r` may be written in: the one of its Region, or every partition
 * when the Region is not a literal (AWS refuses an ARN of another partition, so any of them names
 * the resource if it names anything).
 */
export function partitionsOf(r: Resource): readonly string[] {
  return r.region === undefined ? PARTITIONS : [partitionOfRegion(r.region)];
}
