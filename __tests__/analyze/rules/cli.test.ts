import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, HIPAA_PACK, loadTerraform } from '../../../lib/analyze/rules';
import { runCheckCommand } from '../../../cli/check';
import { HipaaValidationError } from '../../../lib/errors';
import { baselineStack, SECURE_SUPPRESSIONS, tenantStack } from './fixtures/secure';

function capture(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCheckCommand(args, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
  return { code, out, err };
}

describe('the check command and loadTerraform', () => {
  let root: string;
  let cdktfOut: string;
  let handWritten: string;
  let suppressions: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hipaa-check-'));
    cdktfOut = join(root, 'cdktf.out');
    for (const doc of [baselineStack(), tenantStack()]) {
      mkdirSync(join(cdktfOut, 'stacks', doc.name), { recursive: true });
      writeFileSync(join(cdktfOut, 'stacks', doc.name, 'cdk.tf.json'), JSON.stringify(doc.json, null, 2));
    }
    writeFileSync(join(cdktfOut, 'manifest.json'), '{}');
    handWritten = join(root, 'module');
    mkdirSync(handWritten);
    writeFileSync(join(handWritten, 'main.tf.json'), JSON.stringify({ resource: { aws_s3_bucket: { uploads: { bucket: 'uploads' } } } }));
    writeFileSync(join(handWritten, 'keys.tf.json'), JSON.stringify({ resource: { aws_kms_key: { k: { enable_key_rotation: true } } } }));
    suppressions = join(root, 'suppressions.yaml');
    writeFileSync(suppressions, `suppressions:\n${SECURE_SUPPRESSIONS.map((s) => `  - rule: ${s.rule}\n    reason: "${s.reason}"`).join('\n')}\n`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loads every stack of a cdktf.out folder, and the same from its stacks folder', () => {
    expect(loadTerraform(cdktfOut).map((d) => d.name)).toEqual(['account-baseline', 'tenant-acme']);
    expect(loadTerraform(join(cdktfOut, 'stacks')).map((d) => d.file)).toEqual([
      join(cdktfOut, 'stacks', 'account-baseline', 'cdk.tf.json'),
      join(cdktfOut, 'stacks', 'tenant-acme', 'cdk.tf.json'),
    ]);
  });

  it('loads a folder of *.tf.json files as one module named after the folder, and a single file', () => {
    expect(loadTerraform(handWritten).map((d) => [d.name, d.file])).toEqual([
      ['module', join(handWritten, 'keys.tf.json')],
      ['module', join(handWritten, 'main.tf.json')],
    ]);
    expect(loadTerraform(join(handWritten, 'main.tf.json'))).toHaveLength(1);
  });

  it('exits 0 on compliant input and prints the summary', () => {
    const r = capture([cdktfOut, '--suppressions', suppressions]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^HIPAA compliance: 113 rules, \d+ resources, 0 violations, 2 suppressed/);
  });

  it('exits 1 on violations and names each offending resource by its Terraform address', () => {
    const r = capture([handWritten]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  - module: aws_s3_bucket.uploads');
    expect(r.out).toContain('HIPAA-S3-001 [critical]');
  });

  it('runs account rules on hand-written Terraform only when asked', () => {
    expect(capture([handWritten]).out).not.toContain('account:');
    expect(capture([handWritten, '--account-rules', 'always']).out).toContain('account:unknown');
  });

  it('says in the summary and in every report which account-level rules were skipped and why', () => {
    const accountRules = HIPAA_PACK.rules.filter((r) => r.scope === 'account').length;
    const tenantOnly = join(cdktfOut, 'stacks', 'tenant-acme');
    const r = capture([tenantOnly, '--suppressions', suppressions, '--out', join(root, 'tenant-reports')]);
    const sentence = `${accountRules} account-level rules skipped: only stack tenant-acme was given and it holds no account baseline`;
    expect(r.out).toMatch(new RegExp(`^HIPAA compliance: .*; account \\d{12}: ${sentence}`));
    expect(r.out).toContain('pass the whole cdktf.out, or --account-rules always, to evaluate them');
    expect(readFileSync(join(root, 'tenant-reports', 'compliance-report.md'), 'utf8')).toContain(`**${accountRules} skipped**: only stack tenant-acme was given`);
    const sarif = JSON.parse(readFileSync(join(root, 'tenant-reports', 'compliance-report.sarif'), 'utf8'));
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toContain(sentence);
    const json = JSON.parse(readFileSync(join(root, 'tenant-reports', 'compliance-report.json'), 'utf8'));
    expect(json.accounts[0].accountRulesSkipped).toEqual({ rules: accountRules, reason: expect.stringContaining('holds no account baseline') });
    // The whole output holds the baseline: nothing is skipped, and nothing is said.
    expect(capture([cdktfOut, '--suppressions', suppressions]).out).not.toContain('skipped');
    expect(capture([cdktfOut, '--suppressions', suppressions, '--account-rules', 'never']).out).toContain('account rules were turned off (--account-rules never)');
  });

  describe('suppressions recorded in a stack\'s "//".hipaa metadata', () => {
    const bucketStack = (suppressions: unknown[]) => ({
      '//': { metadata: { stackName: 'app' }, hipaa: { version: 1, suppressions, waivers: [] } },
      resource: { aws_s3_bucket: { uploads: { bucket: 'uploads' } } },
    });
    const writeStack = (name: string, json: unknown): string => {
      const dir = join(root, name, 'stacks', 'app');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
      return dir;
    };
    const reason = 'uploads are public marketing assets, no ePHI';

    it('covers the finding when the stack folder is checked alone', () => {
      const dir = writeStack('recorded-ok', bucketStack([{ rule: 'HIPAA-S3-001', reason, resources: ['aws_s3_bucket.uploads'], source: 'configuration' }]));
      const r = capture([dir, '--format', 'json']);
      const s3001 = JSON.parse(r.out).findings.find((f: { ruleId: string }) => f.ruleId === 'HIPAA-S3-001');
      expect(s3001.suppression).toEqual(expect.objectContaining({ reason, source: 'configuration' }));
      const without = capture([dir, '--format', 'json', '--ignore-recorded-suppressions']);
      expect(JSON.parse(without.out).findings.find((f: { ruleId: string }) => f.ruleId === 'HIPAA-S3-001').suppression).toBeUndefined();
    });

    it('fails with one clear message when a recorded suppression names an unknown rule id', () => {
      const dir = writeStack('recorded-unknown', bucketStack([{ rule: 'HIPAA-S3-999', reason, constructPath: 'app/Uploads', source: 'construct app/Uploads' }]));
      const r = capture([dir]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /^Compliance metadata recorded in the stacks: 1 problem\n {2}- app: \/\/\.hipaa\.suppressions\[0\] \(construct app\/Uploads\)\.rule \(got "HIPAA-S3-999"\): not a rule id of the pack being evaluated\. Fix: use a rule id such as HIPAA-S3-\d{3}/,
      );
      expect(r.err.trim().split('\n')).toHaveLength(2);
    });

    it('evaluates a subset of the pack over stacks that record suppressions of other pack rules', () => {
      const json = bucketStack([{ rule: 'HIPAA-S3-001', reason, resources: ['aws_s3_bucket.uploads'], source: 'configuration' }]);
      const rules = HIPAA_PACK.rules.filter((r) => r.id === 'HIPAA-S3-005');
      expect(() => evaluate([{ name: 'app', json: json as never }], { rules })).not.toThrow();
    });

    it('reports the finding as a violation once a recorded suppression has expired', () => {
      const dir = writeStack(
        'recorded-expired',
        bucketStack([{ rule: 'HIPAA-S3-001', reason, resources: ['aws_s3_bucket.uploads'], expires: '2020-01-01', source: 'configuration' }]),
      );
      const r = capture([dir]);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`HIPAA-S3-001 [critical]`);
      expect(r.out).toContain(`suppression expired on 2020-01-01: "${reason}" (configuration)`);
    });

    it('counts a suppression recorded in several stacks once', () => {
      const s = { rule: 'HIPAA-S3-001', reason, resources: ['aws_s3_bucket.nothing-here'], source: 'configuration' };
      const dir = join(root, 'recorded-twice');
      for (const name of ['a', 'b']) {
        mkdirSync(join(dir, 'stacks', name), { recursive: true });
        writeFileSync(join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(bucketStack([s])));
      }
      expect(JSON.parse(capture([dir, '--format', 'json']).out).unusedSuppressions).toEqual([s]);
    });
  });

  it('exits 1 when a suppression has expired', () => {
    const expired = join(root, 'expired.json');
    writeFileSync(expired, JSON.stringify(SECURE_SUPPRESSIONS.map((s) => ({ ...s, expires: '2020-01-01' }))));
    const r = capture([cdktfOut, '--suppressions', expired]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('suppression expired on 2020-01-01');
  });

  it('writes the three reports with --out and prints the chosen format', () => {
    const out = join(root, 'reports');
    const r = capture([cdktfOut, '--suppressions', suppressions, '--out', out, '--format', 'sarif']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).version).toBe('2.1.0');
    expect(readFileSync(join(out, 'compliance-report.md'), 'utf8')).toMatch(/^# HIPAA compliance report/);
    expect(r.err).toContain(join(out, 'compliance-report.json'));
  });

  it('exits 2 with a clear error on a missing path, invalid JSON, a folder without Terraform JSON, or bad options', () => {
    const broken = join(root, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'main.tf.json'), '{ "resource": ');
    const hcl = join(root, 'hcl');
    mkdirSync(hcl);
    writeFileSync(join(hcl, 'main.tf'), 'resource "aws_s3_bucket" "b" {}');

    const missing = capture([join(root, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Terraform input: 1 problem\n {2}- .*nope: no such file or folder/);

    const invalid = capture([broken]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/main\.tf\.json: not valid JSON .*\[HIPAA_INPUT_INVALID_JSON\]/);

    expect(capture([hcl]).err).toMatch(/HCL \(\.tf\) files but no Terraform JSON/);
    expect(capture([]).err).toMatch(/missing <path>/);
    expect(capture([cdktfOut, '--format', 'xml']).code).toBe(2);
    expect(capture([cdktfOut, '--suppressions', join(root, 'none.yaml')]).code).toBe(2);
  });

  it('throws HipaaValidationError from loadTerraform for unreadable input', () => {
    expect(() => loadTerraform(join(root, 'nope'))).toThrow(HipaaValidationError);
  });

  it('prints usage with --help and exits 0', () => {
    const r = capture(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: hipaa check <path>');
  });
});
