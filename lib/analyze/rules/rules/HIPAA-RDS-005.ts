import { isAurora } from '../checks/rds';
import { AVAILABILITY } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-005',
  title: 'RDS DB instances have deletion protection',
  severity: 'high',
  controls: AVAILABILITY,
  configRule: 'rds-instance-deletion-protection-enabled',
  resourceTypes: ['aws_db_instance'],
  scope: 'resource',
  description: 'deletion_protection must be true (default false). Aurora instances are protected at the cluster (HIPAA-RDS-017).',
  remediation: 'Set deletion_protection = true.',
  check(db) {
    if (isAurora(db)) return skip('Aurora deletion protection is set on the cluster');
    const v = bool(db.config.deletion_protection);
    if (v === true) return pass('deletion protection is on');
    if (v === 'unknown') return undecided('deletion_protection is an expression');
    return fail(`deletion_protection is ${v === 'absent' ? 'not set (default false)' : 'false'}`);
  },
};
