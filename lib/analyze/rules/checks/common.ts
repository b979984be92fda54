/**
 * Checks several rules share: customer-managed KMS keys, effective tags, "is it set", and the
 * resources of a type in one account.
 */
import type { RuleContext } from '../rule';
import type { JsonValue, Resource } from '../types';
import { isExpression, isObject, parseReference, type Tri } from '../../../terraform/values';
import { PARTITIONS, partitionOfRegion } from '../../../terraform/partition';

/** Resource and data types that stand for a customer-managed KMS key. */
export const KMS_KEY_TYPES = [
  'aws_kms_key',
  'aws_kms_replica_key',
  'aws_kms_external_key',
  'aws_kms_replica_external_key',
  'aws_kms_alias',
];
const KMS_DATA_TYPES = ['aws_kms_key', 'aws_kms_alias'];

export interface KeyAnswer {
  readonly answer: Tri;
  readonly detail: string;
}

/**
 * Whether `value` names a customer-managed KMS key. Compliant: a reference to an `aws_kms_key`
 * (or replica/external key, or customer alias) in the same stack, a `data.aws_kms_key` or
 * `data.aws_kms_alias` that is not an `alias/aws/...` key, a literal key ARN, key id or customer
 * alias. Non-compliant: absent, or an AWS-managed `alias/aws/...` key. Anything else (variables,
 * module outputs, expressions) cannot be decided.
 */
export function customerKey(ctx: RuleContext, from: Resource, value: JsonValue | undefined): KeyAnswer {
  if (value === undefined || value === null || value === '') return { answer: 'no', detail: 'no KMS key is set' };
  if (typeof value !== 'string') return { answer: 'unknown', detail: `the key is ${JSON.stringify(value)}` };
  const ref = parseReference(value);
  if (ref) {
    const target = ctx.resolve(from, value);
    if (!target) return { answer: 'unknown', detail: `the key is ${value}, which is not a KMS key defined in the loaded stacks` };
    const name = target.stack === from.stack ? target.address : `${target.address} of stack ${target.stack}`;
    if (target.mode === 'managed' && KMS_KEY_TYPES.includes(target.type)) {
      return { answer: 'yes', detail: `the key is ${name}` };
    }
    if (target.mode === 'data' && KMS_DATA_TYPES.includes(target.type)) {
      const keyId = target.config.key_id ?? target.config.name;
      if (typeof keyId === 'string' && /(^|:)alias\/aws\//.test(keyId)) {
        return { answer: 'no', detail: `${target.address} is the AWS-managed key ${keyId}` };
      }
      return { answer: 'yes', detail: `the key is ${name}` };
    }
    return { answer: 'unknown', detail: `the key is ${value}, which is not a KMS key` };
  }
  if (isExpression(value)) return { answer: 'unknown', detail: `the key is the expression ${value}` };
  if (/(^|:)alias\/aws\//.test(value)) return { answer: 'no', detail: `${value} is an AWS-managed key` };
  if (/^arn:aws[\w-]*:kms:[^:]*:\d{12}:(key|alias)\/.+/.test(value) || /^alias\/.+/.test(value)) {
    return { answer: 'yes', detail: `the key is ${value}` };
  }
  if (/^(mrk-)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(value) || /^mrk-[0-9a-f]{32}$/.test(value)) {
    return { answer: 'yes', detail: `the key is ${value}` };
  }
  return { answer: 'unknown', detail: `the key ${JSON.stringify(value)} is not a KMS key ARN, id or alias` };
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
