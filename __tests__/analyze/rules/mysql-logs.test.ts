/**
 * HIPAA-RDS-009 for RDS for MySQL: the activity record is the general log or the audit log of the
 * MariaDB Audit Plugin option ("MariaDB Audit Plugin support for MySQL", RDS User Guide). The audit
 * export counts only when the instance's option group loads the plugin.
 */
import { evaluate, HIPAA_PACK, type JsonObject } from '../../../lib/analyze/rules';
import { tf, type Resources } from './fixtures/helpers';

const rule = HIPAA_PACK.rules.filter((r) => r.id === 'HIPAA-RDS-009');
const auditGroup = (option: string) => ({
  aws_db_option_group: { o: { name: 'db-mysql8-4-audit', engine_name: 'mysql', major_engine_version: '8.4', option: [{ option_name: option }] } },
});

function verdict(cfg: JsonObject, extra: Resources = {}): { status: string; message: string } {
  const stacks = tf({ aws_db_instance: { d: { engine: 'mysql', instance_class: 'db.t4g.medium', ...cfg } }, ...extra });
  const [f] = evaluate(stacks, { rules: rule }).findings;
  return { status: f.status, message: f.message };
}

describe('HIPAA-RDS-009 on RDS for MySQL', () => {
  it('passes the audit log when the option group loads MARIADB_AUDIT_PLUGIN, without the general log', () => {
    const v = verdict({ enabled_cloudwatch_logs_exports: ['audit', 'error', 'slowquery'], option_group_name: '${aws_db_option_group.o.name}' }, auditGroup('MARIADB_AUDIT_PLUGIN'));
    expect(v).toEqual({ status: 'compliant', message: expect.stringMatching(/loads MARIADB_AUDIT_PLUGIN/) });
  });

  it('passes the general log as the activity record', () => {
    expect(verdict({ enabled_cloudwatch_logs_exports: ['error', 'general', 'slowquery'] }).status).toBe('compliant');
  });

  it('reports an audit export on the default option group: the audit log stays empty', () => {
    expect(verdict({ enabled_cloudwatch_logs_exports: ['audit', 'error', 'slowquery'] })).toEqual({
      status: 'non_compliant',
      message: expect.stringMatching(/default option group.*audit log stays empty/),
    });
  });

  it('reports an audit export whose option group has no audit plugin', () => {
    const v = verdict({ enabled_cloudwatch_logs_exports: ['audit', 'error', 'slowquery'], option_group_name: '${aws_db_option_group.o.name}' }, auditGroup('MEMCACHED'));
    expect(v).toEqual({ status: 'non_compliant', message: expect.stringMatching(/has no MARIADB_AUDIT_PLUGIN option/) });
  });

  it('reports an instance that exports neither the general nor the audit log', () => {
    expect(verdict({ enabled_cloudwatch_logs_exports: ['error', 'slowquery'] })).toEqual({ status: 'non_compliant', message: expect.stringMatching(/lacks general or audit/) });
  });

  it('still requires the error and slow query logs', () => {
    expect(verdict({ enabled_cloudwatch_logs_exports: ['general'] })).toEqual({ status: 'non_compliant', message: 'enabled_cloudwatch_logs_exports lacks error, slowquery' });
  });

  it('leaves an option group it cannot see undecided, never passed', () => {
    const v = verdict({ enabled_cloudwatch_logs_exports: ['audit', 'error', 'slowquery'], option_group_name: 'somewhere-else' });
    expect(v).toEqual({ status: 'non_compliant', message: expect.stringMatching(/not an aws_db_option_group the engine can see/) });
  });
});
