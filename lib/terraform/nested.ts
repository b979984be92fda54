/**
 * Nested blocks a rule can trust. A `dynamic "<name>"` block, or an argument that is an
 * expression, generates blocks the analyzer cannot see: they are neither absent nor present, so
 * readers get `unknown` and rules fail closed.
 */
import type { JsonObject, JsonValue } from './types';
import { blocks, hasDynamic, isExpression, isObject } from './values';

/** The `name` blocks of `config`, or `unknown` when a `dynamic` block or an expression builds them. */
export function nestedBlocks(config: JsonObject | undefined, name: string): JsonObject[] | 'unknown' {
  if (!config) return [];
  if (hasDynamic(config, name)) return 'unknown';
  const value: JsonValue | undefined = config[name];
  if (value === undefined || value === null) return [];
  if (isExpression(value)) return 'unknown';
  if (Array.isArray(value)) return value.every(isObject) ? blocks(value) : 'unknown';
  return isObject(value) ? [value] : 'unknown';
}

/** Whether any of `names` under `config` is built by a `dynamic` block or an expression. */
export function anyUnreadable(config: JsonObject | undefined, ...names: string[]): string | undefined {
  return names.find((n) => nestedBlocks(config, n) === 'unknown');
}
