import { engineFamily, REQUIRED_LOGS } from '../checks/rds';
import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { strings } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-021',
  title: 'RDS and Aurora DB clusters export their logs to CloudWatch Logs',
  severity: 'medium',
  controls: ACTIVITY_REVIEW,
  configRule: 'rds-logging-enabled',
  resourceTypes: ['aws_rds_cluster'],
  scope: 'resource',
  description:
    'enabled_cloudwatch_logs_exports must include aurora-postgresql / postgres: postgresql; aurora-mysql: audit, error, general, slowquery; mysql: error, general, slowquery.',
  remediation: 'Set enabled_cloudwatch_logs_exports on the cluster.',
  check(cluster) {
    const family = engineFamily(cluster.config.engine);
    if (!family) return undecided(`engine ${JSON.stringify(cluster.config.engine)} is not a literal engine the rule knows`);
    const exports = strings(cluster.config.enabled_cloudwatch_logs_exports);
    if (exports === 'unknown') return undecided('enabled_cloudwatch_logs_exports is an expression');
    const have = exports === 'absent' ? [] : exports;
    // Multi-AZ DB clusters of RDS for MySQL take no option group, so no audit plugin: the general log is the record.
    const required = family === 'mysql' ? [...REQUIRED_LOGS.mysql, 'general'] : REQUIRED_LOGS[family];
    const missing = required.filter((l) => !have.includes(l));
    if (missing.length > 0) return fail(`enabled_cloudwatch_logs_exports lacks ${missing.join(', ')}`);
    return pass(`exports ${required.join(', ')} logs`);
  },
};
