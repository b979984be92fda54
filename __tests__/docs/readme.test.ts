import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { transformSync } from 'esbuild';
import { parseConfigText } from '../../lib/config/load';
import { buildApp } from '../../stacks/app';

const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('documents the two commands that .ci/run and package.json actually run', () => {
    expect(README).toContain('npm ci && npm run synth');
    expect(README).toContain('npm test ');
    const ci = fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toMatch(/npm ci[^\n]*\nnpm test\n/);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.test).toBe('tsc --noEmit -p . && eslint . && prettier --check . && jest');
    for (const cmd of ['synth', 'check', 'guard', 'modules', 'docs', 'bench']) expect(pkg.scripts[cmd]).toBeDefined();
  });

  it('has a library example that synthesizes and passes the rule pack when pasted', () => {
    const block = /## Use as a library[\s\S]*?```ts\n([\s\S]*?)```/.exec(README)![1];
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-readme-'));
    const code = transformSync(block.replace("'hipaa-cdktf/lib'", `'${path.join(ROOT, 'lib')}'`), { loader: 'ts', format: 'cjs' }).code;
    const previous = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('the README example exited: its stacks failed the rule pack');
    }) as never);
    try {
      new Function('require', 'process', 'console', code)(require, process, console);
    } finally {
      exit.mockRestore();
      if (previous === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = previous;
    }
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'baseline', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(json.resource.aws_cloudtrail)).toHaveLength(1);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  it('has an example configuration that passes every check', () => {
    const config = parseConfigText(fs.readFileSync(path.join(ROOT, 'examples/hipaa.config.yaml'), 'utf8'));
    const built = buildApp(config, { outdir: os.tmpdir() });
    expect(built.stacks.map((s) => s.stackName)).toContain('peering-acme--globex');
  });
});
