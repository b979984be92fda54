import { NOT_PUBLIC } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { isExpression, strings } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-014',
  title: 'RDS snapshots are not shared publicly',
  severity: 'critical',
  controls: NOT_PUBLIC,
  configRule: 'rds-snapshots-public-prohibited',
  resourceTypes: ['aws_db_snapshot', 'aws_db_cluster_snapshot'],
  scope: 'resource',
  description: 'shared_accounts must not contain "all", which makes the snapshot restorable by any AWS account.',
  remediation: 'Remove "all" from shared_accounts; share with named accounts only.',
  check(snap) {
    const shared = strings(snap.config.shared_accounts);
    if (shared === 'unknown') return undecided('shared_accounts is an expression');
    if (shared !== 'absent' && shared.some((a) => a.trim().toLowerCase() === 'all')) return fail('shared_accounts includes "all"');
    const unknown = shared === 'absent' ? undefined : shared.find((a) => isExpression(a));
    if (unknown !== undefined) return undecided(`shared_accounts holds the expression ${unknown}, which may be "all"`);
    return pass('the snapshot is not public');
  },
};
