/**
 * Every documented option synthesizes: each matrix entry (see configs.ts) synthesizes through the
 * real synth and compliance gate with 0 violations and no suppression added by the test, and passes
 * `terraform validate` where lib/terraform/validate.ts is present. Combinations that cannot be
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
import { MATRIX, PENDING_RULES_MATRIX, REJECTED, type MatrixEntry } from './configs';

jest.setTimeout(120_000);

type Validator = { validateOutDir: (dir: string) => unknown };

/** The module, or undefined where it is not on this branch yet. */
function tryRequire(id: string): Validator | undefined {
  try {
    return require(id) as Validator;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((e as Error).message).includes('terraform/validate')) return undefined;
    throw e;
  }
}

const validator = tryRequire('../../lib/terraform/validate');
if (!validator) console.warn('lib/terraform/validate.ts is not on this branch: the option matrix skips terraform validate');

/** Failures of a validateOutDir result, whatever its exact shape. */
function validationFailures(result: unknown): unknown[] {
  if (result === undefined || result === null || result === true) return [];
  if (result === false) return ['terraform validate failed'];
  if (Array.isArray(result)) return result.filter((r) => !(r && typeof r === 'object' && ((r as { ok?: unknown }).ok === true || (r as { valid?: unknown }).valid === true)));
  const r = result as Record<string, unknown>;
  for (const key of ['failures', 'errors', 'problems', 'diagnostics']) if (Array.isArray(r[key]) && (r[key] as unknown[]).length > 0) return r[key] as unknown[];
  if (r.ok === false || r.valid === false) return [r];
  return [];
}

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

async function expectSynthesizesCleanly(entry: MatrixEntry): Promise<void> {
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
    if (validator) expect(validationFailures(await validator.validateOutDir(out.outdir))).toEqual([]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

describe('option matrix', () => {
  test.each([...MATRIX, ...PENDING_RULES_MATRIX].map((e) => [e.name, e] as const))('synthesizes %s with 0 violations and valid Terraform', async (_name, entry) => {
    await expectSynthesizesCleanly(entry);
  });
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
