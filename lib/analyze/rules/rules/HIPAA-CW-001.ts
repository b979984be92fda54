import { customerKey } from '../checks/common';
import { AT_REST } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-CW-001',
  title: 'CloudWatch log groups are encrypted with a customer-managed KMS key',
  severity: 'high',
  controls: AT_REST,
  configRule: 'cloudwatch-log-group-encrypted',
  resourceTypes: ['aws_cloudwatch_log_group'],
  scope: 'resource',
  description:
    'kms_key_id must name a customer-managed key (reference to an aws_kms_key in the same stack, data.aws_kms_key, or a literal key ARN). Logs can contain ePHI (queries, request payloads, session transcripts).',
  remediation: 'Set kms_key_id to a customer-managed key whose policy allows logs.<region>.amazonaws.com.',
  check(group, ctx) {
    const key = customerKey(ctx, group, group.config.kms_key_id);
    if (key.answer === 'yes') return pass(key.detail);
    if (key.answer === 'unknown') return undecided(key.detail);
    return fail(`the log group is not encrypted with a customer key: ${key.detail}`);
  },
};
