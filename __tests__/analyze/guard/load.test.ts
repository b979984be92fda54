import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { HipaaValidationError } from '../../../lib/errors';
import { loadFromGitRevision, loadOutputDir, selectStackFiles } from '../../../lib/analyze/guard';

const STACK = { resource: { aws_s3_bucket: { Bucket: { bucket: 'acme-audit' } } } };

function write(file: string, content: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}

/** The problems of the HipaaValidationError `fn` throws. */
function problemsOf(fn: () => unknown): Array<{ code: string; path: string; message: string }> {
  try {
    fn();
  } catch (e) {
    if (e instanceof HipaaValidationError) return e.problems.map((p) => ({ code: p.code, path: p.path, message: p.message }));
    throw e;
  }
  throw new Error('expected a HipaaValidationError');
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=guard@example.com', '-c', 'user.name=guard', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

describe('selectStackFiles', () => {
  it.each([
    [
      ['stacks/b/cdk.tf.json', 'stacks/a/cdk.tf.json', 'manifest.json'],
      ['a', 'b'],
    ],
    [
      ['acme/cdk.tf.json', 'beta/cdk.tf.json', 'beta/other.json'],
      ['acme', 'beta'],
    ],
    [['cdk.tf.json'], ['root']],
    [['stacks/a/cdk.tf.json', 'x/cdk.tf.json'], ['a']],
    [['readme.md'], []],
  ])('picks the stack files among %j', (paths, names) => {
    expect(selectStackFiles(paths, 'root').map((f) => f.name)).toEqual(names);
  });
});

describe('loadOutputDir', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-guard-load-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('reads every stack of a cdktf.out folder, sorted by name', () => {
    write(path.join(work, 'cdktf.out/stacks/tenant-beta/cdk.tf.json'), STACK);
    write(path.join(work, 'cdktf.out/stacks/tenant-acme/cdk.tf.json'), STACK);
    write(path.join(work, 'cdktf.out/manifest.json'), {});
    expect(loadOutputDir(path.join(work, 'cdktf.out'))).toEqual([
      { name: 'tenant-acme', json: STACK },
      { name: 'tenant-beta', json: STACK },
    ]);
  });

  it('reads a folder that directly holds stack folders, a single stack folder and a single .tf.json file', () => {
    write(path.join(work, 'stacks-only/tenant-acme/cdk.tf.json'), STACK);
    expect(loadOutputDir(path.join(work, 'stacks-only')).map((s) => s.name)).toEqual(['tenant-acme']);
    expect(loadOutputDir(path.join(work, 'stacks-only/tenant-acme')).map((s) => s.name)).toEqual(['tenant-acme']);
    write(path.join(work, 'legacy.tf.json'), STACK);
    expect(loadOutputDir(path.join(work, 'legacy.tf.json'))).toEqual([{ name: 'legacy', json: STACK }]);
  });

  it('treats a cdktf.out with an empty stacks folder as an output with no stacks', () => {
    fs.mkdirSync(path.join(work, 'cdktf.out/stacks'), { recursive: true });
    expect(loadOutputDir(path.join(work, 'cdktf.out'))).toEqual([]);
  });

  it('rejects a missing path and a folder without stacks with a clear problem', () => {
    expect(problemsOf(() => loadOutputDir(path.join(work, 'nope')))).toEqual([expect.objectContaining({ code: 'HIPAA_GUARD_INPUT_MISSING', path: path.join(work, 'nope') })]);
    fs.mkdirSync(path.join(work, 'empty'));
    expect(problemsOf(() => loadOutputDir(path.join(work, 'empty')))).toEqual([
      expect.objectContaining({ code: 'HIPAA_GUARD_INPUT_EMPTY', message: expect.stringContaining('stacks/<name>/cdk.tf.json') }),
    ]);
  });

  it('names every file that is not valid Terraform JSON, in one error', () => {
    write(path.join(work, 'out/stacks/a/cdk.tf.json'), '{ "resource": ');
    write(path.join(work, 'out/stacks/b/cdk.tf.json'), '[1, 2]');
    write(path.join(work, 'out/stacks/c/cdk.tf.json'), STACK);
    const problems = problemsOf(() => loadOutputDir(path.join(work, 'out')));
    expect(problems.map((p) => [p.code, path.relative(work, p.path)])).toEqual([
      ['HIPAA_GUARD_INPUT_JSON', path.join('out', 'stacks', 'a', 'cdk.tf.json')],
      ['HIPAA_GUARD_INPUT_JSON', path.join('out', 'stacks', 'b', 'cdk.tf.json')],
    ]);
  });
});

describe('loadFromGitRevision', () => {
  let repo: string;
  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-guard-git-'));
    git(repo, 'init', '-q');
    write(path.join(repo, 'app/cdktf.out/stacks/tenant-acme/cdk.tf.json'), STACK);
    write(path.join(repo, 'app/README.md'), 'app');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'first synth');
    write(path.join(repo, 'app/cdktf.out/stacks/tenant-acme/cdk.tf.json'), { resource: {} });
    write(path.join(repo, 'app/cdktf.out/stacks/tenant-beta/cdk.tf.json'), STACK);
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'second synth');
  });
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('reads the stacks as committed at a revision, relative to the working folder', () => {
    expect(loadFromGitRevision('HEAD~1', 'cdktf.out', path.join(repo, 'app'))).toEqual([{ name: 'tenant-acme', json: STACK }]);
    expect(loadFromGitRevision('HEAD', 'app/cdktf.out', repo).map((s) => s.name)).toEqual(['tenant-acme', 'tenant-beta']);
  });

  it('reads a single committed .tf.json file', () => {
    expect(loadFromGitRevision('HEAD~1', 'app/cdktf.out/stacks/tenant-acme/cdk.tf.json', repo)).toEqual([{ name: 'tenant-acme', json: STACK }]);
  });

  it('says so when the output is not committed at that revision', () => {
    expect(problemsOf(() => loadFromGitRevision('HEAD', 'cdktf.out', repo))).toEqual([
      expect.objectContaining({ code: 'HIPAA_GUARD_GIT_NOT_COMMITTED', message: expect.stringContaining('no synthesized stack of cdktf.out is committed at HEAD') }),
    ]);
  });

  it('rejects an unknown revision, an option-like revision and a folder outside git', () => {
    expect(problemsOf(() => loadFromGitRevision('no-such-branch', 'app/cdktf.out', repo)).map((p) => p.code)).toEqual(['HIPAA_GUARD_GIT_REVISION']);
    expect(problemsOf(() => loadFromGitRevision('--output=/tmp/x', 'app/cdktf.out', repo)).map((p) => p.code)).toEqual(['HIPAA_GUARD_GIT_REVISION']);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-guard-nogit-'));
    try {
      expect(problemsOf(() => loadFromGitRevision('HEAD', 'cdktf.out', outside)).map((p) => p.code)).toEqual(['HIPAA_GUARD_GIT']);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
