import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, type ComplianceResult } from '../../../lib/analyze/rules';
import { formatViolations, jsonReport, markdownReport, REPORT_FILES, sarifReport, summaryLine, writeReports } from '../../../lib/report/compliance';
import { ACCOUNT, at, baselineStack, SECURE_SUPPRESSIONS, stack, tenantStack } from './fixtures/secure';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('reports of a deployment with one violation, one suppression and one expired suppression', () => {
  let dir: string;
  let result: ComplianceResult;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hipaa-reports-'));
    const tenant = tenantStack();
    const db = (tenant.json.resource?.aws_db_instance.main ?? {}) as Record<string, unknown>;
    db.publicly_accessible = true;
    db.multi_az = false;
    file = join(dir, 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(tenant.json, null, 2));
    result = evaluate([baselineStack(), { ...tenant, file }], {
      now: NOW,
      suppressions: [
        ...SECURE_SUPPRESSIONS,
        { rule: 'HIPAA-RDS-006', reason: 'single-AZ is accepted for this tenant until launch', resources: ['tenant-acme:aws_db_instance.main'], expires: '2026-01-31' },
        { rule: 'HIPAA-KMS-002', reason: 'never matches anything, stale entry', resources: ['aws_kms_key.gone'] },
      ],
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('summarises in one line with rules, resources, violations and suppressions', () => {
    expect(summaryLine(result)).toBe(
      `HIPAA compliance: 113 rules, ${result.resourceCount} resources, 2 violations, 2 suppressed (2 stacks, 1 account, 1 expired suppression, 1 unused suppression)`,
    );
  });

  it('lists violations with rule, title, stack-qualified address, construct path, message and fix', () => {
    const text = formatViolations(result);
    expect(text).toContain('HIPAA-RDS-003 [critical] RDS DB instances are not publicly accessible');
    expect(text).toContain('  - tenant-acme: aws_db_instance.main (tenant-acme/Database/Resource)');
    expect(text).toContain('    publicly_accessible is true');
    expect(text).toContain('  Fix: Remove publicly_accessible or set it to false');
    expect(text).toContain('suppression expired on 2026-01-31: "single-AZ is accepted for this tenant until launch"');
  });

  it('writes the Markdown control matrix with statuses and suppression reasons', () => {
    const md = markdownReport(result);
    expect(md).toMatch(/^# HIPAA compliance report/);
    expect(md).toContain('### 164.312(a)(2)(iv) Encryption and decryption');
    expect(md).toMatch(/\| HIPAA-RDS-003 RDS DB instances are not publicly accessible \| tenant-acme: aws_db_instance.main \| \*\*VIOLATION\*\*: publicly_accessible is true \|/);
    expect(md).toMatch(/\| HIPAA-S3-014 .* \| account-baseline: aws_s3_bucket.trail \| suppressed: Audit buckets are protected by object lock/);
    expect(md).toContain('suppression expired 2026-01-31');
    expect(md).toMatch(/\| HIPAA-KMS-002 \| \(matched nothing\) \| never matches anything, stale entry/);
    expect(md).toContain(`| ${ACCOUNT} | 2 (account-baseline, tenant-acme) | evaluated |`);
  });

  it('writes JSON with counts and every finding, compliant ones included', () => {
    const json = JSON.parse(jsonReport(result));
    expect(json.summary).toEqual(expect.objectContaining({ rules: 113, violations: 2, suppressed: 2, expiredSuppressions: 1 }));
    expect(json.findings.length).toBe(result.findings.length);
    expect(json.rules[0]).toEqual(expect.objectContaining({ id: 'HIPAA-S3-001', controls: expect.any(Array), configRule: 's3-bucket-level-public-access-prohibited' }));
  });

  it('writes SARIF 2.1.0 with rules, levels, file and line locations, and accepted suppressions', () => {
    const sarif = JSON.parse(sarifReport(result, dir));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules).toHaveLength(113);
    const publicDb = run.results.find((r: { ruleId: string }) => r.ruleId === 'HIPAA-RDS-003');
    expect(publicDb.level).toBe('error');
    expect(publicDb.locations[0].physicalLocation.artifactLocation.uri).toBe('cdk.tf.json');
    const line = readFileSync(file, 'utf8').split('\n')[publicDb.locations[0].physicalLocation.region.startLine - 1];
    expect(line).toContain('"main"');
    expect(publicDb.locations[0].logicalLocations[0].fullyQualifiedName).toBe('tenant-acme/aws_db_instance.main');
    const sup = run.results.find((r: { ruleId: string }) => r.ruleId === 'HIPAA-S3-014');
    expect(sup.suppressions[0]).toEqual(expect.objectContaining({ kind: 'external', status: 'accepted' }));
    expect(run.results.every((r: { ruleIndex: number; ruleId: string }) => run.tool.driver.rules[r.ruleIndex].id === r.ruleId)).toBe(true);
  });

  it('writes all three files into the directory and returns their paths', () => {
    const out = join(dir, 'out');
    const paths = writeReports(result, out);
    expect(paths).toEqual([join(out, REPORT_FILES.markdown), join(out, REPORT_FILES.json), join(out, REPORT_FILES.sarif)]);
    expect(JSON.parse(readFileSync(paths[1], 'utf8')).summary.violations).toBe(2);
  });
});

describe('a compliant result', () => {
  it('says there are no violations', () => {
    const result = evaluate([stack('x', { aws_kms_key: { k: at('x', 'Key', { enable_key_rotation: true }) } })], { now: NOW });
    expect(formatViolations(result)).toMatch(/No violations\.$/);
    expect(summaryLine(result)).toMatch(
      /, 0 violations, 0 suppressed \(1 stack, 1 account\); account 111111111111: \d+ account-level rules skipped: only stack x was given and it holds no account baseline/,
    );
  });
});
