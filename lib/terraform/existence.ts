/**
 * Whether Terraform will create a resource, read from `count` and `for_each` before plan.
 * Only a resource that certainly exists is evidence of a control; one behind an expression
 * (`count = var.enabled ? 1 : 0`) might not exist at all, so it is `maybe`.
 *
 * Terraform: `count` is a whole number (0 creates nothing); `for_each` is a map or a set of strings
 * (an empty one creates nothing). Both may be unknown until plan.
 * https://developer.hashicorp.com/terraform/language/meta-arguments/count
 * https://developer.hashicorp.com/terraform/language/meta-arguments/for_each
 */
import type { Existence, JsonValue } from './types';
import { isExpression } from './values';

export interface ExistenceAnswer {
  /** `no` means Terraform creates no instance: the resource is left out of the model. */
  readonly existence: Existence | 'no';
  /** The count or for_each as written, when the answer is `maybe`. */
  readonly reason?: string;
}

function countExistence(count: JsonValue): ExistenceAnswer {
  if (typeof count === 'number') return { existence: count >= 1 ? 'yes' : 'no' };
  if (typeof count === 'boolean') return { existence: count ? 'yes' : 'no' };
  if (typeof count === 'string' && !isExpression(count) && /^\s*\d+\s*$/.test(count)) {
    return { existence: Number(count) >= 1 ? 'yes' : 'no' };
  }
  return { existence: 'maybe', reason: `count = ${JSON.stringify(count)}` };
}

function forEachExistence(forEach: JsonValue): ExistenceAnswer {
  if (Array.isArray(forEach)) return { existence: forEach.length > 0 ? 'yes' : 'no' };
  if (forEach !== null && typeof forEach === 'object') return { existence: Object.keys(forEach).length > 0 ? 'yes' : 'no' };
  // A string is an expression (a literal string is not a valid for_each).
  return { existence: 'maybe', reason: `for_each = ${JSON.stringify(forEach)}` };
}

/** Existence of one resource or data source from its `count` and `for_each` meta-arguments. */
export function existenceOf(config: { readonly count?: JsonValue; readonly for_each?: JsonValue }): ExistenceAnswer {
  const hasCount = config.count !== undefined && config.count !== null;
  const hasForEach = config.for_each !== undefined && config.for_each !== null;
  if (!hasCount && !hasForEach) return { existence: 'yes' };
  // Terraform rejects both on one resource; if both are written, the weaker answer holds.
  const answers = [hasCount ? countExistence(config.count as JsonValue) : undefined, hasForEach ? forEachExistence(config.for_each as JsonValue) : undefined].filter(
    (a): a is ExistenceAnswer => a !== undefined,
  );
  if (answers.some((a) => a.existence === 'no')) return { existence: 'no' };
  return answers.find((a) => a.existence === 'maybe') ?? { existence: 'yes' };
}
