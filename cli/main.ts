import { performance } from 'perf_hooks';
import { HipaaValidationError } from '../lib/errors';
import { loadConfigFile, parseConfig } from '../lib/config/load';
import { DEMO_CONFIG } from '../lib/config/demo';
import { HipaaConfig } from '../lib/config/schema';
import { synthesize } from './synth';

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** Loads the configuration named by HIPAA_CONFIG, or the demo. */
export function loadConfiguration(env: NodeJS.ProcessEnv): { config: HipaaConfig; source: string } {
  const file = env.HIPAA_CONFIG;
  if (file) return { config: loadConfigFile(file), source: file };
  return { config: parseConfig(DEMO_CONFIG, 'built-in demo configuration'), source: 'built-in demo' };
}

/** The synth command; returns the exit code. User errors print one message and no stack trace. */
export function runMain(_args: string[], env: NodeJS.ProcessEnv, io: Io): number {
  const started = performance.now();
  try {
    const { config, source } = loadConfiguration(env);
    const outdir = env.CDKTF_OUTDIR ?? 'cdktf.out';
    const result = synthesize({ config, outdir });
    const ms = Math.round(performance.now() - started);
    io.out(`Synthesized ${result.stackNames.length} stacks from ${source} into ${outdir} in ${ms} ms: ${result.stackNames.join(', ')}`);
    return 0;
  } catch (e) {
    if (e instanceof HipaaValidationError) {
      io.err(`Error: ${e.message}`);
      io.err('Nothing was written.');
      return 1;
    }
    throw e;
  }
}
