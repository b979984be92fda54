import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../lib/analyze/rules/engine';
import { runCheckCommand } from '../../cli/check';
import { loadTerraform } from '../../lib/terraform/load';
import { planJson } from './fixtures/plan';

function capture(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCheckCommand(args, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
  return { code, out, err };
}

describe('loading `terraform show -json` plan output', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hipaa-plan-'));
    writeFileSync(join(root, 'plan.json'), JSON.stringify(planJson()));
    writeFileSync(join(root, 'insecure.json'), JSON.stringify(planJson(false)));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('maps planned values to resources, named after the file, with the Terraform address as their path', () => {
    const [doc] = loadTerraform(join(root, 'plan.json'));
    expect(doc.name).toBe('plan');
    expect(doc.json.resource?.aws_s3_bucket.b).toEqual({ bucket: 'phi-records', force_destroy: false, '//': { metadata: { path: 'aws_s3_bucket.b' } } });
    expect(doc.json.provider).toEqual({ aws: [{ region: 'us-east-1', allowed_account_ids: ['111111111111'] }] });
  });

  it('takes an argument known only after apply from its configuration reference', () => {
    const [doc] = loadTerraform(join(root, 'plan.json'));
    expect(doc.json.resource?.aws_s3_bucket_public_access_block.b.bucket).toBe('${aws_s3_bucket.b.id}');
  });

  it('makes one resource per count instance and flattens child modules under prefixed names', () => {
    const [doc] = loadTerraform(join(root, 'plan.json'));
    expect(Object.keys(doc.json.resource?.aws_s3_bucket ?? {}).sort()).toEqual(['b', 'logs_0', 'logs_1', 'module_audit__trail']);
    expect(doc.json.resource?.aws_s3_bucket.logs_1['//']).toEqual({ metadata: { path: 'aws_s3_bucket.logs[1]' } });
  });

  it('lets rules follow the plan: the public access block found through the reference covers the bucket', () => {
    const result = evaluate(loadTerraform(join(root, 'plan.json')));
    const s3001 = result.findings.filter((f) => f.ruleId === 'HIPAA-S3-001');
    expect(s3001.find((f) => f.address === 'aws_s3_bucket.b')?.status).toBe('compliant');
    expect(s3001.find((f) => f.address === 'aws_s3_bucket.logs_0')?.status).toBe('non_compliant');
    expect(result.accounts.map((a) => a.account)).toEqual(['111111111111']);
  });

  it('reads an argument the plan records neither as a value nor as an expression as undecided, never as a pass', () => {
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'aws_kms_key.k', mode: 'managed', type: 'aws_kms_key', name: 'k', values: { description: 'phi' } }] } },
      resource_changes: [{ address: 'aws_kms_key.k', change: { actions: ['create'], after_unknown: { enable_key_rotation: true, arn: true } } }],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_kms_key.k',
              mode: 'managed',
              type: 'aws_kms_key',
              name: 'k',
              expressions: { enable_key_rotation: {}, policy: { references: ['var.a', 'data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p'] } },
            },
          ],
        },
      },
    };
    writeFileSync(join(root, 'unknown.json'), JSON.stringify(plan));
    const [doc] = loadTerraform(join(root, 'unknown.json'));
    const key = doc.json.resource?.aws_kms_key.k as Record<string, unknown>;
    expect(key.enable_key_rotation).toBe('${(known after apply)}');
    // Two objects in one expression: a template of both, which no reader takes for one reference.
    expect(key.policy).toBe('${var.a}|${data.aws_iam_policy_document.p.json}');
    expect('arn' in key).toBe(false);
    const rotation = evaluate([doc]).findings.find((f) => f.ruleId === 'HIPAA-KMS-001');
    expect(rotation?.status).toBe('non_compliant');
  });

  it('fails check on a plan whose public access block lets a public bucket policy through', () => {
    const r = capture([join(root, 'insecure.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  - insecure: aws_s3_bucket.b (aws_s3_bucket.b)\n    aws_s3_bucket_public_access_block.b does not set block_public_policy to true');
  });
});

describe('refusing input that holds no Terraform', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hipaa-refuse-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', scripts: {} }));
    writeFileSync(join(root, 'empty.json'), '{}');
    mkdirSync(join(root, 'configs'));
    writeFileSync(join(root, 'configs', 'settings.json'), JSON.stringify({ theme: 'dark' }));
    writeFileSync(join(root, 'providers.tf.json'), JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] } }));
    writeFileSync(join(root, 'show-empty.json'), JSON.stringify({ format_version: '1.0' }));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('exits 2 on a package.json and says what it found', () => {
    const r = capture([join(root, 'package.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('package.json: is JSON but not Terraform: no resource, data, provider, module or terraform block (found top-level keys name, version, scripts)');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on an empty object', () => {
    const r = capture([join(root, 'empty.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is JSON but not Terraform: no resource, data, provider, module or terraform block (found an empty object)');
  });

  it('exits 2 on a folder holding only non-Terraform JSON, naming each file and what it is', () => {
    const r = capture([join(root, 'configs')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('settings.json (JSON but not Terraform: no resource, data, provider, module or terraform block (found top-level keys theme))');
  });

  it('exits 2 on `terraform show -json` output with nothing in it', () => {
    expect(capture([join(root, 'show-empty.json')]).err).toContain('with no plan and no state values');
  });

  it('accepts a document with a provider and no resources as 0 resources', () => {
    const r = capture([join(root, 'providers.tf.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 resources, 0 violations/);
  });
});
