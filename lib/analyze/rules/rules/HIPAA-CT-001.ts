import { customerKey } from '../checks/common';
import { AT_REST } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-CT-001',
  title: 'CloudTrail trails encrypt log files with a customer-managed KMS key',
  severity: 'high',
  controls: AT_REST,
  configRule: 'cloud-trail-encryption-enabled',
  resourceTypes: ['aws_cloudtrail'],
  scope: 'resource',
  description:
    'kms_key_id must name a customer-managed key (a reference to an aws_kms_key, alias or data.aws_kms_key in the same stack, or a literal key ARN). A variable or expression is reported.',
  remediation: 'Set kms_key_id to the ARN of a customer-managed aws_kms_key whose policy lets cloudtrail.amazonaws.com encrypt.',
  check(trail, ctx) {
    const key = customerKey(ctx, trail, trail.config.kms_key_id);
    if (key.answer === 'yes') return pass(key.detail);
    if (key.answer === 'unknown') return undecided(key.detail);
    return fail(`log files are not encrypted with a customer key: ${key.detail}`);
  },
};
