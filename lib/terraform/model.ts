/**
 * The index the engine builds once per evaluation: resources by type, by address and by reference,
 * modules (stacks) and accounts. Rules only look things up; nothing is re-parsed per rule.
 */
import type { JsonObject, JsonValue, Resource, StackDocument } from './types';
import { existenceOf } from './existence';
import { partitionOfRegion } from './partition';
import { blocks, isObject, parseReference, referencesIn, str, walkStrings } from './values';

export const UNKNOWN_ACCOUNT = 'unknown';

/** An incoming reference: `from` mentions the target under its top-level argument `key`. */
export interface Incoming {
  readonly from: Resource;
  readonly key: string;
}

/** One Terraform module: every document that shares a stack name. */
export interface ModuleIndex {
  readonly name: string;
  readonly files: string[];
  /** Managed resources and data sources by address (`aws_x.y`, `data.aws_x.y`). */
  readonly byAddress: Map<string, Resource>;
  /** Managed resources that certainly exist, by type (evidence). */
  readonly byType: Map<string, Resource[]>;
  /** Reverse references: address -> resources that certainly exist and reference it (evidence). */
  readonly referencedBy: Map<string, Incoming[]>;
  /** Reverse references from resources that exist only conditionally (count/for_each expressions): never evidence. */
  readonly conditionallyReferencedBy: Map<string, Incoming[]>;
  /** Accounts the module deploys into (usually one). */
  readonly accounts: Set<string>;
  /** Output values by name (CDKTF cross-stack references read them through remote state). */
  readonly outputs: Map<string, JsonValue>;
  /** `moved` blocks: `from` without an instance key, `to` as written. */
  readonly moved: ModuleMove[];
  /** Addresses in `removed` blocks, with whether Terraform destroys the real object. */
  readonly removed: Map<string, boolean>;
  /** Addresses that `import` blocks bring into this state. */
  readonly imported: Set<string>;
  /** The AWS provider configurations as written, by alias (`''` for the default one). */
  readonly providerConfigs: Map<string, JsonObject>;
  /** Literal role ARNs the module's AWS providers assume to deploy (`assume_role.role_arn`). */
  readonly assumedRoles: Set<string>;
  /** Child module calls (`module` blocks) by name: their resources are not in this input. */
  readonly moduleCalls: Map<string, JsonObject>;
}

/** A `moved` block. */
export interface ModuleMove {
  readonly from: string;
  readonly to: string;
}

/** `aws_x.a["k"]` / `aws_x.a[0]` -> `aws_x.a`. */
export function baseAddress(address: string): string {
  return address.trim().replace(/\[[^\]]*\]$/, '');
}

/** Reads the `moved`, `removed` and `import` blocks and the provider configurations of one document into its module. */
function readStateBlocks(json: StackDocument['json'], mod: ModuleIndex): void {
  for (const m of blocks(json.moved as JsonValue | undefined)) {
    if (typeof m.from === 'string' && typeof m.to === 'string') mod.moved.push({ from: baseAddress(m.from), to: m.to.trim() });
  }
  for (const r of blocks(json.removed as JsonValue | undefined)) {
    if (typeof r.from !== 'string') continue;
    const destroy = blocks(r.lifecycle)[0]?.destroy;
    mod.removed.set(baseAddress(r.from), !(destroy === false || destroy === 'false'));
  }
  for (const i of blocks(json.import as JsonValue | undefined)) {
    if (typeof i.to === 'string') mod.imported.add(baseAddress(i.to));
  }
  for (const calls of blocks(json.module as JsonValue | undefined)) {
    for (const name of Object.keys(calls)) {
      mod.moduleCalls.set(name, blocks(calls[name])[0] ?? {});
    }
  }
  const provider = json.provider;
  if (isObject(provider)) {
    for (const config of blocks(provider.aws as JsonValue | undefined)) {
      mod.providerConfigs.set(typeof config.alias === 'string' ? config.alias : '', config);
      for (const assume of blocks(config.assume_role)) {
        const arn = str(assume.role_arn);
        if (arn !== 'absent' && arn !== 'unknown') mod.assumedRoles.add(arn);
      }
    }
  }
}

/** Every stack deploying into one AWS account. */
export interface AccountGroup {
  readonly account: string;
  readonly stacks: Set<string>;
  /** Managed resources that certainly exist, by type, across the account's stacks (evidence). */
  readonly byType: Map<string, Resource[]>;
  /** Managed resources that exist only conditionally (count/for_each expressions), by type: never evidence. */
  readonly conditional: Map<string, Resource[]>;
  /** Regions resources deploy into; `undefined` collects stacks whose Region is not a literal. */
  readonly regions: Map<string | undefined, Set<string>>;
}

export interface ComplianceIndex {
  readonly modules: Map<string, ModuleIndex>;
  /**
   * Every managed resource by type, conditional ones included: what rules judge. Evidence lookups
   * use the module's and account's `byType`, which hold only resources that certainly exist.
   */
  readonly byType: Map<string, Resource[]>;
  readonly accounts: Map<string, AccountGroup>;
  readonly resourceCount: number;
}

interface ProviderInfo {
  readonly account: string;
  readonly region?: string;
  readonly defaultTags?: JsonObject;
}

function defaultTagsOf(cfg: JsonObject): JsonObject | undefined {
  const dt = blocks(cfg.default_tags)[0];
  return dt && isObject(dt.tags) ? dt.tags : undefined;
}

function accountOf(cfg: JsonObject): string | undefined {
  const allowed = cfg.allowed_account_ids;
  if (Array.isArray(allowed) && allowed.length > 0) {
    // Several allowed accounts: the provider may deploy into any of them, so the account is not known.
    if (allowed.length > 1) return undefined;
    const first = str(allowed[0]);
    if (typeof first === 'string' && first !== 'absent' && first !== 'unknown' && /^\d{12}$/.test(first)) return first;
    return undefined;
  }
  for (const assume of blocks(cfg.assume_role)) {
    const arn = str(assume.role_arn);
    const m = typeof arn === 'string' ? /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn) : null;
    if (m) return m[1];
  }
  return undefined;
}

function regionOf(cfg: JsonObject): string | undefined {
  const r = str(cfg.region);
  return r === 'absent' || r === 'unknown' ? undefined : r;
}

/** Reads `provider.aws` (object or array of configs with aliases) of one module. */
function readProviders(docs: readonly StackDocument[]): { default: ProviderInfo; aliases: Map<string, ProviderInfo> } {
  const configs: JsonObject[] = [];
  for (const d of docs) {
    const p = d.json.provider;
    if (!isObject(p)) continue;
    const aws = p.aws as JsonValue | undefined;
    configs.push(...blocks(aws));
  }
  const defaultCfg = configs.find((c) => c.alias === undefined || c.alias === null);
  const defaultAccount = defaultCfg ? accountOf(defaultCfg) : undefined;
  const def: ProviderInfo = {
    account: defaultAccount ?? UNKNOWN_ACCOUNT,
    region: defaultCfg ? regionOf(defaultCfg) : undefined,
    defaultTags: defaultCfg ? defaultTagsOf(defaultCfg) : undefined,
  };
  const aliases = new Map<string, ProviderInfo>();
  for (const c of configs) {
    if (typeof c.alias !== 'string') continue;
    aliases.set(c.alias, { account: accountOf(c) ?? def.account, region: regionOf(c), defaultTags: defaultTagsOf(c) });
  }
  return { default: def, aliases };
}

function providerFor(config: JsonObject, providers: ReturnType<typeof readProviders>): ProviderInfo {
  const p = config.provider;
  if (typeof p === 'string') {
    const m = /^(?:\$\{)?aws\.([\w-]+)\}?$/.exec(p);
    if (m) return providers.aliases.get(m[1]) ?? { account: providers.default.account };
  }
  return providers.default;
}

function metadataPath(config: JsonObject): string | undefined {
  const meta = config['//'];
  if (!isObject(meta)) return undefined;
  const inner = meta.metadata;
  return isObject(inner) && typeof inner.path === 'string' ? inner.path : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the index over all documents. Linear in the size of the input. */
export function buildIndex(docs: readonly StackDocument[]): ComplianceIndex {
  const grouped = new Map<string, StackDocument[]>();
  for (const d of docs) push(grouped, d.name, d);

  const modules = new Map<string, ModuleIndex>();
  const byType = new Map<string, Resource[]>();
  const accounts = new Map<string, AccountGroup>();
  let resourceCount = 0;

  for (const [name, moduleDocs] of grouped) {
    const providers = readProviders(moduleDocs);
    const mod: ModuleIndex = {
      name,
      files: moduleDocs.map((d) => d.file).filter((f): f is string => f !== undefined),
      byAddress: new Map(),
      byType: new Map(),
      referencedBy: new Map(),
      conditionallyReferencedBy: new Map(),
      accounts: new Set(),
      outputs: new Map(),
      moved: [],
      removed: new Map(),
      imported: new Set(),
      providerConfigs: new Map(),
      moduleCalls: new Map(),
      assumedRoles: new Set(),
    };
    modules.set(name, mod);
    const all: Resource[] = [];
    for (const doc of moduleDocs) {
      readStateBlocks(doc.json, mod);
      const outputs = doc.json.output;
      if (isObject(outputs)) {
        for (const name of Object.keys(outputs)) {
          const o = outputs[name];
          if (isObject(o) && o.value !== undefined) mod.outputs.set(name, o.value);
        }
      }
      for (const mode of ['managed', 'data'] as const) {
        // Terraform JSON allows an array of objects wherever an object of blocks is expected
        // (`"resource": [{...}]`, `"aws_s3_bucket": {"b": [{...}]}`); each level is read both ways.
        const entries: Array<[string, string, JsonObject]> = [];
        for (const section of blocks((mode === 'managed' ? doc.json.resource : doc.json.data) as JsonValue | undefined)) {
          for (const type of Object.keys(section)) {
            for (const ofType of blocks(section[type])) {
              for (const rname of Object.keys(ofType)) {
                // Several bodies under one address is a duplicate Terraform refuses; the first is read.
                const body = blocks(ofType[rname])[0];
                if (body) entries.push([type, rname, body]);
              }
            }
          }
        }
        for (const [type, rname, config] of entries) {
          const exists = existenceOf(config);
          if (exists.existence === 'no') continue;
          const provider = providerFor(config, providers);
          const own = str(config.region);
          // A resource `region` from an expression may be any Region: not the provider's.
          const region = own === 'unknown' ? undefined : typeof own === 'string' && own !== 'absent' ? own : provider.region;
          const address = mode === 'managed' ? `${type}.${rname}` : `data.${type}.${rname}`;
          const resource: Resource = {
            stack: name,
            mode,
            type,
            name: rname,
            address,
            config,
            constructPath: metadataPath(config),
            file: doc.file,
            account: provider.account,
            region,
            partition: partitionOfRegion(region),
            existence: exists.existence,
            ...(exists.reason !== undefined ? { existenceReason: exists.reason } : {}),
            defaultTags: provider.defaultTags,
          };
          mod.byAddress.set(address, resource);
          all.push(resource);
          if (mode === 'managed') {
            resourceCount++;
            push(byType, type, resource);
            mod.accounts.add(resource.account);
            let group = accounts.get(resource.account);
            if (!group) {
              group = { account: resource.account, stacks: new Set(), byType: new Map(), conditional: new Map(), regions: new Map() };
              accounts.set(resource.account, group);
            }
            group.stacks.add(name);
            if (resource.existence === 'yes') {
              push(mod.byType, type, resource);
              push(group.byType, type, resource);
            } else {
              push(group.conditional, type, resource);
            }
            let stacksInRegion = group.regions.get(region);
            if (!stacksInRegion) {
              stacksInRegion = new Set();
              group.regions.set(region, stacksInRegion);
            }
            stacksInRegion.add(name);
          }
        }
      }
    }
    for (const resource of all) {
      const seen = new Set<string>();
      walkStrings(resource.config, (value, key) => {
        for (const ref of referencesIn(value)) {
          if (ref.kind !== 'resource' && ref.kind !== 'data') continue;
          const tag = `${ref.address}\u0000${key}`;
          if (seen.has(tag)) continue;
          seen.add(tag);
          push(resource.existence === 'yes' ? mod.referencedBy : mod.conditionallyReferencedBy, ref.address, { from: resource, key });
        }
      });
    }
  }
  return { modules, byType, accounts, resourceCount };
}

const CROSS_STACK_INPUT = /^data\.terraform_remote_state\.cross-stack-reference-input-(.+)$/;

/**
 * Resolves a value that is exactly one reference to the resource or data source it names, in the
 * module `stack`. A CDKTF cross-stack reference
 * (`${data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>}`) is
 * followed to the output of the other stack, when that stack was loaded too.
 */
export function resolveReference(index: ComplianceIndex, stack: string, value: JsonValue | undefined, depth = 0): Resource | undefined {
  const ref = parseReference(value);
  if (!ref || (ref.kind !== 'resource' && ref.kind !== 'data')) return undefined;
  if (ref.kind === 'data' && ref.type === 'terraform_remote_state' && ref.attribute === 'outputs' && ref.path?.length === 1 && depth < 5) {
    const m = CROSS_STACK_INPUT.exec(ref.address);
    const source = m ? index.modules.get(m[1]) : undefined;
    const output = source?.outputs.get(ref.path[0]);
    if (source && output !== undefined) return resolveReference(index, source.name, output, depth + 1);
    return undefined;
  }
  return index.modules.get(stack)?.byAddress.get(ref.address);
}

/** `resolveReference` from the module of `from`. */
export function resolveIn(index: ComplianceIndex, from: Resource, value: JsonValue | undefined): Resource | undefined {
  return resolveReference(index, from.stack, value);
}
