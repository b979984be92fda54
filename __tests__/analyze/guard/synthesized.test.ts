import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareOutputs, loadOutputDir, StackDoc } from '../../../lib/analyze/guard';
import { formatGuardReport } from '../../../lib/report/guard';
import { synthApp, synthSharedImporting, synthTenant, tf, TenantVariant } from './fixtures';

/** Each variant of the tenant stack, synthesized once with cdktf. */
const VARIANTS: Record<string, TenantVariant> = {
  base: {},
  renamed: { databaseId: 'PrimaryDatabase' },
  renamedMoveFromId: { databaseId: 'PrimaryDatabase', move: 'moveFromId' },
  renamedMoveTo: { databaseId: 'PrimaryDatabase', move: 'moveTo' },
  renamedOverride: { databaseId: 'PrimaryDatabase', move: 'override' },
  otherKey: { databaseKey: 'OtherKey' },
  bucketName: { bucketName: 'tenant-acme-phi-exports-v2' },
  port: { port: 443 },
};

describe('guard over stacks synthesized with cdktf', () => {
  const acme: Record<string, StackDoc> = {};
  let beta: StackDoc;
  beforeAll(() => {
    for (const [name, v] of Object.entries(VARIANTS)) acme[name] = synthTenant('tenant-acme', v);
    beta = synthTenant('tenant-beta');
  });

  it('synthesizes a moved block for each way cdktf 0.21 declares a rename, and none for a plain rename', () => {
    const move = [{ from: 'aws_db_instance.Database', to: 'aws_db_instance.PrimaryDatabase' }];
    expect((acme.renamed.json as { moved?: unknown }).moved).toBeUndefined();
    expect((acme.renamedMoveFromId.json as { moved?: unknown }).moved).toEqual(move);
    expect((acme.renamedMoveTo.json as { moved?: unknown }).moved).toEqual(move);
    expect((acme.renamedOverride.json as { moved?: unknown }).moved).toEqual(move);
    expect(Object.keys((acme.renamedMoveTo.json as { resource: { aws_db_instance: object } }).resource.aws_db_instance)).toEqual(['PrimaryDatabase']);
  });

  it('catches renaming the database construct without a move as DESTROY', () => {
    const report = compareOutputs([acme.base], [acme.renamed]);
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => [f.kind, f.address])).toEqual([['DESTROY', 'aws_db_instance.Database']]);
  });

  it.each(['renamedMoveFromId', 'renamedMoveTo', 'renamedOverride'])('passes the same rename declared with %s', (variant) => {
    const report = compareOutputs([acme.base], [acme[variant]]);
    expect(report.findings).toEqual([]);
    expect(report.notes.map((n) => n.message)).toEqual([expect.stringContaining('moves to aws_db_instance.PrimaryDatabase')]);
  });

  it('catches switching the database to another KMS key as REPLACE', () => {
    const [f, ...rest] = compareOutputs([acme.base], [acme.otherKey]).failures;
    expect(rest).toEqual([]);
    expect(f).toEqual(
      expect.objectContaining({
        kind: 'REPLACE',
        address: 'aws_db_instance.Database',
        changes: [{ attribute: 'kms_key_id', before: tf('aws_kms_key.Key.arn'), after: tf('aws_kms_key.OtherKey.arn') }],
      }),
    );
  });

  it('catches a changed bucket name as REPLACE', () => {
    const report = compareOutputs([acme.base], [acme.bucketName]);
    expect(report.failures.map((f) => [f.kind, f.address, f.changes.map((c) => c.attribute)])).toEqual([['REPLACE', 'aws_s3_bucket.Bucket', ['bucket']]]);
  });

  it('catches removing a tenant stack: its key, bucket and database are all reported', () => {
    const report = compareOutputs([acme.base, beta], [beta]);
    expect(report.failures.map((f) => `${f.stack} ${f.address}`)).toEqual([
      'tenant-acme aws_db_instance.Database',
      'tenant-acme aws_kms_key.Key',
      'tenant-acme aws_kms_key.OtherKey',
      'tenant-acme aws_s3_bucket.Bucket',
    ]);
  });

  it('catches moving the bucket to another stack, and passes it when the tenant forgets it and the other stack imports it', () => {
    const shared = synthSharedImporting('tenant-acme-phi-exports');
    const withoutBucket = synthTenant('tenant-acme', { forgetBucket: true });
    const plainRemoval = { ...withoutBucket, json: { ...withoutBucket.json, removed: undefined } };
    const moved = compareOutputs([acme.base], [plainRemoval, shared]);
    expect(moved.failures.map((f) => [f.kind, f.stack, f.address])).toEqual([['DESTROY', 'tenant-acme', 'aws_s3_bucket.Bucket']]);
    expect(moved.failures[0].reason).toContain('Moved blocks only work within one state');
    const handedOver = compareOutputs([acme.base], [withoutBucket, shared]);
    expect(handedOver.ok).toBe(true);
    expect(handedOver.notes.map((n) => n.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('forgotten by this stack'), expect.stringContaining('stack shared imports it')]),
    );
  });

  it('passes adding a tenant stack and changing a security group rule', () => {
    expect(compareOutputs([acme.base], [acme.base, beta]).ok).toBe(true);
    expect(compareOutputs([acme.base], [acme.port]).ok).toBe(true);
  });
});

describe('guard over a cdktf.out written by app.synth()', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-guard-synth-'));
    synthApp(path.join(work, 'previous'), { 'tenant-acme': {}, 'tenant-beta': {} });
    synthApp(path.join(work, 'next'), { 'tenant-acme': { databaseKey: 'OtherKey' } });
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('reads cdktf.out/stacks/*/cdk.tf.json and names the construct path of each finding', () => {
    const previous = loadOutputDir(path.join(work, 'previous'));
    const next = loadOutputDir(path.join(work, 'next'));
    expect(previous.map((s) => s.name)).toEqual(['tenant-acme', 'tenant-beta']);
    const report = compareOutputs(previous, next);
    const db = report.failures.find((f) => f.stack === 'tenant-acme' && f.address === 'aws_db_instance.Database');
    expect(db).toEqual(expect.objectContaining({ kind: 'REPLACE', constructPath: 'tenant-acme/Database' }));
    expect(report.failures.filter((f) => f.stack === 'tenant-beta')).toHaveLength(4);
    const text = formatGuardReport(report);
    expect(text).toContain('Stack tenant-beta (no longer in the output):');
    expect(text).toContain('construct tenant-acme/Database');
    expect(text).toContain(`kms_key_id changes from "${tf('aws_kms_key.Key.arn')}" to "${tf('aws_kms_key.OtherKey.arn')}"`);
  });
});
