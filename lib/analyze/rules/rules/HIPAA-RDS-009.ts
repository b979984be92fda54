import { engineFamily, isAurora, loadsAuditPlugin, REQUIRED_LOGS } from '../checks/rds';
import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { strings } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-009',
  title: 'RDS DB instances export their logs to CloudWatch Logs',
  severity: 'medium',
  controls: ACTIVITY_REVIEW,
  configRule: 'rds-logging-enabled',
  resourceTypes: ['aws_db_instance'],
  scope: 'resource',
  description:
    "enabled_cloudwatch_logs_exports must include the engine's audit-relevant logs: postgres postgresql; mysql error, slowquery and either general or audit (audit counts only when the option group loads the MARIADB_AUDIT_PLUGIN option, since the export is otherwise empty); mariadb audit, error, general, slowquery; oracle alert, audit, listener, trace; sqlserver agent, error. An engine that is an expression is reported. Aurora instances export at the cluster (HIPAA-RDS-022).",
  remediation: "Set enabled_cloudwatch_logs_exports to the engine's log types (and log_connections/pgaudit in the parameter group for PostgreSQL).",
  check(db, ctx) {
    if (isAurora(db)) return skip('Aurora log exports are set on the cluster');
    const family = engineFamily(db.config.engine);
    if (!family) return undecided(`engine ${JSON.stringify(db.config.engine)} is not a literal engine the rule knows`);
    const exports = strings(db.config.enabled_cloudwatch_logs_exports);
    if (exports === 'unknown') return undecided('enabled_cloudwatch_logs_exports is an expression');
    const have = exports === 'absent' ? [] : exports;
    const missing = REQUIRED_LOGS[family].filter((l) => !have.includes(l));
    if (missing.length > 0) return fail(`enabled_cloudwatch_logs_exports lacks ${missing.join(', ')}`);
    if (family === 'mysql') {
      // Connections and DDL/DCL: the general log (which also copies every statement, PHI included)
      // or the audit log of the MariaDB Audit Plugin. RDS User Guide: "MySQL database log files".
      if (have.includes('general')) return pass(`exports ${REQUIRED_LOGS[family].join(', ')}, general logs`);
      if (!have.includes('audit')) return fail('enabled_cloudwatch_logs_exports lacks general or audit (with the MARIADB_AUDIT_PLUGIN option)');
      const plugin = loadsAuditPlugin(ctx, db);
      if (plugin.status === 'unknown') return undecided(`audit is exported but ${plugin.detail}`);
      if (plugin.status === 'no') return fail(`audit is exported but ${plugin.detail}, so the audit log stays empty`);
      return pass(`exports ${REQUIRED_LOGS[family].join(', ')}, audit logs; ${plugin.detail}`);
    }
    return pass(`exports ${REQUIRED_LOGS[family].join(', ')} logs`);
  },
};
