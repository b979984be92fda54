import { customerKey } from '../checks/common';
import { AT_REST } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-016',
  title: 'RDS and Aurora DB clusters encrypt storage with a customer-managed KMS key',
  severity: 'high',
  controls: AT_REST,
  resourceTypes: ['aws_rds_cluster'],
  scope: 'resource',
  description: 'kms_key_id must name a customer-managed key (reference to an aws_kms_key in the same stack, data.aws_kms_key, or a literal key ARN).',
  remediation: "Set kms_key_id to the tenant's customer-managed key.",
  check(cluster, ctx) {
    const key = customerKey(ctx, cluster, cluster.config.kms_key_id);
    if (key.answer === 'yes') return pass(key.detail);
    if (key.answer === 'unknown') return undecided(key.detail);
    return fail(`storage is not encrypted with a customer key: ${key.detail}`);
  },
};
