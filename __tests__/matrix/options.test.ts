/**
 * Every documented option synthesizes: each matrix entry (see configs.ts) synthesizes through the
 * real synth and compliance gate with 0 violations and no suppression added by the test, and every
 * stack passes `terraform validate` against the provider mirror (skipped with one line where there
 * is no terraform or mirror). Combinations that cannot be
 * compliant are rejected by the configuration checks instead, with a code and the field to change.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../cli/synth';
import { complianceGate, loadSynthesized } from '../../cli/main';
import { parseConfig } from '../../lib/config/load';
import { HipaaBlockedError, HipaaValidationError } from '../../lib/errors';
import { buildApp } from '../../stacks/app';
import { TerraformUnavailableError, validateOutDir, type StackResult } from '../../lib/terraform/validate';
import { MATRIX, PENDING_RULES_MATRIX, REJECTED, type MatrixEntry } from './configs';

jest.setTimeout(120_000);

/**
 * Every entry's stacks are gathered into one folder (`<entry>--<stack>`) and validated by one
 * `validateOutDir` call at the end: the provider schema load dominates a terraform run, so one run
 * over all stacks is far cheaper than one per entry.
 */
const GATHERED = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-matrix-all-'));
let gatheredStacks = 0;

function gather(entryIndex: number, outdir: string): void {
  const stacksDir = path.join(outdir, 'stacks');
  for (const name of fs.readdirSync(stacksDir)) {
    fs.cpSync(path.join(stacksDir, name), path.join(GATHERED, 'stacks', `m${entryIndex}--${name}`), { recursive: true });
    gatheredStacks += 1;
  }
}

afterAll(() => fs.rmSync(GATHERED, { recursive: true, force: true }));

/** Synthesizes an entry through the synth's own compliance gate; returns the output folder. */
function synthEntry(entry: MatrixEntry, work: string): { outdir: string; summary: string } {
  const config = parseConfig(entry.config, entry.name);
  const outdir = path.join(work, 'cdktf.out');
  let summary = '';
  synthesize({
    config,
    outdir,
    afterSynth: (tmp, built) => {
      summary = complianceGate(tmp, loadSynthesized(tmp), built.app, config).summary;
    },
  });
  return { outdir, summary };
}

function expectSynthesizesCleanly(entry: MatrixEntry, entryIndex: number): void {
  expect(entry.config.suppressions ?? []).toEqual([]);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-matrix-'));
  try {
    let out: { outdir: string; summary: string };
    try {
      out = synthEntry(entry, work);
    } catch (e) {
      if (e instanceof HipaaBlockedError || e instanceof HipaaValidationError) throw new Error(`${entry.name}: ${e.message}`);
      throw e;
    }
    expect(out.summary).toMatch(/ 0 violations/);
    gather(entryIndex, out.outdir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const ENTRIES = [...MATRIX, ...PENDING_RULES_MATRIX];

describe('option matrix', () => {
  test.each(ENTRIES.map((e, i) => [e.name, e, i] as const))('synthesizes %s with 0 violations', (_name, entry, i) => {
    expectSynthesizesCleanly(entry, i);
  });

  // Runs after the synth tests above (jest runs a file's tests in order).
  it('passes terraform validate on every stack of every entry', async () => {
    expect(gatheredStacks).toBeGreaterThanOrEqual(ENTRIES.length);
    let results: StackResult[];
    try {
      results = await validateOutDir(GATHERED, { pluginCacheDir: path.join(os.tmpdir(), 'hipaa-tf-plugin-cache-matrix') });
    } catch (e) {
      if (!(e instanceof TerraformUnavailableError)) throw e;
      console.warn(`terraform validate skipped: ${e.message}`);
      return;
    }
    expect(results).toHaveLength(gatheredStacks);
    const failed = results
      .filter((r) => !r.ok)
      .map((r) => ({ stack: r.stack, diagnostics: r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.summary}: ${d.detail ?? ''} ${d.address ?? ''}`) }));
    expect(failed).toEqual([]);
  }, 600_000);
});

describe('option matrix: combinations that cannot be compliant', () => {
  test.each(REJECTED.map((e) => [e.name, e] as const))('rejects %s with a clear message', (_name, entry) => {
    let error: unknown;
    try {
      buildApp(parseConfig(entry.config, entry.name), { outdir: os.tmpdir() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HipaaValidationError);
    expect((error as HipaaValidationError).problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: entry.code, path: entry.path })]));
  });
});
