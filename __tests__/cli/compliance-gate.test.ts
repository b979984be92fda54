import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { TenantStack } from '../../stacks/tenant-stack';
import { buildApp } from '../../stacks/app';
import { complianceGate as gate, loadSynthesized } from '../../cli/main';
import { parseConfig } from '../../lib/config/load';
import { DEMO_CONFIG } from '../../lib/config/demo';
import { HipaaBlockedError } from '../../lib/errors';
import { runCheckCommand } from '../../cli/check';

const complianceGate = (dir: string, app: Parameters<typeof gate>[2], config: Parameters<typeof gate>[3], now?: Date) => gate(dir, loadSynthesized(dir), app, config, now);

describe('the compliance gate of synth', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-gate-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  function synthDemo(config = parseConfig(DEMO_CONFIG), mutate?: (built: ReturnType<typeof buildApp>) => void) {
    const built = buildApp(config, { outdir: work });
    mutate?.(built);
    built.app.synth();
    return built;
  }

  it('passes the demo with zero unsuppressed findings and writes the three reports, and no side file', () => {
    const built = synthDemo();
    const { summary } = complianceGate(work, built.app, parseConfig(DEMO_CONFIG));
    expect(summary).toMatch(/ 0 violations, \d+ suppressed/);
    for (const f of ['compliance-report.md', 'compliance-report.json', 'compliance-report.sarif']) {
      expect(fs.existsSync(path.join(work, f))).toBe(true);
    }
    expect(fs.existsSync(path.join(work, 'hipaa-compliance-context.json'))).toBe(false);
    const sarif = JSON.parse(fs.readFileSync(path.join(work, 'compliance-report.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const md = fs.readFileSync(path.join(work, 'compliance-report.md'), 'utf8');
    expect(md).toContain('164.312(a)(2)(iv)');
    expect(md).toContain('A server access log destination cannot have an Object Lock default retention');
  });

  it('fails on a resource added without the HIPAA settings, naming its Terraform address', () => {
    const built = synthDemo(undefined, (b) => {
      new S3Bucket(
        b.stacks.find((s) => s.stackName === 'tenant-acme')!,
        'Exports',
        { bucket: 'acme-exports' },
      );
    });
    let error: unknown;
    try {
      complianceGate(work, built.app, parseConfig(DEMO_CONFIG));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HipaaBlockedError);
    expect((error as Error).message).toContain('tenant-acme: aws_s3_bucket.Exports');
    expect((error as Error).message).toContain('HIPAA-S3-001');
    expect(fs.existsSync(path.join(work, 'compliance-report.md'))).toBe(false);
  });

  it('accepts a finding suppressed in the configuration with a reason, and fails again once the suppression expires', () => {
    const suppressions = [{ rule: 'HIPAA-S3-001', reason: 'Exports bucket is reviewed by the privacy office', resources: ['aws_s3_bucket.Exports'] }];
    const others = ['HIPAA-S3-002', 'HIPAA-S3-003', 'HIPAA-S3-004', 'HIPAA-S3-005', 'HIPAA-S3-006', 'HIPAA-S3-009', 'HIPAA-S3-013', 'HIPAA-S3-014'].map((rule) => ({
      ...suppressions[0],
      rule,
    }));
    const config = parseConfig({ ...DEMO_CONFIG, suppressions: [...suppressions.map((s) => ({ ...s, expires: '2030-01-01' })), ...others] });
    const addBucket = (b: ReturnType<typeof buildApp>) => {
      new S3Bucket(
        b.stacks.find((s) => s.stackName === 'tenant-acme')!,
        'Exports',
        { bucket: 'acme-exports' },
      );
    };
    const built = synthDemo(config, addBucket);
    expect(complianceGate(work, built.app, config, new Date('2029-12-31')).summary).toMatch(/ 0 violations/);
    expect(() => complianceGate(work, built.app, config, new Date('2030-01-02'))).toThrow(/HIPAA-S3-001/);
  });

  it('names the configuration index of a suppression with an unknown rule id, not its copy in a stack', () => {
    const config = parseConfig({ ...DEMO_CONFIG, suppressions: [{ rule: 'HIPAA-S3-999', reason: 'a reason that is long enough' }] });
    const built = synthDemo(config);
    expect(() => complianceGate(work, built.app, config)).toThrow(/suppressions\[0\]\.rule \(got "HIPAA-S3-999"\): not a rule id/);
  });

  it("fails when one tenant could reach another tenant's data, and writes the isolation matrix otherwise", () => {
    const clean = synthDemo();
    expect(complianceGate(work, clean.app, parseConfig(DEMO_CONFIG)).summary).toMatch(/Isolation: 6 tenants, 150 cross-tenant checks, 0 allowed/);
    expect(fs.existsSync(path.join(work, 'isolation-matrix.md'))).toBe(true);
    const leaky = synthDemo(undefined, (b) => {
      const pool = b.stacks.find((s) => s.stackName === 'pool-shared') as TenantStack;
      pool.keys.umbrella.grantEncryptDecrypt('LeakToGlobex', ['arn:aws:iam::333333333333:role/examplehealth-hooli-app', 'arn:aws:iam::333333333333:role/other-team']);
      new IamRole(pool, 'SharedRole', { name: 'other-team', assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}', tags: { Tenant: 'stark' } });
    });
    expect(() => complianceGate(work, leaky.app, parseConfig(DEMO_CONFIG))).toThrow(/stark can reach umbrella's kms/);
  });

  it('lets `check` over the written cdktf.out, and over each stack folder alone, reach the verdict synth reached', () => {
    const built = synthDemo();
    complianceGate(work, built.app, parseConfig(DEMO_CONFIG));
    const synthReport = JSON.parse(fs.readFileSync(path.join(work, 'compliance-report.json'), 'utf8')) as {
      summary: { suppressed: number };
      findings: Array<{ stack?: string; status: string; suppression?: unknown }>;
    };
    const whole = capture([work, '--format', 'json']);
    expect(whole.code).toBe(0);
    expect(JSON.parse(whole.out).summary.suppressed).toBe(synthReport.summary.suppressed);

    const stacks = fs.readdirSync(path.join(work, 'stacks')).sort();
    expect(stacks.length).toBeGreaterThan(5);
    for (const stack of stacks) {
      const alone = capture([path.join(work, 'stacks', stack), '--format', 'json']);
      expect({ stack, code: alone.code }).toEqual({ stack, code: 0 });
      const report = JSON.parse(alone.out) as typeof synthReport;
      const suppressedIn = (r: typeof synthReport) => r.findings.filter((f) => f.stack === stack && f.status === 'non_compliant' && f.suppression).length;
      expect({ stack, suppressed: suppressedIn(report) }).toEqual({ stack, suppressed: suppressedIn(synthReport) });
    }
  });

  it('applies an account-scoped waiver, recorded for the whole stack, when the baseline stack is checked alone', () => {
    // Opting out of alarm endpoints waives HIPAA-SNS-002 for each account: the waiver is set on the
    // baseline stack (WAIVER_RULES marks it account-level), not on the topic's construct.
    const config = parseConfig({ ...DEMO_CONFIG, alarms: { enabled: false, reason: 'Forwarded by the organization EventBridge rule' } });
    const built = synthDemo(config);
    complianceGate(work, built.app, config);
    type Report = { findings: Array<{ stack?: string; ruleId: string; suppression?: { source: string } }> };
    const synthReport = JSON.parse(fs.readFileSync(path.join(work, 'compliance-report.json'), 'utf8')) as Report;
    const baselines = fs.readdirSync(path.join(work, 'stacks')).filter((s) => s.startsWith('baseline-'));
    expect(baselines.length).toBe(3);
    for (const stack of baselines) {
      const alone = capture([path.join(work, 'stacks', stack), '--format', 'json']);
      expect(alone.code).toBe(0);
      const waived = (r: Report) => r.findings.filter((f) => f.stack === stack && f.ruleId === 'HIPAA-SNS-002' && f.suppression).map((f) => f.suppression!.source);
      expect(waived(JSON.parse(alone.out) as Report)).toEqual([`waiver alarmEndpoints at ${stack}/Baseline`]);
      expect(waived(synthReport)).toEqual(waived(JSON.parse(alone.out) as Report));
    }
  });
});

function capture(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCheckCommand(args, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
  return { code, out, err };
}
