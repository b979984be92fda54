/**
 * What each supported database engine needs: its parameter group family per major version, its
 * port, the logs RDS can export, and the parameters that force TLS and record connections. Plain
 * data and functions, so the table is tested without synthesis.
 */

export type DatabaseEngine = 'postgres' | 'mysql';

/** Every engine the data tier supports, for messages and config validation. */
export const DATABASE_ENGINES: readonly DatabaseEngine[] = ['postgres', 'mysql'];

/**
 * Major version -> DB parameter group family. Only versions in RDS standard support are listed, so
 * a tenant never lands on paid Extended Support by default. A new major version is one line here.
 */
export const PARAMETER_FAMILIES: Readonly<Record<DatabaseEngine, Readonly<Record<string, string>>>> = {
  postgres: { '14': 'postgres14', '15': 'postgres15', '16': 'postgres16', '17': 'postgres17' },
  mysql: { '8.0': 'mysql8.0', '8.4': 'mysql8.4' },
};

/** A parameter as RDS takes it. Every one we set is applied at the next reboot. */
export interface EngineParameter {
  readonly name: string;
  readonly value: string;
}

export interface EngineProfile {
  /** Engine version used when none is given: a major version, so RDS picks the current minor. */
  readonly defaultVersion: string;
  readonly defaultPort: number;
  /** Logs exported to CloudWatch Logs (values of `enabled_cloudwatch_logs_exports`). */
  readonly logExports: readonly string[];
}

export const ENGINE_PROFILES: Readonly<Record<DatabaseEngine, EngineProfile>> = {
  postgres: { defaultVersion: '17', defaultPort: 5432, logExports: ['postgresql', 'upgrade', 'iam-db-auth-error'] },
  // `general` is left out on purpose: the general query log records every statement with its
  // literal values, which for a PHI database means PHI in the logs. Connections and DDL/DCL are
  // recorded by the audit plugin instead (see mysqlAuditOption).
  mysql: { defaultVersion: '8.4', defaultPort: 3306, logExports: ['audit', 'error', 'slowquery', 'iam-db-auth-error'] },
};

export function isDatabaseEngine(value: unknown): value is DatabaseEngine {
  return typeof value === 'string' && (DATABASE_ENGINES as readonly string[]).includes(value);
}

/** The major version of an engine version string: `16.4` -> `16`, `8.0.39` -> `8.0`. */
export function majorVersion(engine: DatabaseEngine, version: string): string {
  const parts = version.trim().split('.');
  return engine === 'postgres' ? parts[0] : parts.slice(0, 2).join('.');
}

/** The parameter group family for an engine and version, or undefined when it is not in the table. */
export function parameterFamily(engine: string, version: string): string | undefined {
  if (!isDatabaseEngine(engine) || typeof version !== 'string' || !/^\d+(\.\d+){0,2}$/.test(version.trim())) return undefined;
  return PARAMETER_FAMILIES[engine][majorVersion(engine, version)];
}

/** `postgres 14`, ..., `mysql 8.4`: the supported engine versions, for messages. */
export function supportedEngineVersions(): string[] {
  return DATABASE_ENGINES.flatMap((e) => Object.keys(PARAMETER_FAMILIES[e]).map((v) => `${e} ${v}`));
}

/** Whether a MySQL version can load the MariaDB Audit Plugin (8.0.28 and later, all of 8.4). */
export function supportsMysqlAuditPlugin(version: string): boolean {
  const [major, minor, patch] = version.trim().split('.');
  if (`${major}.${minor}` !== '8.0') return true;
  return patch === undefined || Number(patch) >= 28;
}

/** Parameter group names take letters, digits and hyphens only: `mysql8.0` -> `mysql8-0`. */
export function familySlug(family: string): string {
  return family.replace(/\./g, '-');
}

/**
 * The parameters that make the database refuse plaintext connections and record who connects.
 *
 * PostgreSQL: `rds.force_ssl = 1` refuses non-TLS connections, TLS 1.2 is the floor,
 * `log_connections`/`log_disconnections` record every session (user, database, source, duration)
 * in the `postgresql` log. With `pgAudit`, pgAudit is preloaded and logs DDL and role/privilege
 * changes, never statement parameters (which could carry PHI); run `CREATE EXTENSION pgaudit;` once
 * in each database to record DDL details (runbook: docs/pgaudit.md).
 *
 * MySQL: `require_secure_transport = 1` refuses non-TLS connections (RDS instance parameter groups
 * store this boolean as `0`/`1`; `ON` is the Aurora cluster spelling). `log_output = FILE` is what
 * lets RDS export logs; the error log is always on, the slow query log records statements over two
 * seconds, and the general log stays off (it would copy every statement, with its PHI, into the
 * logs). Connections and DDL/DCL are recorded by the audit plugin option instead.
 */
export function engineParameters(engine: DatabaseEngine, options: { readonly pgAudit: boolean }): EngineParameter[] {
  if (engine === 'postgres') {
    return [
      { name: 'rds.force_ssl', value: '1' },
      { name: 'ssl_min_protocol_version', value: 'TLSv1.2' },
      { name: 'log_connections', value: '1' },
      { name: 'log_disconnections', value: '1' },
      ...(options.pgAudit
        ? [
            { name: 'shared_preload_libraries', value: 'pg_stat_statements,pgaudit' },
            { name: 'pgaudit.log', value: 'ddl,role' },
            { name: 'pgaudit.log_parameter', value: '0' },
          ]
        : []),
    ];
  }
  return [
    { name: 'require_secure_transport', value: '1' },
    { name: 'log_output', value: 'FILE' },
    { name: 'slow_query_log', value: '1' },
    { name: 'long_query_time', value: '2' },
    { name: 'general_log', value: '0' },
  ];
}

/**
 * The MariaDB Audit Plugin settings for MySQL: connections (including failed logins), DDL and DCL
 * (grants), exported as the `audit` log. DML is not recorded: it would copy PHI into the logs.
 */
export const MYSQL_AUDIT_OPTION = {
  optionName: 'MARIADB_AUDIT_PLUGIN',
  settings: [{ name: 'SERVER_AUDIT_EVENTS', value: 'CONNECT,QUERY_DDL,QUERY_DCL' }],
} as const;
