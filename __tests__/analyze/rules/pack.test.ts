import { hipaaConformancePack } from '../../../lib/constructs/detective/hipaa-conformance-pack';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AWS_CONFIG_RULES, CONTROLS, conformancePackTemplate, HIPAA_PACK, rulesDocument, rulesMarkdownTable } from '../../../lib/analyze/rules';

const RULES_DIR = join(__dirname, '..', '..', '..', 'lib', 'analyze', 'rules', 'rules');

describe('the HIPAA pack', () => {
  it('contains exactly these rules, in this order', () => {
    expect(HIPAA_PACK.rules.map((r) => r.id)).toEqual([
      'HIPAA-S3-001',
      'HIPAA-S3-002',
      'HIPAA-S3-003',
      'HIPAA-S3-004',
      'HIPAA-S3-005',
      'HIPAA-S3-006',
      'HIPAA-S3-007',
      'HIPAA-S3-008',
      'HIPAA-S3-009',
      'HIPAA-S3-010',
      'HIPAA-S3-011',
      'HIPAA-S3-012',
      'HIPAA-S3-013',
      'HIPAA-S3-014',
      'HIPAA-S3-015',
      'HIPAA-KMS-001',
      'HIPAA-KMS-002',
      'HIPAA-KMS-003',
      'HIPAA-CT-001',
      'HIPAA-CT-002',
      'HIPAA-CT-003',
      'HIPAA-CT-004',
      'HIPAA-CT-005',
      'HIPAA-CT-006',
      'HIPAA-CT-007',
      'HIPAA-CT-008',
      'HIPAA-CW-001',
      'HIPAA-CW-002',
      'HIPAA-CW-003',
      'HIPAA-CW-004',
      'HIPAA-RDS-001',
      'HIPAA-RDS-002',
      'HIPAA-RDS-003',
      'HIPAA-RDS-004',
      'HIPAA-RDS-005',
      'HIPAA-RDS-006',
      'HIPAA-RDS-007',
      'HIPAA-RDS-008',
      'HIPAA-RDS-009',
      'HIPAA-RDS-010',
      'HIPAA-RDS-011',
      'HIPAA-RDS-012',
      'HIPAA-RDS-013',
      'HIPAA-RDS-014',
      'HIPAA-RDS-015',
      'HIPAA-RDS-016',
      'HIPAA-RDS-017',
      'HIPAA-RDS-018',
      'HIPAA-RDS-019',
      'HIPAA-RDS-020',
      'HIPAA-RDS-021',
      'HIPAA-RDS-022',
      'HIPAA-RDS-023',
      'HIPAA-EC2-001',
      'HIPAA-EC2-002',
      'HIPAA-EC2-003',
      'HIPAA-EC2-004',
      'HIPAA-EC2-005',
      'HIPAA-EC2-006',
      'HIPAA-EC2-007',
      'HIPAA-EC2-008',
      'HIPAA-EC2-009',
      'HIPAA-EC2-010',
      'HIPAA-VPC-001',
      'HIPAA-VPC-002',
      'HIPAA-VPC-003',
      'HIPAA-VPC-004',
      'HIPAA-VPC-005',
      'HIPAA-VPC-006',
      'HIPAA-VPC-007',
      'HIPAA-IAM-001',
      'HIPAA-IAM-002',
      'HIPAA-IAM-003',
      'HIPAA-IAM-004',
      'HIPAA-IAM-005',
      'HIPAA-IAM-006',
      'HIPAA-IAM-007',
      'HIPAA-IAM-008',
      'HIPAA-IAM-009',
      'HIPAA-IAM-010',
      'HIPAA-IAM-011',
      'HIPAA-IAM-012',
      'HIPAA-IAM-013',
      'HIPAA-SM-001',
      'HIPAA-SM-002',
      'HIPAA-SM-003',
      'HIPAA-GD-001',
      'HIPAA-SH-001',
      'HIPAA-SH-002',
      'HIPAA-CFG-001',
      'HIPAA-CFG-002',
      'HIPAA-CFG-003',
      'HIPAA-SNS-001',
      'HIPAA-SNS-002',
      'HIPAA-SQS-001',
      'HIPAA-BK-001',
      'HIPAA-BK-002',
      'HIPAA-BK-003',
      'HIPAA-BK-004',
      'HIPAA-BK-005',
      'HIPAA-ELB-001',
      'HIPAA-ELB-002',
      'HIPAA-ELB-003',
      'HIPAA-ELB-004',
      'HIPAA-ELB-005',
      'HIPAA-ELB-006',
      'HIPAA-ELB-007',
      'HIPAA-ELB-008',
      'HIPAA-ELB-009',
      'HIPAA-ELB-010',
      'HIPAA-SSM-001',
      'HIPAA-SSM-002',
      'HIPAA-TF-001',
    ]);
  });

  it('has one file per rule, named exactly after the rule id, exporting that rule', () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => f !== 'index.ts')
      .sort();
    expect(files).toEqual(HIPAA_PACK.rules.map((r) => `${r.id}.ts`).sort());
    for (const f of files) {
      const mod = jest.requireActual<{ rule: { id: string } }>(join(RULES_DIR, f));
      expect(mod.rule.id).toBe(f.replace(/\.ts$/, ''));
    }
  });

  it.each(HIPAA_PACK.rules.map((r) => [r.id, r] as const))('%s has complete, valid metadata', (_id, r) => {
    expect(r.id).toMatch(/^HIPAA-[A-Z0-9]+-\d{3}$/);
    expect(['critical', 'high', 'medium', 'low']).toContain(r.severity);
    expect(['resource', 'account', 'stack']).toContain(r.scope);
    expect(r.controls.length).toBeGreaterThan(0);
    for (const c of r.controls) expect(Object.keys(CONTROLS)).toContain(c);
    expect(new Set(r.controls).size).toBe(r.controls.length);
    // Stack rules judge a whole module (its module calls), not resources of a type.
    if (r.scope !== 'stack') expect(r.resourceTypes.length).toBeGreaterThan(0);
    for (const t of r.resourceTypes) expect(t).toMatch(/^aws_[a-z0-9_]+$/);
    expect(r.title.length).toBeGreaterThan(10);
    expect(r.description.length).toBeGreaterThan(40);
    expect(r.remediation.length).toBeGreaterThan(10);
    if (r.configRule !== undefined) expect(Object.keys(AWS_CONFIG_RULES)).toContain(r.configRule);
  });

  it('has unique rule ids and titles', () => {
    expect(new Set(HIPAA_PACK.rules.map((r) => r.id)).size).toBe(HIPAA_PACK.rules.length);
    expect(new Set(HIPAA_PACK.rules.map((r) => r.title)).size).toBe(HIPAA_PACK.rules.length);
  });

  it('has at least 80 rules and maps most of them to an AWS Config managed rule', () => {
    expect(HIPAA_PACK.rules.length).toBeGreaterThanOrEqual(80);
    expect(HIPAA_PACK.rules.filter((r) => r.configRule).length).toBeGreaterThanOrEqual(80);
  });
});

describe('the AWS Config conformance pack', () => {
  let doc: {
    Resources: Record<
      string,
      { Type: string; Properties: { ConfigRuleName: string; Source: { Owner: string; SourceIdentifier: string }; InputParameters?: Record<string, string>; Description: string } }
    >;
  };
  beforeAll(() => {
    doc = parseYaml(conformancePackTemplate(HIPAA_PACK.rules, { auditRetentionDays: 2557 }));
  });

  it('deploys one AWS managed ConfigRule per distinct managed rule the pack names', () => {
    const names = Object.values(doc.Resources)
      .map((r) => r.Properties.ConfigRuleName)
      .sort();
    expect(names).toEqual([...new Set(HIPAA_PACK.rules.map((r) => r.configRule).filter((c): c is string => c !== undefined))].sort());
    for (const r of Object.values(doc.Resources)) {
      expect(r.Type).toBe('AWS::Config::ConfigRule');
      expect(r.Properties.Source.Owner).toBe('AWS');
      expect(r.Properties.Description.length).toBeLessThanOrEqual(256);
    }
  });

  it('uses the documented source identifiers, including the ones that differ from the rule name', () => {
    const byName = Object.fromEntries(Object.values(doc.Resources).map((r) => [r.Properties.ConfigRuleName, r.Properties.Source.SourceIdentifier]));
    expect(byName['restricted-ssh']).toBe('INCOMING_SSH_DISABLED');
    expect(byName['restricted-common-ports']).toBe('RESTRICTED_INCOMING_TRAFFIC');
    expect(byName['ec2-instances-in-vpc']).toBe('INSTANCES_IN_VPC');
    expect(byName['ec2-instance-managed-by-systems-manager']).toBe('EC2_INSTANCE_MANAGED_BY_SSM');
    expect(byName['multi-region-cloudtrail-enabled']).toBe('MULTI_REGION_CLOUD_TRAIL_ENABLED');
    expect(byName['cloudtrail-enabled']).toBe('CLOUD_TRAIL_ENABLED');
    expect(byName['s3-bucket-ssl-requests-only']).toBe('S3_BUCKET_SSL_REQUESTS_ONLY');
  });

  it('sets the input parameters the synth-time rules check, retention from the options', () => {
    const params = Object.fromEntries(Object.values(doc.Resources).map((r) => [r.Properties.ConfigRuleName, r.Properties.InputParameters]));
    expect(params['cw-loggroup-retention-period-check']).toEqual({ MinRetentionTime: '2557' });
    expect(params['iam-password-policy']).toEqual(expect.objectContaining({ MinimumPasswordLength: '14', PasswordReusePrevention: '24', MaxPasswordAge: '90' }));
    expect(params['restricted-common-ports']).toEqual({ blockedPort1: '20', blockedPort2: '21', blockedPort3: '3389', blockedPort4: '3306', blockedPort5: '4333' });
    expect(params['backup-plan-min-frequency-and-min-retention-check']).toEqual({ requiredFrequencyValue: '1', requiredFrequencyUnit: 'days', requiredRetentionDays: '35' });
    expect(params['s3-bucket-ssl-requests-only']).toBeUndefined();
  });

  it('fails loudly when a rule names a managed rule the registry does not know', () => {
    const bogus = { ...HIPAA_PACK.rules[0], configRule: 's3-bucket-nonexistent' };
    expect(() => conformancePackTemplate([bogus])).toThrow(/s3-bucket-nonexistent/);
  });
});

describe('generated documentation', () => {
  it('has one table row per rule with its controls and AWS Config rule', () => {
    const table = rulesMarkdownTable();
    const rows = table.trim().split('\n').slice(2);
    expect(rows).toHaveLength(HIPAA_PACK.rules.length);
    expect(rows[0]).toMatch(
      /^\| HIPAA-S3-001 \| S3 buckets block public access at the bucket level \| critical \| resource \| 164\.308\(a\)\(3\)\(i\), .* \| `s3-bucket-level-public-access-prohibited` \| `aws_s3_bucket` \|$/,
    );
  });

  it('is up to date in docs/compliance-rules.md (regenerate with npm run docs)', () => {
    expect(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'compliance-rules.md'), 'utf8')).toBe(rulesDocument());
  });
});

describe('the conformance pack the constructs ship', () => {
  it.each([2192, 2557, 3653])('equals the pack generated from the rules for a retention of %i days', (days) => {
    // Constructs never import the rule engine; they render the generated copy instead.
    expect(hipaaConformancePack(days)).toBe(conformancePackTemplate(HIPAA_PACK.rules, { auditRetentionDays: days }));
  });
});
