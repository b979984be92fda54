import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { synthesize } from '../../cli/synth';
import { parseConfig } from '../../lib/config/load';
import { DEMO_CONFIG } from '../../lib/config/demo';

const ROOT = path.resolve(__dirname, '../..');

function runSynth(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('synth command', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-synth-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('synthesizes the built-in demo into cdktf.out with a stack per account', () => {
    const result = runSynth({ CDKTF_OUTDIR: path.join(work, 'cdktf.out') });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const stacks = fs.readdirSync(path.join(work, 'cdktf.out', 'stacks')).sort();
    expect(stacks).toEqual(expect.arrayContaining(['baseline-security', 'baseline-workloads-a', 'baseline-workloads-b']));
    const manifest = JSON.parse(fs.readFileSync(path.join(work, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(expect.arrayContaining(stacks));
    const files = fs.readdirSync(work).filter((f) => f.startsWith('.cdktf.out'));
    expect(files).toEqual([]);
  });

  it('rejects a bad configuration with one message, exit 1, no stack trace and nothing written', () => {
    const config = path.join(work, 'bad.yaml');
    fs.writeFileSync(config, 'organization: Bad Org\naccounts:\n  - name: main\n    id: "12"\n');
    const outdir = path.join(work, 'cdktf.out');
    const result = runSynth({ HIPAA_CONFIG: config, CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('organization');
    expect(result.stderr).toContain('accounts[0].id');
    expect(result.stderr).toContain('Nothing was written');
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(work)).toEqual(['bad.yaml']);
  });
});

describe('synthesize', () => {
  it('leaves the previous output intact when a step after synthesis fails', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-synth-'));
    const outdir = path.join(work, 'cdktf.out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous.txt'), 'keep me');
    const config = parseConfig(DEMO_CONFIG);
    expect(() =>
      synthesize({
        config,
        outdir,
        afterSynth: () => {
          throw new Error('compliance failed');
        },
      }),
    ).toThrow('compliance failed');
    expect(fs.readdirSync(outdir)).toEqual(['previous.txt']);
    expect(fs.readdirSync(work)).toEqual(['cdktf.out']);
    synthesize({ config, outdir });
    expect(fs.existsSync(path.join(outdir, 'previous.txt'))).toBe(false);
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
    fs.rmSync(work, { recursive: true, force: true });
  });
});
