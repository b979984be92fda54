/**
 * Reading a configuration: text (YAML or JSON) -> zod schema -> typed config with defaults, or ONE
 * HipaaValidationError that lists every problem with its path, value and fix.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { configSchema, HipaaConfig, HipaaConfigInput } from './schema';
import { HipaaValidationError, Problem } from '../errors';
import { closestMatch as closest } from '../text';

/** Larger files are refused before parsing: a config is a few kilobytes. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

/** Renders a zod path as the user wrote it: `tenants[2].cidr`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (!/^[A-Za-z_$][\w$-]*$/.test(String(s))) out += `[${JSON.stringify(String(s))}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out || '(root)';
}

/** The value at a path inside parsed input, or undefined. */
export function valueAt(root: unknown, segments: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[s as string];
  }
  return v;
}

/** Known keys of the object schema at `segments`, for "did you mean" suggestions. */
function knownKeysAt(segments: readonly PropertyKey[], input: unknown): string[] {
  let schema: z.ZodType = configSchema;
  for (const s of segments) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodArray) {
      schema = schema.element as z.ZodType;
    } else if (schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[String(s)];
      if (!next) return [];
      schema = next;
    } else if (schema instanceof z.ZodDiscriminatedUnion) {
      const type = (valueAt(input, segments.slice(0, segments.indexOf(s))) as { type?: unknown } | undefined)?.type;
      const option = (schema.options as z.ZodObject[]).find((o) => (o.shape.type as z.ZodLiteral).value === type);
      if (!option) return [];
      schema = (option.shape as Record<string, z.ZodType>)[String(s)];
      if (!schema) return [];
    } else {
      return [];
    }
  }
  schema = unwrap(schema);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const type = (valueAt(input, segments) as { type?: unknown } | undefined)?.type;
    const option = (schema.options as z.ZodObject[]).find((o) => (o.shape.type as z.ZodLiteral).value === type);
    return option ? Object.keys(option.shape) : [];
  }
  return [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}

function issueToProblems(issue: z.core.$ZodIssue, input: unknown): Problem[] {
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(issue.path, input);
    return issue.keys.map((key) => {
      const suggestion = closest(key, known);
      return {
        code: 'HIPAA_CONFIG_UNKNOWN_FIELD',
        path: formatPath([...issue.path, key]),
        value: valueAt(input, [...issue.path, key]),
        message: 'unknown field',
        fix: suggestion ? `did you mean "${suggestion}"?` : `remove it; allowed fields here: ${known.join(', ')}`,
      };
    });
  }
  const value = valueAt(input, issue.path);
  let fix = 'see the Configuration section of README.md and the JSON Schema in schema/hipaa-config.schema.json';
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const options = (issue.values as unknown[]).map((v) => JSON.stringify(v));
    const suggestion = typeof value === 'string' ? closest(value, (issue.values as unknown[]).map(String)) : undefined;
    fix = suggestion
      ? `did you mean "${suggestion}"? (allowed: ${options.slice(0, 8).join(', ')}${options.length > 8 ? ', ...' : ''})`
      : `use one of ${options.slice(0, 8).join(', ')}${options.length > 8 ? ', ...' : ''}`;
  } else if (issue.code === 'invalid_type') {
    fix = value === undefined ? `add the field (${issue.expected})` : `give a ${issue.expected}`;
  } else if (issue.code === 'invalid_union') {
    fix = 'use backend type "local", "s3" or "tfc" with the fields that type takes';
  }
  const message = value === undefined && issue.code === 'invalid_type' ? 'required field is missing' : issue.message;
  return [{ code: 'HIPAA_CONFIG_INVALID', path: at, value, message, fix }];
}

/** Validates a parsed document against the schema; returns the config with defaults applied. */
export function parseConfig(input: unknown, source = 'configuration'): HipaaConfig {
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.flatMap((i) => issueToProblems(i, input));
    throw new HipaaValidationError(`Invalid ${source}`, problems);
  }
  return result.data;
}

/** Parses YAML or JSON text (JSON is YAML); syntax errors are problems with line and column. */
export function parseConfigText(text: string, source = 'configuration'): HipaaConfig {
  if (Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES) {
    throw new HipaaValidationError(`Invalid ${source}`, [
      {
        code: 'HIPAA_CONFIG_TOO_LARGE',
        path: '(file)',
        message: `the file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB`,
        fix: 'a configuration is a few kilobytes; check that the right file is named',
      },
    ]);
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new HipaaValidationError(
      `Invalid ${source}`,
      doc.errors.map((e) => ({
        code: 'HIPAA_CONFIG_SYNTAX',
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '(file)',
        message: e.message.split('\n')[0],
        fix: 'correct the YAML/JSON syntax at that position',
      })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new HipaaValidationError(`Invalid ${source}`, [
      { code: 'HIPAA_CONFIG_SYNTAX', path: '(file)', message: (e as Error).message.split('\n')[0], fix: 'correct the YAML (undefined aliases and alias bombs are refused)' },
    ]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new HipaaValidationError(`Invalid ${source}`, [
      { code: 'HIPAA_CONFIG_NOT_OBJECT', path: '(root)', value: data, message: 'the configuration must be a mapping of fields', fix: 'start from examples/hipaa.config.yaml' },
    ]);
  }
  return parseConfig(data, source);
}

/** Reads and parses a configuration file. */
export function loadConfigFile(file: string): HipaaConfig {
  const source = path.basename(file);
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    if (stat.size > MAX_CONFIG_BYTES) return parseConfigText('x'.repeat(MAX_CONFIG_BYTES + 1), source);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof HipaaValidationError) throw e;
    throw new HipaaValidationError(`Cannot read configuration`, [
      {
        code: 'HIPAA_CONFIG_UNREADABLE',
        path: 'HIPAA_CONFIG',
        value: file,
        message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        fix: 'set HIPAA_CONFIG to the path of a readable YAML or JSON file, or unset it to use the built-in demo',
      },
    ]);
  }
  return parseConfigText(text, source);
}

export type { HipaaConfigInput };
