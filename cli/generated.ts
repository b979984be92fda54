import { configJsonSchemaText, modulesMarkdown } from '../lib/registry/docs';

/** Files generated from code, by path relative to the project root. */
export const GENERATED_FILES: Record<string, () => string> = {
  'docs/modules.md': modulesMarkdown,
  'schema/hipaa-config.schema.json': configJsonSchemaText,
};
