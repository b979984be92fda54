import { engineFamily, isAurora, REQUIRED_LOGS } from '../checks/rds';
import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { strings } from '../values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-009',
  title: 'RDS DB instances export their logs to CloudWatch Logs',
  severity: 'medium',
  controls: ACTIVITY_REVIEW,
  configRule: 'rds-logging-enabled',
  resourceTypes: ['aws_db_instance'],
  scope: 'resource',
  description:
    'enabled_cloudwatch_logs_exports must include the engine\'s audit-relevant logs: postgres postgresql; mysql error, general, slowquery; mariadb audit, error, general, slowquery; oracle alert, audit, listener, trace; sqlserver agent, error. An engine that is an expression is reported. Aurora instances export at the cluster (HIPAA-RDS-022).',
  remediation: 'Set enabled_cloudwatch_logs_exports to the engine\'s log types (and log_connections/pgaudit in the parameter group for PostgreSQL).',
  check(db) {
    if (isAurora(db)) return skip('Aurora log exports are set on the cluster');
    const family = engineFamily(db.config.engine);
    if (!family) return undecided(`engine ${JSON.stringify(db.config.engine)} is not a literal engine the rule knows`);
    const exports = strings(db.config.enabled_cloudwatch_logs_exports);
    if (exports === 'unknown') return undecided('enabled_cloudwatch_logs_exports is an expression');
    const have = exports === 'absent' ? [] : exports;
    const missing = REQUIRED_LOGS[family].filter((l) => !have.includes(l));
    if (missing.length > 0) return fail(`enabled_cloudwatch_logs_exports lacks ${missing.join(', ')}`);
    return pass(`exports ${REQUIRED_LOGS[family].join(', ')} logs`);
  },
};
