import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { HIPAA_PACK, violations, type ComplianceResult } from '../../../lib/analyze/rules';
import { checkApp } from '../../../lib/check-app';
import { constructSuppressions, suppress } from '../../../lib/constructs/kernel/suppress';
import { HipaaValidationError } from '../../../lib/errors';

const rules = HIPAA_PACK.rules.filter((r) => ['HIPAA-S3-004', 'HIPAA-S3-005', 'HIPAA-KMS-001', 'HIPAA-S3-014'].includes(r.id));

class Storage extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const bucket = new S3Bucket(this, 'Resource', { bucket: `${id.toLowerCase()}-data` });
    new S3BucketVersioningA(this, 'Versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    const doc = new DataAwsIamPolicyDocument(this, 'PolicyDocument', {
      statement: [
        {
          effect: 'Deny',
          actions: ['s3:*'],
          principals: [{ type: '*', identifiers: ['*'] }],
          resources: [bucket.arn, `${bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    new S3BucketPolicy(this, 'Policy', { bucket: bucket.id, policy: doc.json });
  }
}

describe('checkApp on a user CDKTF app', () => {
  let app: App;
  let result: ComplianceResult;
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'hipaa-app-'));
    app = new App({ outdir, skipValidation: true });
    const stack = new TerraformStack(app, 'workload');
    new AwsProvider(stack, 'aws', { region: 'us-east-1', allowedAccountIds: ['111111111111'] });
    const keep = new Storage(stack, 'Records');
    new Storage(stack, 'Scratch');
    new KmsKey(stack, 'Key', {});
    suppress(keep, 'HIPAA-S3-014', 'records are copied nightly by AWS Backup to the vault', { expires: '2099-12-31' });
    result = checkApp(app, { rules, now: new Date('2026-01-01T00:00:00Z') });
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes every stack in memory and resolves references between constructs', () => {
    expect(result.stacks).toEqual(['workload']);
    const tls = result.findings.filter((f) => f.ruleId === 'HIPAA-S3-004');
    expect(tls.map((f) => f.status)).toEqual(['compliant', 'compliant']);
    expect(tls.map((f) => f.constructPath)).toEqual(['workload/Records/Resource', 'workload/Scratch/Resource']);
  });

  it("applies a construct suppression to the construct's resources only, with its reason and expiry", () => {
    const replication = result.findings.filter((f) => f.ruleId === 'HIPAA-S3-014');
    expect(replication.find((f) => f.constructPath === 'workload/Records/Resource')?.suppression).toEqual({
      rule: 'HIPAA-S3-014',
      reason: 'records are copied nightly by AWS Backup to the vault',
      source: 'construct workload/Records',
      expires: '2099-12-31',
    });
    expect(violations(result).map((f) => `${f.ruleId} ${f.constructPath}`)).toEqual(['HIPAA-S3-014 workload/Scratch/Resource', 'HIPAA-KMS-001 workload/Key']);
  });

  it('collects construct suppressions with their construct path', () => {
    expect(constructSuppressions(app)).toEqual([expect.objectContaining({ rule: 'HIPAA-S3-014', constructPath: 'workload/Records', source: 'construct workload/Records' })]);
  });

  it('writes no stack files, and leaves the app synthesizable afterwards', () => {
    expect(readdirSync(join(outdir, 'stacks'))).toEqual([]);
    app.synth();
    expect(readdirSync(join(outdir, 'stacks'))).toEqual(['workload']);
  });
});

describe('suppress()', () => {
  it('rejects a short reason at call time, and an unknown rule id when the app is checked', () => {
    const scope = new Construct(undefined as unknown as Construct, 'root');
    let error: unknown;
    try {
      suppress(scope, 'HIPAA-S3-999', 'too short');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HipaaValidationError);
    expect((error as HipaaValidationError).problems.map((p) => p.code)).toEqual(['HIPAA_SUPPRESSION_REASON_TOO_SHORT']);

    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'hipaa-app-')), skipValidation: true });
    const stack = new TerraformStack(app, 'workload');
    new KmsKey(stack, 'Key', {});
    suppress(stack, 'HIPAA-S3-999', 'a reason that is long enough');
    expect(() => checkApp(app)).toThrow(/workload: \/\/\.hipaa\.suppressions\[0\] \(construct workload\)\.rule \(got "HIPAA-S3-999"\): not a rule id of the pack being evaluated/);
  });

  it('on the app, is written into every stack that exists, and is refused before there is any', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'hipaa-app-')), skipValidation: true });
    expect(() => suppress(app, 'HIPAA-KMS-001', 'keys of this sandbox app hold no ePHI')).toThrow(/holds no TerraformStack yet/);
    for (const id of ['one', 'two']) new KmsKey(new TerraformStack(app, id), 'Key', {});
    suppress(app, 'HIPAA-KMS-001', 'keys of this sandbox app hold no ePHI');
    const kms = rules.filter((r) => r.id === 'HIPAA-KMS-001');
    const result = checkApp(app, { rules: kms });
    expect(result.findings.map((f) => [f.stack, f.status, f.suppression?.source])).toEqual([
      ['one', 'non_compliant', 'construct (app)'],
      ['two', 'non_compliant', 'construct (app)'],
    ]);
    expect(violations(result)).toEqual([]);
  });

  it('rejects a malformed expiry date', () => {
    const scope = new Construct(undefined as unknown as Construct, 'root');
    expect(() => suppress(scope, 'HIPAA-S3-014', 'a perfectly good reason', { expires: '31/12/2027' })).toThrow(/YYYY-MM-DD/);
  });
});
