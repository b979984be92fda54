import { NOT_PUBLIC } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-003',
  title: 'RDS DB instances are not publicly accessible',
  severity: 'critical',
  controls: NOT_PUBLIC,
  configRule: 'rds-instance-public-access-check',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
  scope: 'resource',
  description: 'publicly_accessible must not be true (absent means false).',
  remediation: 'Remove publicly_accessible or set it to false; reach the database through a bastion or VPC peering.',
  check(db) {
    const v = bool(db.config.publicly_accessible);
    if (v === true) return fail('publicly_accessible is true');
    if (v === 'unknown') return undecided('publicly_accessible is an expression');
    return pass('the instance is not publicly accessible');
  },
};
