/**
 * Synthesis as a transaction: build into a temporary folder beside the output, check, write the
 * reports, then swap it into place. A failure at any step leaves the previous output untouched.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { HipaaConfig } from '../lib/config/schema';
import { PlacementLock, PlacementMove } from '../lib/plan/types';
import { BuiltApp, applyOrder, buildApp } from '../stacks/app';

export interface SynthOptions {
  readonly config: HipaaConfig;
  /** Final output folder, e.g. `cdktf.out`. */
  readonly outdir: string;
  /** Placement lock of the previous run. */
  readonly lock?: PlacementLock;
  /** Called with the temporary folder after synthesis; throw to abort (nothing is written). */
  readonly afterSynth?: (tmpdir: string, built: BuiltApp) => Record<string, number> | void;
  readonly conformancePackTemplate?: string;
}

export interface SynthResult {
  readonly outdir: string;
  readonly stackNames: string[];
  /** The placement lock to keep for the next run. */
  readonly lock: PlacementLock;
  /** VPCs a pin moved away from their locked place (each is a replacement). */
  readonly moves: readonly PlacementMove[];
  /** Milliseconds per phase: build (constructs), synth (JSON), after (checks and reports). */
  readonly phases: Record<string, number>;
}

/** Synthesizes `config` into `outdir` atomically. */
export function synthesize(options: SynthOptions): SynthResult {
  const outdir = path.resolve(options.outdir);
  const parent = path.dirname(outdir);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(outdir)}.tmp-`));
  fs.chmodSync(tmp, 0o755);
  try {
    const t0 = performance.now();
    const built = buildApp(options.config, { outdir: tmp, lock: options.lock, conformancePackTemplate: options.conformancePackTemplate });
    const t1 = performance.now();
    built.app.synth();
    const t2 = performance.now();
    fs.writeFileSync(path.join(tmp, 'apply-order.json'), `${JSON.stringify({ waves: applyOrder(built.dependencies), dependencies: built.dependencies }, null, 2)}\n`);
    const afterPhases = options.afterSynth?.(tmp, built) ?? {};
    const t3 = performance.now();
    swapInto(tmp, outdir);
    return {
      outdir,
      stackNames: built.stacks.map((s) => s.stackName),
      lock: built.plan.lock,
      moves: built.plan.moves,
      phases: { build: t1 - t0, synth: t2 - t1, after: t3 - t2, ...afterPhases },
    };
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
