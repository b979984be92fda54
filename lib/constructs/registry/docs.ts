/**
 * Everything generated from the registry and the config schema: the `modules` listing, the module
 * reference page, and the JSON Schema of the configuration file. Tests fail when the committed
 * copies (docs/modules.md, schema/hipaa-config.schema.json) are out of date.
 */
import { z } from 'zod';
import { configSchema } from '../../config/schema';
import { CATALOG } from './catalog';

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; required?: string[] };

/** The catalog as a plain-text table. */
export function catalogListing(): string {
  const modules = CATALOG.list();
  const rows = modules.map((m) => [m.id, m.version, m.scopes.join(','), m.summary, m.controls.join(' ')]);
  const head = ['ID', 'VERSION', 'USED IN', 'SUMMARY', '45 CFR CONTROLS'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(head), ...rows.map(line), '', `${modules.length} modules. Reference: docs/modules.md`].join('\n');
}

function inputSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function typeOf(p: JsonSchema): string {
  if (Array.isArray(p.enum)) return (p.enum as unknown[]).map((v) => JSON.stringify(v)).join(' \\| ');
  if (p.type === 'array') return `${typeOf((p.items ?? {}) as JsonSchema)}[]`;
  if (Array.isArray(p.anyOf)) return (p.anyOf as JsonSchema[]).map(typeOf).join(' \\| ');
  const range = p.minimum !== undefined || p.maximum !== undefined ? ` (${p.minimum ?? ''}..${p.maximum ?? ''})` : '';
  return `${String(p.type ?? 'any')}${range}`;
}

/** docs/modules.md: every module with its contract version, controls and inputs. */
export function modulesMarkdown(): string {
  const out = [
    '# Module reference',
    '',
    'Generated from the module registry (`lib/constructs/registry/catalog.ts`) by `npm run docs`; do not edit by hand.',
    "A configuration composes modules by id under a tenant's `modules:`; an unknown id, an input the",
    'module rejects, or a module used where it cannot live is an error naming the tenant, module and field.',
    '',
    '| Module | Version | Used in | Summary | 45 CFR controls |',
    '| --- | --- | --- | --- | --- |',
    ...CATALOG.list().map((m) => `| [\`${m.id}\`](#${m.id}) | ${m.version} | ${m.scopes.join(', ')} | ${m.summary} | ${m.controls.join(', ')} |`),
  ];
  for (const m of CATALOG.list()) {
    const schema = inputSchema(m.inputs);
    const props = Object.entries(schema.properties ?? {});
    out.push('', `## ${m.id}`, '', m.summary, '');
    out.push(`- Version: ${m.version}`, `- Used in: ${m.scopes.join(', ')}${m.composable ? '' : ' (composed automatically, not listed in configuration)'}`);
    if (m.requires?.length) out.push(`- Requires: ${m.requires.map((r) => `\`${r}\``).join(', ')}`);
    out.push(`- 45 CFR controls: ${m.controls.join(', ')}`, '');
    if (props.length === 0) {
      out.push('No inputs.');
      continue;
    }
    out.push('| Input | Type | Default | Description |', '| --- | --- | --- | --- |');
    for (const [name, p] of props) {
      const def = p.default === undefined ? '-' : `\`${JSON.stringify(p.default)}\``;
      out.push(`| \`${name}\` | ${typeOf(p)} | ${def} | ${String(p.description ?? '').replace(/\|/g, '\\|')} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * The JSON Schema of the configuration file (draft 2020-12), with each module's inputs schema under
 * `tenants[].modules[]`, so editors complete and check module inputs too.
 */
export function configJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const tenants = schema.properties?.tenants as JsonSchema;
  const tenant = tenants.items as JsonSchema;
  const modules = (tenant.properties as Record<string, JsonSchema>).modules;
  const variants = CATALOG.list()
    .filter((m) => m.composable)
    .map((m) => ({
      type: 'object',
      properties: { id: { const: m.id, description: m.summary }, inputs: inputSchema(m.inputs) },
      required: ['id'],
      additionalProperties: false,
    }));
  (tenant.properties as Record<string, JsonSchema>).modules = { ...modules, items: variants.length > 0 ? { oneOf: variants } : modules.items };
  return { ...schema, $id: 'https://hipaa-cdktf.dev/schema/hipaa-config.schema.json', title: 'hipaa-cdktf configuration' };
}

export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
