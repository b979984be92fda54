/**
 * Reading synthesized Terraform JSON for the guard: from a cdktf.out folder, a folder of stack
 * folders, a single .tf.json file, or a previous output committed to git.
 */
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { HipaaValidationError, Problem } from '../errors';
import { guardMessages } from '../analyze/guard/messages';

/** One stack's synthesized Terraform JSON (`cdktf.out/stacks/<name>/cdk.tf.json`). */
export interface StackDoc {
  /** Stack name: the folder name under `stacks/`, which is also its Terraform workspace. */
  readonly name: string;
  /** The parsed `cdk.tf.json`. */
  readonly json: object;
}

/** Largest git object read through `git show` (synthesized stacks are a few megabytes at most). */
const MAX_GIT_OUTPUT = 512 * 1024 * 1024;

const STACK_FILE = 'cdk.tf.json';

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

/** Parses one file's text as Terraform JSON, or returns the problem. */
function parseStack(name: string, text: string, where: string): StackDoc | Problem {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return guardMessages.inputNotJson(where, (e as Error).message);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return guardMessages.inputNotObject(where);
  return { name, json };
}

function isProblem(x: StackDoc | Problem): x is Problem {
  return 'code' in x && 'fix' in x;
}

/** Collects parsed stacks, or throws once with every problem. */
function collect(subject: string, results: Array<StackDoc | Problem>): StackDoc[] {
  const problems = results.filter(isProblem);
  const docs = results.filter((r): r is StackDoc => !isProblem(r));
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.name)) problems.push(guardMessages.duplicateStack(subject, d.name));
    seen.add(d.name);
  }
  if (problems.length > 0) throw new HipaaValidationError(`Cannot read ${subject}`, problems);
  return docs;
}

function stackNameOfFile(file: string): string {
  const base = path.basename(file);
  if (base === STACK_FILE) return path.basename(path.dirname(path.resolve(file)));
  return base.replace(/\.tf\.json$/, '').replace(/\.json$/, '');
}

function readText(file: string): string | Problem {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return guardMessages.inputUnreadable(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}

function listDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Reads the stacks of a synthesized output: `<dir>/stacks/<name>/cdk.tf.json` (a cdktf.out), a
 * folder whose sub-folders hold `cdk.tf.json`, a single stack folder, or a single `.tf.json` file.
 * Throws HipaaValidationError naming every unreadable or invalid file.
 */
export function loadOutputDir(dir: string): StackDoc[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new HipaaValidationError(`Cannot read synthesized output ${dir}`, [guardMessages.inputMissing(dir)]);
  }
  if (stat.isFile()) {
    const text = readText(dir);
    if (typeof text !== 'string') return collect(`synthesized output ${dir}`, [text]);
    return collect(`synthesized output ${dir}`, [parseStack(stackNameOfFile(dir), text, dir)]);
  }
  const relative: string[] = [];
  for (const entry of listDir(dir)) {
    if (entry.isFile() && entry.name === STACK_FILE) relative.push(STACK_FILE);
    if (!entry.isDirectory()) continue;
    if (fs.existsSync(path.join(dir, entry.name, STACK_FILE))) relative.push(`${entry.name}/${STACK_FILE}`);
    if (entry.name === 'stacks') {
      for (const stack of listDir(path.join(dir, 'stacks'))) {
        if (stack.isDirectory()) relative.push(`stacks/${stack.name}/${STACK_FILE}`);
      }
    }
  }
  const files = selectStackFiles(relative, path.basename(path.resolve(dir)));
  const hasStacksFolder = listDir(dir).some((e) => e.isDirectory() && e.name === 'stacks');
  if (files.length === 0 && !hasStacksFolder) {
    throw new HipaaValidationError(`Cannot read synthesized output ${dir}`, [guardMessages.inputEmpty(dir)]);
  }
  return collect(
    `synthesized output ${dir}`,
    files.map((f) => {
      const file = path.join(dir, ...f.relativePath.split('/'));
      const text = readText(file);
      return typeof text === 'string' ? parseStack(f.name, text, file) : text;
    }),
  );
}

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', [...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: MAX_GIT_OUTPUT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  return rel.split(path.sep).join('/').replace(/^\.\/?/, '').replace(/\/+$/, '');
}

/**
 * Reads the stacks of a synthesized output as committed at git revision `rev` (teams that commit
 * cdktf.out compare a change with what is in main). `dir` is relative to `cwd`. Throws
 * HipaaValidationError when git cannot run, the revision is unknown or the output is not committed.
 */
export function loadFromGitRevision(rev: string, dir = 'cdktf.out', cwd: string = process.cwd()): StackDoc[] {
  if (!rev || rev.startsWith('-') || /[\s\0]/.test(rev)) {
    throw new HipaaValidationError('Cannot read the previous output from git', [guardMessages.gitRevision(rev, 'not a revision name')]);
  }
  try {
    git(['rev-parse', '--show-toplevel'], cwd);
  } catch (e) {
    throw new HipaaValidationError('Cannot read the previous output from git', [guardMessages.gitUnavailable(cwd, gitError(e))]);
  }
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd).trim();
  } catch {
    throw new HipaaValidationError('Cannot read the previous output from git', [guardMessages.gitRevision(rev, 'unknown revision')]);
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
  if (files.length === 0) {
    throw new HipaaValidationError('Cannot read the previous output from git', [guardMessages.gitNotCommitted(rev, base || '.')]);
  }
  return collect(
    `the output committed at ${rev}`,
    files.map((f) => {
      const objectPath = f.relativePath === '' ? base : base === '' ? f.relativePath : `${base}/${f.relativePath}`;
      const where = `git:${rev}:${objectPath}`;
      try {
        return parseStack(f.name, git(['show', `${commit}:./${objectPath}`], cwd), where);
      } catch (e) {
        return guardMessages.inputUnreadable(where, gitError(e));
      }
    }),
  );
}
