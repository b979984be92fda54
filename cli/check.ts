/**
 * The `check` command: evaluate any cdktf.out folder or *.tf.json against the HIPAA pack.
 * `bin/hipaa.ts check <path> [options]` calls `runCheckCommand`.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { HipaaValidationError } from '../lib/errors';
import { analyzeIsolation } from '../lib/analyze/isolation/analyze';
import { formatIsolationViolations, isolationSummary, writeIsolationMatrix } from '../lib/report/isolation';
import { evaluate, violations, type AccountRulesMode } from '../lib/analyze/rules/engine';
import { loadTerraform } from '../lib/terraform/load';
import { formatViolations, jsonReport, markdownReport, sarifReport, summaryLine, writeReports } from '../lib/report/compliance';
import type { Suppression } from '../lib/analyze/rules/types';
import { isObject } from '../lib/terraform/values';

export const CHECK_USAGE = `Usage: hipaa check <path> [options]

Checks Terraform JSON as synth does: the HIPAA rule pack and the tenant isolation proof (with
its access review). <path> is a cdktf.out folder, its stacks
folder, one stack folder, a folder of *.tf.json files, one *.tf.json file (Terraform written by
hand works too), or \`terraform show -json\` output of a plan or a state. Input that holds no
Terraform (no resource, data, provider, module or terraform block) is refused with exit 2.

The suppressions, waivers and audit retention our synth used are read from each stack's
"//".hipaa metadata, so one stack folder gives the verdict synth gave for that stack.

Options:
  --suppressions <file>       more suppressions, JSON or YAML: a list of { rule, reason,
                              resources?, expires? } (or an object with a "suppressions" list)
  --ignore-recorded-suppressions
                              leave out the suppressions and waivers recorded in the stacks
                              (what a reviewer sees without them)
  --format <text|md|json|sarif>  what to print (default text: violations and a summary)
  --out <dir>                 also write compliance-report.{md,json,sarif} and
                              isolation-matrix.{md,json} into <dir>
  --audit-retention-days <n>  retention the retention rules require (default: recorded by
                              synth in the stacks, else 2192)
  --account-rules <auto|always|never>
                              account-level rules: auto (accounts with a baseline), always, never
                              (default auto)

Exit codes: 0 compliant and isolated, 1 rule violations or isolation violations, 2 unreadable
input or bad options.`;

export interface CheckIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

class UsageError extends Error {}

interface Parsed {
  path: string;
  suppressions?: string;
  format: 'text' | 'md' | 'json' | 'sarif';
  out?: string;
  auditRetentionDays?: number;
  accountRules: AccountRulesMode;
  ignoreRecorded: boolean;
  help: boolean;
}

function parseArgs(args: readonly string[]): Parsed {
  const parsed: Partial<Parsed> & { format: Parsed['format']; accountRules: AccountRulesMode; ignoreRecorded: boolean; help: boolean } = {
    format: 'text',
    accountRules: 'auto',
    ignoreRecorded: false,
    help: false,
  };
  const value = (i: number, flag: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') parsed.help = true;
    else if (a === '--suppressions') parsed.suppressions = value(i++, a);
    else if (a === '--ignore-recorded-suppressions') parsed.ignoreRecorded = true;
    else if (a === '--out') parsed.out = value(i++, a);
    else if (a === '--format') {
      const f = value(i++, a);
      if (f !== 'text' && f !== 'md' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, md, json or sarif (got ${f})`);
      parsed.format = f;
    } else if (a === '--audit-retention-days') {
      const n = Number(value(i++, a));
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--audit-retention-days must be a whole number of days');
      parsed.auditRetentionDays = n;
    } else if (a === '--account-rules') {
      const m = value(i++, a);
      if (m !== 'auto' && m !== 'always' && m !== 'never') throw new UsageError(`--account-rules must be auto, always or never (got ${m})`);
      parsed.accountRules = m;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (parsed.path === undefined) parsed.path = a;
    else throw new UsageError(`unexpected argument ${a} (one path only)`);
  }
  if (!parsed.help && parsed.path === undefined) throw new UsageError('missing <path>');
  return { ...parsed, path: parsed.path ?? '' } as Parsed;
}

/** Reads suppressions from a JSON or YAML file: a list, or an object with a `suppressions` list. */
export function readSuppressionsFile(file: string): Suppression[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new HipaaValidationError('Suppressions file', [{ code: 'HIPAA_INPUT_UNREADABLE', path: file, message: 'cannot read the file', fix: 'check the path' }]);
  }
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new HipaaValidationError('Suppressions file', [
      { code: 'HIPAA_INPUT_INVALID_JSON', path: file, message: `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'} (${(err as Error).message})`, fix: 'fix the syntax' },
    ]);
  }
  const list = Array.isArray(doc)
    ? doc
    : isObject(doc as never) && Array.isArray((doc as { suppressions?: unknown }).suppressions)
      ? (doc as { suppressions: unknown[] }).suppressions
      : undefined;
  if (!list) {
    throw new HipaaValidationError('Suppressions file', [
      {
        code: 'HIPAA_SUPPRESSIONS_SHAPE',
        path: file,
        message: 'expected a list of suppressions or an object with a "suppressions" list',
        fix: 'write suppressions: [{ rule: HIPAA-S3-014, reason: "..." }]',
      },
    ]);
  }
  return list.map((s) => ({ ...(s as Suppression), source: `${file}` }));
}

/** The `check` command. Returns the exit code: 0 compliant, 1 violations, 2 unreadable input. */
export function runCheckCommand(args: readonly string[], io: CheckIo): number {
  let opts: Parsed;
  try {
    opts = parseArgs(args);
  } catch (err) {
    io.err(`hipaa check: ${(err as Error).message}\n\n${CHECK_USAGE}`);
    return 2;
  }
  if (opts.help) {
    io.out(CHECK_USAGE);
    return 0;
  }
  try {
    const stacks = loadTerraform(opts.path);
    const suppressions = opts.suppressions ? readSuppressionsFile(opts.suppressions) : [];
    const result = evaluate(stacks, { suppressions, auditRetentionDays: opts.auditRetentionDays, accountRules: opts.accountRules, recordedSuppressions: !opts.ignoreRecorded });
    if (opts.out) {
      for (const p of writeReports(result, opts.out)) io.err(`wrote ${p}`);
    }
    // The synth gate runs the isolation proof over the same output; so does check.
    const isolation = analyzeIsolation(stacks);
    if (opts.out) {
      for (const p of writeIsolationMatrix(isolation, opts.out)) io.err(`wrote ${p}`);
    }
    const isolated = isolation.violations.length === 0;
    if (opts.format === 'md') io.out(markdownReport(result));
    else if (opts.format === 'json') io.out(jsonReport(result));
    else if (opts.format === 'sarif') io.out(sarifReport(result));
    else io.out(violations(result).length > 0 ? formatViolations(result) : summaryLine(result));
    // Machine formats keep stdout to the one report; the proof's verdict goes to stderr.
    const proof = isolated ? isolationSummary(isolation) : formatIsolationViolations(isolation);
    if (opts.format === 'text') io.out(proof);
    else io.err(proof);
    return violations(result).length > 0 || !isolated ? 1 : 0;
  } catch (err) {
    if (err instanceof HipaaValidationError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
}
