import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { helpText } from '../../cli/commands';
import { synthesize } from '../../cli/synth';
import { DEMO_CONFIG } from '../../lib/config/demo';
import { loadConfigFile, parseConfig } from '../../lib/config/load';
import { parseLock } from '../../lib/plan/lock';
import {
  StackResult,
  TerraformUnavailableError,
  awsAliases,
  cliConfigMirrorPaths,
  compareVersions,
  findMirror,
  formatResults,
  mirroredAwsVersions,
  planTestFile,
  prepareStack,
  resolveTooling,
  runValidateCommand,
  terraformPlatform,
  validateOutDir,
} from '../../lib/terraform/validate';

const ROOT = path.resolve(__dirname, '../..');

const created: string[] = [];
const tmp = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hipaa-validate-test-${prefix}-`));
  created.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** A filesystem mirror folder holding hashicorp/aws at `versions` (unpacked layout). */
function fakeMirror(versions: string[], platform = terraformPlatform()): string {
  const dir = tmp('mirror');
  for (const v of versions) fs.mkdirSync(path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws', v, platform), { recursive: true });
  return dir;
}

const stack = () => ({
  terraform: {
    backend: { s3: { bucket: 'state', key: 'k', region: 'us-east-1' } },
    required_providers: { aws: { source: 'hashicorp/aws', version: '6.25.0' } },
  },
  provider: {
    aws: [
      {
        region: 'us-east-1',
        assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/Deployer' }],
        default_tags: [{ tags: { ManagedBy: 'hipaa-cdktf' } }],
      },
    ],
  },
  resource: {
    aws_s3_bucket: { replica: { bucket: 'replica', region: 'us-west-2' }, local: { bucket: 'local' } },
    aws_kms_key: { dr: { description: 'dr', region: 'us-west-2' } },
  },
  data: { aws_region: { other: { region: 'eu-west-1' } } },
});

describe('prepareStack (the offline copy of a stack)', () => {
  it('sets the aws version constraint to the mirrored version', () => {
    const out = prepareStack(stack(), '5.100.0') as any;
    expect(out.terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: '5.100.0' });
  });

  it('removes the backend and cloud blocks', () => {
    const input = stack() as any;
    input.terraform.cloud = { organization: 'o' };
    const out = prepareStack(input, '5.100.0') as any;
    expect(out.terraform.backend).toBeUndefined();
    expect(out.terraform.cloud).toBeUndefined();
  });

  it('leaves the input document unchanged', () => {
    const input = stack();
    const before = JSON.stringify(input);
    prepareStack(input, '5.100.0');
    expect(JSON.stringify(input)).toBe(before);
  });

  it('moves a per-resource region onto an aliased provider that keeps assume_role and default_tags', () => {
    const out = prepareStack(stack(), '5.100.0') as any;
    expect(out.resource.aws_s3_bucket.replica).toEqual({ bucket: 'replica', provider: 'aws.region_us_west_2' });
    expect(out.resource.aws_kms_key.dr.provider).toBe('aws.region_us_west_2');
    expect(out.resource.aws_s3_bucket.local).toEqual({ bucket: 'local' });
    expect(out.data.aws_region.other).toEqual({ provider: 'aws.region_eu_west_1' });
    expect(out.provider.aws).toEqual([
      expect.objectContaining({ region: 'us-east-1' }),
      {
        alias: 'region_us_west_2',
        region: 'us-west-2',
        assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/Deployer' }],
        default_tags: [{ tags: { ManagedBy: 'hipaa-cdktf' } }],
      },
      expect.objectContaining({ alias: 'region_eu_west_1', region: 'eu-west-1' }),
    ]);
    expect(awsAliases(out)).toEqual(['region_us_west_2', 'region_eu_west_1']);
  });

  it('bases the Region alias on the aliased provider a resource already uses', () => {
    const input = stack() as any;
    input.provider.aws.push({ alias: 'audit', region: 'us-east-1', assume_role: [{ role_arn: 'arn:aws:iam::222222222222:role/Audit' }] });
    input.resource.aws_s3_bucket.replica.provider = 'aws.audit';
    const out = prepareStack(input, '5.100.0') as any;
    expect(out.resource.aws_s3_bucket.replica.provider).toBe('aws.audit_region_us_west_2');
    expect(out.provider.aws).toContainEqual({ alias: 'audit_region_us_west_2', region: 'us-west-2', assume_role: [{ role_arn: 'arn:aws:iam::222222222222:role/Audit' }] });
  });

  it('leaves a region that is a Terraform reference for validate to judge', () => {
    const input = stack() as any;
    input.resource.aws_s3_bucket.replica.region = '${var.region}';
    const out = prepareStack(input, '5.100.0') as any;
    expect(out.resource.aws_s3_bucket.replica.region).toBe('${var.region}');
  });
});

describe('planTestFile (terraform test with mock_provider)', () => {
  it('mocks the default and every aliased aws provider and gives ARN-typed attributes ARN values', () => {
    const text = planTestFile(['region_us_west_2'], true);
    expect(text.match(/mock_provider "aws" \{/g)).toHaveLength(2);
    expect(text).toContain('alias = "region_us_west_2"');
    expect(text).toContain('mock_resource "aws_kms_key" {\n    defaults = { arn = "arn:aws:kms:us-east-1:111111111111:key/00000000-0000-0000-0000-000000000000" }');
    expect(text).toContain('mock_resource "aws_iam_role" {\n    defaults = { arn = "arn:aws:iam::111111111111:role/mock" }');
    expect(text).toContain('run "plan" {\n  command = plan\n}');
    expect(text).toContain('run "apply" {\n  command = apply\n}');
  });

  it('has no apply run when apply is off', () => {
    expect(planTestFile([], false)).not.toContain('run "apply"');
  });
});

describe('mirror discovery', () => {
  const noImplied = (home: string) => ({ XDG_DATA_DIRS: path.join(home, 'none'), XDG_DATA_HOME: path.join(home, 'none') });

  it('orders versions numerically, so 5.100.0 is higher than 5.99.0', () => {
    expect(['5.9.0', '5.100.0', '5.99.0', '6.0.0-beta1', '6.0.0'].sort(compareVersions)).toEqual(['5.9.0', '5.99.0', '5.100.0', '6.0.0-beta1', '6.0.0']);
  });

  it('picks the highest aws version of the mirror, in either mirror layout, for this platform only', () => {
    const dir = fakeMirror(['5.99.0', '5.100.0']);
    fs.mkdirSync(path.join(dir, 'registry.terraform.io/hashicorp/aws/7.0.0/plan9_amd64'), { recursive: true });
    fs.writeFileSync(path.join(dir, `registry.terraform.io/hashicorp/aws/terraform-provider-aws_5.101.0_${terraformPlatform()}.zip`), '');
    expect(mirroredAwsVersions(dir)).toEqual(['5.101.0', '5.100.0', '5.99.0']);
  });

  it('uses HIPAA_TF_PROVIDER_MIRROR first', () => {
    const dir = fakeMirror(['5.100.0']);
    const home = tmp('home');
    expect(findMirror({ HIPAA_TF_PROVIDER_MIRROR: dir, ...noImplied(home) }, home, home).mirror).toEqual({ path: dir, awsVersion: '5.100.0', source: 'HIPAA_TF_PROVIDER_MIRROR' });
  });

  it('does not look elsewhere when HIPAA_TF_PROVIDER_MIRROR names a folder without hashicorp/aws', () => {
    const home = tmp('home');
    fs.mkdirSync(path.join(home, '.terraform.d/plugins/registry.terraform.io/hashicorp/aws/5.1.0', terraformPlatform()), { recursive: true });
    const search = findMirror({ HIPAA_TF_PROVIDER_MIRROR: path.join(home, 'empty'), ...noImplied(home) }, home, home);
    expect(search.mirror).toBeUndefined();
    expect(search.searched).toEqual([`${path.join(home, 'empty')} (HIPAA_TF_PROVIDER_MIRROR)`]);
  });

  it('reads the filesystem_mirror path of the CLI configuration named by TF_CLI_CONFIG_FILE', () => {
    const dir = fakeMirror(['5.100.0']);
    const home = tmp('home');
    const rc = path.join(home, 'custom.tfrc');
    fs.writeFileSync(
      rc,
      `# offline\nprovider_installation {\n  filesystem_mirror {\n    path    = "${dir}"\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n`,
    );
    expect(findMirror({ TF_CLI_CONFIG_FILE: rc, ...noImplied(home) }, home, home).mirror).toEqual({ path: dir, awsVersion: '5.100.0', source: `filesystem_mirror in ${rc}` });
  });

  it('reads ~/.terraformrc when TF_CLI_CONFIG_FILE is unset', () => {
    const dir = fakeMirror(['5.50.0']);
    const home = tmp('home');
    fs.writeFileSync(path.join(home, '.terraformrc'), `provider_installation {\n  filesystem_mirror {\n    path = "${dir}"\n  }\n}\n`);
    expect(findMirror(noImplied(home), home, home).mirror?.awsVersion).toBe('5.50.0');
  });

  it('ignores commented-out mirror paths in the CLI configuration', () => {
    expect(cliConfigMirrorPaths('provider_installation {\n  filesystem_mirror {\n    # path = "/old"\n    path = "/new"\n  }\n}')).toEqual(['/new']);
  });

  it('skips a TF_CLI_CONFIG_FILE that does not exist and falls back to the implied local mirror', () => {
    const home = tmp('home');
    const implied = path.join(home, '.terraform.d', 'plugins');
    fs.mkdirSync(path.join(implied, 'registry.terraform.io/hashicorp/aws/5.100.0', terraformPlatform()), { recursive: true });
    const search = findMirror({ TF_CLI_CONFIG_FILE: path.join(home, '.terraformrc'), ...noImplied(home) }, home, home);
    expect(search.searched[0]).toBe(`${path.join(home, '.terraformrc')} (CLI configuration: not found)`);
    expect(search.mirror).toEqual({ path: implied, awsVersion: '5.100.0', source: 'implied local mirror' });
  });

  it('fails with one line naming every place searched and the environment variable that fixes it', () => {
    const home = tmp('home');
    const env = { PATH: process.env.PATH, HOME: home, TF_CLI_CONFIG_FILE: path.join(home, 'missing.tfrc'), ...noImplied(home) };
    let error: unknown;
    try {
      resolveTooling({ env, terraform: '/bin/true' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TerraformUnavailableError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(`${path.join(home, 'missing.tfrc')} (CLI configuration: not found)`);
    expect(message).toContain('set HIPAA_TF_PROVIDER_MIRROR');
  });
});

describe('validate command', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
  };

  it('exits 2 with one line and no stack trace when terraform is not on PATH', async () => {
    const work = tmp('out');
    fs.mkdirSync(path.join(work, 'stacks', 'a'), { recursive: true });
    fs.writeFileSync(path.join(work, 'stacks', 'a', 'cdk.tf.json'), JSON.stringify(stack()));
    const c = capture();
    expect(await runValidateCommand([work], { PATH: path.join(work, 'empty') }, c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/^Error: terraform: no terraform executable found \(searched PATH=.*\)\. Fix: .*HIPAA_TERRAFORM_NOT_FOUND/);
    expect(c.err[0]).not.toMatch(/\n\s+at /);
  });

  it('is wired as `npm run validate` and listed in the command help', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.validate).toBe('node bin/run.js validate');
    expect(helpText()).toContain('validate [<cdktf.out>] [--plan] [--json]');
  });

  it('exits 2 when the folder has no synthesized stacks', async () => {
    const c = capture();
    expect(await runValidateCommand([tmp('empty')], process.env, c.io)).toBe(2);
    expect(c.err[0]).toContain('HIPAA_VALIDATE_INPUT');
  });

  it('exits 2 on an unknown option', async () => {
    const c = capture();
    expect(await runValidateCommand(['--fast'], process.env, c.io)).toBe(2);
    expect(c.err[0]).toContain('--fast');
  });

  it('prints PASS/FAIL per stack, the diagnostics of failing stacks only, and a summary line', () => {
    const results: StackResult[] = [
      { stack: 'tenant-acme', ok: true, errors: 0, warnings: 0, diagnostics: [], steps: ['validate'] },
      {
        stack: 'broken',
        ok: false,
        errors: 1,
        warnings: 0,
        steps: ['validate'],
        diagnostics: [
          {
            severity: 'error',
            summary: 'Unsupported argument',
            detail: 'An argument named "bogus" is not expected here.',
            address: 'resource.aws_vpc.acme',
            range: { filename: 'cdk.tf.json', line: 12 },
            step: 'validate',
          },
        ],
      },
    ];
    expect(formatResults(results).split('\n')).toEqual([
      'PASS  tenant-acme  0 errors, 0 warnings  (validate)',
      'FAIL  broken       1 error, 0 warnings  (validate)',
      '      error [validate] Unsupported argument (resource.aws_vpc.acme cdk.tf.json:12)',
      '        An argument named "bogus" is not expected here.',
      'terraform validate: 1 of 2 stacks passed, 1 failed',
    ]);
  });
});

/**
 * Integration: the demo and the example, synthesized once, through real `terraform validate`
 * against the provider mirror (5.x schema: the 6.25 pin is rewritten in the copy), plus a broken
 * copy of a stack that must fail. `terraform test` with a mocked provider (plan, then apply with
 * ARN-shaped mock values) runs on one tenant stack only: it costs ~15-30 s per stack on 2 cores.
 */
describe('terraform validate of the synthesized output', () => {
  const PLANNED = 'tenant-acme';
  let skip: string | undefined;
  let demo: StackResult[] = [];
  let example: StackResult[] = [];
  let planned: StackResult[] = [];
  let brokenResult: StackResult | undefined;
  let regionResult: StackResult | undefined;
  let demoDir = '';
  let exampleDir = '';

  beforeAll(async () => {
    try {
      resolveTooling({ env: process.env });
    } catch (e) {
      if (!(e instanceof TerraformUnavailableError)) throw e;
      skip = e.message;
      console.warn(`terraform validate skipped: ${skip}`);
      return;
    }
    const work = tmp('synth');
    demoDir = synthesize({ config: parseConfig(DEMO_CONFIG, 'demo'), outdir: path.join(work, 'demo') }).outdir;
    const exampleFile = path.join(ROOT, 'examples', 'hipaa.config.yaml');
    const lockFile = path.join(ROOT, 'examples', 'hipaa.lock.json');
    const lock = fs.existsSync(lockFile) ? parseLock(JSON.parse(fs.readFileSync(lockFile, 'utf8'))) : undefined;
    exampleDir = synthesize({ config: loadConfigFile(exampleFile), outdir: path.join(work, 'example'), lock }).outdir;
    // Demo, example and a broken copy of a stack in one folder: one terraform process, one schema load.
    const combined = path.join(work, 'combined');
    for (const [prefix, dir] of [
      ['demo', demoDir],
      ['example', exampleDir],
    ] as const) {
      for (const name of fs.readdirSync(path.join(dir, 'stacks')))
        fs.cpSync(path.join(dir, 'stacks', name), path.join(combined, 'stacks', `${prefix}--${name}`), { recursive: true });
    }
    // The negative case: a copy of a stack with an argument aws_vpc does not have.
    const broken = JSON.parse(fs.readFileSync(path.join(demoDir, 'stacks', PLANNED, 'cdk.tf.json'), 'utf8'));
    const vpcName = Object.keys(broken.resource.aws_vpc)[0];
    broken.resource.aws_vpc[vpcName].bogus_argument = true;
    fs.mkdirSync(path.join(combined, 'stacks', 'zz-broken'));
    fs.writeFileSync(path.join(combined, 'stacks', 'zz-broken', 'cdk.tf.json'), JSON.stringify(broken, null, 2));
    // v6's per-resource region, which the 5.x mirror lacks: the copy must move it onto an aliased provider.
    fs.mkdirSync(path.join(combined, 'stacks', 'zz-region'));
    fs.writeFileSync(path.join(combined, 'stacks', 'zz-region', 'cdk.tf.json'), JSON.stringify(stack(), null, 2));
    // Two terraform processes at once (2 cores): validate of everything, terraform test of one stack.
    const [all, plan] = await Promise.all([validateOutDir(combined, { concurrency: 1 }), validateOutDir(demoDir, { concurrency: 1, stacks: [PLANNED], plan: [PLANNED] })]);
    demo = all.filter((r) => r.stack.startsWith('demo--'));
    example = all.filter((r) => r.stack.startsWith('example--'));
    brokenResult = all.find((r) => r.stack === 'zz-broken');
    regionResult = all.find((r) => r.stack === 'zz-region');
    planned = plan;
  }, 240_000);

  const show = (results: StackResult[]) => formatResults(results);

  it('validates every stack of the built-in demo with zero errors', () => {
    if (skip) return;
    const results = demo;
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect({ failed: results.filter((r) => !r.ok).map((r) => r.stack), report: show(results) }).toEqual({ failed: [], report: expect.any(String) });
    expect(results.every((r) => r.steps.includes('validate'))).toBe(true);
  });

  it('validates every stack of examples/hipaa.config.yaml with zero errors', () => {
    if (skip) return;
    expect(example.length).toBeGreaterThanOrEqual(3);
    expect({ failed: example.filter((r) => !r.ok).map((r) => r.stack), report: show(example) }).toEqual({ failed: [], report: expect.any(String) });
  });

  it('fails a stack with an argument the resource does not have, and names it', () => {
    if (skip) return;
    const broken = brokenResult!;
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        step: 'validate',
        summary: 'Extraneous JSON object property',
        address: 'resource.aws_vpc.acme',
        detail: expect.stringContaining('"bogus_argument"'),
        range: expect.objectContaining({ filename: 'cdk.tf.json' }),
      }),
    ]);
    expect(show([broken])).toContain('FAIL  zz-broken');
  });

  it('accepts per-resource region arguments once they are moved onto aliased providers', () => {
    if (skip) return;
    expect(regionResult).toEqual(expect.objectContaining({ ok: true, diagnostics: [] }));
  });

  it(`plans and applies ${PLANNED} against a mocked aws provider with ARN-shaped mock values`, () => {
    if (skip) return;
    expect(planned).toHaveLength(1);
    expect({ steps: planned[0].steps, report: show(planned) }).toEqual({ steps: ['plan', 'apply'], report: expect.stringContaining(`PASS  ${PLANNED}`) });
  });
});
