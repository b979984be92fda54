import { AVAILABILITY } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-017',
  title: 'RDS and Aurora DB clusters have deletion protection',
  severity: 'high',
  controls: AVAILABILITY,
  configRule: 'rds-cluster-deletion-protection-enabled',
  resourceTypes: ['aws_rds_cluster'],
  scope: 'resource',
  description: 'deletion_protection must be true (default false).',
  remediation: 'Set deletion_protection = true.',
  check(cluster) {
    const v = bool(cluster.config.deletion_protection);
    if (v === true) return pass('deletion protection is on');
    if (v === 'unknown') return undecided('deletion_protection is an expression');
    return fail(`deletion_protection is ${v === 'absent' ? 'not set (default false)' : 'false'}`);
  },
};
