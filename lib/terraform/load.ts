/**
 * THE loader of Terraform JSON, for every analyzer (rules, isolation, guard) and `check`.
 *
 * Inputs: a `cdktf.out` folder (`stacks/<name>/cdk.tf.json`), its `stacks` folder, one stack folder
 * (`cdk.tf.json`), a folder of `*.tf.json` files (one Terraform module named after the folder), one
 * `*.tf.json` file, `terraform show -json` output of a plan or a state (see `load-plan.ts` for how it
 * maps onto the configuration shape), or a synthesized output as committed at a git revision.
 *
 * Names: a stack is named after its folder; a single file other than `cdk.tf.json` after the file
 * (`legacy.tf.json` -> `legacy`, `plan.json` -> `plan`); the files of a `*.tf.json` folder after the
 * folder. (The guard's reader named single files after the file, the compliance reader after their
 * folder; the file name is kept, so one file checked alone names the same stack the guard compares.)
 *
 * What counts as Terraform (mode `terraform`, used by `check` and the analyzers): a JSON object with
 * at least one `resource`, `data`, `provider`, `module` or `terraform` block, or `terraform show
 * -json` output with values. Anything else is refused with what was found (exit 2 in `check`),
 * because "0 resources, 0 violations" on a `package.json` is a pass nobody earned. A document with a
 * `provider` or `terraform` block and no resources is Terraform: it checks as 0 resources (a stack
 * may hold only providers and backends; account rules then say they were skipped).
 * Mode `stacks` (the guard) reads only synthesized stack files and accepts any JSON object, so an
 * empty stack still compares.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HipaaValidationError, type Problem } from '../errors';
import type { JsonObject, StackDocument, TerraformJson } from './types';
import { isRawStateFile, showKind, showToTerraform } from './load-plan';
import { isObject } from './values';

/** One stack's synthesized Terraform JSON as the guard compares it (`{ name, json }`). */
export interface StackDoc {
  /** Stack name: the folder name under `stacks/`, which is also its Terraform workspace. */
  readonly name: string;
  /** The parsed `cdk.tf.json`. */
  readonly json: object;
}

/** The messages a caller of the loader shows; the guard and `check` each have their own catalog. */
export interface LoadMessages {
  readonly subject: (input: string) => string;
  readonly missing: (path: string) => Problem;
  /** Nothing to read in a folder; `found` lists what the folder holds instead. */
  readonly empty: (path: string, found: readonly string[]) => Problem;
  readonly unreadable: (path: string, reason: string) => Problem;
  readonly notJson: (path: string, reason: string) => Problem;
  readonly notObject: (path: string) => Problem;
  readonly duplicate: (subject: string, name: string) => Problem;
  readonly gitRevision: (rev: string, detail: string) => Problem;
  readonly gitUnavailable: (cwd: string, detail: string) => Problem;
  readonly gitNotCommitted: (rev: string, dir: string) => Problem;
}

const FORMS = 'pass a cdktf.out folder, a stack folder, a folder of *.tf.json files, a *.tf.json file, or `terraform show -json` output of a plan';
const located = (code: string, p: string, message: string, fix: string): Problem => ({ code, path: p, message, fix });

/** Messages of `check` and the analyzers. */
export const CHECK_INPUT: LoadMessages = {
  subject: () => 'Terraform input',
  missing: (p) => located('HIPAA_INPUT_UNREADABLE', p, 'no such file or folder', FORMS),
  empty: (p, found) => {
    const hcl = found.some((f) => f.endsWith('.tf'));
    if (hcl)
      return located(
        'HIPAA_INPUT_EMPTY',
        p,
        'the folder holds HCL (.tf) files but no Terraform JSON',
        'synthesize with cdktf (cdktf.out) or convert the configuration to *.tf.json; HCL is not read',
      );
    const what = found.length === 0 ? 'the folder is empty' : `the folder holds ${found.slice(0, 5).join(', ')}${found.length > 5 ? `, ... (${found.length} entries)` : ''}`;
    return located('HIPAA_INPUT_EMPTY', p, `no cdk.tf.json stacks and no *.tf.json files found (${what})`, FORMS);
  },
  unreadable: (p, reason) => located('HIPAA_INPUT_UNREADABLE', p, `cannot read the file (${reason})`, 'check the path and its permissions'),
  notJson: (p, reason) => located('HIPAA_INPUT_INVALID_JSON', p, `not valid JSON (${reason})`, 'pass Terraform JSON (*.tf.json or cdk.tf.json); HCL .tf files are not read'),
  notObject: (p) => located('HIPAA_INPUT_NOT_TERRAFORM', p, 'the JSON is not an object', 'pass a Terraform JSON configuration (an object with "resource", "provider", ...)'),
  duplicate: (subject, name) => ({
    code: 'HIPAA_INPUT_DUPLICATE_STACK',
    path: subject,
    value: name,
    message: 'two inputs have the same stack name',
    fix: 'pass one output folder at a time',
  }),
  gitRevision: (rev, detail) => ({
    code: 'HIPAA_INPUT_GIT_REVISION',
    path: `git:${rev}`,
    value: rev,
    message: `is not a commit in this repository (${detail})`,
    fix: 'use a branch, tag or commit id that `git log` shows',
  }),
  gitUnavailable: (cwd, detail) => located('HIPAA_INPUT_GIT', cwd, `git could not be run here (${detail})`, 'run inside the git checkout'),
  gitNotCommitted: (rev, dir) => ({
    code: 'HIPAA_INPUT_GIT_NOT_COMMITTED',
    path: `git:${rev}:${dir}`,
    value: dir,
    message: `no synthesized stack of ${dir} is committed at ${rev}`,
    fix: 'commit the synthesized output or name another folder',
  }),
};

export type LoadMode = 'terraform' | 'stacks';

/** Largest git object read through `git show` (synthesized stacks are a few megabytes at most). */
const MAX_GIT_OUTPUT = 512 * 1024 * 1024;
const STACK_FILE = 'cdk.tf.json';
const TERRAFORM_BLOCKS = ['resource', 'data', 'provider', 'module', 'terraform'] as const;

/** A stack file found under a root, relative to the root with `/` separators. */
interface StackFile {
  readonly name: string;
  readonly relativePath: string;
}

/**
 * Picks the stack files among `paths` (relative to a root named `rootName`), in order of
 * preference: `stacks/<name>/cdk.tf.json` (a cdktf.out), `<name>/cdk.tf.json` (a folder of stack
 * folders), `cdk.tf.json` (one stack folder).
 */
export function selectStackFiles(paths: readonly string[], rootName: string): StackFile[] {
  const under = (pattern: RegExp): StackFile[] =>
    paths
      .map((p) => ({ p, m: pattern.exec(p) }))
      .filter((x): x is { p: string; m: RegExpExecArray } => x.m !== null)
      .map(({ p, m }) => ({ name: m[1], relativePath: p }))
      .sort((a, b) => a.name.localeCompare(b.name));
  const inStacks = under(/^stacks\/([^/]+)\/cdk\.tf\.json$/);
  if (inStacks.length > 0) return inStacks;
  const inFolders = under(/^([^/]+)\/cdk\.tf\.json$/);
  if (inFolders.length > 0) return inFolders;
  if (paths.includes(STACK_FILE)) return [{ name: rootName, relativePath: STACK_FILE }];
  return [];
}

/** `cdk.tf.json` is named after its folder; any other file after itself without `.tf.json` / `.json`. */
function stackNameOfFile(file: string): string {
  const base = path.basename(file);
  if (base === STACK_FILE) return path.basename(path.dirname(path.resolve(file)));
  return base.replace(/\.tf\.json$/, '').replace(/\.json$/, '');
}

function describeKeys(json: JsonObject): string {
  const keys = Object.keys(json);
  if (keys.length === 0) return 'an empty object';
  return `top-level keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}`;
}

/** Why a parsed JSON object is not Terraform, or undefined when it is. */
export function notTerraformReason(json: JsonObject): string | undefined {
  if (TERRAFORM_BLOCKS.some((k) => json[k] !== undefined)) return undefined;
  const kind = showKind(json);
  if (kind === 'plan' || kind === 'state') return undefined;
  if (kind === 'empty') return '`terraform show -json` output with no plan and no state values (there was nothing to show)';
  if (isRawStateFile(json)) return 'a raw Terraform state file (terraform.tfstate); pass `terraform show -json` output instead';
  return `no resource, data, provider, module or terraform block (found ${describeKeys(json)})`;
}

function notTerraform(where: string, reason: string): Problem {
  return {
    code: 'HIPAA_INPUT_NOT_TERRAFORM',
    path: where,
    message: `is JSON but not Terraform: ${reason}`,
    fix: FORMS,
  };
}

/** Parses one file's text into a document, or returns the problem. */
function parseDocument(name: string, text: string, where: string, file: string | undefined, mode: LoadMode, msgs: LoadMessages): StackDocument | Problem {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return msgs.notJson(where, (e as Error).message);
  }
  if (!isObject(json)) return msgs.notObject(where);
  const doc = (j: TerraformJson): StackDocument => (file === undefined ? { name, json: j } : { name, json: j, file });
  if (mode === 'stacks') return doc(json as TerraformJson);
  const reason = notTerraformReason(json);
  if (reason !== undefined) return notTerraform(where, reason);
  const kind = showKind(json);
  if (kind === 'plan' || kind === 'state') {
    if (TERRAFORM_BLOCKS.every((k) => json[k] === undefined)) return doc(showToTerraform(json, kind));
  }
  for (const key of ['resource', 'data'] as const) {
    const section = json[key];
    // An object of resource types, or (Terraform JSON allows it) an array of such objects.
    const shaped = isObject(section) || (Array.isArray(section) && section.every((s) => isObject(s)));
    if (section !== undefined && !shaped) {
      return {
        code: 'HIPAA_INPUT_NOT_TERRAFORM',
        path: `${where}: ${key}`,
        message: `"${key}" is not an object of resource types`,
        fix: 'write resources as { "<type>": { "<name>": { ... } } }',
      };
    }
  }
  return doc(json as TerraformJson);
}

function isProblem(x: StackDocument | Problem): x is Problem {
  return 'code' in x && 'fix' in x;
}

/** Collects parsed documents, or throws once with every problem. */
function collect(subject: string, results: Array<StackDocument | Problem>, mode: LoadMode, msgs: LoadMessages): StackDocument[] {
  const problems = results.filter(isProblem);
  const docs = results.filter((r): r is StackDocument => !isProblem(r));
  if (mode === 'stacks') {
    const seen = new Set<string>();
    for (const d of docs) {
      if (seen.has(d.name)) problems.push(msgs.duplicate(subject, d.name));
      seen.add(d.name);
    }
  }
  if (problems.length > 0) throw new HipaaValidationError(msgs.subject(subject), problems);
  return docs;
}

function readText(file: string, msgs: LoadMessages): string | Problem {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return msgs.unreadable(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}

function listDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function readFileDocument(name: string, file: string, mode: LoadMode, msgs: LoadMessages): StackDocument | Problem {
  const text = readText(file, msgs);
  return typeof text === 'string' ? parseDocument(name, text, file, file, mode, msgs) : text;
}

/**
 * Loads documents from `input` (see the module comment for the forms). Throws
 * `HipaaValidationError` naming every missing, unreadable, invalid or non-Terraform input.
 */
export function loadDocuments(input: string, mode: LoadMode = 'terraform', msgs: LoadMessages = CHECK_INPUT): StackDocument[] {
  const abs = path.resolve(input);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new HipaaValidationError(msgs.subject(input), [msgs.missing(input)]);
  }
  if (stat.isFile()) {
    if (mode === 'terraform' && !abs.endsWith('.json')) {
      throw new HipaaValidationError(msgs.subject(input), [
        {
          code: 'HIPAA_INPUT_NOT_TERRAFORM',
          path: input,
          message: abs.endsWith('.tf') ? 'an HCL (.tf) file, not Terraform JSON' : 'not a JSON file',
          fix: `${FORMS} (HCL .tf files are not read; run \`cdktf synth\`, convert them, or check the output of \`terraform show -json\`)`,
        },
      ]);
    }
    return collect(input, [readFileDocument(stackNameOfFile(abs), abs, mode, msgs)], mode, msgs);
  }
  const entries = listDir(abs);
  const relative: string[] = [];
  for (const entry of entries) {
    if (entry.isFile() && entry.name === STACK_FILE) relative.push(STACK_FILE);
    if (!entry.isDirectory()) continue;
    if (fs.existsSync(path.join(abs, entry.name, STACK_FILE))) relative.push(`${entry.name}/${STACK_FILE}`);
    if (entry.name === 'stacks') {
      for (const stack of listDir(path.join(abs, 'stacks'))) {
        if (stack.isDirectory()) relative.push(`stacks/${stack.name}/${STACK_FILE}`);
      }
    }
  }
  const files = selectStackFiles(relative, path.basename(abs));
  const hasStacksFolder = entries.some((e) => e.isDirectory() && e.name === 'stacks');
  if (files.length > 0 || (mode === 'stacks' && hasStacksFolder)) {
    const docs = collect(
      input,
      files.map((f) => readFileDocument(f.name, path.join(abs, ...f.relativePath.split('/')), mode, msgs)),
      mode,
      msgs,
    );
    if (docs.length === 0 && mode === 'terraform') {
      throw new HipaaValidationError(msgs.subject(input), [msgs.empty(input, ['an empty stacks folder'])]);
    }
    return docs;
  }
  const module =
    mode === 'terraform'
      ? entries
          .filter((e) => e.isFile() && e.name.endsWith('.tf.json'))
          .map((e) => e.name)
          .sort()
      : [];
  if (module.length === 0) {
    throw new HipaaValidationError(msgs.subject(input), [msgs.empty(input, foundIn(abs, entries))]);
  }
  return collect(
    input,
    module.map((f) => readFileDocument(path.basename(abs), path.join(abs, f), mode, msgs)),
    mode,
    msgs,
  );
}

/** What a folder without Terraform holds: each JSON file with what it is, then other entries. */
function foundIn(dir: string, entries: readonly fs.Dirent[]): string[] {
  return entries
    .map((e) => {
      if (!e.isFile() || !e.name.endsWith('.json')) return e.isDirectory() ? `${e.name}/` : e.name;
      try {
        const json: unknown = JSON.parse(fs.readFileSync(path.join(dir, e.name), 'utf8'));
        if (!isObject(json)) return `${e.name} (JSON, not an object)`;
        const reason = notTerraformReason(json);
        return reason === undefined ? `${e.name} (Terraform JSON: pass the file itself)` : `${e.name} (JSON but not Terraform: ${reason})`;
      } catch {
        return `${e.name} (not valid JSON)`;
      }
    })
    .sort();
}

/** Loads Terraform for `check` and the analyzers (mode `terraform`, `check`'s messages). */
export function loadTerraform(input: string): StackDocument[] {
  return loadDocuments(input, 'terraform', CHECK_INPUT);
}

/** Loads a synthesized output for comparison (mode `stacks`): `{ name, json }` per stack. */
export function loadStacks(dir: string, msgs: LoadMessages = CHECK_INPUT): StackDoc[] {
  return loadDocuments(dir, 'stacks', msgs).map((d) => ({ name: d.name, json: d.json }));
}

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', [...args], { cwd, encoding: 'utf8', maxBuffer: MAX_GIT_OUTPUT, stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitError(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { stderr?: string | Buffer };
  if (err.code === 'ENOENT') return 'git is not installed or not on PATH';
  const stderr = err.stderr ? String(err.stderr).trim().split('\n')[0] : '';
  return stderr || err.message;
}

/** `dir` as a path relative to `cwd` with `/` separators, as git expects after `<rev>:./`. */
function gitRelative(dir: string, cwd: string): string {
  const rel = path.isAbsolute(dir) ? path.relative(cwd, dir) : path.normalize(dir);
  return rel
    .split(path.sep)
    .join('/')
    .replace(/^\.\/?/, '')
    .replace(/\/+$/, '');
}

/**
 * Reads the stacks of a synthesized output as committed at git revision `rev` (teams that commit
 * cdktf.out compare a change with what is in main). `dir` is relative to `cwd`. Throws
 * HipaaValidationError when git cannot run, the revision is unknown or the output is not committed.
 */
export function loadGitRevision(rev: string, dir = 'cdktf.out', cwd: string = process.cwd(), msgs: LoadMessages = CHECK_INPUT): StackDoc[] {
  const subject = 'Cannot read the previous output from git';
  if (!rev || rev.startsWith('-') || /[\s\0]/.test(rev)) throw new HipaaValidationError(subject, [msgs.gitRevision(rev, 'not a revision name')]);
  try {
    git(['rev-parse', '--show-toplevel'], cwd);
  } catch (e) {
    throw new HipaaValidationError(subject, [msgs.gitUnavailable(cwd, gitError(e))]);
  }
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd).trim();
  } catch {
    throw new HipaaValidationError(subject, [msgs.gitRevision(rev, 'unknown revision')]);
  }
  const base = gitRelative(dir, cwd);
  const listed = git(['ls-tree', '-r', '--name-only', '-z', commit, '--', base === '' ? '.' : base], cwd)
    .split('\0')
    .filter((p) => p.length > 0);
  let files: StackFile[];
  if (listed.length === 1 && listed[0] === base && /\.json$/.test(base)) {
    files = [{ name: stackNameOfFile(base), relativePath: '' }];
  } else {
    const prefix = base === '' ? '' : `${base}/`;
    const relative = listed.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
    files = selectStackFiles(relative, path.posix.basename(base === '' ? path.basename(cwd) : base));
  }
  if (files.length === 0) throw new HipaaValidationError(subject, [msgs.gitNotCommitted(rev, base || '.')]);
  const gitMsgs: LoadMessages = { ...msgs, subject: (s) => `Cannot read ${s}` };
  return collect(
    `the output committed at ${rev}`,
    files.map((f) => {
      const objectPath = f.relativePath === '' ? base : base === '' ? f.relativePath : `${base}/${f.relativePath}`;
      const where = `git:${rev}:${objectPath}`;
      try {
        return parseDocument(f.name, git(['show', `${commit}:./${objectPath}`], cwd), where, undefined, 'stacks', msgs);
      } catch (e) {
        return msgs.unreadable(where, gitError(e));
      }
    }),
    'stacks',
    gitMsgs,
  ).map((d) => ({ name: d.name, json: d.json }));
}
