/**
 * A read-only index over synthesized Terraform JSON (one document per stack): resources by type
 * and address, effective tags (provider `default_tags` under the resource's own), the account and
 * Region each resource deploys to, and the resolution of Terraform references (`${aws_kms_key.x.arn}`)
 * into partly known strings. No cdktf imports: it reads any `*.tf.json`.
 */
import { Policy, readPolicy } from './policy';
import { Text, concat, hole, text } from './text';
import { jsonencodeValue } from './hcl';
import { buildIndex, UNKNOWN_ACCOUNT, type ComplianceIndex } from './model';
import type { Existence, JsonValue, TerraformJson } from './types';

const CROSS_STACK_INPUT = /^cross-stack-reference-input-(.+)$/;

/** One synthesized stack: its name and its parsed `cdk.tf.json`. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: object;
}

/** Where a resource deploys: from the AWS provider it uses. */
export interface ProviderInfo {
  /** The single allowed account (or the assumed role's account). @default - unknown */
  readonly account?: string;
  /** @default - unknown */
  readonly region?: string;
  readonly partition: string;
  readonly defaultTags: Readonly<Record<string, string>>;
}

/** One resource or data source of one stack. */
export interface TfResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly data: boolean;
  readonly body: Readonly<Record<string, unknown>>;
  /** `<stack>/<type>.<name>` (`<stack>/data.<type>.<name>` for data sources). */
  readonly address: string;
  readonly provider: ProviderInfo;
  /** `maybe` when count or for_each is an expression: such a principal might exist, so it is analysed. */
  readonly existence: Existence;
}

type Block = Record<string, unknown>;

function isModel(input: readonly SynthesizedStack[] | ComplianceIndex): input is ComplianceIndex {
  return !Array.isArray(input);
}

function isRecord(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A whole-string Terraform reference `${type.name.attr}` (or `${data.type.name.attr}`). */
export interface Reference {
  readonly data: boolean;
  readonly type: string;
  readonly name: string;
  readonly attr: string;
}

const REFERENCE = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.(.+)$/;

/** Parses a Terraform expression such as `aws_vpc.acme.id`; function calls and variables are not references. */
export function parseReference(expression: string): Reference | undefined {
  const m = REFERENCE.exec(expression.trim());
  if (!m || m[2] === 'var' || m[2] === 'local' || m[2] === 'module') return undefined;
  return { data: m[1] !== undefined, type: m[2], name: m[3], attr: m[4] };
}

/** The reference when `value` is exactly one interpolation, e.g. `${aws_vpc.acme.id}`. */
export function wholeReference(value: unknown): Reference | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\$\{([^{}]*)\}$/.exec(value.trim());
  return m ? parseReference(m[1]) : undefined;
}

export class TerraformIndex {
  public readonly stackNames: readonly string[];
  /** The shared Terraform model this view reads. */
  public readonly model: ComplianceIndex;
  private readonly byType = new Map<string, TfResource[]>();
  private readonly byAddress = new Map<string, TfResource>();

  /**
   * A view over the shared model: the same resources, accounts, Regions, partitions and default
   * tags the rule engine reads (one provider reader, one existence reading), plus the resolution
   * of references into partly known strings. Pass the model when it is already built.
   */
  constructor(input: readonly SynthesizedStack[] | ComplianceIndex) {
    const model = isModel(input) ? input : buildIndex(input.map((s) => ({ name: s.name, json: s.json as TerraformJson })));
    this.model = model;
    this.stackNames = [...model.modules.keys()];
    for (const mod of model.modules.values()) {
      for (const r of mod.byAddress.values()) {
        const provider: ProviderInfo = {
          ...(r.account !== UNKNOWN_ACCOUNT ? { account: r.account } : {}),
          ...(r.region !== undefined ? { region: r.region } : {}),
          partition: r.partition,
          defaultTags: stringRecord(r.defaultTags),
        };
        const data = r.mode === 'data';
        const address = `${r.stack}/${r.address}`;
        const resource: TfResource = { stack: r.stack, type: r.type, name: r.name, data, body: r.config, address, provider, existence: r.existence };
        const key = `${data ? 'data:' : ''}${r.type}`;
        const list = this.byType.get(key);
        if (list) list.push(resource);
        else this.byType.set(key, [resource]);
        this.byAddress.set(address, resource);
      }
    }
  }

  /** Every resource of a type, in stack order. */
  public resources(type: string): readonly TfResource[] {
    return this.byType.get(type) ?? [];
  }

  /** Every resource type present, in first-seen order. */
  public resourceTypes(): string[] {
    return [...this.byType.keys()].filter((k) => !k.startsWith('data:'));
  }

  /** Every data source of a type. */
  public dataSources(type: string): readonly TfResource[] {
    return this.byType.get(`data:${type}`) ?? [];
  }

  /** A resource (or data source) of a stack by type and name. */
  public get(stack: string, type: string, name: string, data = false): TfResource | undefined {
    return this.byAddress.get(`${stack}/${data ? 'data.' : ''}${type}.${name}`);
  }

  /** The resource a whole-string reference in `stack` points at. */
  public target(stack: string, value: unknown, depth = 0): { resource: TfResource; attr: string } | undefined {
    const ref = wholeReference(value);
    if (!ref) return undefined;
    const across = depth < 5 ? this.crossStackOutput(ref) : undefined;
    if (across) return this.target(across.stack, across.value, depth + 1);
    const resource = this.get(stack, ref.type, ref.name, ref.data);
    return resource ? { resource, attr: ref.attr } : undefined;
  }

  /**
   * A CDKTF cross-stack reference (`data.terraform_remote_state.cross-stack-reference-input-<stack>
   * .outputs.<name>`) followed to the output's value in the other stack, when that stack was loaded.
   */
  private crossStackOutput(ref: Reference): { stack: string; value: JsonValue } | undefined {
    if (!ref.data || ref.type !== 'terraform_remote_state' || !ref.attr.startsWith('outputs.')) return undefined;
    const source = CROSS_STACK_INPUT.exec(ref.name)?.[1];
    const mod = source !== undefined ? this.model.modules.get(source) : undefined;
    const value = mod?.outputs.get(ref.attr.slice('outputs.'.length));
    return mod && value !== undefined ? { stack: mod.name, value } : undefined;
  }

  /** Tags as AWS will see them: provider `default_tags` under the resource's `tags` (and `tags_all`). */
  public tags(resource: TfResource): Record<string, string> {
    return { ...resource.provider.defaultTags, ...stringRecord(resource.body.tags), ...stringRecord(resource.body.tags_all) };
  }

  /** Only the tags written on the resource itself. */
  public ownTags(resource: TfResource): Record<string, string> {
    return { ...stringRecord(resource.body.tags), ...stringRecord(resource.body.tags_all) };
  }

  /** A literal string attribute, or undefined when absent or a reference. */
  public literal(resource: TfResource, attr: string): string | undefined {
    const v = resource.body[attr];
    return typeof v === 'string' && !v.includes('${') ? v : undefined;
  }

  /** Reads a Terraform template string: `$${` is a literal `${`; `${expr}` is resolved. */
  public toText(stack: string, raw: string, iamEscapes = false, depth = 0): Text {
    const value = iamEscapes ? raw.replace(/&\{/g, '${') : raw;
    const pieces: Array<Text | string> = [];
    let buffer = '';
    let i = 0;
    while (i < value.length) {
      if (value.startsWith('$${', i) || value.startsWith('%%{', i)) {
        buffer += value[i + 1] + '{';
        i += 3;
        continue;
      }
      if (value.startsWith('${', i) || value.startsWith('%{', i)) {
        const end = closingBrace(value, i + 2);
        const expression = value.slice(i + 2, end);
        if (value[i] === '$' && (/^\s*[A-Za-z0-9-]+:/.test(expression) || /^\s*[*?$]\s*$/.test(expression))) {
          // An IAM policy variable that was not escaped: keep it for the policy evaluator.
          buffer += value.slice(i, end + 1);
        } else {
          pieces.push(buffer);
          buffer = '';
          pieces.push(value[i] === '$' ? this.resolve(stack, expression, depth) : hole(`%{${expression}}`));
        }
        i = end + 1;
        continue;
      }
      buffer += value[i];
      i += 1;
    }
    pieces.push(buffer);
    return concat(...pieces);
  }

  /** The value of a Terraform expression, as far as it is known before apply. */
  public resolve(stack: string, expression: string, depth = 0): Text {
    const ref = parseReference(expression);
    const unknown = hole(expression.trim());
    if (!ref) return unknown;
    const across = this.crossStackOutput(ref);
    if (across) return typeof across.value === 'string' && depth < 5 ? this.toText(across.stack, across.value, false, depth + 1) : unknown;
    const r = this.get(stack, ref.type, ref.name, ref.data);
    if (!r) return unknown;
    const attr = ref.attr;
    const own = (a: string): Text => hole(`${r.type}.${r.name}.${a}`, `${r.address}.${a}`);
    const p = r.provider;
    const acct = p.account ? text(p.account) : hole('account');
    const region = p.region ? text(p.region) : hole('region');
    const lit = (a: string): Text | undefined => {
      const v = r.body[a];
      return typeof v === 'string' ? this.toText(stack, v) : undefined;
    };
    if (r.data) {
      if (ref.type === 'aws_caller_identity' && attr === 'account_id') return acct;
      if (ref.type === 'aws_partition' && attr === 'partition') return text(p.partition);
      if (ref.type === 'aws_region' && (attr === 'name' || attr === 'region' || attr === 'id')) return region;
      if (ref.type === 'aws_vpc' && attr === 'cidr_block') return lit('cidr_block') ?? own(attr);
      return own(attr);
    }
    switch (ref.type) {
      case 'aws_iam_role':
        if (attr === 'arn') return this.roleArn(r);
        if (attr === 'name' || attr === 'id') return lit('name') ?? own('name');
        return own(attr);
      case 'aws_iam_policy':
        if (attr === 'arn' || attr === 'id') return concat(`arn:${p.partition}:iam::`, acct, ':policy', lit('path') ?? '/', lit('name') ?? own('name'));
        return own(attr);
      case 'aws_kms_key':
        if (attr === 'arn') return this.keyArn(r);
        if (attr === 'key_id' || attr === 'id') return own('key_id');
        return own(attr);
      case 'aws_kms_alias':
        if (attr === 'arn') return concat(`arn:${p.partition}:kms:`, region, ':', acct, ':', lit('name') ?? own('name'));
        if (attr === 'name' || attr === 'id') return lit('name') ?? own('name');
        if (attr === 'target_key_arn') {
          const t = this.target(stack, r.body.target_key_id);
          return t && t.resource.type === 'aws_kms_key' ? this.keyArn(t.resource) : own(attr);
        }
        return own(attr);
      case 'aws_s3_bucket':
        if (attr === 'arn') return concat(`arn:${p.partition}:s3:::`, this.bucketName(r));
        if (attr === 'id' || attr === 'bucket') return this.bucketName(r);
        return own(attr);
      case 'aws_secretsmanager_secret':
        if (attr === 'arn' || attr === 'id') return this.secretArn(r);
        if (attr === 'name') return lit('name') ?? own('name');
        return own(attr);
      case 'aws_db_instance':
        if (attr === 'arn') return concat(`arn:${p.partition}:rds:`, region, ':', acct, ':db:', lit('identifier') ?? own('identifier'));
        if (attr === 'identifier' || attr === 'id') return lit('identifier') ?? own('identifier');
        if (attr === 'resource_id') return own('resource_id');
        return own(attr);
      case 'aws_vpc':
        if (attr === 'cidr_block') return lit('cidr_block') ?? own(attr);
        return own(attr);
      default:
        return own(attr);
    }
  }

  /** `arn:<partition>:iam::<account>:role<path><name>`; unknown parts are holes. */
  public roleArn(role: TfResource): Text {
    const p = role.provider;
    const name = this.literal(role, 'name');
    const path = this.literal(role, 'path') ?? '/';
    if (!name) return hole(`${role.type}.${role.name}.arn`, `${role.address}.arn`);
    return concat(`arn:${p.partition}:iam::`, p.account ? text(p.account) : hole('account'), `:role${path}${name}`);
  }

  /** `arn:<partition>:kms:<region>:<account>:key/<key id>`. */
  public keyArn(key: TfResource): Text {
    const p = key.provider;
    return concat(
      `arn:${p.partition}:kms:`,
      p.region ? text(p.region) : hole('region'),
      ':',
      p.account ? text(p.account) : hole('account'),
      ':key/',
      hole(`${key.type}.${key.name}.key_id`, `${key.address}.key_id`),
    );
  }

  /** The bucket name, or a hole when it is generated. */
  public bucketName(bucket: TfResource): Text {
    const name = bucket.body.bucket;
    return typeof name === 'string' ? this.toText(bucket.stack, name) : hole(`${bucket.type}.${bucket.name}.bucket`, `${bucket.address}.bucket`);
  }

  /** `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>`. */
  public secretArn(secret: TfResource): Text {
    const p = secret.provider;
    const name = typeof secret.body.name === 'string' ? this.toText(secret.stack, secret.body.name) : undefined;
    const base = concat(`arn:${p.partition}:secretsmanager:`, p.region ? text(p.region) : hole('region'), ':', p.account ? text(p.account) : hole('account'), ':secret:');
    return name
      ? concat(base, name, '-', hole(`${secret.type}.${secret.name}.suffix`, `${secret.address}.suffix`))
      : concat(base, hole(`${secret.type}.${secret.name}.name`, `${secret.address}.name`));
  }

  /**
   * Reads a policy argument: a JSON string (Terraform-escaped), a reference to an
   * `aws_iam_policy_document` data source or to an `aws_iam_policy`'s `policy`. Anything else is
   * an unreadable policy (which might allow anything).
   */
  public policy(stack: string, raw: unknown, source: string, depth = 0): Policy {
    if (isRecord(raw)) return readPolicy(raw, source, (s) => this.toText(stack, s));
    if (typeof raw !== 'string') return { source, statements: [], unreadable: 'no policy text' };
    const ref = wholeReference(raw);
    if (ref && depth < 5) {
      const r = this.get(stack, ref.type, ref.name, ref.data);
      if (r && ref.data && ref.type === 'aws_iam_policy_document' && (ref.attr === 'json' || ref.attr === 'minified_json')) return this.policyDocument(r, source, depth);
      if (r && !ref.data && ref.type === 'aws_iam_policy' && ref.attr === 'policy') return this.policy(r.stack, r.body.policy, source, depth + 1);
      return { source, statements: [], unreadable: `unresolved reference ${raw}` };
    }
    let parsed: unknown;
    const encoded = raw.trimStart().startsWith('${') ? jsonencodeValue(raw) : undefined;
    if (encoded !== undefined) parsed = encoded;
    else {
      try {
        parsed = JSON.parse(raw);
      } catch {
        return { source, statements: [], unreadable: 'not JSON (a Terraform expression?)' };
      }
    }
    return readPolicy(parsed, source, (s) => this.toText(stack, s));
  }

  private policyDocument(doc: TfResource, source: string, depth: number): Policy {
    const body = doc.body;
    // A nested block may be written as one object or as a list of objects (Terraform JSON syntax).
    const nested = (v: unknown): Block[] => (Array.isArray(v) ? v.filter(isRecord) : isRecord(v) ? [v] : []);
    const blocks = nested(body.statement);
    const list = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
    const principals = (v: unknown): unknown => {
      const items = v === undefined || v === null ? undefined : nested(v);
      if (!items) return undefined;
      if (items.some((p) => p.type === '*')) return '*';
      const out: Record<string, unknown[]> = {};
      for (const p of items) out[String(p.type)] = [...(out[String(p.type)] ?? []), ...(list(p.identifiers) ?? [])];
      return out;
    };
    const statements = blocks.map((s) => {
      const condition: Record<string, Record<string, unknown[]>> = {};
      for (const c of nested(s.condition)) {
        const test = String(c.test);
        const variable = String(c.variable);
        condition[test] = { ...(condition[test] ?? {}), [variable]: [...(condition[test]?.[variable] ?? []), ...(list(c.values) ?? [])] };
      }
      const raw: Record<string, unknown> = {
        Sid: s.sid,
        Effect: s.effect ?? 'Allow',
        Action: list(s.actions),
        NotAction: list(s.not_actions),
        Resource: list(s.resources),
        NotResource: list(s.not_resources),
        Principal: principals(s.principals),
        NotPrincipal: principals(s.not_principals),
        Condition: Object.keys(condition).length > 0 ? condition : undefined,
      };
      return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
    });
    const own = readPolicy({ Statement: statements }, source, (v) => this.toText(doc.stack, v, true));
    const notMerged = unmergedParts(doc);
    const sources = (list(body.source_policy_documents) ?? []).map((d) => this.policy(doc.stack, d, source, depth + 1));
    const overrides = (list(body.override_policy_documents) ?? []).map((d) => this.policy(doc.stack, d, source, depth + 1));
    const unreadable = notMerged ?? [...sources, ...overrides].find((p) => p.unreadable)?.unreadable;
    let merged = [...sources.flatMap((p) => p.statements), ...own.statements];
    for (const o of overrides.flatMap((p) => p.statements)) {
      const at = o.sid === undefined ? -1 : merged.findIndex((m) => m.sid === o.sid);
      merged = at >= 0 ? merged.map((m, i) => (i === at ? o : m)) : [...merged, o];
    }
    return unreadable ? { source, statements: merged, unreadable } : { source, statements: merged };
  }
}

function closingBrace(value: string, from: number): number {
  let depth = 1;
  let quote = false;
  for (let i = from; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '{') depth += 1;
    else if (c === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return value.length - 1;
}

/**
 * Parts of an `aws_iam_policy_document` the reader cannot merge: `dynamic` blocks (their content
 * exists only at plan), source or override lists that are expressions, and the deprecated
 * `source_json`/`override_json`. Any of them makes the document unreadable, never "no statement".
 */
function unmergedParts(doc: TfResource): string | undefined {
  const body = doc.body;
  if (isRecord(body.dynamic)) return `${doc.type}.${doc.name} builds ${Object.keys(body.dynamic).join(', ')} with a dynamic block`;
  for (const key of ['source_policy_documents', 'override_policy_documents']) {
    const v = body[key];
    if (v !== undefined && v !== null && !Array.isArray(v)) return `${doc.type}.${doc.name}.${key} is an expression`;
  }
  for (const key of ['source_json', 'override_json']) {
    if (body[key] !== undefined && body[key] !== null) return `${doc.type}.${doc.name} uses ${key}, which the policy reader does not merge`;
  }
  const statements = Array.isArray(body.statement) ? body.statement : isRecord(body.statement) ? [body.statement] : [];
  for (const st of statements) {
    if (isRecord(st) && isRecord(st.dynamic)) return `${doc.type}.${doc.name} builds a statement's ${Object.keys(st.dynamic).join(', ')} with a dynamic block`;
  }
  return undefined;
}
