import { evaluate, HIPAA_PACK, type JsonObject } from '../../../lib/analyze/rules';
import { auditBucket, B, tf } from './fixtures/helpers';

const S3_012 = HIPAA_PACK.rules.find((r) => r.id === 'HIPAA-S3-012')!;
const lock = (days: number, mode = 'COMPLIANCE') => ({ aws_s3_bucket_object_lock_configuration: { b: { bucket: B, rule: { default_retention: { mode, days } } } } });
const lifecycle = (noncurrentDays: number) => ({
  aws_s3_bucket_lifecycle_configuration: {
    b: { bucket: B, rule: [{ id: 'r', status: 'Enabled', expiration: { days: 2192 }, noncurrent_version_expiration: { noncurrent_days: noncurrentDays } } as JsonObject] },
  },
});

function verdict(resources: ReturnType<typeof auditBucket>, objectLock = true) {
  const [finding] = evaluate(tf(objectLock ? resources : { ...resources, aws_s3_bucket: { b: { bucket: 'audit-bucket' } } }), { rules: [S3_012] }).findings;
  return finding;
}

// S3 User Guide, "Object Lock considerations": a locked version cannot be deleted by a Lifecycle
// expiration, so a one-day noncurrent expiry behind a lock of the full retention keeps every version
// the retention from its creation, and no longer (the baseline's audit bucket, defect 9).
describe('HIPAA-S3-012 with Object Lock', () => {
  it('accepts a short noncurrent expiry on a bucket locked for at least the audit retention', () => {
    expect(verdict(auditBucket({ ...lock(2192), ...lifecycle(1) }))).toMatchObject({
      status: 'compliant',
      message: expect.stringMatching(/held by the Object Lock default retention/),
    });
  });

  it('accepts it in GOVERNANCE mode too, as HIPAA-S3-011 does', () => {
    expect(verdict(auditBucket({ ...lock(2192, 'GOVERNANCE'), ...lifecycle(1) })).status).toBe('compliant');
  });

  it('rejects a short noncurrent expiry when the lock is shorter than the audit retention', () => {
    expect(verdict(auditBucket({ ...lock(365), ...lifecycle(1) }))).toMatchObject({ status: 'non_compliant', message: expect.stringMatching(/noncurrent versions after 1 days/) });
  });

  it('rejects a short noncurrent expiry when the bucket has a lock configuration but Object Lock is not enabled on it', () => {
    expect(verdict(auditBucket({ ...lock(2192), ...lifecycle(1) }), false).status).toBe('non_compliant');
  });

  it('rejects a short noncurrent expiry on an unlocked audit bucket, where noncurrent versions are the only copy left after a delete', () => {
    expect(verdict(auditBucket(lifecycle(1)), false)).toMatchObject({ status: 'non_compliant', message: expect.stringMatching(/no Object Lock default retention/) });
  });
});
