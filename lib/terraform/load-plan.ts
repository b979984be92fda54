/**
 * `terraform show -json` output (a saved plan, or a state) mapped onto the Terraform JSON
 * configuration shape the index reads (`resource` / `data` / `provider`), so plans are checked by
 * the same rules as `cdk.tf.json` files. The format is HashiCorp's "JSON Output Format"
 * (https://developer.hashicorp.com/terraform/internals/json-format): `planned_values.root_module`
 * (values after apply, as far as known), `resource_changes[].change.after_unknown` (what is known
 * only after apply), `configuration.root_module` (the unevaluated expressions: `constant_value` or
 * `references`), `prior_state` and, for a state, `values.root_module`.
 *
 * What is approximated, each time in the direction of "cannot decide" rather than "compliant":
 * - an argument known at plan time is its planned value; `null` (unset) is left out, as in a
 *   configuration that does not set it;
 * - an argument known only after apply takes its configuration expression: a constant as is, a
 *   single reference as `${<reference>}` (resolved by the index like any cdktf reference), an
 *   expression naming several objects as a template of all of them (a partly-known string), and an
 *   expression the plan does not record (a function of constants) as `${(known after apply)}`; an
 *   unknown attribute the configuration does not set (a computed `arn`, `id`) is left out;
 * - instances of `count` / `for_each` become one resource each, named `<name>_<index>` (the plan
 *   already evaluated the count, so every instance listed exists); a reference to one instance
 *   (`aws_kms_key.k[0].arn`) is rewritten to it, a reference to all of them is left as written and
 *   stays unresolved;
 * - resources of child modules are flattened into the one document with names
 *   `<module path>__<name>` (e.g. `module_logs__bucket`); references inside a module are rewritten
 *   to those names, module outputs (`module.x.y`) and variables stay unresolved;
 * - providers are the root module's `provider_config` blocks with their expressions mapped the same
 *   way; a resource's `provider_config_key` becomes its `provider` argument;
 * - data sources come from `planned_values`, else from `prior_state` (where plans record the data
 *   sources they read).
 */
import type { JsonObject, JsonValue, TerraformJson } from './types';
import { isObject } from './values';

/** What kind of `terraform show -json` output a JSON object is, if any. */
export type ShowKind = 'plan' | 'state' | 'empty';

/** The marker for an expression whose value the plan records neither as a value nor as an expression. */
export const UNKNOWN_AFTER_APPLY = `\${(known after apply)}`;

/** Recognises `terraform show -json` output: a plan, a state, or the output for no state at all. */
export function showKind(json: JsonObject): ShowKind | undefined {
  if (typeof json.format_version !== 'string') return undefined;
  if ('planned_values' in json || 'resource_changes' in json || 'configuration' in json) return 'plan';
  if (isObject(json.values)) return 'state';
  if (typeof json.terraform_version === 'string' || Object.keys(json).length === 1) return 'empty';
  return undefined;
}

/** A raw `terraform.tfstate` file (not `terraform show -json` output). */
export function isRawStateFile(json: JsonObject): boolean {
  return typeof json.version === 'number' && Array.isArray(json.resources) && typeof json.lineage === 'string';
}

interface ValuesResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly values?: JsonObject;
}

interface ValuesModule {
  readonly address?: string;
  readonly resources?: ValuesResource[];
  readonly child_modules?: ValuesModule[];
}

function sanitize(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
}

/** `module.a["x"].module.b` -> `["a", "b"]`: the module calls to follow in the configuration. */
function moduleCalls(address: string | undefined): string[] {
  if (!address) return [];
  return [...address.matchAll(/module\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]);
}

function instanceSuffix(index: string | number | undefined): string {
  return index === undefined ? '' : `_${sanitize(String(index)) || 'instance'}`;
}

function mappedName(moduleAddress: string | undefined, name: string, index?: string | number): string {
  const prefix = moduleAddress ? `${sanitize(moduleAddress)}__` : '';
  return `${prefix}${name}${instanceSuffix(index)}`;
}

/** The configuration module reached by following `calls` from the root module. */
function configModule(configuration: unknown, calls: readonly string[]): JsonObject | undefined {
  let mod: unknown = isObject(configuration) ? configuration.root_module : undefined;
  for (const call of calls) {
    const calls2 = isObject(mod) ? mod.module_calls : undefined;
    const next = isObject(calls2) ? calls2[call] : undefined;
    mod = isObject(next) ? next.module : undefined;
  }
  return isObject(mod) ? mod : undefined;
}

/** Rewrites one reference of a module's expression to the mapped resource names. */
function rewriteReference(ref: string, moduleAddress: string | undefined, known: ReadonlySet<string>): string {
  const m = /^(data\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(\[[^\]]*\])?(.*)$/.exec(ref);
  if (!m || (/^(var|local|module|each|count|path|self|terraform)$/.test(m[2]) && !m[1])) return ref;
  const [, data = '', type, name, index, rest] = m;
  const key = index === undefined ? undefined : index.slice(1, -1).replace(/^"|"$/g, '');
  const candidate = mappedName(moduleAddress, name, key);
  const plain = mappedName(moduleAddress, name);
  if (known.has(`${data}${type}.${candidate}`)) return `${data}${type}.${candidate}${rest}`;
  if (index === undefined && known.has(`${data}${type}.${plain}`)) return `${data}${type}.${plain}${rest}`;
  return ref;
}

/** The value of one configuration expression (or nested block of expressions). */
function expressionValue(expr: unknown, moduleAddress: string | undefined, known: ReadonlySet<string>): JsonValue {
  if (Array.isArray(expr)) return expr.map((e) => expressionValue(e, moduleAddress, known));
  if (!isObject(expr)) return UNKNOWN_AFTER_APPLY;
  if ('constant_value' in expr) return expr.constant_value as JsonValue;
  if (Array.isArray(expr.references)) {
    const refs = (expr.references as unknown[]).filter((r): r is string => typeof r === 'string');
    // Terraform lists the most specific form first, then its prefixes: keep the ones that are not a
    // prefix of an earlier one.
    const distinct: string[] = [];
    for (const r of refs) if (!distinct.some((d) => d === r || d.startsWith(`${r}.`) || d.startsWith(`${r}[`))) distinct.push(r);
    if (distinct.length === 0) return UNKNOWN_AFTER_APPLY;
    return distinct.map((r) => `\${${rewriteReference(r, moduleAddress, known)}}`).join('|');
  }
  const keys = Object.keys(expr);
  if (keys.length === 0) return UNKNOWN_AFTER_APPLY;
  const out: Record<string, JsonValue> = {};
  for (const k of keys) out[k] = expressionValue(expr[k], moduleAddress, known);
  return out;
}

/** Planned value where known, configuration expression where known only after apply. */
function merge(value: unknown, unknown: unknown, expr: unknown, moduleAddress: string | undefined, known: ReadonlySet<string>): JsonValue | undefined {
  // Unknown and not in the configuration: a computed attribute (`arn`, `id`), absent as in a configuration.
  if (unknown === true) return expr === undefined ? undefined : expressionValue(expr, moduleAddress, known);
  if (Array.isArray(value)) {
    return value.map((v, i) => {
      const e = Array.isArray(expr) ? expr[i] : isObject(expr) && !('references' in expr) && !('constant_value' in expr) ? expr : undefined;
      return merge(v, Array.isArray(unknown) ? unknown[i] : undefined, e, moduleAddress, known) ?? null;
    });
  }
  if (isObject(value)) {
    const out: Record<string, JsonValue> = {};
    const exprKeys = isObject(expr) && !('references' in expr) && !('constant_value' in expr) ? Object.keys(expr) : [];
    const keys = new Set([...Object.keys(value), ...(isObject(unknown) ? Object.keys(unknown) : []), ...exprKeys]);
    for (const k of keys) {
      const v = merge(value[k], isObject(unknown) ? unknown[k] : undefined, isObject(expr) ? expr[k] : undefined, moduleAddress, known);
      if (v !== undefined && v !== null) out[k] = v;
    }
    return out;
  }
  if (value === undefined || value === null) return expr === undefined ? undefined : expressionValue(expr, moduleAddress, known);
  return value as JsonValue;
}

function walk(mod: unknown, visit: (r: ValuesResource, moduleAddress: string | undefined) => void): void {
  if (!isObject(mod)) return;
  const m = mod as unknown as ValuesModule;
  for (const r of m.resources ?? []) if (isObject(r) && typeof r.type === 'string' && typeof r.name === 'string') visit(r, m.address);
  for (const child of m.child_modules ?? []) walk(child, visit);
}

function configResource(configuration: unknown, moduleAddress: string | undefined, r: ValuesResource): JsonObject | undefined {
  const mod = configModule(configuration, moduleCalls(moduleAddress));
  const list = mod && Array.isArray(mod.resources) ? mod.resources : [];
  const address = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
  const hit = list.find((c) => isObject(c) && c.address === address);
  return isObject(hit) ? hit : undefined;
}

function providers(configuration: unknown, known: ReadonlySet<string>): Record<string, JsonObject[]> {
  const out: Record<string, JsonObject[]> = {};
  const config = isObject(configuration) ? configuration.provider_config : undefined;
  if (!isObject(config)) return out;
  for (const entry of Object.values(config)) {
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.module_address === 'string') continue;
    const body: Record<string, JsonValue> = {};
    if (typeof entry.alias === 'string') body.alias = entry.alias;
    const exprs = isObject(entry.expressions) ? expressionValue(entry.expressions, undefined, known) : {};
    if (isObject(exprs)) Object.assign(body, exprs);
    (out[entry.name] ??= []).push(body);
  }
  return out;
}

/**
 * Maps `terraform show -json` output of a plan or a state to Terraform JSON. Resource bodies carry
 * cdktf-style `//.metadata.path` set to the Terraform address, so reports name the real instance.
 */
export function showToTerraform(json: JsonObject, kind: Exclude<ShowKind, 'empty'>): TerraformJson {
  const root = kind === 'plan' ? (isObject(json.planned_values) ? json.planned_values.root_module : undefined) : isObject(json.values) ? json.values.root_module : undefined;
  const prior = kind === 'plan' && isObject(json.prior_state) && isObject(json.prior_state.values) ? json.prior_state.values.root_module : undefined;
  const configuration = kind === 'plan' ? json.configuration : undefined;
  const unknownByAddress = new Map<string, unknown>();
  for (const rc of Array.isArray(json.resource_changes) ? json.resource_changes : []) {
    if (isObject(rc) && typeof rc.address === 'string' && isObject(rc.change)) unknownByAddress.set(rc.address, rc.change.after_unknown);
  }

  const entries: Array<{ r: ValuesResource; moduleAddress: string | undefined }> = [];
  const seen = new Set<string>();
  const collect = (r: ValuesResource, moduleAddress: string | undefined) => {
    if (seen.has(r.address)) return;
    seen.add(r.address);
    entries.push({ r, moduleAddress });
  };
  walk(root, collect);
  walk(prior, (r, m) => {
    if (r.mode === 'data') collect(r, m);
  });
  const known = new Set(entries.map(({ r, moduleAddress }) => `${r.mode === 'data' ? 'data.' : ''}${r.type}.${mappedName(moduleAddress, r.name, r.index)}`));

  const resource: Record<string, Record<string, JsonObject>> = {};
  const data: Record<string, Record<string, JsonObject>> = {};
  for (const { r, moduleAddress } of entries) {
    const conf = configResource(configuration, moduleAddress, r);
    const body = (merge(r.values ?? {}, unknownByAddress.get(r.address), conf?.expressions, moduleAddress, known) ?? {}) as Record<string, JsonValue>;
    const providerKey = typeof conf?.provider_config_key === 'string' ? conf.provider_config_key.replace(/^.*:/, '') : undefined;
    if (providerKey && providerKey.includes('.')) body.provider = providerKey;
    body['//'] = { metadata: { path: r.address } };
    const section = r.mode === 'data' ? data : resource;
    (section[r.type] ??= {})[mappedName(moduleAddress, r.name, r.index)] = body;
  }
  const out: Record<string, JsonValue> = {};
  const provider = providers(configuration, known);
  if (Object.keys(provider).length > 0) out.provider = provider;
  if (Object.keys(resource).length > 0) out.resource = resource;
  if (Object.keys(data).length > 0) out.data = data;
  return out as TerraformJson;
}
