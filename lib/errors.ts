/**
 * Errors a user can cause. Every user-facing error carries a stable code, names the field the user
 * wrote, shows the bad value and says how to fix it. Messages themselves are in `messages.ts`.
 */

/** One thing wrong with the input: where, what was given, what is wrong, how to fix it. */
export interface Problem {
  /** Stable machine-readable code, e.g. `HIPAA_RETENTION_TOO_SHORT`. */
  readonly code: string;
  /** Dotted path of the field the user wrote, e.g. `tenants[2].cidr`. */
  readonly path: string;
  /** The offending value as the user wrote it (rendered with `JSON.stringify`). */
  readonly value?: unknown;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Renders a value for a message: short, single-line, never a stack of JSON. */
export function renderValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatProblem(p: Problem): string {
  const value = 'value' in p ? ` (got ${renderValue(p.value)})` : '';
  return `${p.path}${value}: ${p.message}. Fix: ${p.fix} [${p.code}]`;
}

/**
 * One error for every problem found in a piece of input. Thrown before anything is synthesized,
 * so a caller that catches it has written nothing.
 */
export class HipaaValidationError extends Error {
  public readonly problems: readonly Problem[];

  constructor(subject: string, problems: readonly Problem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`${subject}: ${count}\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'HipaaValidationError';
    this.problems = problems;
  }
}

/** A check in a validation table: `when` the condition holds, the problem is reported. */
export interface Check {
  readonly when: boolean;
  readonly problem: () => Problem;
}

/** Runs a table of independent checks and throws once with every failure. */
export function validateAll(subject: string, checks: readonly Check[]): void {
  const problems = checks.filter((c) => c.when).map((c) => c.problem());
  if (problems.length > 0) throw new HipaaValidationError(subject, problems);
}

/** Rejects a CDKTF token where a concrete value is needed for a check. */
export function isToken(value: unknown): boolean {
  return typeof value === 'string' && /\$\{|\$\{Token\[|Token\[TOKEN\.\d+\]/.test(value);
}

/**
 * A synth that ran but must not be written: compliance violations, a stateful resource that would
 * be destroyed, a cross-tenant path. The message is the full, readable report.
 */
export class HipaaBlockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HipaaBlockedError';
  }
}
