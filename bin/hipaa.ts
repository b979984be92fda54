/**
 * The command line: `node --import tsx bin/hipaa.ts <command>` (npm scripts wrap each command).
 */
import { runCli } from '../cli/commands';
import { skipTokenStackTraces } from '../cli/stack-traces';

skipTokenStackTraces(process.env);

void Promise.resolve(
  runCli(process.argv.slice(2), process.env, {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  }),
).then((code) => {
  process.exitCode = code;
});
