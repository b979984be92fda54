import { isSet } from '../checks/common';
import { AUDIT_LOGGING } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { num } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-008',
  title: 'RDS DB instances have enhanced monitoring',
  severity: 'low',
  controls: [AUDIT_LOGGING[1]],
  configRule: 'rds-enhanced-monitoring-enabled',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
  scope: 'resource',
  description:
    'monitoring_interval must be greater than 0 (1, 5, 10, 15, 30 or 60 seconds) and monitoring_role_arn must be set (a literal ARN or a reference to an aws_iam_role in the same stack).',
  remediation: 'Set monitoring_interval = 60 and monitoring_role_arn to a role with AmazonRDSEnhancedMonitoringRole.',
  check(db, ctx) {
    const interval = num(db.config.monitoring_interval);
    if (interval === 'unknown') return undecided('monitoring_interval is an expression');
    if (interval === 'absent' || interval <= 0) return fail('monitoring_interval is not set above 0');
    const role = isSet(ctx, db, db.config.monitoring_role_arn, ['aws_iam_role']);
    if (role.answer === 'no') return fail('monitoring_role_arn is not set');
    if (role.answer === 'unknown') return undecided(`monitoring_role_arn: ${role.detail}`);
    return pass(`enhanced monitoring every ${interval} seconds`);
  },
};
