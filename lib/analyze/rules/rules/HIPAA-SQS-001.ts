import { customerKey } from '../checks/common';
import { AT_REST } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-SQS-001',
  title: 'SQS queues are encrypted with a customer-managed KMS key',
  severity: 'medium',
  controls: AT_REST,
  resourceTypes: ['aws_sqs_queue'],
  scope: 'resource',
  description:
    'kms_master_key_id must name a customer-managed key. SSE-SQS (sqs_managed_sse_enabled) encrypts with a key AWS owns: no key policy of yours limits who can read messages and no CloudTrail event records key use, so it fails. There is no AWS Config managed rule for this.',
  remediation: 'Set kms_master_key_id to a customer-managed key.',
  check(queue, ctx) {
    const key = customerKey(ctx, queue, queue.config.kms_master_key_id);
    if (key.answer === 'yes') return pass(key.detail);
    if (key.answer === 'unknown') return undecided(key.detail);
    return fail(`the queue is not encrypted with a customer key: ${key.detail}`);
  },
};
