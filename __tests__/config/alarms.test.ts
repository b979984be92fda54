import { parseConfig } from '../../lib/config/load';
import { configProblems } from '../../lib/plan';
import { DEMO_CONFIG } from '../../lib/config/demo';
import { HipaaValidationError } from '../../lib/errors';
import { buildApp } from '../../stacks/app';
import { collectWaivers } from '../../lib/constructs/kernel/waivers';
import { evaluate, violations } from '../../lib/analyze/rules';
import { synthConfig } from '../util/config-synth';

const MINIMAL = { organization: 'org', accounts: [{ name: 'main', id: '123456789012' }] };

function parseProblems(input: unknown) {
  try {
    parseConfig(input);
  } catch (e) {
    if (e instanceof HipaaValidationError) return e.problems;
    throw e;
  }
  return [];
}

describe('alarm endpoints in the configuration', () => {
  it('rejects a configuration whose security alarms would notify nobody, naming the field and the fix', () => {
    const problems = configProblems(parseConfig(MINIMAL));
    expect(problems).toEqual([expect.objectContaining({ code: 'HIPAA_ALARM_ENDPOINTS_MISSING', path: 'alarms' })]);
    expect(problems[0].fix).toMatch(/security@example.com/);
    expect(problems[0].fix).toMatch(/reason/);
  });

  it('rejects an empty endpoint list like a missing one', () => {
    expect(configProblems(parseConfig({ ...MINIMAL, alarms: { email: [] } })).map((p) => p.code)).toEqual(['HIPAA_ALARM_ENDPOINTS_MISSING']);
  });

  it.each([
    ['an email that is not an address', { email: ['security'] }, 'alarms'],
    ['an https endpoint over plain http', { https: ['http://events.example.com'] }, 'alarms'],
    ['an opt-out with too short a reason', { enabled: false, reason: 'none' }, 'alarms'],
  ])('rejects %s at parse time', (_name, alarms, path) => {
    expect(parseProblems({ ...MINIMAL, alarms }).map((p) => p.path.split(/[.[]/)[0])).toContain(path);
  });

  it('accepts an endpoint, and the demo config has one', () => {
    expect(configProblems(parseConfig({ ...MINIMAL, alarms: { email: ['security@example.com'] } }))).toEqual([]);
    expect(parseConfig(DEMO_CONFIG).alarms).toEqual({ email: ['security@example.com'], https: [] });
  });

  it('accepts an explicit opt-out with a reason and records it as a waiver of every baseline', () => {
    const config = parseConfig({ ...MINIMAL, alarms: { enabled: false, reason: 'Forwarded by the organization EventBridge rule' } });
    expect(configProblems(config)).toEqual([]);
    const built = buildApp(config, { outdir: '/tmp/base-alarm-out' });
    const waivers = built.stacks.flatMap((s) => collectWaivers(s)).filter((w) => w.setting === 'alarmEndpoints');
    expect(waivers).toEqual([expect.objectContaining({ reason: 'Forwarded by the organization EventBridge rule' })]);
  });

  // Secure by default: the opt-out is an explicit, reasoned suppression of HIPAA-SNS-002 in the report.
  it('reports the opt-out as a suppression of HIPAA-SNS-002 with its reason, and fails the rule without it', () => {
    const reason = 'Forwarded by the organization EventBridge rule';
    const optedOut = synthConfig({ ...MINIMAL, alarms: { enabled: false, reason } });
    const result = evaluate(optedOut.stacks, { suppressions: optedOut.suppressions });
    expect(violations(result)).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'HIPAA-SNS-002' && f.suppression)).toEqual([expect.objectContaining({ suppression: expect.objectContaining({ reason }) })]);
    // The same stacks without the waiver: the alarm topic has no subscriber.
    const unwaived = evaluate(optedOut.stacks, { suppressions: optedOut.suppressions.filter((s) => s.rule !== 'HIPAA-SNS-002'), recordedSuppressions: false });
    expect(violations(unwaived).map((f) => f.ruleId)).toEqual(['HIPAA-SNS-002']);
  });
});
