import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HipaaValidationError } from '../../../lib/errors';
import { findAcknowledgement, globToRegExp, loadAcknowledgements, validateAcknowledgements } from '../../../lib/analyze/guard';

function problemsOf(fn: () => unknown): Array<{ code: string; path: string; fix: string }> {
  try {
    fn();
  } catch (e) {
    if (e instanceof HipaaValidationError) return e.problems.map((p) => ({ code: p.code, path: p.path, fix: p.fix }));
    throw e;
  }
  throw new Error('expected a HipaaValidationError');
}

describe('acknowledgements', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-guard-ack-'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(work, name), text);
    return path.join(work, name);
  };

  it('reads YAML with an acknowledgements key, a YAML list and JSON, normalising kind and whitespace', () => {
    const yaml = file(
      'a.yaml',
      'acknowledgements:\n  - stack: tenant-acme\n    address: " aws_s3_bucket.Bucket "\n    kind: replace\n    reason: "  bucket renamed after data copy (OPS-7)  "\n',
    );
    expect(loadAcknowledgements(yaml)).toEqual([{ stack: 'tenant-acme', address: 'aws_s3_bucket.Bucket', kind: 'REPLACE', reason: 'bucket renamed after data copy (OPS-7)' }]);
    const list = file('b.yml', '- address: aws_kms_key.*\n  reason: keys of the retired sandbox\n');
    expect(loadAcknowledgements(list)).toEqual([{ address: 'aws_kms_key.*', reason: 'keys of the retired sandbox' }]);
    const json = file('c.json', JSON.stringify({ acknowledgements: [{ address: 'aws_db_instance.Db', reason: 'replaced by the Aurora cluster' }] }));
    expect(loadAcknowledgements(json)).toHaveLength(1);
    expect(loadAcknowledgements(file('empty.yaml', '# nothing acknowledged\n'))).toEqual([]);
  });

  it('lists every invalid item at once: short reason, missing address, bad kind, unknown field with a suggestion', () => {
    const bad = file('bad.yaml', '- address: aws_db_instance.Db\n  reason: short\n- reason: long enough reason here\n  kind: delete\n  adress: aws_x.y\n');
    expect(problemsOf(() => loadAcknowledgements(bad))).toEqual([
      expect.objectContaining({ code: 'HIPAA_GUARD_ACK_REASON', path: `${bad}[0].reason` }),
      expect.objectContaining({ code: 'HIPAA_GUARD_ACK_UNKNOWN_FIELD', path: `${bad}[1].adress`, fix: 'did you mean "address"?' }),
      expect.objectContaining({ code: 'HIPAA_GUARD_ACK_ADDRESS', path: `${bad}[1].address` }),
      expect.objectContaining({ code: 'HIPAA_GUARD_ACK_ACTION', path: `${bad}[1].kind` }),
    ]);
  });

  it('rejects a missing file, broken syntax and a file that is not a list', () => {
    expect(problemsOf(() => loadAcknowledgements(path.join(work, 'none.yaml'))).map((p) => p.code)).toEqual(['HIPAA_GUARD_ACK_FILE']);
    expect(problemsOf(() => loadAcknowledgements(file('broken.json', '{ "acknowledgements": ['))).map((p) => p.code)).toEqual(['HIPAA_GUARD_ACK_FILE']);
    expect(problemsOf(() => loadAcknowledgements(file('scalar.yaml', 'just text\n'))).map((p) => p.code)).toEqual(['HIPAA_GUARD_ACK_FILE']);
  });

  it('matches stacks and addresses by glob and kind', () => {
    const acks = validateAcknowledgements([{ stack: 'tenant-*', address: 'aws_s3_bucket.Bucket_??', kind: 'DESTROY', reason: 'tenant buckets exported first' }]);
    expect(findAcknowledgement(acks, 'tenant-acme', 'aws_s3_bucket.Bucket_01', 'DESTROY')).toBe(acks[0]);
    expect(findAcknowledgement(acks, 'tenant-acme', 'aws_s3_bucket.Bucket_01', 'REPLACE')).toBeUndefined();
    expect(findAcknowledgement(acks, 'baseline-security', 'aws_s3_bucket.Bucket_01', 'DESTROY')).toBeUndefined();
    expect(findAcknowledgement(acks, 'tenant-acme', 'aws_s3_bucket.Bucket_001', 'DESTROY')).toBeUndefined();
  });

  it('treats regular-expression characters in a glob literally', () => {
    expect(globToRegExp('aws_s3_bucket.a+b').test('aws_s3_bucket.a+b')).toBe(true);
    expect(globToRegExp('aws_s3_bucket.a+b').test('aws_s3_bucket.aab')).toBe(false);
    expect(globToRegExp('aws_s3_bucket.x').test('aws_s3_bucketXx')).toBe(false);
  });
});
