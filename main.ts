/**
 * `npm run synth` / `cdktf synth`: reads the configuration named by HIPAA_CONFIG (or the built-in
 * demo), synthesizes every stack into cdktf.out, checks it, and writes the compliance reports.
 */
// CDKTF captures a full stack trace for every token it creates; mapped through source maps (which
// the tsx loader turns on) that is a third of a synth. User errors print no stack trace anyway.
if (!process.env.HIPAA_SOURCE_MAPS) process.setSourceMapsEnabled(false);
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('./cli/stack-traces') as typeof import('./cli/stack-traces')).skipTokenStackTraces(process.env);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runMain } = require('./cli/main') as typeof import('./cli/main');

process.exitCode = runMain(process.argv.slice(2), process.env, {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
