import { compareOutputs } from '../../../lib/analyze/guard';
import { formatGuardReport } from '../../../lib/report/guard';
import { doc } from './fixtures';

const prev = [
  doc('tenant-acme', {
    aws_db_instance: { Database: { engine: 'postgres', storage_encrypted: true, '//': { metadata: { path: 'tenant-acme/Database/Resource' } } } },
    aws_s3_bucket: { Bucket: { bucket: 'acme-audit' } },
  }),
  doc('tenant-beta', { aws_kms_key: { Key: {} } }),
];

describe('formatGuardReport', () => {
  const next = [doc('tenant-acme', { aws_db_instance: { Database: { engine: 'mysql', storage_encrypted: true } }, aws_s3_bucket: {} })];
  const failing = formatGuardReport(compareOutputs(prev, next));

  it('groups findings per stack with address, construct path, cause and fix', () => {
    expect(failing).toContain('checked 3 stateful resources in 2 stacks (1 in the new output, 1 removed)');
    expect(failing).toContain('2 stateful resources would be destroyed and 1 replaced without acknowledgement.');
    const acme = failing.indexOf('Stack tenant-acme:');
    const beta = failing.indexOf('Stack tenant-beta (no longer in the output):');
    expect(acme).toBeGreaterThan(-1);
    expect(beta).toBeGreaterThan(acme);
    expect(failing).toContain('[FAIL] REPLACE aws_db_instance.Database: RDS DB instance, construct tenant-acme/Database/Resource');
    expect(failing).toContain('- engine changes from "postgres" to "mysql"');
    expect(failing).toContain('[FAIL] DESTROY aws_s3_bucket.Bucket: S3 bucket');
    expect(failing).toContain('loses: every object and version in the bucket');
    expect(failing).toContain('fix: revert engine to the previous value');
  });

  it('ends with the acknowledgement entries to copy and a FAIL result', () => {
    expect(failing).toContain('    - stack: tenant-beta\n      address: aws_kms_key.Key\n      kind: DESTROY\n');
    expect(failing.trim().split('\n').pop()).toBe('Result: FAIL (3 unacknowledged destroys or replacements)');
  });

  it('shows acknowledged findings with their reason, stale acknowledgements, and a PASS result', () => {
    const text = formatGuardReport(
      compareOutputs(prev, next, {
        acknowledgements: [
          { address: 'aws_*.*', reason: 'sandbox environment, nothing to keep' },
          { stack: 'tenant-gamma', address: 'aws_s3_bucket.Bucket', reason: 'acknowledged for a stack that is gone' },
        ],
      }),
    );
    expect(text).toContain('[ACKNOWLEDGED] DESTROY aws_kms_key.Key');
    expect(text).toContain('acknowledged: "sandbox environment, nothing to keep"');
    expect(text).toContain('Acknowledgements that matched nothing (remove them once the change is applied):\n  - tenant-gamma: aws_s3_bucket.Bucket');
    expect(text).not.toContain('If a loss is intended');
    expect(text.trim().split('\n').pop()).toBe('Result: PASS (3 acknowledged changes)');
  });

  it('says plainly when nothing is lost', () => {
    const text = formatGuardReport(compareOutputs(prev, prev));
    expect(text).toContain('No stateful resource would be destroyed or replaced.');
    expect(text.trim().split('\n').pop()).toBe('Result: PASS');
  });
});
