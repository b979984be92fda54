import { isAurora } from '../checks/rds';
import { AVAILABILITY } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { bool, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-006',
  title: 'RDS DB instances are Multi-AZ',
  severity: 'medium',
  controls: AVAILABILITY,
  configRule: 'rds-multi-az-support',
  resourceTypes: ['aws_db_instance'],
  scope: 'resource',
  description:
    'multi_az must be true, so a failure of one Availability Zone does not take ePHI offline (emergency mode operation). Read replicas and Aurora instances (HIPAA-RDS-018) are not applicable.',
  remediation: 'Set multi_az = true, or suppress for non-production environments with that reason.',
  check(db) {
    if (isAurora(db)) return skip("Aurora availability is set by the cluster's instances");
    // null and "" leave the argument unset: the instance is a primary, not a read replica.
    const source = str(db.config.replicate_source_db);
    const replica = source === 'unknown' ? 'unknown' : source !== 'absent' && source !== '';
    if (replica === true) return skip('read replicas are not Multi-AZ primaries');
    const v = bool(db.config.multi_az);
    if (v === true) return pass('the instance is Multi-AZ');
    if (replica === 'unknown') return undecided('replicate_source_db is an expression, so the instance may be a primary without multi_az');
    if (v === 'unknown') return undecided('multi_az is an expression');
    return fail(`multi_az is ${v === 'absent' ? 'not set (default false)' : 'false'}`);
  },
};
