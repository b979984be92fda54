import { evaluate, HIPAA_PACK, type JsonObject } from '../../../lib/analyze/rules';
import { tf } from './fixtures/helpers';

const CFG_001 = HIPAA_PACK.rules.find((r) => r.id === 'HIPAA-CFG-001')!;

function verdict(bucket: JsonObject, channelBucket: string) {
  const stacks = tf({
    aws_s3_bucket: { config: bucket },
    aws_config_configuration_recorder: { r: { name: 'default', role_arn: 'arn:aws:iam::111111111111:role/config', recording_group: { all_supported: true } } },
    aws_config_configuration_recorder_status: { s: { name: 'default', is_enabled: true } },
    aws_config_delivery_channel: { c: { name: 'default', s3_bucket_name: channelBucket } },
  });
  return evaluate(stacks, { rules: [CFG_001], accountRules: 'always' }).findings[0];
}

// AWS::Config::DeliveryChannel: "AWS Config does not support the delivery channel to an Amazon S3
// bucket where object lock is enabled" (the baseline's defect: it delivered to the locked audit bucket).
describe('HIPAA-CFG-001 and the delivery channel bucket', () => {
  it.each([
    ['by literal name', 'org-config'],
    ['by reference', '${aws_s3_bucket.config.bucket}'],
  ])('fails a delivery channel to a bucket with Object Lock enabled, found %s', (_how, target) => {
    expect(verdict({ bucket: 'org-config', object_lock_enabled: true }, target)).toMatchObject({
      status: 'non_compliant',
      message: expect.stringMatching(/aws_config_delivery_channel\.c delivers to aws_s3_bucket\.config, which has Object Lock enabled/),
    });
  });

  it('passes a delivery channel to a bucket without Object Lock', () => {
    expect(verdict({ bucket: 'org-config' }, 'org-config').status).toBe('compliant');
  });
});
