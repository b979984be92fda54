/**
 * Every user-facing problem of the replacement guard, in one place (the guard's part of
 * `lib/messages.ts`). Each returns a Problem: code, the user's path, the value, what and how to fix.
 */
import { Problem } from '../../errors';
import { problem } from '../../messages';

/** A problem with a file or folder: the path says it all, no separate value. */
const located = (code: string, path: string, message: string, fix: string): Problem => ({ code, path, message, fix });

const OUTPUT_FORMS =
  'a synthesized output is a cdktf.out folder (written by `npm run synth`), a folder of stack folders or a .tf.json file; the previous one can also be git:<revision>';

export const guardMessages = {
  inputMissing: (path: string) => located('HIPAA_GUARD_INPUT_MISSING', path, 'no such file or folder', `check the path: ${OUTPUT_FORMS}`),
  inputEmpty: (path: string) =>
    located(
      'HIPAA_GUARD_INPUT_EMPTY',
      path,
      'no synthesized stack found (looked for stacks/<name>/cdk.tf.json, <name>/cdk.tf.json and cdk.tf.json)',
      'run `npm run synth` first, or point at the folder that holds the stacks (usually cdktf.out)',
    ),
  inputUnreadable: (path: string, reason: string) => located('HIPAA_GUARD_INPUT_UNREADABLE', path, `cannot be read (${reason})`, 'check the path and its permissions'),
  inputNotJson: (path: string, reason: string) =>
    located('HIPAA_GUARD_INPUT_JSON', path, `is not valid Terraform JSON (${reason})`, 're-run synth; if the file was edited by hand, fix the JSON syntax'),
  inputNotObject: (path: string) =>
    located('HIPAA_GUARD_INPUT_JSON', path, 'is not a Terraform JSON object (expected `{ "resource": { ... } }`)', 'pass a cdk.tf.json written by synth'),
  duplicateStack: (path: string, name: string) => problem('HIPAA_GUARD_DUPLICATE_STACK', path, name, 'two inputs have the same stack name', 'pass one output folder at a time'),
  gitRevision: (rev: string, detail: string) =>
    problem(
      'HIPAA_GUARD_GIT_REVISION',
      `git:${rev}`,
      rev,
      `is not a commit in this repository (${detail})`,
      'use a branch, tag or commit id that `git log` shows, e.g. git:main or git:HEAD~1',
    ),
  gitUnavailable: (cwd: string, detail: string) =>
    located(
      'HIPAA_GUARD_GIT',
      cwd,
      `git could not be run here (${detail})`,
      'run the guard inside the git checkout, or pass a folder with the previous output instead of git:<revision>',
    ),
  gitNotCommitted: (rev: string, dir: string) =>
    problem(
      'HIPAA_GUARD_GIT_NOT_COMMITTED',
      `git:${rev}:${dir}`,
      dir,
      `no synthesized stack of ${dir} is committed at ${rev}`,
      `commit the synthesized output (git add ${dir}) so the next change can be compared with it, name the folder with git:<revision>:<folder>, or pass a folder that holds the previous output`,
    ),
  ackFileMissing: (path: string) => located('HIPAA_GUARD_ACK_FILE', path, 'acknowledgements file not found', 'create it (see docs/guard.md) or drop --ack'),
  ackFileSyntax: (path: string, reason: string) =>
    located('HIPAA_GUARD_ACK_FILE', path, `is not valid YAML or JSON (${reason})`, 'fix the syntax; the file is a list of { stack, address, reason }'),
  ackFileShape: (path: string, value: unknown) =>
    problem(
      'HIPAA_GUARD_ACK_FILE',
      path,
      value,
      'expected a list of acknowledgements, or { acknowledgements: [...] }',
      'write `acknowledgements:` followed by items with address and reason',
    ),
  ackNotObject: (path: string, value: unknown) =>
    problem(
      'HIPAA_GUARD_ACK_ITEM',
      path,
      value,
      'an acknowledgement is an object with address and reason',
      'write { address: "aws_db_instance.Database_Resource_1A2B3C4D", reason: "..." }',
    ),
  ackUnknownField: (path: string, value: unknown, suggestion?: string) =>
    problem('HIPAA_GUARD_ACK_UNKNOWN_FIELD', path, value, 'unknown field', suggestion ? `did you mean "${suggestion}"?` : 'allowed fields are stack, address, action and reason'),
  ackAddressMissing: (path: string, value: unknown) =>
    problem(
      'HIPAA_GUARD_ACK_ADDRESS',
      path,
      value,
      'needs the Terraform address the finding names, as <type>.<name> (globs * and ? allowed)',
      'copy the address from the guard report, e.g. "aws_s3_bucket.Tenant_Bucket_*"',
    ),
  ackStackInvalid: (path: string, value: unknown) =>
    problem(
      'HIPAA_GUARD_ACK_STACK',
      path,
      value,
      'stack must be a non-empty string (globs * and ? allowed)',
      'copy the stack name from the guard report, or leave stack out to match every stack',
    ),
  ackActionInvalid: (path: string, value: unknown) => problem('HIPAA_GUARD_ACK_ACTION', path, value, 'action must be "destroy" or "replace"', 'leave action out to accept both'),
  ackReasonTooShort: (path: string, value: unknown) =>
    problem(
      'HIPAA_GUARD_ACK_REASON',
      path,
      value,
      'accepting the loss of a stateful resource needs a reason of at least 10 characters',
      'say why it is safe, e.g. "tenant acme offboarded; final snapshot taken 2025-03-01 (ticket OPS-123)"',
    ),
  usage: (path: string, value: unknown, message: string) => problem('HIPAA_GUARD_USAGE', path, value, message, 'run `npm run guard -- --help` for usage'),
};
