import { customerKey } from '../checks/common';
import { AT_REST } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-SNS-001',
  title: 'SNS topics are encrypted with a customer-managed KMS key',
  severity: 'medium',
  controls: AT_REST,
  configRule: 'sns-encrypted-kms',
  resourceTypes: ['aws_sns_topic'],
  scope: 'resource',
  description:
    'kms_master_key_id must name a customer-managed key (the AWS-managed alias/aws/sns fails: CloudWatch alarms and EventBridge cannot publish to a topic encrypted with it, and you cannot control its policy). The key policy must let the publishing services use it.',
  remediation: 'Set kms_master_key_id to a customer-managed key whose policy allows cloudwatch.amazonaws.com and events.amazonaws.com.',
  check(topic, ctx) {
    const key = customerKey(ctx, topic, topic.config.kms_master_key_id);
    if (key.answer === 'yes') return pass(key.detail);
    if (key.answer === 'unknown') return undecided(key.detail);
    return fail(`the topic is not encrypted with a customer key: ${key.detail}`);
  },
};
