/**
 * Synthesis as a transaction: build into a temporary folder beside the output, check, write the
 * reports, then swap it into place. A failure at any step leaves the previous output untouched.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HipaaConfig } from '../lib/config/schema';
import { buildApp } from '../stacks/app';

export interface SynthOptions {
  readonly config: HipaaConfig;
  /** Final output folder, e.g. `cdktf.out`. */
  readonly outdir: string;
  /** Called with the temporary folder after synthesis; throw to abort (nothing is written). */
  readonly afterSynth?: (tmpdir: string) => void;
  readonly conformancePackTemplate?: string;
}

export interface SynthResult {
  readonly outdir: string;
  readonly stackNames: string[];
}

/** Synthesizes `config` into `outdir` atomically. */
export function synthesize(options: SynthOptions): SynthResult {
  const outdir = path.resolve(options.outdir);
  const parent = path.dirname(outdir);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(outdir)}.tmp-`));
  fs.chmodSync(tmp, 0o755);
  try {
    const { app, stacks } = buildApp(options.config, { outdir: tmp, conformancePackTemplate: options.conformancePackTemplate });
    app.synth();
    options.afterSynth?.(tmp);
    swapInto(tmp, outdir);
    return { outdir, stackNames: stacks.map((s) => s.stackName) };
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Replaces `target` by `source` with two renames; the old content is removed last. */
export function swapInto(source: string, target: string): void {
  const old = `${source}.old`;
  const hadTarget = fs.existsSync(target);
  if (hadTarget) fs.renameSync(target, old);
  try {
    fs.renameSync(source, target);
  } catch (e) {
    if (hadTarget) fs.renameSync(old, target);
    throw e;
  }
  if (hadTarget) fs.rmSync(old, { recursive: true, force: true });
}
