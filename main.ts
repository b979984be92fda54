/**
 * `npm run synth` / `cdktf synth`: reads the configuration named by HIPAA_CONFIG (or the built-in
 * demo), synthesizes every stack into cdktf.out, checks it, and writes the compliance reports.
 */
import { runMain } from './cli/main';

process.exitCode = runMain(process.argv.slice(2), process.env, {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
