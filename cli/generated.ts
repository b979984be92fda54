import { configJsonSchemaText, modulesMarkdown } from '../lib/constructs/registry/docs';
import { rulesDocument } from '../lib/analyze/rules';

/** Files generated from code, by path relative to the project root (`npm run docs` writes them). */
export const GENERATED_FILES: Record<string, () => string> = {
  'docs/modules.md': modulesMarkdown,
  'docs/compliance-rules.md': rulesDocument,
  'schema/hipaa-config.schema.json': configJsonSchemaText,
};
