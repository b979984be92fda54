// `npm run mutate:evaluator`: StrykerJS over the policy questions and the existence reader, with
// the tests written for them (jest.mutate.config.js). Everything else as in stryker.config.json.
import { readFileSync } from 'node:fs';

const base = JSON.parse(readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'));

export default {
  ...base,
  mutate: ['lib/terraform/questions.ts', 'lib/terraform/existence.ts'],
  jest: { ...base.jest, configFile: 'jest.mutate.config.js' },
  htmlReporter: { fileName: 'reports/mutation/evaluator.html' },
  jsonReporter: { fileName: 'reports/mutation/evaluator.json' },
};
