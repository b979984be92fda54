import * as fs from 'fs';
import { IConstruct } from 'constructs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { HipaaBlockedError, HipaaValidationError } from '../lib/errors';
import { compareOutputs, loadAcknowledgements, loadOutputDir, DEFAULT_ACKNOWLEDGEMENT_FILES } from '../lib/analyze/guard';
import { formatGuardReport } from '../lib/report/guard';
import { loadConfigFile, parseConfig } from '../lib/config/load';
import { DEMO_CONFIG } from '../lib/config/demo';
import { HipaaConfig } from '../lib/config/schema';
import { parseLock, serializeLock } from '../lib/plan/lock';
import { PlacementLock } from '../lib/plan/types';
import { synthesize } from './synth';
import { HIPAA_PACK, StackDocument, evaluate, loadTerraform, violations } from '../lib/analyze/rules';
import { formatViolations, summaryLine, writeReports } from '../lib/report/compliance';
import { validateSuppressions } from '../lib/analyze/rules/suppressions';
import { analyzeIsolation } from '../lib/analyze/isolation';
import { isolationSummary, writeIsolationMatrix } from '../lib/report/isolation';
import { formatIsolationViolations } from '../lib/report/isolation';

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** Loads the configuration named by HIPAA_CONFIG, or the demo. */
export function loadConfiguration(env: NodeJS.ProcessEnv): { config: HipaaConfig; source: string; file?: string } {
  const file = env.HIPAA_CONFIG;
  if (file) return { config: loadConfigFile(file), source: file, file };
  return { config: parseConfig(DEMO_CONFIG, 'built-in demo configuration'), source: 'built-in demo' };
}

/**
 * Where the placement lock lives: HIPAA_LOCK, or `hipaa.lock.json` beside the configuration file.
 * The built-in demo has none (its placement follows the order of its tenants).
 */
export function lockPath(env: NodeJS.ProcessEnv, configFile?: string): string | undefined {
  if (env.HIPAA_LOCK) return env.HIPAA_LOCK;
  return configFile ? path.join(path.dirname(configFile), 'hipaa.lock.json') : undefined;
}

export function readLock(file: string | undefined): PlacementLock | undefined {
  if (!file || !fs.existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new HipaaValidationError('Placement lock', [
      {
        code: 'HIPAA_LOCK_UNREADABLE',
        path: file,
        message: `not valid JSON (${(e as Error).message})`,
        fix: 'restore it from version control; deleting it re-places every tenant from scratch',
      },
    ]);
  }
  return parseLock(json);
}

/** The synth command; returns the exit code. User errors print one message and no stack trace. */
export function runMain(_args: string[], env: NodeJS.ProcessEnv, io: Io): number {
  const started = performance.now();
  try {
    if (env.SYNTH_HCL_OUTPUT === 'true' || env.SYNTH_HCL_OUTPUT === '1') {
      throw new HipaaValidationError('cdktf synth --hcl', [
        {
          code: 'HIPAA_HCL_UNSUPPORTED',
          path: '--hcl',
          value: true,
          message: "cdktf 0.21's HCL renderer corrupts JSON policy documents that contain Terraform references, and every key and bucket policy here has them",
          fix: 'run `cdktf synth` without --hcl: Terraform reads the cdk.tf.json files natively (see docs/pipelines.md)',
        },
      ]);
    }
    const { config, source, file } = loadConfiguration(env);
    const lockFile = lockPath(env, file);
    const lock = readLock(lockFile);
    const outdir = env.CDKTF_OUTDIR ?? 'cdktf.out';
    let summary = '';
    const result = synthesize({
      config,
      outdir,
      lock,
      afterSynth: (tmp, built) => {
        const t0 = performance.now();
        const stacks = loadSynthesized(tmp);
        guardAgainstPrevious(outdir, stacks, env, io);
        const t1 = performance.now();
        const gate = complianceGate(tmp, stacks, built.app, config);
        summary = gate.summary;
        return { guard: t1 - t0, ...gate.phases };
      },
    });
    for (const move of result.moves) io.err(`Warning: ${move.reason}`);
    if (lockFile) {
      const text = serializeLock(result.lock);
      if (!fs.existsSync(lockFile) || fs.readFileSync(lockFile, 'utf8') !== text) fs.writeFileSync(lockFile, text);
    }
    const ms = Math.round(performance.now() - started);
    io.out(`Synthesized ${result.stackNames.length} stacks from ${source} into ${outdir} in ${ms} ms`);
    io.out(summary);
    if (env.HIPAA_TIMINGS) writeTimings(env.HIPAA_TIMINGS, result.outdir, { ...result.phases, total: performance.now() - started });
    return 0;
  } catch (e) {
    if (e instanceof HipaaValidationError || e instanceof HipaaBlockedError) {
      io.err(`Error: ${e.message}`);
      io.err('Nothing was written.');
      return 1;
    }
    throw e;
  }
}

/** The stacks a synth wrote, read once for the guard and the checks; file names relative to `dir`. */
export function loadSynthesized(dir: string): StackDocument[] {
  // Relative names: no temporary path leaks into the reports.
  return loadTerraform(path.join(dir, 'stacks')).map((d) => ({ ...d, file: d.file ? path.relative(dir, d.file) : d.file }));
}

/**
 * The compliance gate of a synth: evaluates the synthesized stacks in `tmp` exactly as `check` would
 * (construct, waiver and configuration suppressions and the audit retention come from each stack's
 * `"//".hipaa` metadata); violations throw (so nothing is written); otherwise writes the reports.
 * The verdict depends only on what was written; `config` only names its own suppression mistakes.
 */
export function complianceGate(tmp: string, stacks: StackDocument[], _app: IConstruct, config: HipaaConfig, now?: Date): { summary: string; phases: Record<string, number> } {
  const t0 = performance.now();
  // The configuration's own suppressions first, so a mistake names the index the user wrote
  // (suppressions[2]) rather than its copy in a stack's metadata.
  validateSuppressions(
    config.suppressions.map((s) => ({ ...s, source: 'configuration' })),
    new Set(HIPAA_PACK.rules.map((r) => r.id)),
  );
  const compliance = evaluate(stacks, { now });
  const t1 = performance.now();
  if (violations(compliance).length > 0) throw new HipaaBlockedError(formatViolations(compliance));
  const isolation = analyzeIsolation(stacks);
  const t2 = performance.now();
  if (isolation.violations.length > 0) {
    throw new HipaaBlockedError(formatIsolationViolations(isolation));
  }
  writeReports(compliance, tmp);
  writeIsolationMatrix(isolation, tmp);
  return { summary: `${summaryLine(compliance)}\n${isolationSummary(isolation)}`, phases: { compliance: t1 - t0, isolation: t2 - t1, reports: performance.now() - t2 } };
}

/**
 * The replacement guard, run automatically when a previous output exists: a stateful resource that
 * would be destroyed or replaced blocks the synth unless acknowledged. HIPAA_GUARD=off skips it.
 */
function guardAgainstPrevious(outdir: string, next: StackDocument[], env: NodeJS.ProcessEnv, io: Io): void {
  if (env.HIPAA_GUARD === 'off' || !fs.existsSync(path.join(outdir, 'stacks'))) return;
  const ackFile = env.HIPAA_GUARD_ACK ?? DEFAULT_ACKNOWLEDGEMENT_FILES.find((f) => fs.existsSync(f));
  const acknowledgements = ackFile ? loadAcknowledgements(ackFile) : [];
  let previous;
  try {
    previous = loadOutputDir(outdir);
  } catch (e) {
    if (!(e instanceof HipaaValidationError)) throw e;
    throw new HipaaBlockedError(
      `${e.message}\nThe previous output cannot be compared, so the replacement guard cannot vouch for this synth. Move it aside, or set HIPAA_GUARD=off for this run.`,
    );
  }
  const report = compareOutputs(previous, next, { acknowledgements });
  if (!report.ok) {
    throw new HipaaBlockedError(
      `${formatGuardReport(report)}\nAcknowledge intended replacements in guard-acknowledgements.yaml (see docs/guard.md), or set HIPAA_GUARD=off for a first synth into an unrelated folder.`,
    );
  }
  if (report.acknowledged.length > 0) io.err(`Guard: ${report.acknowledged.length} acknowledged replacement(s) of stateful resources.`);
}

/** For the benchmark: phases, peak memory, and what was written. */
function writeTimings(file: string, outdir: string, phases: Record<string, number>): void {
  const stacksDir = path.join(outdir, 'stacks');
  let resources = 0;
  const stacks = fs.readdirSync(stacksDir);
  for (const s of stacks) {
    const json = JSON.parse(fs.readFileSync(path.join(stacksDir, s, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, object> };
    for (const byName of Object.values(json.resource ?? {})) resources += Object.keys(byName).length;
  }
  fs.writeFileSync(file, JSON.stringify({ phases, maxRssKb: process.resourceUsage().maxRSS, stacks: stacks.length, resources }));
}
