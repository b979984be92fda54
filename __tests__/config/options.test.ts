/**
 * Options that used to be accepted and then emitted Terraform AWS would refuse: an azCount beyond
 * the Region's zones, a Region in another partition than the home Region, an `s3://` state bucket,
 * reserved or oversized tags, and a bad suppression reported at the wrong index.
 */
import type { HipaaConfigInput } from '../../lib/config/schema';
import { availabilityZoneLetters, maxAzCount } from '../../lib/config/regions';
import { availabilityZoneName, carveSubnets } from '../../lib/plan/subnets';
import { configProblems } from '../../lib/plan/validate';
import { validateSuppressions } from '../../lib/analyze/rules/suppressions';
import { problemsOf } from '../plan/fixtures';
import { ACCOUNT_A, makeConfig } from '../plan/fixtures';

const only = (input: Partial<HipaaConfigInput>) => configProblems(makeConfig(input));
const network = (azCount: number) => ({ supernet: '10.0.0.0/8', vpcPrefixLength: 20, azCount, vpcQuotaPerRegion: 5 });

describe('availability zones per Region', () => {
  it('rejects an azCount beyond the Availability Zones of the home Region, naming the maximum', () => {
    const problems = only({ homeRegion: 'us-west-1', network: network(3), tenants: [{ id: 'acme' }] });
    expect(problems).toEqual([expect.objectContaining({ code: 'HIPAA_AZ_COUNT_REGION', path: 'network.azCount', value: 3 })]);
    expect(problems[0].message).toContain('us-west-1');
    expect(problems[0].message).toContain('tenants[0]');
    expect(problems[0].fix).toContain('at most 2');
  });

  it('rejects an azCount beyond the zones of a tenant Region other than the home Region', () => {
    const problems = only({
      accounts: [{ ...ACCOUNT_A, regions: ['ca-central-1'] }],
      network: network(4),
      tenants: [{ id: 'acme', region: 'ca-central-1' }, { id: 'beta' }],
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([['HIPAA_AZ_COUNT_REGION', 'network.azCount']]);
    expect(problems[0].message).toContain('ca-central-1');
    expect(problems[0].fix).toContain('at most 3');
  });

  it('accepts six Availability Zones in us-east-1, which has six', () => {
    expect(only({ network: network(6), tenants: [{ id: 'acme' }] })).toEqual([]);
  });

  // ap-northeast-1 has no "b" zone and ca-central-1 no "c" (AWS Regions and Availability Zones docs).
  test.each([
    ['ap-northeast-1', ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']],
    ['ca-central-1', ['ca-central-1a', 'ca-central-1b', 'ca-central-1d']],
    ['us-east-1', ['us-east-1a', 'us-east-1b', 'us-east-1c']],
  ])('names only zones that exist in %s', (region, zones) => {
    expect([0, 1, 2].map((i) => availabilityZoneName(region, i))).toEqual(zones);
    const app = carveSubnets({ vpcCidr: '10.0.0.0/20', region, azCount: 3, egress: false }).filter((s) => s.tier === 'app');
    expect(app.map((s) => s.availabilityZone)).toEqual(zones);
  });

  it('knows the zones of every Region it accepts, at least two each', () => {
    for (const letters of Object.values(availabilityZoneLetters)) expect(letters.length).toBeGreaterThanOrEqual(2);
    expect(maxAzCount('us-west-1')).toBe(2);
  });
});

describe('partitions', () => {
  it('rejects a tenant in GovCloud when the home Region is commercial, naming both', () => {
    const problems = only({ accounts: [{ ...ACCOUNT_A, regions: ['us-gov-west-1'] }], tenants: [{ id: 'acme', region: 'us-gov-west-1' }] });
    const partition = problems.filter((p) => p.code === 'HIPAA_PARTITION_MISMATCH');
    expect(partition.map((p) => p.path)).toEqual(['accounts[0].regions[0]', 'tenants[0].region']);
    expect(partition[1].message).toContain('us-gov-west-1');
    expect(partition[1].message).toContain('aws-us-gov');
    expect(partition[1].message).toContain('homeRegion us-east-1');
  });

  it('rejects a commercial pool when the home Region is GovCloud', () => {
    const problems = only({ homeRegion: 'us-gov-west-1', accounts: [{ ...ACCOUNT_A, regions: ['us-east-2'] }], pools: [{ id: 'shared', region: 'us-east-2' }] });
    expect(problems.filter((p) => p.code === 'HIPAA_PARTITION_MISMATCH').map((p) => p.path)).toEqual(['accounts[0].regions[0]', 'pools[0].region']);
  });

  it('accepts a GovCloud home Region with GovCloud tenants', () => {
    expect(only({ homeRegion: 'us-gov-west-1', accounts: [{ ...ACCOUNT_A, regions: ['us-gov-east-1'] }], tenants: [{ id: 'acme', region: 'us-gov-east-1' }] })).toEqual([]);
  });
});

describe('S3 backend', () => {
  const s3 = (bucket: string, extra: Record<string, unknown> = {}) => ({
    backend: { type: 's3' as const, bucket, region: 'us-east-1' as const, kmsKeyId: 'alias/tf-state', ...extra },
  });

  it('rejects a bucket given as an s3:// URL, with the bare name as the fix', () => {
    const problems = only(s3('s3://acme-state'));
    expect(problems).toEqual([expect.objectContaining({ code: 'HIPAA_BACKEND_BUCKET', path: 'backend.bucket', value: 's3://acme-state' })]);
    expect(problems[0].fix).toContain('"acme-state"');
  });

  // General purpose bucket naming rules (Amazon S3 User Guide, "Bucket naming rules").
  test.each(['Acme-State', 'acme_state', 'acme..state', '-acme', 'acme-', '192.168.1.10', 'xn--acme', 'acme-s3alias', 'acme--ol-s3'])('rejects the bucket name %s', (bucket) => {
    expect(only(s3(bucket)).map((p) => p.code)).toEqual(['HIPAA_BACKEND_BUCKET']);
  });

  test.each([['/hipaa'], ['hipaa/'], ['a//b'], ['']])('rejects the state key prefix %j', (keyPrefix) => {
    expect(only(s3('acme-state', { keyPrefix })).map((p) => [p.code, p.path])).toEqual([['HIPAA_BACKEND_KEY', 'backend.keyPrefix']]);
  });

  test.each([['kms-key'], ['arn:aws:s3:::bucket'], ['alias/'], ['arn:aws-us-gov:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab']])(
    'rejects the state KMS key %j',
    (kmsKeyId) => {
      expect(only(s3('acme-state', { kmsKeyId })).map((p) => [p.code, p.path])).toEqual([['HIPAA_BACKEND_KMS_KEY', 'backend.kmsKeyId']]);
    },
  );

  test.each([
    ['alias/terraform-state'],
    ['1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['arn:aws:kms:us-west-2:123456789012:alias/tf'],
  ])('accepts the state KMS key %j', (kmsKeyId) => {
    expect(only(s3('acme-state', { kmsKeyId }))).toEqual([]);
  });

  it('rejects a backend role that is not an IAM role ARN', () => {
    expect(only(s3('acme-state', { roleArn: 'TerraformState' })).map((p) => [p.code, p.path])).toEqual([['HIPAA_BACKEND_ROLE', 'backend.roleArn']]);
  });

  it('accepts a valid bucket, key prefix and Region', () => {
    expect(only(s3('acme.terraform-state-1', { keyPrefix: 'hipaa/prod' }))).toEqual([]);
  });
});

describe('tags', () => {
  it('rejects tag keys with the reserved aws: prefix in any case', () => {
    const problems = only({ tags: { 'AWS:Owner': 'x' }, tenants: [{ id: 'acme', tags: { 'aws:cost': 'y' } }] });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['HIPAA_TAG_KEY', 'tags["AWS:Owner"]'],
      ['HIPAA_TAG_KEY', 'tenants[0].tags["aws:cost"]'],
    ]);
    expect(problems[0].message).toContain('aws:');
  });

  it('rejects a key over 128 characters and a value over 256 characters', () => {
    const problems = only({ tags: { [`k${'x'.repeat(128)}`]: 'v', Owner: 'v'.repeat(257) } });
    expect(problems.map((p) => p.code)).toEqual(['HIPAA_TAG_KEY', 'HIPAA_TAG_VALUE']);
    expect(problems[1].path).toBe('tags.Owner');
  });

  it('rejects characters tags do not allow', () => {
    expect(only({ tags: { 'cost#center': 'a', Team: 'a;b' } }).map((p) => p.code)).toEqual(['HIPAA_TAG_KEY', 'HIPAA_TAG_VALUE']);
  });

  it('accepts keys and values at the limits with the allowed punctuation', () => {
    expect(only({ tags: { ['k'.repeat(128)]: 'v'.repeat(256), 'team:cost-center/_.=+@ x': 'a b:c/d_e.f=g+h-i@j', Empty: '' } })).toEqual([]);
  });
});

describe('audit retention the synth can meet', () => {
  const ack = { auditRetentionAcknowledgement: { reason: 'sandbox without production data' } };

  // The audit buckets move objects to Glacier after 90 days, and an S3 lifecycle transition must
  // come before expiration; below 91 days the synth used to fail inside a construct.
  it('rejects an acknowledged retention the audit bucket lifecycle cannot hold, naming the floor', () => {
    const problems = only({ auditRetentionDays: 90, ...ack });
    expect(problems).toEqual([expect.objectContaining({ code: 'HIPAA_RETENTION_UNREACHABLE', path: 'auditRetentionDays', value: 90 })]);
    expect(problems[0].fix).toContain('91');
  });

  // CloudWatch Logs' longest listed retention is 3653 days (PutRetentionPolicy); longer audit
  // retention made every log group a HIPAA-CW-002 violation.
  it('rejects a retention longer than CloudWatch Logs can keep logs', () => {
    const problems = only({ auditRetentionDays: 3654 });
    expect(problems).toEqual([expect.objectContaining({ code: 'HIPAA_RETENTION_UNREACHABLE', path: 'auditRetentionDays', value: 3654 })]);
    expect(problems[0].fix).toContain('3653');
  });

  it('accepts the ends of the range the synth can meet', () => {
    expect(only({ auditRetentionDays: 91, ...ack })).toEqual([]);
    expect(only({ auditRetentionDays: 3653 })).toEqual([]);
  });
});

describe('suppression problems', () => {
  it('names the index the user wrote, not one offset by built-in suppressions', () => {
    const builtIn = [
      { rule: 'HIPAA-S3-001', reason: 'built-in construct suppression', constructPath: 'stack/bucket', source: 'construct stack/bucket' },
      { rule: 'HIPAA-S3-002', reason: 'built-in waiver suppression', constructPath: 'stack/other', source: 'waiver x at stack/other' },
    ];
    const user = [
      { rule: 'HIPAA-S3-001', reason: 'a valid user suppression', source: 'configuration' },
      { rule: 'HIPAA-NOPE-1', reason: 'an unknown rule id here', source: 'configuration' },
    ];
    const problems = problemsOf(() => validateSuppressions([...builtIn, ...user], new Set(['HIPAA-S3-001', 'HIPAA-S3-002'])));
    expect(problems.map((p) => p.path)).toEqual(['suppressions[1].rule']);
  });
});
