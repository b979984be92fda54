/**
 * The body of `npm run guard -- <previous> [--next cdktf.out] [--ack file] [--json]`.
 * Exit codes: 0 nothing stateful is lost (or all of it is acknowledged), 1 something would be
 * destroyed or replaced, 2 the input could not be read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HipaaValidationError } from '../lib/errors';
import { Acknowledgement, DEFAULT_ACKNOWLEDGEMENT_FILES, loadAcknowledgements } from '../lib/analyze/guard/acknowledgements';
import { compareOutputs } from '../lib/analyze/guard/compare';
import { formatGuardReport } from '../lib/report/guard';
import { StackDoc, loadFromGitRevision, loadOutputDir } from '../lib/analyze/guard/input';
import { guardMessages } from '../lib/analyze/guard/messages';

export interface GuardIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

export const GUARD_USAGE = `Usage: npm run guard -- <previous> [--next <folder>] [--ack <file>] [--json]

Compares the previous synthesized output with the new one and fails when a stateful resource
(database, KMS key, bucket, backup vault, log group, ...) would be destroyed or replaced.

  <previous>        the previous output: a cdktf.out folder, a folder of stacks, a .tf.json file,
                    git:<revision> (the --next folder as committed at that revision) or
                    git:<revision>:<folder>
  --next <folder>   the new output (default: cdktf.out)
  --ack <file>      acknowledgements of intended losses, YAML or JSON
                    (default: guard-acknowledgements.yaml/.yml/.json if present)
  --json            print the report as JSON instead of text

Exit codes: 0 nothing lost (or all acknowledged), 1 something would be lost, 2 unreadable input.`;

interface GuardArgs {
  readonly previous: string;
  readonly next: string;
  /**
   * Acknowledgements file.
   * @default - guard-acknowledgements.yaml/.yml/.json in the working folder, if present
   */
  readonly ack?: string;
  readonly json: boolean;
}

function parseArgs(args: readonly string[]): GuardArgs | 'help' {
  const positional: string[] = [];
  let next = 'cdktf.out';
  let ack: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new HipaaValidationError('Invalid guard arguments', [guardMessages.usage(flag, v, `${flag} needs a value`)]);
      return v;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--next') next = value();
    else if (flag === '--ack') ack = value();
    else if (flag === '--json') json = true;
    else if (flag.startsWith('-')) throw new HipaaValidationError('Invalid guard arguments', [guardMessages.usage(flag, flag, 'unknown option')]);
    else positional.push(arg);
  }
  if (positional.length !== 1) {
    throw new HipaaValidationError('Invalid guard arguments', [
      guardMessages.usage('<previous>', positional.length ? positional : undefined, positional.length ? 'give exactly one previous output' : 'the previous output is missing'),
    ]);
  }
  return { previous: positional[0], next, ack, json };
}

/** Loads `<previous>`: a path, `git:<rev>` (the `next` folder at that revision) or `git:<rev>:<folder>`. */
function loadPrevious(spec: string, next: string, cwd: string): StackDoc[] {
  if (spec.startsWith('git:')) {
    const rest = spec.slice(4);
    const colon = rest.indexOf(':');
    const rev = colon === -1 ? rest : rest.slice(0, colon);
    const dir = colon === -1 ? next : rest.slice(colon + 1);
    return loadFromGitRevision(rev, dir, cwd);
  }
  return loadOutputDir(path.resolve(cwd, spec));
}

function acknowledgementsFor(ack: string | undefined, cwd: string): { list: Acknowledgement[]; file?: string } {
  if (ack) return { list: loadAcknowledgements(path.resolve(cwd, ack)), file: ack };
  const found = DEFAULT_ACKNOWLEDGEMENT_FILES.find((f) => fs.existsSync(path.join(cwd, f)));
  return found ? { list: loadAcknowledgements(path.join(cwd, found)), file: found } : { list: [] };
}

/**
 * Runs the guard command with `args` (without the program name) in `cwd`; returns the exit code.
 * Always prints a summary: the report on success or failure, the input problems on exit 2.
 */
export function runGuardCommand(args: readonly string[], io: GuardIo, cwd: string = process.cwd()): number {
  let parsed: GuardArgs | 'help';
  try {
    parsed = parseArgs(args);
  } catch (e) {
    if (!(e instanceof HipaaValidationError)) throw e;
    io.err(`Error: ${e.message}`);
    io.err(GUARD_USAGE);
    return 2;
  }
  if (parsed === 'help') {
    io.out(GUARD_USAGE);
    return 0;
  }
  // Read all three inputs before giving up, so one run lists every input problem.
  const errors: HipaaValidationError[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (e) {
      if (!(e instanceof HipaaValidationError)) throw e;
      errors.push(e);
      return undefined;
    }
  };
  const options = parsed;
  const previous = attempt(() => loadPrevious(options.previous, options.next, cwd));
  const next = attempt(() => loadOutputDir(path.resolve(cwd, options.next)));
  const acks = attempt(() => acknowledgementsFor(options.ack, cwd));
  if (!previous || !next || !acks) {
    for (const e of errors) io.err(`Error: ${e.message}`);
    io.err('Result: ERROR (input could not be read; nothing was compared)');
    return 2;
  }
  const report = compareOutputs(previous, next, { acknowledgements: acks.list });
  if (parsed.json) {
    io.out(JSON.stringify(report, null, 2));
    io.err(formatGuardReport(report).split('\n').pop() as string);
  } else {
    io.out(`Comparing ${parsed.previous} (previous) with ${parsed.next} (new)${acks.file ? `, acknowledgements from ${acks.file}` : ''}`);
    io.out(formatGuardReport(report));
  }
  return report.ok ? 0 : 1;
}
