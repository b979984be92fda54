import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { RdsOsMetricsLogGroup } from '../../lib/constructs/data/rds-os-metrics';
import { TARGET, dataStack, nameOf, policyOf, ref, statement, synthJson } from './fixtures';

describe('RdsOsMetricsLogGroup', () => {
  test('pre-creates RDSOSMetrics encrypted with its own key and kept for the audit retention (2192 days)', () => {
    const { stack } = dataStack();
    new RdsOsMetricsLogGroup(stack, 'OsMetrics', { target: TARGET, keyAlias: 'org/rds-os-metrics' });
    const { text, json } = synthJson(stack);
    const key = nameOf(json, 'aws_kms_key', 'OsMetrics');
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: 'RDSOSMetrics',
      kms_key_id: ref('aws_kms_key', key, 'arn'),
      retention_in_days: 2192,
      skip_destroy: true,
    });
  });

  test('lets CloudWatch Logs use the key only for the RDSOSMetrics group of this account and Region', () => {
    const { stack } = dataStack();
    new RdsOsMetricsLogGroup(stack, 'OsMetrics', { target: TARGET, keyAlias: 'org/rds-os-metrics' });
    const { json } = synthJson(stack);
    const policy = policyOf(json.resource.aws_kms_key[nameOf(json, 'aws_kms_key', 'OsMetrics')].policy);
    expect(statement(policy, 'CloudWatchLogsRdsOsMetrics')).toMatchObject({
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:log-group:RDSOSMetrics' } },
    });
  });
});
