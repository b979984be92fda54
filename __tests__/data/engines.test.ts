import * as fs from 'fs';
import * as path from 'path';
import { ENGINE_PROFILES, engineParameters, familySlug, majorVersion, parameterFamily, supportedEngineVersions, supportsMysqlAuditPlugin } from '../../lib/constructs/data/engines';

describe('parameterFamily', () => {
  test.each([
    ['postgres', '14', 'postgres14'],
    ['postgres', '15.8', 'postgres15'],
    ['postgres', '16', 'postgres16'],
    ['postgres', '16.4', 'postgres16'],
    ['postgres', '17.2', 'postgres17'],
    ['mysql', '8.0', 'mysql8.0'],
    ['mysql', '8.0.39', 'mysql8.0'],
    ['mysql', '8.4', 'mysql8.4'],
    ['mysql', '8.4.3', 'mysql8.4'],
  ])('maps %s %s to the %s family', (engine, version, family) => {
    expect(parameterFamily(engine, version)).toBe(family);
  });

  test.each([
    ['postgres', '12'],
    ['postgres', '13.9'],
    ['postgres', '99'],
    ['mysql', '5.7'],
    ['mysql', '8'],
    ['mysql', '9.1'],
    ['mariadb', '10.11'],
    ['aurora-postgresql', '16'],
    ['postgres', 'latest'],
    ['postgres', ''],
  ])('knows no family for %s %s', (engine, version) => {
    expect(parameterFamily(engine, version)).toBeUndefined();
  });
});

test('lists every supported engine version for error messages', () => {
  expect(supportedEngineVersions()).toEqual(['postgres 14', 'postgres 15', 'postgres 16', 'postgres 17', 'mysql 8.0', 'mysql 8.4']);
});

test('takes the major version by engine: one part for PostgreSQL, two for MySQL', () => {
  expect(majorVersion('postgres', '16.4')).toBe('16');
  expect(majorVersion('mysql', '8.0.39')).toBe('8.0');
});

test('turns a family into a name-safe slug', () => {
  expect(familySlug('mysql8.0')).toBe('mysql8-0');
  expect(familySlug('postgres17')).toBe('postgres17');
});

test.each([
  ['8.0', true],
  ['8.0.28', true],
  ['8.0.39', true],
  ['8.0.27', false],
  ['8.0.25', false],
  ['8.4', true],
  ['8.4.3', true],
])('MySQL %s can load the audit plugin: %s', (version, ok) => {
  expect(supportsMysqlAuditPlugin(version)).toBe(ok);
});

describe('engineParameters', () => {
  const asMap = (ps: Array<{ name: string; value: string }>) => Object.fromEntries(ps.map((p) => [p.name, p.value]));

  test('forces TLS and logs connections on PostgreSQL, with pgAudit for DDL and roles', () => {
    expect(asMap(engineParameters('postgres', { pgAudit: true }))).toEqual({
      'rds.force_ssl': '1',
      ssl_min_protocol_version: 'TLSv1.2',
      log_connections: '1',
      log_disconnections: '1',
      shared_preload_libraries: 'pg_stat_statements,pgaudit',
      'pgaudit.log': 'ddl,role',
      'pgaudit.log_parameter': '0',
    });
  });

  test('keeps TLS and connection logging when pgAudit is off', () => {
    const params = asMap(engineParameters('postgres', { pgAudit: false }));
    expect(params).toMatchObject({ 'rds.force_ssl': '1', log_connections: '1', log_disconnections: '1' });
    expect(Object.keys(params).some((k) => k.startsWith('pgaudit') || k === 'shared_preload_libraries')).toBe(false);
  });

  test('forces TLS on MySQL, writes logs to files for export, and keeps the general log (PHI) off', () => {
    expect(asMap(engineParameters('mysql', { pgAudit: true }))).toEqual({
      require_secure_transport: '1',
      log_output: 'FILE',
      slow_query_log: '1',
      long_query_time: '2',
      general_log: '0',
    });
  });
});

test('exports the logs RDS accepts for each engine, without the MySQL general log', () => {
  expect(ENGINE_PROFILES.postgres.logExports).toEqual(['postgresql', 'upgrade', 'iam-db-auth-error']);
  expect(ENGINE_PROFILES.mysql.logExports).toEqual(['audit', 'error', 'slowquery', 'iam-db-auth-error']);
});

describe('pgAudit runbook', () => {
  // pgAudit records nothing until CREATE EXTENSION runs in each database; Terraform cannot run it.
  test('documents CREATE EXTENSION pgaudit and every pgAudit parameter the parameter group sets, with its value', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/pgaudit.md'), 'utf8');
    expect(doc).toContain('CREATE EXTENSION IF NOT EXISTS pgaudit;');
    const params = engineParameters('postgres', { pgAudit: true }).filter((p) => /pgaudit/.test(p.name) || /pgaudit/.test(p.value));
    expect(params.length).toBeGreaterThan(0);
    for (const p of params) expect(doc).toContain(`| \`${p.name}\` | \`${p.value}\` |`);
  });
});
