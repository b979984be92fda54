import * as fs from 'fs';
import * as path from 'path';
import { HipaaValidationError } from '../lib/errors';
import { Io, runMain } from './main';
import { catalogListing } from '../lib/constructs/registry/docs';
import { runGuardCommand } from './guard';
import { runCheckCommand } from './check';
import { VALIDATE_USAGE, runValidateCommand } from '../lib/terraform/validate';

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** The exit code; `validate` runs terraform processes and resolves it asynchronously. */
  readonly run: (args: string[], env: NodeJS.ProcessEnv, io: Io) => number | Promise<number>;
}

const ROOT = path.resolve(__dirname, '..');

export const COMMANDS: readonly Command[] = [
  { name: 'synth', usage: 'synth', summary: 'synthesize HIPAA_CONFIG (or the built-in demo) into cdktf.out, check it, write reports (default)', run: runMain },
  {
    name: 'modules',
    usage: 'modules',
    summary: 'print the module registry catalog (id, version, summary, 45 CFR controls)',
    run: (_a, _e, io) => {
      io.out(catalogListing());
      return 0;
    },
  },
  {
    name: 'check',
    usage: 'check <cdktf.out | stacks dir | file.tf.json> [--suppressions f] [--format text|md|json|sarif] [--out dir]',
    summary: 'run the HIPAA rule pack over any Terraform JSON; exit 0 compliant, 1 violations, 2 unreadable input',
    run: (args, _e, io) => runCheckCommand(args, io),
  },
  {
    name: 'guard',
    usage: 'guard <previous cdktf.out | git:<rev>> [--next cdktf.out] [--ack file] [--json]',
    summary: 'list stateful resources a new cdktf.out would destroy or replace; exit 1 unless acknowledged',
    run: (args, _e, io) => runGuardCommand(args, io),
  },
  {
    name: 'validate',
    usage: VALIDATE_USAGE,
    summary:
      'terraform init + validate every stack offline against HIPAA_TF_PROVIDER_MIRROR (--plan: terraform test with a mocked provider); exit 0 valid, 1 invalid, 2 no terraform or mirror',
    run: (args, env, io) => runValidateCommand(args, env, io),
  },
  {
    name: 'help',
    usage: 'help | --help | -h',
    summary: 'this list',
    run: (_a, _e, io) => {
      io.out(helpText());
      return 0;
    },
  },
];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  const cheat = fs.existsSync(path.join(ROOT, 'help')) ? `\nSee the file \`help\` for the full cheat sheet.` : '';
  return `Usage: npm run <command> [-- args]   (or: node --import tsx bin/hipaa.ts <command> [args])\n\nCommands:\n${lines.join('\n')}\n\nEnvironment: HIPAA_CONFIG (config file), HIPAA_LOCK (placement lock), CDKTF_OUTDIR (output folder).${cheat}`;
}

/** Dispatches a command; unknown commands and user errors exit non-zero with one message. */
export function runCli(argv: string[], env: NodeJS.ProcessEnv, io: Io): number | Promise<number> {
  const [first, ...rest] = argv;
  const name = first === undefined ? 'synth' : first === '--help' || first === '-h' ? 'help' : first;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Error: unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n  ${command.summary}`);
    return 0;
  }
  try {
    return command.run(rest, env, io);
  } catch (e) {
    if (e instanceof HipaaValidationError) {
      io.err(`Error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
