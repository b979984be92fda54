/**
 * Reading Terraform JSON from disk: a `cdktf.out` folder, its `stacks` folder, a folder of
 * `*.tf.json` files (one Terraform module), or a single `*.tf.json` file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { HipaaValidationError, type Problem } from '../errors';
import type { StackDocument, TerraformJson } from './types';
import { isObject } from './values';

const SUBJECT = 'Terraform input';

function problem(path: string, message: string, fix: string, code = 'HIPAA_INPUT_UNREADABLE'): Problem {
  return { code, path, message, fix };
}

function readDocument(file: string, name: string, problems: Problem[]): StackDocument | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push(problem(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check the path and its permissions'));
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    problems.push(problem(file, `not valid JSON (${(err as Error).message})`, 'pass Terraform JSON (*.tf.json or cdk.tf.json); HCL .tf files are not read', 'HIPAA_INPUT_INVALID_JSON'));
    return undefined;
  }
  if (!isObject(json)) {
    problems.push(problem(file, 'the JSON is not an object', 'pass a Terraform JSON configuration (an object with "resource", "provider", ...)', 'HIPAA_INPUT_NOT_TERRAFORM'));
    return undefined;
  }
  for (const key of ['resource', 'data'] as const) {
    const section = json[key];
    if (section !== undefined && !isObject(section)) {
      problems.push(problem(`${file}: ${key}`, `"${key}" is not an object of resource types`, 'write resources as { "<type>": { "<name>": { ... } } }', 'HIPAA_INPUT_NOT_TERRAFORM'));
      return undefined;
    }
  }
  return { name, json: json as TerraformJson, file };
}

function stackDirs(stacksDir: string): string[] {
  return readdirSync(stacksDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(stacksDir, e.name, 'cdk.tf.json')))
    .map((e) => e.name)
    .sort();
}

/**
 * Loads Terraform JSON. `path` may be a `cdktf.out` folder (reads `stacks/<name>/cdk.tf.json`), a
 * `stacks` folder, a folder of `*.tf.json` files (one module named after the folder), or one
 * `*.tf.json` file (a module named after its folder). Throws `HipaaValidationError` listing every
 * unreadable or invalid file.
 */
export function loadTerraform(path: string): StackDocument[] {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new HipaaValidationError(SUBJECT, [problem(path, 'no such file or folder', 'pass a cdktf.out folder, a folder of *.tf.json files, or a *.tf.json file')]);
  }
  const problems: Problem[] = [];
  const docs: StackDocument[] = [];
  const stat = statSync(abs);
  if (stat.isFile()) {
    if (!abs.endsWith('.json')) {
      throw new HipaaValidationError(SUBJECT, [
        problem(path, 'not a Terraform JSON file', 'pass a *.tf.json file or a cdktf.out folder (HCL .tf files are not read; run `cdktf synth` or convert them)', 'HIPAA_INPUT_NOT_TERRAFORM'),
      ]);
    }
    const doc = readDocument(abs, basename(dirname(abs)), problems);
    if (doc) docs.push(doc);
  } else {
    const stacksDir = existsSync(join(abs, 'stacks')) && statSync(join(abs, 'stacks')).isDirectory() ? join(abs, 'stacks') : abs;
    const stacks = stackDirs(stacksDir);
    if (stacks.length > 0) {
      for (const name of stacks) {
        const doc = readDocument(join(stacksDir, name, 'cdk.tf.json'), name, problems);
        if (doc) docs.push(doc);
      }
    } else {
      const files = readdirSync(abs).filter((f) => f.endsWith('.tf.json')).sort();
      if (files.length === 0) {
        const hcl = readdirSync(abs).some((f) => f.endsWith('.tf'));
        throw new HipaaValidationError(SUBJECT, [
          problem(
            path,
            hcl ? 'the folder holds HCL (.tf) files but no Terraform JSON' : 'no cdk.tf.json stacks and no *.tf.json files found',
            hcl ? 'synthesize with cdktf (cdktf.out) or convert the configuration to *.tf.json' : 'pass a cdktf.out folder, a folder of *.tf.json files, or a *.tf.json file',
            'HIPAA_INPUT_EMPTY',
          ),
        ]);
      }
      for (const f of files) {
        const doc = readDocument(join(abs, f), basename(abs), problems);
        if (doc) docs.push(doc);
      }
    }
  }
  if (problems.length > 0) throw new HipaaValidationError(SUBJECT, problems);
  return docs;
}
