/**
 * The tests `npm run mutate:evaluator` runs against each mutant of the policy evaluator and the
 * existence reader: the ones written to kill their mutants. The full suite per mutant would take
 * hours on two cores (StrykerJS reruns every related test for static mutants).
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: [
    '**/__tests__/terraform/questions.test.ts',
    '**/__tests__/terraform/existence.test.ts',
    '**/__tests__/analyze/rules/false-negatives-policy.test.ts',
    '**/__tests__/analyze/isolation/policy.test.ts',
    '**/__tests__/analyze/isolation/text.test.ts',
  ],
};
