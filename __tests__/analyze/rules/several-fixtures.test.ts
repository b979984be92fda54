/**
 * Every rule has several non-compliant fixtures (cdk-nag style): its one in RULE_FIXTURES plus at
 * least two more, here or in the false-negative tables of the policy and network rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, HIPAA_PACK } from '../../../lib/analyze/rules';
import { RULE_FIXTURES } from './fixtures';
import { MORE_A } from './fixtures/more/a';
import { MORE_B } from './fixtures/more/b';
import type { NonCompliantCase } from './fixtures/more/types';

const MORE: Record<string, readonly NonCompliantCase[]> = { ...MORE_A, ...MORE_B };

/** Rule ids the false-negative tables of the policy and network helpers name (each with 3+ cases). */
function namedInTables(): Set<string> {
  const text = ['false-negatives-net.test.ts', 'false-negatives-policy.test.ts'].map((f) => readFileSync(join(__dirname, f), 'utf8')).join('\n');
  return new Set(text.match(/HIPAA-[A-Z0-9]+-\d{3}/g) ?? []);
}

describe('several non-compliant fixtures for every rule', () => {
  it('covers every rule of the pack: two more fixtures here, or a false-negative table', () => {
    const tables = namedInTables();
    const uncovered = HIPAA_PACK.rules.map((r) => r.id).filter((id) => !tables.has(id) && (MORE[id]?.length ?? 0) < 2);
    expect(uncovered).toEqual([]);
  });

  it('names only rules of the pack', () => {
    const ids = new Set(HIPAA_PACK.rules.map((r) => r.id));
    expect(Object.keys(MORE).filter((id) => !ids.has(id))).toEqual([]);
  });

  const cases = Object.entries(MORE).flatMap(([id, list]) => list.map((c) => [id, c.name, c] as const));
  it.each(cases)('%s reports %s', (id, _name, c) => {
    const rule = HIPAA_PACK.rules.find((r) => r.id === id)!;
    const bad = evaluate(c.docs, { rules: [rule], accountRules: 'always', now: new Date('2026-01-01T00:00:00Z') }).findings.filter(
      (f) => f.ruleId === id && f.status === 'non_compliant',
    );
    expect(bad.length).toBeGreaterThan(0);
    if (c.undecided === true) expect(bad.every((f) => f.undecided === true)).toBe(true);
    if (c.undecided === false) expect(bad.some((f) => f.undecided === undefined)).toBe(true);
    // The rule's compliant fixture still passes: the extra case is not a rule that fails everything.
    expect(RULE_FIXTURES[id]).toBeDefined();
  });
});
