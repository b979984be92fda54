/**
 * The guard's inputs, read by the one Terraform loader (`lib/terraform/load.ts`) in its `stacks`
 * mode with the guard's messages: synthesized stacks from a folder, a file or a git revision.
 */
import { loadGitRevision, loadStacks, type LoadMessages, type StackDoc } from '../../terraform/load';
import { guardMessages } from './messages';

const GUARD_INPUT: LoadMessages = {
  subject: (input) => `Cannot read synthesized output ${input}`,
  missing: guardMessages.inputMissing,
  empty: (p) => guardMessages.inputEmpty(p),
  unreadable: guardMessages.inputUnreadable,
  notJson: guardMessages.inputNotJson,
  notObject: guardMessages.inputNotObject,
  duplicate: (subject, name) => guardMessages.duplicateStack(`synthesized output ${subject}`, name),
  gitRevision: guardMessages.gitRevision,
  gitUnavailable: guardMessages.gitUnavailable,
  gitNotCommitted: guardMessages.gitNotCommitted,
};

/**
 * Reads the stacks of a synthesized output: `<dir>/stacks/<name>/cdk.tf.json` (a cdktf.out), a
 * folder whose sub-folders hold `cdk.tf.json`, a single stack folder, or a single `.tf.json` file.
 * Throws HipaaValidationError naming every unreadable or invalid file.
 */
export function loadOutputDir(dir: string): StackDoc[] {
  return loadStacks(dir, GUARD_INPUT);
}

/** Reads the stacks of a synthesized output as committed at git revision `rev` (see `loadGitRevision`). */
export function loadFromGitRevision(rev: string, dir = 'cdktf.out', cwd: string = process.cwd()): StackDoc[] {
  return loadGitRevision(rev, dir, cwd, GUARD_INPUT);
}

export type { StackDoc };
