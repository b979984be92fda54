/**
 * The module registry: a typed catalog of every module we offer. An entry carries its id, the
 * semver of its contract, a summary, the 45 CFR controls it implements, where it may be used, the
 * schema of its inputs, and the factory that builds it. The configuration composes modules by id;
 * the `modules` command, the reference page and the JSON Schema are generated from it.
 */
import { z } from 'zod';
import { Problem } from '../../errors';
import { closestMatch as closest } from '../../text';
import { valueAt } from '../../config/load';

/** Where a module may be composed. */
export type ModuleScope = 'account' | 'dedicated-tenant' | 'pooled-tenant' | 'pool' | 'peering';

export interface ModuleDefinition<Ctx, I = unknown> {
  /** Stable id used in configuration files, e.g. `database`. */
  readonly id: string;
  /** Semantic version of the module's contract (inputs and Terraform addresses). */
  readonly version: string;
  readonly summary: string;
  /** 45 CFR 164.3xx controls the module implements. */
  readonly controls: readonly string[];
  /** Where the module may be used. */
  readonly scopes: readonly ModuleScope[];
  /** Whether configuration files may list it under a tenant's `modules` (false: composed implicitly). */
  readonly composable: boolean;
  /** Schema of the module's inputs (a strict object; all fields optional with safe defaults). */
  readonly inputs: z.ZodType<I>;
  /** Modules this one needs in the same tenant (composed before it). */
  readonly requires?: readonly string[];
  /** Builds the module into a tenant or account context. */
  readonly factory: (ctx: Ctx, inputs: I) => void;
}

/** A module use from a configuration. */
export interface ModuleUse {
  readonly id: string;
  readonly inputs: Record<string, unknown>;
}

/** A module use whose inputs passed the module's schema. */
export interface ResolvedModule<Ctx> {
  readonly definition: ModuleDefinition<Ctx, unknown>;
  readonly inputs: unknown;
}

export class ModuleRegistry<Ctx> {
  private readonly modules = new Map<string, ModuleDefinition<Ctx, unknown>>();

  /** Adds a module; ids are unique. */
  public register<I>(definition: ModuleDefinition<Ctx, I>): this {
    if (this.modules.has(definition.id)) throw new Error(`module "${definition.id}" is registered twice`);
    if (!/^\d+\.\d+\.\d+$/.test(definition.version)) throw new Error(`module "${definition.id}" version "${definition.version}" is not semver`);
    this.modules.set(definition.id, definition as unknown as ModuleDefinition<Ctx, unknown>);
    return this;
  }

  public get(id: string): ModuleDefinition<Ctx, unknown> | undefined {
    return this.modules.get(id);
  }

  /** Every module, sorted by id. */
  public list(): ModuleDefinition<Ctx, unknown>[] {
    return [...this.modules.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * Checks a tenant's module list: known ids, allowed scope, inputs that pass the module's schema,
   * no duplicates, requirements present. Returns the resolved modules (in dependency order) and
   * every problem, with paths such as `tenants[2].modules[0].inputs.engine`.
   */
  public resolve(uses: readonly ModuleUse[], scope: ModuleScope, path: string, owner: string): { modules: ResolvedModule<Ctx>[]; problems: Problem[] } {
    const problems: Problem[] = [];
    const resolved: ResolvedModule<Ctx>[] = [];
    const seen = new Map<string, number>();
    const composable = this.list()
      .filter((m) => m.composable && m.scopes.includes(scope))
      .map((m) => m.id);
    uses.forEach((use, i) => {
      const at = `${path}[${i}]`;
      const def = this.modules.get(use.id);
      if (!def || !def.composable) {
        const suggestion = closest(use.id, composable);
        problems.push({
          code: 'HIPAA_MODULE_UNKNOWN',
          path: `${at}.id`,
          value: use.id,
          message: `${owner} uses a module the registry does not have`,
          fix: suggestion ? `did you mean "${suggestion}"? (run \`npm run modules\` for the catalog)` : `use one of ${composable.map((c) => `"${c}"`).join(', ')}`,
        });
        return;
      }
      if (!def.scopes.includes(scope)) {
        problems.push({
          code: 'HIPAA_MODULE_SCOPE',
          path: `${at}.id`,
          value: use.id,
          message: `module "${use.id}" cannot be used in a ${scope} (${owner}); it lives in: ${def.scopes.join(', ')}`,
          fix: `remove it from ${path}, or use one of ${composable.map((c) => `"${c}"`).join(', ')}`,
        });
        return;
      }
      if (seen.has(use.id)) {
        problems.push({
          code: 'HIPAA_MODULE_DUPLICATE',
          path: `${at}.id`,
          value: use.id,
          message: `${owner} lists module "${use.id}" twice (also at ${path}[${seen.get(use.id)}])`,
          fix: 'list each module once; put all its inputs in one entry',
        });
        return;
      }
      seen.set(use.id, i);
      const parsed = def.inputs.safeParse(use.inputs ?? {});
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
          for (const key of keys) {
            const segments = [...issue.path, ...(key ? [key] : [])].map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('');
            const value = key ? (use.inputs as Record<string, unknown>)[key] : valueAt(use.inputs, issue.path);
            const known = inputKeys(def.inputs);
            const suggestion = key ? closest(key, known) : undefined;
            problems.push({
              code: 'HIPAA_MODULE_INPUT',
              path: `${at}.inputs${segments}`,
              value,
              message: `${owner}, module "${use.id}": ${key ? 'unknown input' : issue.message}`,
              fix: key ? (suggestion ? `did you mean "${suggestion}"?` : `allowed inputs: ${known.join(', ')}`) : `see the "${use.id}" module in docs/modules.md`,
            });
          }
        }
        return;
      }
      resolved.push({ definition: def, inputs: parsed.data });
    });
    for (const m of resolved) {
      for (const need of m.definition.requires ?? []) {
        if (!resolved.some((r) => r.definition.id === need)) {
          problems.push({
            code: 'HIPAA_MODULE_REQUIRES',
            path,
            value: m.definition.id,
            message: `${owner}: module "${m.definition.id}" needs module "${need}" in the same tenant`,
            fix: `add { id: "${need}" } to ${path}`,
          });
        }
      }
    }
    // Configuration order, except that a module comes after the modules it requires (stable sort).
    resolved.sort((a, b) => depth(this, a.definition.id) - depth(this, b.definition.id));
    return { modules: resolved, problems };
  }
}

function depth<Ctx>(registry: ModuleRegistry<Ctx>, id: string, seen = new Set<string>()): number {
  if (seen.has(id)) return 0;
  seen.add(id);
  const reqs = registry.get(id)?.requires ?? [];
  return reqs.length === 0 ? 0 : 1 + Math.max(...reqs.map((r) => depth(registry, r, seen)));
}

function inputKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}
