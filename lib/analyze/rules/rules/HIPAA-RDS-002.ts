import { customerKey } from '../checks/common';
import { isAurora } from '../checks/rds';
import { AT_REST } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-002',
  title: 'RDS DB instances encrypt storage with a customer-managed KMS key',
  severity: 'high',
  controls: AT_REST,
  resourceTypes: ['aws_db_instance'],
  scope: 'resource',
  description:
    'kms_key_id must name a customer-managed key (reference to an aws_kms_key in the same stack, data.aws_kms_key, or a literal key ARN); without it RDS uses the AWS-managed aws/rds key, whose use no key policy of yours controls and which cannot be shared for cross-account backup copies. Aurora instances are not applicable (HIPAA-RDS-016).',
  remediation: "Set kms_key_id to the ARN of the tenant's customer-managed key.",
  check(db, ctx) {
    if (isAurora(db)) return skip('Aurora storage keys are set on the cluster');
    const key = customerKey(ctx, db, db.config.kms_key_id);
    if (key.answer === 'yes') return pass(key.detail);
    if (key.answer === 'unknown') return undecided(key.detail);
    return fail(`storage is not encrypted with a customer key: ${key.detail}`);
  },
};
