/**
 * RDS and Aurora: engine families, the log types each engine exports, and TLS enforcement through
 * DB (cluster) parameter groups.
 */
import type { RuleContext } from '../rule';
import type { Resource } from '../types';
import { blocks, isExpression, str } from '../../../terraform/values';
import { literal } from './common';

export type EngineFamily = 'postgres' | 'mysql' | 'mariadb' | 'oracle' | 'sqlserver' | 'db2' | 'aurora-postgresql' | 'aurora-mysql';

/** The engine family of `engine`, or undefined for an expression or an unknown engine. */
export function engineFamily(engine: unknown): EngineFamily | undefined {
  const e = typeof engine === 'string' ? engine : undefined;
  if (e === undefined) return undefined;
  if (e === 'postgres') return 'postgres';
  if (e === 'mysql') return 'mysql';
  if (e === 'mariadb') return 'mariadb';
  if (e === 'aurora-postgresql') return 'aurora-postgresql';
  if (e === 'aurora-mysql' || e === 'aurora') return 'aurora-mysql';
  if (e.startsWith('oracle')) return 'oracle';
  if (e.startsWith('sqlserver')) return 'sqlserver';
  if (e.startsWith('db2')) return 'db2';
  return undefined;
}

export function isAurora(r: Resource): boolean {
  return typeof r.config.engine === 'string' && r.config.engine.startsWith('aurora');
}

/**
 * Log types each engine must export to CloudWatch Logs for audit (cluster and instance). For RDS
 * for MySQL the record of who connected and what they changed is either the `general` log or the
 * `audit` log of the MariaDB Audit Plugin option (see MYSQL_ACTIVITY_LOGS); only the rest is listed.
 */
export const REQUIRED_LOGS: Record<EngineFamily, readonly string[]> = {
  postgres: ['postgresql'],
  'aurora-postgresql': ['postgresql'],
  mysql: ['error', 'slowquery'],
  'aurora-mysql': ['audit', 'error', 'general', 'slowquery'],
  mariadb: ['audit', 'error', 'general', 'slowquery'],
  oracle: ['alert', 'audit', 'listener', 'trace'],
  sqlserver: ['agent', 'error'],
  db2: ['diag.log', 'notify.log'],
};

/** The option that writes the RDS for MySQL `audit` log (MariaDB Audit Plugin, in an option group). */
export const MYSQL_AUDIT_PLUGIN_OPTION = 'MARIADB_AUDIT_PLUGIN';

export interface AuditPluginAnswer {
  readonly status: 'yes' | 'no' | 'unknown';
  readonly detail: string;
}

/**
 * Whether a MySQL instance loads the MariaDB Audit Plugin: its option group, resolved by reference
 * or by literal name in the same account, has the MARIADB_AUDIT_PLUGIN option. Without it the
 * `audit` export stays empty (RDS User Guide, "MariaDB Audit Plugin support for MySQL"), so the
 * export alone does not count. A group the engine cannot see is unknown, never a pass.
 */
export function loadsAuditPlugin(ctx: RuleContext, db: Resource): AuditPluginAnswer {
  const ref = db.config.option_group_name;
  if (ref === undefined || ref === null) return { status: 'no', detail: 'it uses the default option group, which has no MARIADB_AUDIT_PLUGIN option' };
  let group = ctx.resolve(db, ref);
  if (!group) {
    const name = literal(ref);
    if (name !== undefined) {
      group = (ctx.accountOf(db).byType.get('aws_db_option_group') ?? []).find((g) => literal(g.config.name) === name);
      if (!group && name.startsWith('default:')) return { status: 'no', detail: `it uses the default option group ${name}` };
    }
  }
  if (!group || group.type !== 'aws_db_option_group') {
    return { status: 'unknown', detail: `option_group_name ${JSON.stringify(ref)} is not an aws_db_option_group the engine can see` };
  }
  const options = blocks(group.config.option);
  if (options.some((o) => isExpression(o.option_name))) return { status: 'unknown', detail: `${group.address} names an option with an expression` };
  if (options.some((o) => o.option_name === MYSQL_AUDIT_PLUGIN_OPTION)) return { status: 'yes', detail: `${group.address} loads ${MYSQL_AUDIT_PLUGIN_OPTION}` };
  return { status: 'no', detail: `${group.address} has no ${MYSQL_AUDIT_PLUGIN_OPTION} option` };
}

/** The parameter that forces TLS, and the values that mean "on", per engine family. */
export const TLS_PARAMETER: Partial<Record<EngineFamily, { name: string; on: readonly string[] }>> = {
  postgres: { name: 'rds.force_ssl', on: ['1'] },
  'aurora-postgresql': { name: 'rds.force_ssl', on: ['1'] },
  sqlserver: { name: 'rds.force_ssl', on: ['1'] },
  mysql: { name: 'require_secure_transport', on: ['1', 'ON', 'on'] },
  mariadb: { name: 'require_secure_transport', on: ['1', 'ON', 'on'] },
  'aurora-mysql': { name: 'require_secure_transport', on: ['1', 'ON', 'on'] },
};

export interface TlsAnswer {
  readonly status: 'yes' | 'no' | 'unknown';
  readonly detail: string;
}

/**
 * Whether the database enforces TLS: its (cluster) parameter group, resolved by reference or by
 * literal name in the same account, sets the engine's TLS parameter to on. A default parameter
 * group, or a group the engine cannot see, does not count.
 */
export function enforcesTls(ctx: RuleContext, db: Resource, groupKey: string, groupType: string): TlsAnswer {
  const family = engineFamily(db.config.engine);
  if (family === undefined) {
    return { status: 'unknown', detail: `engine ${JSON.stringify(db.config.engine)} is not a literal engine the rule knows` };
  }
  const param = TLS_PARAMETER[family];
  if (!param) return { status: 'unknown', detail: `TLS enforcement for ${family} is configured outside parameter groups` };
  const ref = db.config[groupKey];
  if (ref === undefined || ref === null) {
    return { status: 'no', detail: `it uses the default parameter group; set ${param.name}=${param.on[0]} in a custom group` };
  }
  let group = ctx.resolve(db, ref);
  if (!group) {
    const name = literal(ref);
    if (name !== undefined) {
      group = (ctx.accountOf(db).byType.get(groupType) ?? []).find((g) => literal(g.config.name) === name);
      if (!group && name.startsWith('default.')) {
        return { status: 'no', detail: `it uses the default parameter group ${name}` };
      }
    }
  }
  if (!group || group.type !== groupType) {
    return { status: 'unknown', detail: `${groupKey} ${JSON.stringify(ref)} is not a ${groupType} the engine can see` };
  }
  const set = blocks(group.config.parameter).filter((p) => p.name === param.name);
  // The parameter blocks are a set: written twice with different values, which one RDS keeps is not defined.
  if (new Set(set.map((p) => JSON.stringify(p.value))).size > 1) {
    return { status: 'unknown', detail: `${group.address} sets ${param.name} more than once, to different values` };
  }
  for (const p of set) {
    const v = str(p.value);
    if (v === 'unknown') return { status: 'unknown', detail: `${group.address} sets ${param.name} to an expression` };
    if (typeof v === 'string' && param.on.includes(v)) return { status: 'yes', detail: `${group.address} sets ${param.name}=${v}` };
    return { status: 'no', detail: `${group.address} sets ${param.name}=${String(v)}` };
  }
  return { status: 'no', detail: `${group.address} does not set ${param.name}=${param.on[0]}` };
}
