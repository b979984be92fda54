/**
 * Regenerates docs/compliance-rules.md from the rule registry:
 * `node --import tsx lib/compliance/gen-docs.ts`. A test fails when the committed file is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rulesDocument } from './docs';

export const RULES_DOC_PATH = join(__dirname, '..', '..', 'docs', 'compliance-rules.md');

if (require.main === module) {
  mkdirSync(dirname(RULES_DOC_PATH), { recursive: true });
  writeFileSync(RULES_DOC_PATH, rulesDocument());
  process.stdout.write(`wrote ${RULES_DOC_PATH}\n`);
}
