import { evaluate, HIPAA_PACK, type Finding, type Rule, type StackDocument } from '../../../lib/analyze/rules';
import { RULE_FIXTURES } from './fixtures';

function run(rule: Rule, stacks: StackDocument[]): readonly Finding[] {
  return evaluate(stacks, { rules: [rule], accountRules: 'always', now: new Date('2026-01-01T00:00:00Z') }).findings;
}

describe('every rule of the HIPAA pack', () => {
  it('has exactly one compliant and one non-compliant fixture', () => {
    expect(Object.keys(RULE_FIXTURES).sort()).toEqual(HIPAA_PACK.rules.map((r) => r.id).sort());
  });

  describe.each(HIPAA_PACK.rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const fixture = RULE_FIXTURES[id];

    it('passes its compliant fixture', () => {
      const findings = run(rule, fixture.compliant);
      expect(findings.filter((f) => f.status === 'non_compliant').map((f) => `${f.address}: ${f.message}`)).toEqual([]);
      expect(findings.some((f) => f.status === 'compliant')).toBe(true);
    });

    it('reports its non-compliant fixture, decided, with a message naming the problem', () => {
      const bad = run(rule, fixture.nonCompliant).filter((f) => f.status === 'non_compliant');
      expect(bad.length).toBeGreaterThan(0);
      expect(bad[0].undecided).toBeUndefined();
      expect(bad[0].message).toMatch(fixture.message);
      expect(bad[0].ruleId).toBe(id);
    });
  });
});
