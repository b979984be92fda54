/**
 * Acknowledgements: the written record that a destroy or replacement is intended. An acknowledged
 * finding is still reported, with its reason, but does not fail the guard.
 */
import * as fs from 'fs';
import { parse as parseYaml } from 'yaml';
import { HipaaValidationError, Problem } from '../../errors';
import { closestMatch as closest } from '../../text';
import { guardMessages } from './messages';

/** What the guard found would happen to a stateful resource. */
export type GuardFindingKind = 'DESTROY' | 'REPLACE';

export interface Acknowledgement {
  /**
   * Stack name; globs `*` and `?` allowed.
   * @default - every stack
   */
  readonly stack?: string;
  /** Terraform address `<type>.<name>` as the report prints it; globs `*` and `?` allowed. */
  readonly address: string;
  /**
   * Accept only this kind of finding.
   * @default - both DESTROY and REPLACE
   */
  readonly kind?: GuardFindingKind;
  /** Why the loss is intended and safe; at least 10 characters. Shown in the report. */
  readonly reason: string;
}

/** The default acknowledgements file names, looked up in the working folder. */
export const DEFAULT_ACKNOWLEDGEMENT_FILES: readonly string[] = ['guard-acknowledgements.yaml', 'guard-acknowledgements.yml', 'guard-acknowledgements.json'];

const FIELDS = ['stack', 'address', 'kind', 'reason'];

/** A glob (`*` any run of characters, `?` one character) as an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

function validateOne(item: unknown, at: string, problems: Problem[]): Acknowledgement | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    problems.push(guardMessages.ackNotObject(at, item));
    return undefined;
  }
  const o = item as Record<string, unknown>;
  const before = problems.length;
  for (const key of Object.keys(o)) {
    if (!FIELDS.includes(key)) problems.push(guardMessages.ackUnknownField(`${at}.${key}`, o[key], closest(key, FIELDS)));
  }
  const address = o.address;
  if (typeof address !== 'string' || !/^[^.\s]+\.[^\s]+$/.test(address.trim())) {
    problems.push(guardMessages.ackAddressMissing(`${at}.address`, address));
  }
  if (o.stack !== undefined && (typeof o.stack !== 'string' || o.stack.trim() === '')) {
    problems.push(guardMessages.ackStackInvalid(`${at}.stack`, o.stack));
  }
  const kind = typeof o.kind === 'string' ? o.kind.toUpperCase() : o.kind;
  if (kind !== undefined && kind !== 'DESTROY' && kind !== 'REPLACE') {
    problems.push(guardMessages.ackActionInvalid(`${at}.kind`, o.kind));
  }
  if (typeof o.reason !== 'string' || o.reason.trim().length < 10) {
    problems.push(guardMessages.ackReasonTooShort(`${at}.reason`, o.reason));
  }
  if (problems.length > before) return undefined;
  return {
    address: (address as string).trim(),
    reason: (o.reason as string).trim(),
    ...(o.stack !== undefined ? { stack: (o.stack as string).trim() } : {}),
    ...(kind !== undefined ? { kind: kind as GuardFindingKind } : {}),
  };
}

/**
 * Checks a list of acknowledgements and returns them normalised (trimmed, kind upper-case).
 * Throws one HipaaValidationError listing every problem: a missing address, an unknown field, a
 * reason shorter than 10 characters.
 */
export function validateAcknowledgements(items: readonly unknown[], source = 'acknowledgements'): Acknowledgement[] {
  const problems: Problem[] = [];
  const out: Acknowledgement[] = [];
  items.forEach((item, i) => {
    const ack = validateOne(item, `${source}[${i}]`, problems);
    if (ack) out.push(ack);
  });
  if (problems.length > 0) throw new HipaaValidationError(`Invalid acknowledgements in ${source}`, problems);
  return out;
}

/**
 * Reads acknowledgements from a YAML or JSON file: a list, or `{ acknowledgements: [...] }`.
 * Throws HipaaValidationError when the file is missing, unparsable or any item is invalid.
 */
export function loadAcknowledgements(file: string): Acknowledgement[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new HipaaValidationError(`Cannot read acknowledgements ${file}`, [guardMessages.ackFileMissing(file)]);
  }
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new HipaaValidationError(`Cannot read acknowledgements ${file}`, [guardMessages.ackFileSyntax(file, (e as Error).message.split('\n')[0])]);
  }
  if (data === null || data === undefined) return [];
  const list = Array.isArray(data)
    ? data
    : typeof data === 'object' && Array.isArray((data as { acknowledgements?: unknown }).acknowledgements)
      ? (data as { acknowledgements: unknown[] }).acknowledgements
      : typeof data === 'object' && (data as { acknowledgements?: unknown }).acknowledgements === null
        ? []
        : undefined;
  if (list === undefined) throw new HipaaValidationError(`Cannot read acknowledgements ${file}`, [guardMessages.ackFileShape(file, data)]);
  return validateAcknowledgements(list, file.endsWith('.json') || Array.isArray(data) ? file : `${file}: acknowledgements`);
}

/** The first acknowledgement that covers a finding in `stack` at `address` of `kind`. */
export function findAcknowledgement(acknowledgements: readonly Acknowledgement[], stack: string, address: string, kind: GuardFindingKind): Acknowledgement | undefined {
  return acknowledgements.find(
    (a) => (a.stack === undefined || globToRegExp(a.stack).test(stack)) && globToRegExp(a.address).test(address) && (a.kind === undefined || a.kind === kind),
  );
}
