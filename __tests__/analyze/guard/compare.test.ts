import { compareOutputs, GuardReport, StackDoc } from '../../../lib/analyze/guard';
import { doc, tf } from './fixtures';
import { HipaaValidationError } from '../../../lib/errors';

const KEY = { description: 'tenant key', enable_key_rotation: true };
const DB = {
  identifier: 'acme-db',
  engine: 'postgres',
  engine_version: '16.4',
  instance_class: 'db.t4g.medium',
  storage_encrypted: true,
  kms_key_id: tf('aws_kms_key.Key.arn'),
};
const BUCKET = { bucket: 'acme-audit' };

/** The previous output of a tenant: a key, a database, a bucket and a security group rule. */
function tenant(name = 'tenant-acme', overrides: Partial<Record<string, Record<string, Record<string, unknown>>>> = {}, extra: Record<string, unknown> = {}): StackDoc {
  return doc(
    name,
    {
      aws_kms_key: { Key: KEY },
      aws_db_instance: { Database: DB },
      aws_s3_bucket: { Bucket: BUCKET },
      aws_vpc_security_group_ingress_rule: { Ingress: { from_port: 5432, to_port: 5432, ip_protocol: 'tcp', security_group_id: 'sg-1' } },
      ...overrides,
    } as Record<string, Record<string, Record<string, unknown>>>,
    extra,
  );
}

function addresses(report: GuardReport): string[] {
  return report.failures.map((f) => `${f.kind} ${f.stack} ${f.address}`);
}

describe('compareOutputs: destroys', () => {
  it('fails when a database that certainly existed now exists only behind a count expression', () => {
    const report = compareOutputs([tenant()], [tenant('tenant-acme', { aws_db_instance: { Database: { ...DB, count: '${var.enabled ? 1 : 0}' } } })]);
    expect(report.ok).toBe(false);
    expect(report.failures[0].changes).toEqual([expect.objectContaining({ attribute: 'count' })]);
  });

  it.each([
    ['count = 0', { count: 0 }],
    ['an empty for_each', { for_each: {} }],
  ])('fails when a database drops to %s, which destroys it', (_what, meta) => {
    const report = compareOutputs([tenant()], [tenant('tenant-acme', { aws_db_instance: { Database: { ...DB, ...meta } } })]);
    expect(report.ok).toBe(false);
    expect(addresses(report)).toEqual([expect.stringContaining('tenant-acme aws_db_instance.Database')]);
  });

  it('passes when nothing changed and counts the stateful resources it checked', () => {
    const report = compareOutputs([tenant()], [tenant()]);
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.statefulChecked).toBe(3);
  });

  it('reports a database whose address disappears without a moved block as DESTROY', () => {
    const next = tenant('tenant-acme', { aws_db_instance: { PrimaryDatabase: DB } });
    const report = compareOutputs([tenant()], [next]);
    expect(report.ok).toBe(false);
    expect(addresses(report)).toEqual(['DESTROY tenant-acme aws_db_instance.Database']);
    expect(report.failures[0].reason).toContain('no moved block');
    expect(report.failures[0].reason).toContain('aws_db_instance.PrimaryDatabase looks like its new name');
    expect(report.failures[0].fix).toContain('moveFromId("aws_db_instance.Database")');
  });

  it('accepts a rename declared with a moved block, and notes the move', () => {
    const next = tenant('tenant-acme', { aws_db_instance: { PrimaryDatabase: DB } }, { moved: [{ from: 'aws_db_instance.Database', to: 'aws_db_instance.PrimaryDatabase' }] });
    const report = compareOutputs([tenant()], [next]);
    expect(report.ok).toBe(true);
    expect(report.notes.map((n) => n.message)).toEqual([expect.stringContaining('aws_db_instance.Database moves to aws_db_instance.PrimaryDatabase')]);
  });

  it('follows a chain of moved blocks and accepts a single moved block written as an object', () => {
    const chained = tenant(
      'tenant-acme',
      { aws_db_instance: { C: DB } },
      {
        moved: [
          { from: 'aws_db_instance.Database', to: 'aws_db_instance.B' },
          { from: 'aws_db_instance.B', to: 'aws_db_instance.C' },
        ],
      },
    );
    expect(compareOutputs([tenant()], [chained]).ok).toBe(true);
    const single = tenant('tenant-acme', { aws_db_instance: { C: DB } }, { moved: { from: 'aws_db_instance.Database', to: 'aws_db_instance.C' } });
    expect(compareOutputs([tenant()], [single]).ok).toBe(true);
  });

  it('accepts a move to a for_each instance of the new address', () => {
    const next = tenant(
      'tenant-acme',
      { aws_db_instance: { Databases: { ...DB, for_each: tf('toset(["acme"])') } } },
      {
        moved: [{ from: 'aws_db_instance.Database', to: 'aws_db_instance.Databases["acme"]' }],
      },
    );
    expect(compareOutputs([tenant()], [next]).ok).toBe(true);
  });

  it('reports a single resource turned into a for_each without a move to one of its instances', () => {
    const next = tenant('tenant-acme', { aws_db_instance: { Database: { ...DB, for_each: tf('toset(["acme"])') } } });
    const [f] = compareOutputs([tenant()], [next]).failures;
    expect(f.changes).toEqual([expect.objectContaining({ attribute: 'for_each', note: expect.stringContaining('instances') })]);
  });

  it('reports a moved block that points at an address missing from the new output', () => {
    const next = tenant('tenant-acme', { aws_db_instance: {} }, { moved: [{ from: 'aws_db_instance.Database', to: 'aws_db_instance.Typo' }] });
    const [f] = compareOutputs([tenant()], [next]).failures;
    expect(f.kind).toBe('DESTROY');
    expect(f.reason).toContain('aws_db_instance.Typo, which is not in the new output');
  });

  it('reports a moved block to a different resource type as DESTROY', () => {
    const next = tenant(
      'tenant-acme',
      { aws_db_instance: {}, aws_rds_cluster: { Cluster: { engine: 'aurora-postgresql' } } },
      {
        moved: [{ from: 'aws_db_instance.Database', to: 'aws_rds_cluster.Cluster' }],
      },
    );
    const [f] = compareOutputs([tenant()], [next]).failures;
    expect(f.address).toBe('aws_db_instance.Database');
    expect(f.reason).toContain('a resource of another type');
  });

  it('treats a removed block with destroy = false as forgetting, not destroying', () => {
    const next = tenant('tenant-acme', { aws_db_instance: {} }, { removed: [{ from: 'aws_db_instance.Database', lifecycle: [{ destroy: false }] }] });
    const report = compareOutputs([tenant()], [next]);
    expect(report.ok).toBe(true);
    expect(report.notes[0].message).toContain('forgotten by this stack');
  });

  it('reports a removed block that destroys', () => {
    const next = tenant('tenant-acme', { aws_db_instance: {} }, { removed: [{ from: 'aws_db_instance.Database', lifecycle: { destroy: true } }] });
    const [f] = compareOutputs([tenant()], [next]).failures;
    expect(f.reason).toContain('removed block');
    expect(f.fix).toContain('destroy = false');
  });

  it('reports every stateful resource of a removed stack (a removed tenant) and ignores its other resources', () => {
    const report = compareOutputs([tenant('tenant-acme'), tenant('tenant-beta')], [tenant('tenant-beta')]);
    expect(addresses(report)).toEqual(['DESTROY tenant-acme aws_db_instance.Database', 'DESTROY tenant-acme aws_kms_key.Key', 'DESTROY tenant-acme aws_s3_bucket.Bucket']);
    expect(report.stacks.removed).toEqual(['tenant-acme']);
    expect(report.failures[0].reason).toContain('stack tenant-acme is no longer in the output');
  });

  it('passes when a stack (a new tenant) is added, and notes it', () => {
    const report = compareOutputs([tenant('tenant-acme')], [tenant('tenant-acme'), tenant('tenant-beta')]);
    expect(report.ok).toBe(true);
    expect(report.stacks.added).toEqual(['tenant-beta']);
    expect(report.notes).toEqual([{ stack: 'tenant-beta', message: expect.stringContaining('new stack') }]);
  });

  it('explains that a resource moving to another stack is a destroy plus a create, even with a moved block', () => {
    const shared = doc('shared', { aws_s3_bucket: { Bucket: BUCKET } }, { moved: [{ from: 'aws_s3_bucket.Bucket', to: 'aws_s3_bucket.Bucket' }] });
    const report = compareOutputs([tenant('tenant-acme'), doc('shared', {})], [tenant('tenant-acme', { aws_s3_bucket: {} }), shared]);
    expect(addresses(report)).toEqual(['DESTROY tenant-acme aws_s3_bucket.Bucket']);
    expect(report.failures[0].reason).toContain('appears in stack shared as aws_s3_bucket.Bucket');
    expect(report.failures[0].reason).toContain('Moved blocks only work within one state');
  });

  it('recognises a renamed stack by the bucket name and says the new stack gets a new, empty bucket', () => {
    const renamed = tenant('tenant-acme-v2');
    const report = compareOutputs([tenant('tenant-acme')], [renamed]);
    const bucket = report.failures.find((f) => f.address === 'aws_s3_bucket.Bucket');
    expect(bucket?.reason).toContain('now appears in stack tenant-acme-v2');
    expect(bucket?.reason).toContain('new, empty resource');
  });

  it('ignores non-stateful resources that disappear or change (a security group rule)', () => {
    const next = tenant('tenant-acme', {
      aws_vpc_security_group_ingress_rule: { HttpsIngress: { from_port: 443, to_port: 443, ip_protocol: 'tcp', security_group_id: 'sg-2' } },
    });
    expect(compareOutputs([tenant()], [next]).ok).toBe(true);
  });

  it('reports a count that shrinks on a stateful resource, but not one that grows', () => {
    const prev = tenant('tenant-acme', { aws_s3_bucket: { Bucket: { ...BUCKET, count: 2 } } });
    const shrink = tenant('tenant-acme', { aws_s3_bucket: { Bucket: { ...BUCKET, count: 1 } } });
    const grow = tenant('tenant-acme', { aws_s3_bucket: { Bucket: { ...BUCKET, count: 3 } } });
    expect(compareOutputs([prev], [shrink]).failures[0].changes).toEqual([expect.objectContaining({ attribute: 'count', before: 2, after: 1 })]);
    expect(compareOutputs([prev], [grow]).ok).toBe(true);
  });
});

describe('compareOutputs: replacements', () => {
  const withDb = (db: Record<string, unknown>, extra: Record<string, Record<string, Record<string, unknown>>> = {}) =>
    tenant('tenant-acme', { aws_db_instance: { Database: db }, ...extra });

  it('reports a database whose key reference points to another key, with old and new values', () => {
    const next = withDb({ ...DB, kms_key_id: tf('aws_kms_key.Other.arn') }, { aws_kms_key: { Key: KEY, Other: KEY } });
    const [f] = compareOutputs([tenant()], [next]).failures;
    expect(f.kind).toBe('REPLACE');
    expect(f.address).toBe('aws_db_instance.Database');
    expect(f.changes).toEqual([{ attribute: 'kms_key_id', before: tf('aws_kms_key.Key.arn'), after: tf('aws_kms_key.Other.arn') }]);
  });

  it('does not report the database when its key is renamed with a moved block (the reference follows the move)', () => {
    const next = withDb({ ...DB, kms_key_id: tf('aws_kms_key.DataKey.arn') }, { aws_kms_key: { DataKey: KEY } });
    const moved = { ...next, json: { ...next.json, moved: [{ from: 'aws_kms_key.Key', to: 'aws_kms_key.DataKey' }] } };
    expect(compareOutputs([tenant()], [moved]).findings).toEqual([]);
  });

  it('reports a changed bucket name', () => {
    const next = tenant('tenant-acme', { aws_s3_bucket: { Bucket: { bucket: 'acme-audit-2' } } });
    expect(compareOutputs([tenant()], [next]).failures[0].changes).toEqual([{ attribute: 'bucket', before: 'acme-audit', after: 'acme-audit-2' }]);
  });

  it('does not report a minor engine version upgrade or an instance class change', () => {
    expect(compareOutputs([tenant()], [withDb({ ...DB, engine_version: '16.6', instance_class: 'db.r7g.large' })]).ok).toBe(true);
  });

  it('does not report a changed DB identifier: provider 5+ renames the instance in place', () => {
    expect(compareOutputs([tenant()], [withDb({ ...DB, identifier: 'acme-primary' })]).ok).toBe(true);
  });

  it('treats a removed Optional+Computed argument as unchanged but a removed plain one as its default', () => {
    const { kms_key_id: _k, ...noKey } = DB;
    expect(compareOutputs([tenant()], [withDb(noKey)]).ok).toBe(true);
    const { storage_encrypted: _s, ...unencrypted } = DB;
    const [f] = compareOutputs([tenant()], [withDb(unencrypted)]).failures;
    expect(f.changes).toEqual([{ attribute: 'storage_encrypted', before: true, after: false }]);
  });

  it('counts an explicit provider default as equal to leaving it out', () => {
    const explicit = tenant('tenant-acme', { aws_kms_key: { Key: { ...KEY, key_usage: 'ENCRYPT_DECRYPT', customer_master_key_spec: 'SYMMETRIC_DEFAULT' } } });
    expect(compareOutputs([tenant()], [explicit]).ok).toBe(true);
  });

  it('reports setting an argument AWS had chosen, with a note', () => {
    const [f] = compareOutputs([tenant()], [withDb({ ...DB, availability_zone: 'us-east-1b' })]).failures;
    expect(f.changes[0]).toEqual(
      expect.objectContaining({ attribute: 'availability_zone', before: undefined, after: 'us-east-1b', note: expect.stringContaining('AWS chose the value') }),
    );
  });

  it('compares set arguments without regard to order and scalars without regard to type', () => {
    const cluster = (azs: string[], port: unknown) => tenant('tenant-acme', { aws_rds_cluster: { Cluster: { engine: 'aurora-postgresql', availability_zones: azs, port } } });
    expect(compareOutputs([cluster(['us-east-1a', 'us-east-1b'], 5432)], [cluster(['us-east-1b', 'us-east-1a'], '5432')]).ok).toBe(true);
    expect(compareOutputs([cluster(['us-east-1a', 'us-east-1b'], 5432)], [cluster(['us-east-1a', 'us-east-1c'], 5432)]).ok).toBe(false);
  });

  it('applies conditional arguments: storage_type replaces a non-Aurora cluster only', () => {
    const cluster = (engine: string, storageType: string) => tenant('tenant-acme', { aws_rds_cluster: { Cluster: { engine, storage_type: storageType } } });
    expect(compareOutputs([cluster('aurora-postgresql', 'aurora')], [cluster('aurora-postgresql', 'aurora-iopt1')]).ok).toBe(true);
    const [f] = compareOutputs([cluster('postgres', 'io1')], [cluster('postgres', 'gp3')]).failures;
    expect(f.changes[0]).toEqual(expect.objectContaining({ attribute: 'storage_type', note: expect.stringContaining('non-Aurora') }));
  });

  it('reports resources whose provider Region changes', () => {
    const next = tenant();
    const moved = { ...next, json: { ...next.json, provider: { aws: [{ region: 'us-west-2' }] } } };
    const report = compareOutputs([tenant()], [moved]);
    expect(addresses(report)).toEqual(['REPLACE tenant-acme aws_db_instance.Database', 'REPLACE tenant-acme aws_kms_key.Key', 'REPLACE tenant-acme aws_s3_bucket.Bucket']);
    expect(report.failures[1].changes).toEqual([expect.objectContaining({ attribute: 'region', before: 'us-east-1', after: 'us-west-2' })]);
  });

  it('reports the database too when the key it uses is replaced (cascade through a reference)', () => {
    const next = tenant('tenant-acme', { aws_kms_key: { Key: { ...KEY, multi_region: true } } });
    const report = compareOutputs([tenant()], [next]);
    expect(addresses(report)).toEqual(['REPLACE tenant-acme aws_db_instance.Database', 'REPLACE tenant-acme aws_kms_key.Key']);
    expect(report.failures[0].changes[0].note).toContain('aws_kms_key.Key is replaced');
  });

  it('does not cascade through a configured argument that keeps its value although its resource is replaced', () => {
    const withLogGroup = (bucket: Record<string, unknown>) =>
      tenant('tenant-acme', {
        aws_s3_bucket: { Bucket: bucket },
        aws_cloudwatch_log_group: { Logs: { name: tf('format("/audit/%s", aws_s3_bucket.Bucket.bucket)') } },
      });
    const report = compareOutputs([withLogGroup({ bucket: 'acme-audit' })], [withLogGroup({ bucket: 'acme-audit', object_lock_enabled: true })]);
    expect(addresses(report)).toEqual(['REPLACE tenant-acme aws_s3_bucket.Bucket']);
  });

  it('reports a cluster whose subnet group reference keeps its text but whose subnet group name changes', () => {
    const cluster = (groupName: string) =>
      tenant('tenant-acme', {
        aws_db_subnet_group: { Subnets: { name: groupName, subnet_ids: ['subnet-1', 'subnet-2'] } },
        aws_rds_cluster: { Cluster: { engine: 'aurora-postgresql', db_subnet_group_name: tf('aws_db_subnet_group.Subnets.name') } },
      });
    const [f] = compareOutputs([cluster('acme-db')], [cluster('acme-database')]).failures;
    expect(f.address).toBe('aws_rds_cluster.Cluster');
    expect(f.changes[0].note).toContain('aws_db_subnet_group.Subnets.name changes from "acme-db" to "acme-database"');
  });
});

describe('compareOutputs: acknowledgements', () => {
  const removedTenant = () =>
    compareOutputs([tenant('tenant-acme'), tenant('tenant-beta')], [tenant('tenant-beta')], {
      acknowledgements: [{ stack: 'tenant-acme', address: 'aws_*.*', reason: 'tenant acme offboarded, final snapshot taken (OPS-1)' }],
    });

  it('turns acknowledged findings into a pass and keeps them in the report with the reason', () => {
    const report = removedTenant();
    expect(report.ok).toBe(true);
    expect(report.failures).toEqual([]);
    expect(report.acknowledged).toHaveLength(3);
    expect(report.acknowledged[0].acknowledgement?.reason).toBe('tenant acme offboarded, final snapshot taken (OPS-1)');
  });

  it('matches only the given stack and kind', () => {
    const next = tenant('tenant-beta', { aws_s3_bucket: { Bucket: { bucket: 'beta-2' } } });
    const report = compareOutputs([tenant('tenant-beta')], [next], {
      acknowledgements: [
        { stack: 'tenant-acme', address: 'aws_s3_bucket.Bucket', reason: 'wrong stack, must not match' },
        { address: 'aws_s3_bucket.Bucket', kind: 'DESTROY', reason: 'wrong kind, must not match' },
      ],
    });
    expect(report.ok).toBe(false);
    expect(report.unusedAcknowledgements).toHaveLength(2);
  });

  it('rejects an acknowledgement with a reason shorter than 10 characters', () => {
    expect(() => compareOutputs([tenant()], [tenant()], { acknowledgements: [{ address: 'aws_s3_bucket.Bucket', reason: 'ok' }] })).toThrow(HipaaValidationError);
    try {
      compareOutputs([tenant()], [tenant()], { acknowledgements: [{ address: 'aws_s3_bucket.Bucket', reason: 'ok' }] });
    } catch (e) {
      expect((e as HipaaValidationError).problems.map((p) => p.code)).toEqual(['HIPAA_GUARD_ACK_REASON']);
    }
  });
});
