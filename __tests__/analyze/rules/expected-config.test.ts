import { App } from 'cdktf';
import { parse } from 'yaml';
import { AccountBaseline } from '../../../lib/constructs/baseline/account-baseline';
import { checkApp } from '../../../lib/check-app';
import { conformancePackTemplate } from '../../../lib/analyze/rules/conformance';
import { HIPAA_PACK } from '../../../lib/analyze/rules/packs/hipaa';
import { jsonReport, markdownReport } from '../../../lib/report/compliance';
import type { ComplianceResult, ExpectedConfigResult } from '../../../lib/analyze/rules/types';
import { testStack } from '../../util/synth';

const ACCOUNT = '123456789012';

function baselineResult(): ComplianceResult {
  const stack = testStack('baseline');
  new AccountBaseline(stack, 'Baseline', { accountId: ACCOUNT, region: 'us-east-1', organization: 'org', alarmEndpoints: { email: ['security@example.com'] } });
  return checkApp(stack.node.root as App);
}

function expectedFor(result: ComplianceResult, fragment: string): Map<string, ExpectedConfigResult> {
  return new Map((result.expectedConfigResults ?? []).filter((e) => e.address.includes(fragment)).map((e) => [e.configRule, e]));
}

describe('expected AWS Config results of the account baseline', () => {
  let result: ComplianceResult;
  beforeAll(() => {
    result = baselineResult();
  });

  it('passes our own rule pack, so every Config result below is an accepted one', () => {
    expect(result.findings.filter((f) => f.status === 'non_compliant' && !f.suppression).map((f) => `${f.ruleId} ${f.address}`)).toEqual([]);
  });

  it('lists, for every rule of the deployed conformance pack, each baseline resource that rule will report NON_COMPLIANT', () => {
    const deployed = new Set(
      Object.values(parse(conformancePackTemplate(HIPAA_PACK.rules)).Resources as Record<string, { Properties: { ConfigRuleName: string } }>).map(
        (r) => r.Properties.ConfigRuleName,
      ),
    );
    const configRuleOf = new Map(HIPAA_PACK.rules.map((r) => [r.id, r.configRule]));
    const listed = new Set((result.expectedConfigResults ?? []).map((e) => `${e.configRule}|${e.address}`));
    const unlisted = result.findings
      .filter((f) => f.status === 'non_compliant' && deployed.has(configRuleOf.get(f.ruleId) ?? ''))
      .filter((f) => !listed.has(`${configRuleOf.get(f.ruleId)}|${f.address}`))
      .map((f) => `${configRuleOf.get(f.ruleId)} ${f.address}`);
    expect(unlisted).toEqual([]);
    for (const e of result.expectedConfigResults ?? []) expect(e.reason.length).toBeGreaterThanOrEqual(10);
  });

  it('predicts the access-log bucket results: no Object Lock, no own logging, no replication (it is encrypted with the audit key)', () => {
    const logs = expectedFor(result, 'AccessLogBucket');
    expect([...logs.keys()].filter((k) => k.startsWith('s3-')).sort()).toEqual(['s3-bucket-default-lock-enabled', 's3-bucket-logging-enabled', 's3-bucket-replication-enabled']);
    expect(logs.get('s3-bucket-default-lock-enabled')?.reason).toMatch(/default retention/);
    expect(logs.get('s3-bucket-logging-enabled')).toMatchObject({ source: 'scope difference logging-of-log-destinations' });
  });

  it('predicts the Config bucket lock result with the AWS limitation as its reason, and no lock result for the locked audit bucket', () => {
    const config = expectedFor(result, 'ConfigBucket');
    expect([...config.keys()].sort()).toEqual(['s3-bucket-default-lock-enabled', 's3-bucket-replication-enabled']);
    expect(config.get('s3-bucket-default-lock-enabled')?.reason).toMatch(/AWS::Config::DeliveryChannel/);
    expect([...expectedFor(result, 'AuditBucket').keys()]).toEqual(['s3-bucket-replication-enabled']);
  });

  it('predicts the empty people group under the AWS sample HIPAA pack rule iam-group-has-users-check', () => {
    expect(expectedFor(result, 'HumansGroup').get('iam-group-has-users-check')).toMatchObject({ source: expect.stringMatching(/AWS sample HIPAA pack only/) });
  });

  it('shows each expected result in the Markdown and JSON reports', () => {
    const md = markdownReport(result);
    expect(md).toContain('## Expected AWS Config results');
    expect(md).toMatch(/\| s3-bucket-default-lock-enabled \| baseline: aws_s3_bucket\.Baseline_ConfigBucket_\w+ \| AWS Config does not support/);
    const json = JSON.parse(jsonReport(result));
    expect(json.summary.expectedConfigNonCompliant).toBe(result.expectedConfigResults?.length);
    expect(json.expectedConfigResults).toEqual(expect.arrayContaining([expect.objectContaining({ configRule: 'iam-group-has-users-check', stack: 'baseline' })]));
  });
});
