/**
 * Offline `terraform validate` (and optionally `terraform test` with a mocked AWS provider) of every
 * stack in a synthesized `cdktf.out`, run on temporary copies against a local provider mirror.
 *
 * The copies differ from what a pipeline runs in three ways, all forced by being offline:
 * - the `hashicorp/aws` version constraint is set to the mirrored version (the mirror here holds 5.x,
 *   the stacks pin 6.25.0, so this checks against the 5.x schema);
 * - `terraform.backend` / `terraform.cloud` are dropped (init runs with `-backend=false` too);
 * - a resource or data source with a top-level `region` argument (v6's per-resource Region, which 5.x
 *   does not know) moves onto a generated aliased provider for that Region, a copy of the provider it
 *   used with only the Region changed.
 *
 * Stacks are validated as child modules of a few generated root modules ("groups"): terraform
 * loads the AWS provider schema (the bulk of the cost: ~4 s) once per group, not once per stack.
 * Diagnostics are mapped back to their stack by file name. A stack that cannot be a child module
 * (it has `import` blocks or variables without defaults) is validated on its own.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatProblem, Problem } from '../errors';
import { messages } from '../messages';

export const MIRROR_ENV = 'HIPAA_TF_PROVIDER_MIRROR';
const AWS_SOURCE = 'registry.terraform.io/hashicorp/aws';

/** Terraform or a provider mirror is missing, or the input is unusable: exit code 2, one line. */
export class TerraformUnavailableError extends Error {
  constructor(public readonly problem: Problem) {
    super(formatProblem(problem));
    this.name = 'TerraformUnavailableError';
  }
}

// ---- discovery ---------------------------------------------------------------------------------

/** The terraform executable: HIPAA_TERRAFORM, else the first `terraform` on PATH. */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.HIPAA_TERRAFORM) return isExecutable(env.HIPAA_TERRAFORM) ? env.HIPAA_TERRAFORM : undefined;
  const names = process.platform === 'win32' ? ['terraform.exe'] : ['terraform'];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface Mirror {
  /** Folder laid out as a filesystem mirror (`registry.terraform.io/hashicorp/aws/<version>/<os_arch>`). */
  readonly path: string;
  /** Highest hashicorp/aws version it holds for this platform. */
  readonly awsVersion: string;
  /** Where it was found: the environment variable, a CLI configuration file, or an implied directory. */
  readonly source: string;
}

export interface MirrorSearch {
  readonly mirror?: Mirror;
  /** Every place looked at, in order, for the error message. */
  readonly searched: string[];
}

/** `<os>_<arch>` as Terraform names platforms (linux_amd64, darwin_arm64). */
export function terraformPlatform(): string {
  const arch = ({ x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
  const osName = process.platform === 'win32' ? 'windows' : process.platform;
  return `${osName}_${arch}`;
}

/** Compares dotted numeric versions (5.100.0 > 5.99.1); pre-release suffixes sort before the release. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (x === undefined) return typeof y === 'number' ? -1 : 1;
    if (y === undefined) return typeof x === 'number' ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return 1;
    if (typeof y === 'number') return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The hashicorp/aws versions a filesystem mirror holds for `platform`, highest first. Both mirror
 * layouts count: unpacked (`<version>/<os_arch>/`) and packed (`terraform-provider-aws_<version>_<os_arch>.zip`).
 */
export function mirroredAwsVersions(mirrorDir: string, platform = terraformPlatform()): string[] {
  const dir = path.join(mirrorDir, AWS_SOURCE);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const versions = new Set<string>();
  for (const e of entries) {
    if (e.isDirectory() && fs.existsSync(path.join(dir, e.name, platform))) versions.add(e.name);
    const packed = new RegExp(`^terraform-provider-aws_(.+)_${platform}\\.zip$`).exec(e.name);
    if (e.isFile() && packed) versions.add(packed[1]);
  }
  return [...versions].sort((a, b) => compareVersions(b, a));
}

/** The `path` of every `filesystem_mirror` block in a Terraform CLI configuration (HCL) text. */
export function cliConfigMirrorPaths(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)(#|\/\/).*$/gm, '$1');
  const paths: string[] = [];
  const block = /filesystem_mirror\s*\{([^}]*)\}/g;
  for (let m = block.exec(withoutComments); m; m = block.exec(withoutComments)) {
    const p = /\bpath\s*=\s*"([^"]+)"/.exec(m[1]);
    if (p) paths.push(p[1]);
  }
  return paths;
}

/**
 * The implied local mirror directories Terraform searches on this OS
 * (developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories).
 */
export function impliedMirrorDirs(env: NodeJS.ProcessEnv, home = os.homedir(), cwd = process.cwd()): string[] {
  const dirs = [path.join(cwd, 'terraform.d', 'plugins')];
  if (process.platform === 'win32') {
    if (env.APPDATA) dirs.push(path.join(env.APPDATA, 'terraform.d', 'plugins'));
    return dirs;
  }
  dirs.push(path.join(home, '.terraform.d', 'plugins'));
  if (process.platform === 'darwin') {
    dirs.push(path.join(home, 'Library', 'Application Support', 'io.terraform', 'plugins'), '/Library/Application Support/io.terraform/plugins');
    return dirs;
  }
  dirs.push(path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'terraform', 'plugins'));
  for (const d of (env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':').filter(Boolean)) dirs.push(path.join(d, 'terraform', 'plugins'));
  return dirs;
}

/**
 * Finds a provider mirror holding hashicorp/aws: HIPAA_TF_PROVIDER_MIRROR, else a `filesystem_mirror`
 * of the user's CLI configuration (TF_CLI_CONFIG_FILE, else ~/.terraformrc; a named file that does
 * not exist is skipped), else Terraform's implied local mirror directories.
 */
export function findMirror(env: NodeJS.ProcessEnv = process.env, home = os.homedir(), cwd = process.cwd()): MirrorSearch {
  const searched: string[] = [];
  const tryDir = (dir: string, source: string): Mirror | undefined => {
    searched.push(`${dir} (${source})`);
    const versions = mirroredAwsVersions(dir);
    return versions.length > 0 ? { path: path.resolve(dir), awsVersion: versions[0], source } : undefined;
  };
  if (env[MIRROR_ENV]) {
    const found = tryDir(env[MIRROR_ENV]!, MIRROR_ENV);
    // An explicit setting that holds nothing is a mistake to report, not a reason to look elsewhere.
    return { mirror: found, searched };
  }
  const configFiles = env.TF_CLI_CONFIG_FILE ? [env.TF_CLI_CONFIG_FILE] : [path.join(home, process.platform === 'win32' ? 'terraform.rc' : '.terraformrc')];
  for (const file of configFiles) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      searched.push(`${file} (CLI configuration: not found)`);
      continue;
    }
    const paths = cliConfigMirrorPaths(text);
    if (paths.length === 0) searched.push(`${file} (CLI configuration: no filesystem_mirror)`);
    for (const p of paths) {
      const found = tryDir(path.resolve(path.dirname(file), p.replace(/^~(?=\/|$)/, home)), `filesystem_mirror in ${file}`);
      if (found) return { mirror: found, searched };
    }
  }
  for (const dir of impliedMirrorDirs(env, home, cwd)) {
    const found = tryDir(dir, 'implied local mirror');
    if (found) return { mirror: found, searched };
  }
  return { searched };
}

// ---- rewriting a stack for the offline copy ---------------------------------------------------

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function providerList(json: Json): Json[] {
  const providers = isObject(json.provider) ? json.provider : undefined;
  const aws = providers?.aws;
  if (Array.isArray(aws)) return aws.filter(isObject);
  return isObject(aws) ? [aws] : [];
}

/** A Region as a provider alias: `us-gov-west-1` -> `us_gov_west_1`. */
const regionAlias = (region: string) => `region_${region.replace(/[^A-Za-z0-9]/g, '_')}`;

/**
 * The offline copy of one stack (pure: returns a new document): the aws version constraint set to
 * `awsVersion`, no backend or cloud block, and per-resource `region` moved onto aliased providers.
 */
export function prepareStack(stack: Json, awsVersion: string): Json {
  const json = JSON.parse(JSON.stringify(stack)) as Json;
  const terraform = isObject(json.terraform) ? json.terraform : {};
  delete terraform.backend;
  delete terraform.cloud;
  const required = isObject(terraform.required_providers) ? terraform.required_providers : {};
  const aws = isObject(required.aws) ? required.aws : { source: 'hashicorp/aws' };
  required.aws = { ...aws, version: awsVersion };
  terraform.required_providers = required;
  json.terraform = terraform;

  const providers = providerList(json);
  const added = new Map<string, Json>();
  for (const kind of ['resource', 'data'] as const) {
    const blocks = isObject(json[kind]) ? (json[kind] as Json) : {};
    for (const [type, byName] of Object.entries(blocks)) {
      if (!type.startsWith('aws_') || !isObject(byName)) continue;
      for (const body of Object.values(byName)) {
        if (!isObject(body) || typeof body.region !== 'string' || body.region.includes('${')) continue;
        const baseAlias = typeof body.provider === 'string' && body.provider.startsWith('aws.') ? body.provider.slice(4) : undefined;
        const base = providers.find((p) => (baseAlias ? p.alias === baseAlias : p.alias === undefined)) ?? {};
        const alias = baseAlias ? `${baseAlias}_${regionAlias(body.region)}` : regionAlias(body.region);
        if (!added.has(alias) && !providers.some((p) => p.alias === alias)) added.set(alias, { ...base, alias, region: body.region });
        body.provider = `aws.${alias}`;
        delete body.region;
      }
    }
  }
  if (added.size > 0) {
    const providerBlock = isObject(json.provider) ? json.provider : {};
    providerBlock.aws = [...providers, ...added.values()];
    json.provider = providerBlock;
  }
  return json;
}

/** Provider aliases of aws a (prepared) stack configures, for the mock providers of `terraform test`. */
export function awsAliases(stack: Json): string[] {
  return providerList(stack)
    .map((p) => p.alias)
    .filter((a): a is string => typeof a === 'string');
}

/** A stack that must be a root module: `import` blocks, or variables a module call would have to set. */
function needsOwnRoot(stack: Json): boolean {
  if (stack.import !== undefined) return true;
  const variables = isObject(stack.variable) ? stack.variable : {};
  return Object.values(variables).some((v) => !isObject(v) || !('default' in v));
}

// ---- mock values for `terraform test` ----------------------------------------------------------

/**
 * ARN-shaped defaults for the `arn` of resource types whose ARNs feed policies and other ARN-typed
 * arguments. Without them a mocked apply gives random strings, and the provider's ARN validation
 * (e.g. aws_backup_selection.iam_role_arn) rejects them. Account 111111111111, us-east-1.
 */
export const MOCK_ARNS: Record<string, string> = {
  aws_kms_key: 'arn:aws:kms:us-east-1:111111111111:key/00000000-0000-0000-0000-000000000000',
  aws_iam_role: 'arn:aws:iam::111111111111:role/mock',
  aws_iam_policy: 'arn:aws:iam::111111111111:policy/mock',
  aws_iam_user: 'arn:aws:iam::111111111111:user/mock',
  aws_iam_group: 'arn:aws:iam::111111111111:group/mock',
  aws_iam_openid_connect_provider: 'arn:aws:iam::111111111111:oidc-provider/mock',
  aws_iam_saml_provider: 'arn:aws:iam::111111111111:saml-provider/mock',
  aws_s3_bucket: 'arn:aws:s3:::mock-bucket',
  aws_sns_topic: 'arn:aws:sns:us-east-1:111111111111:mock',
  aws_sqs_queue: 'arn:aws:sqs:us-east-1:111111111111:mock',
  aws_cloudwatch_log_group: 'arn:aws:logs:us-east-1:111111111111:log-group:mock',
  aws_cloudtrail: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/mock',
  aws_backup_vault: 'arn:aws:backup:us-east-1:111111111111:backup-vault:mock',
  aws_backup_plan: 'arn:aws:backup:us-east-1:111111111111:backup-plan:mock',
  aws_secretsmanager_secret: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:mock-AbCdEf',
  aws_db_instance: 'arn:aws:rds:us-east-1:111111111111:db:mock',
  aws_db_parameter_group: 'arn:aws:rds:us-east-1:111111111111:pg:mock',
  aws_lambda_function: 'arn:aws:lambda:us-east-1:111111111111:function:mock',
  aws_config_configuration_recorder: 'arn:aws:config:us-east-1:111111111111:config-recorder/mock',
  aws_guardduty_detector: 'arn:aws:guardduty:us-east-1:111111111111:detector/mock',
  aws_securityhub_account: 'arn:aws:securityhub:us-east-1:111111111111:hub/default',
  aws_accessanalyzer_analyzer: 'arn:aws:access-analyzer:us-east-1:111111111111:analyzer/mock',
  aws_cloudwatch_metric_alarm: 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:mock',
  aws_ssm_document: 'arn:aws:ssm:us-east-1:111111111111:document/mock',
  aws_vpc: 'arn:aws:ec2:us-east-1:111111111111:vpc/vpc-mock',
  aws_instance: 'arn:aws:ec2:us-east-1:111111111111:instance/i-mock',
};

/**
 * Other mocked attributes that outputs index into: a mocked list is empty, so
 * `master_user_secret[0].secret_arn` (set when manage_master_user_password is true) needs one element.
 */
const MOCK_EXTRA: Record<string, Record<string, unknown>> = {
  aws_db_instance: {
    master_user_secret: [{ secret_arn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:rds!db-mock-AbCdEf', kms_key_id: MOCK_ARNS.aws_kms_key, secret_status: 'active' }],
  },
};

/** Data sources whose outputs feed JSON- or ARN-typed arguments. */
const MOCK_DATA: Record<string, Record<string, unknown>> = {
  aws_iam_policy_document: { json: '{"Version":"2012-10-17","Statement":[]}', minified_json: '{"Version":"2012-10-17","Statement":[]}' },
  aws_caller_identity: { account_id: '111111111111', arn: 'arn:aws:iam::111111111111:root' },
  aws_partition: { partition: 'aws', dns_suffix: 'amazonaws.com' },
  aws_region: { name: 'us-east-1', region: 'us-east-1' },
};

const hcl = (v: unknown): string => JSON.stringify(v);
const hclObject = (o: Record<string, unknown>): string =>
  `{ ${Object.entries(o)
    .map(([k, v]) => `${k} = ${hcl(v)}`)
    .join(', ')} }`;

/** The `terraform test` file: a mocked aws provider per alias, a plan run, and an apply run if asked. */
export function planTestFile(aliases: readonly string[], apply: boolean): string {
  const mocks = [
    ...Object.entries(MOCK_ARNS).map(([type, arn]) => `  mock_resource ${hcl(type)} {\n    defaults = ${hclObject({ arn, ...MOCK_EXTRA[type] })}\n  }`),
    ...Object.entries(MOCK_DATA).map(([type, d]) => `  mock_data ${hcl(type)} {\n    defaults = ${hclObject(d)}\n  }`),
  ].join('\n');
  const providers = [undefined, ...aliases].map((alias) => `mock_provider "aws" {\n${alias ? `  alias = ${hcl(alias)}\n` : ''}${mocks}\n}`);
  const runs = ['run "plan" {\n  command = plan\n}', ...(apply ? ['run "apply" {\n  command = apply\n}'] : [])];
  return `${[...providers, ...runs].join('\n\n')}\n`;
}

// ---- running terraform -------------------------------------------------------------------------

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** `resource.aws_s3_bucket.audit` style address, when terraform names one. */
  readonly address?: string;
  /** File (relative to the stack folder) and line. */
  readonly range?: { readonly filename: string; readonly line: number };
  /** Which step reported it. */
  readonly step: 'init' | 'validate' | 'plan' | 'apply';
}

export interface StackResult {
  /** Stack name (folder under `stacks/`). */
  readonly stack: string;
  /** No error diagnostics in any step run. */
  readonly ok: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: Diagnostic[];
  /** Steps run for this stack. */
  readonly steps: Array<Diagnostic['step']>;
}

export interface ValidateOptions {
  /** Environment for discovery (PATH, HIPAA_TF_PROVIDER_MIRROR, TF_CLI_CONFIG_FILE, HOME). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** terraform executable. @default - findTerraform(env) */
  readonly terraform?: string;
  /** Provider mirror. @default - findMirror(env) */
  readonly mirror?: Mirror;
  /** Terraform processes run at once. @default - os.cpus().length */
  readonly concurrency?: number;
  /** Stacks to validate, by name. @default - every stack */
  readonly stacks?: readonly string[];
  /**
   * Run `terraform test` with a mocked provider (which validates, then plans, then applies) instead of
   * `terraform validate`: true for every stack, or the stack names. @default false
   */
  readonly plan?: boolean | readonly string[];
  /** Include an apply run (mock values) in `terraform test`. @default true */
  readonly apply?: boolean;
  /** Plugin cache shared by every run. @default - <os.tmpdir()>/hipaa-tf-plugin-cache */
  readonly pluginCacheDir?: string;
  /** Keep the temporary copies (for debugging). @default false */
  readonly keep?: boolean;
}

/** The stack names of a cdktf.out (folders under `stacks/` holding a cdk.tf.json), sorted. */
export function stackNames(outDir: string): string[] {
  const dir = path.join(outDir, 'stacks');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => fs.existsSync(path.join(dir, n, 'cdk.tf.json')))
    .sort();
}

/** Resolves terraform and the mirror, or throws TerraformUnavailableError naming what was searched. */
export function resolveTooling(opts: Pick<ValidateOptions, 'env' | 'terraform' | 'mirror'> = {}): { terraform: string; mirror: Mirror } {
  const env = opts.env ?? process.env;
  const terraform = opts.terraform ?? findTerraform(env);
  if (!terraform) throw new TerraformUnavailableError(messages.terraformNotFound(env.HIPAA_TERRAFORM ? `HIPAA_TERRAFORM=${env.HIPAA_TERRAFORM}` : `PATH=${env.PATH ?? ''}`));
  let mirror = opts.mirror;
  if (!mirror) {
    const search = findMirror(env);
    if (!search.mirror) throw new TerraformUnavailableError(messages.providerMirrorNotFound(search.searched.join('; ')));
    mirror = search.mirror;
  }
  return { terraform, mirror };
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => resolve({ code: 127, stdout, stderr: `${stderr}${e.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs `tasks` with at most `limit` at once, results in order. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}

/** Serializes `terraform init`: the plugin cache is not safe for concurrent writers. */
let initLock: Promise<unknown> = Promise.resolve();
function serialized<T>(f: () => Promise<T>): Promise<T> {
  const result = initLock.then(f, f);
  initLock = result.catch(() => undefined);
  return result;
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

interface RawDiagnostic {
  severity?: string;
  summary?: string;
  detail?: string;
  address?: string;
  range?: { filename?: string; start?: { line?: number } };
  snippet?: { context?: string | null };
}

function toDiagnostic(d: RawDiagnostic, step: Diagnostic['step'], filename?: string): Diagnostic {
  return {
    severity: d.severity === 'warning' ? 'warning' : 'error',
    summary: d.summary ?? 'unknown problem',
    ...(d.detail ? { detail: d.detail } : {}),
    ...((d.address ?? d.snippet?.context) ? { address: (d.address ?? d.snippet?.context)! } : {}),
    ...(d.range?.filename ? { range: { filename: filename ?? d.range.filename, line: d.range.start?.line ?? 0 } } : {}),
    step,
  };
}

function initFailure(r: Run): Diagnostic {
  const text = stripAnsi(`${r.stderr}\n${r.stdout}`).trim();
  const summary = /Error: (.+)/.exec(text)?.[1] ?? `terraform init exited with ${r.code}`;
  return { severity: 'error', summary, detail: text.slice(0, 2000), step: 'init' };
}

function terraformEnv(cliConfig: string, pluginCache: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_PLUGIN_CACHE_DIR: pluginCache, TF_INPUT: '0' };
  // Nothing of a user's workspace or variables leaks into the offline run.
  for (const k of Object.keys(env)) if (k.startsWith('TF_VAR_') || k === 'TF_WORKSPACE' || k === 'TF_DATA_DIR' || k.startsWith('TF_CLI_ARGS')) delete env[k];
  return env;
}

const moduleName = (stack: string) => `stack_${stack.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * Validates every stack of `outDir` (a synthesized cdktf.out) offline. Resolves one result per
 * stack, in stack-name order. Throws TerraformUnavailableError when terraform or a mirror is
 * missing, or `outDir` has no stacks.
 */
export async function validateOutDir(outDir: string, opts: ValidateOptions = {}): Promise<StackResult[]> {
  const all = stackNames(outDir);
  const names = opts.stacks ? all.filter((n) => opts.stacks!.includes(n)) : all;
  if (names.length === 0) throw new TerraformUnavailableError(messages.validateInputMissing(outDir));
  const { terraform, mirror } = resolveTooling(opts);
  const concurrency = Math.max(1, opts.concurrency ?? os.cpus().length);
  const pluginCache = opts.pluginCacheDir ?? path.join(os.tmpdir(), 'hipaa-tf-plugin-cache');
  fs.mkdirSync(pluginCache, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-validate-'));
  const cliConfig = path.join(work, 'terraformrc');
  fs.writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror.path)}\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n`,
  );
  const env = terraformEnv(cliConfig, pluginCache, opts.env ?? process.env);
  const tf = (args: string[], cwd: string) => run(terraform, args, cwd, env);
  const init = (cwd: string) => serialized(() => tf(['init', '-backend=false', '-input=false', '-no-color'], cwd));

  const prepared = new Map<string, Json>();
  for (const name of names) {
    const source = JSON.parse(fs.readFileSync(path.join(outDir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Json;
    prepared.set(name, prepareStack(source, mirror.awsVersion));
  }
  const diagnostics = new Map<string, Diagnostic[]>(names.map((n) => [n, []]));
  const steps = new Map<string, Array<Diagnostic['step']>>(names.map((n) => [n, []]));

  try {
    // `terraform test` validates the configuration before it plans, so a planned stack is not
    // validated twice.
    const planned = opts.plan === true ? names : opts.plan ? names.filter((n) => (opts.plan as readonly string[]).includes(n)) : [];
    // Validate: stacks as child modules of `groups` root modules, one provider schema load each.
    const validated = names.filter((n) => !planned.includes(n));
    const own = validated.filter((n) => needsOwnRoot(prepared.get(n)!));
    const shared = validated.filter((n) => !own.includes(n));
    const groupCount = Math.min(concurrency, shared.length);
    const groups: string[][] = Array.from({ length: groupCount }, () => []);
    shared.forEach((n, i) => groups[i % groupCount].push(n));
    const tasks: Array<() => Promise<void>> = [];
    groups.forEach((members, g) => {
      tasks.push(async () => {
        const root = path.join(work, `group-${g}`);
        const module: Json = {};
        for (const n of members) {
          fs.mkdirSync(path.join(root, n), { recursive: true });
          fs.writeFileSync(path.join(root, n, 'cdk.tf.json'), JSON.stringify(prepared.get(n), null, 2));
          module[moduleName(n)] = { source: `./${n}` };
        }
        fs.writeFileSync(path.join(root, 'main.tf.json'), JSON.stringify({ module }));
        await validateRoot(root, members, (file) => members.find((n) => file === n || file.startsWith(`${n}/`) || file.startsWith(`${n}${path.sep}`)));
      });
    });
    for (const n of own) {
      tasks.push(async () => {
        const root = path.join(work, `own-${n}`);
        fs.mkdirSync(root, { recursive: true });
        fs.writeFileSync(path.join(root, 'cdk.tf.json'), JSON.stringify(prepared.get(n), null, 2));
        await validateRoot(root, [n], () => n);
      });
    }
    // terraform test: one root per stack (mock providers replace the root module's providers only).
    tasks.push(
      ...planned.map((n) => async () => {
        const root = path.join(work, `test-${n}`);
        fs.mkdirSync(path.join(root, 'tests'), { recursive: true });
        fs.writeFileSync(path.join(root, 'cdk.tf.json'), JSON.stringify(prepared.get(n), null, 2));
        fs.writeFileSync(path.join(root, 'tests', 'plan.tftest.hcl'), planTestFile(awsAliases(prepared.get(n)!), opts.apply ?? true));
        const i = await init(root);
        if (i.code !== 0) {
          diagnostics.get(n)!.push({ ...initFailure(i), step: 'plan' });
          return;
        }
        steps.get(n)!.push(...((opts.apply ?? true) ? (['plan', 'apply'] as const) : (['plan'] as const)));
        const t = await tf(['test', '-json', '-no-color'], root);
        const found = testDiagnostics(t.stdout);
        if (t.code !== 0 && !found.some((d) => d.severity === 'error'))
          found.push({ severity: 'error', summary: `terraform test exited with ${t.code}`, detail: stripAnsi(t.stderr).slice(0, 2000), step: 'plan' });
        diagnostics.get(n)!.push(...found);
      }),
    );
    await pool(tasks, concurrency);
  } finally {
    if (!opts.keep) fs.rmSync(work, { recursive: true, force: true });
  }

  return names.map((stack) => {
    const ds = diagnostics.get(stack)!;
    const errors = ds.filter((d) => d.severity === 'error').length;
    return { stack, ok: errors === 0, errors, warnings: ds.length - errors, diagnostics: ds, steps: steps.get(stack)! };
  });

  async function validateRoot(root: string, members: string[], owner: (file: string) => string | undefined): Promise<void> {
    const i = await init(root);
    if (i.code !== 0) {
      for (const n of members) diagnostics.get(n)!.push(initFailure(i));
      return;
    }
    for (const n of members) steps.get(n)!.push('validate');
    const v = await tf(['validate', '-json', '-no-color'], root);
    let parsed: { diagnostics?: RawDiagnostic[] };
    try {
      parsed = JSON.parse(v.stdout) as { diagnostics?: RawDiagnostic[] };
    } catch {
      parsed = { diagnostics: [{ severity: 'error', summary: `terraform validate gave no JSON (exit ${v.code})`, detail: stripAnsi(`${v.stderr}\n${v.stdout}`).slice(0, 2000) }] };
    }
    for (const d of parsed.diagnostics ?? []) {
      const file = d.range?.filename;
      const n = file ? owner(file) : undefined;
      // A diagnostic terraform ties to no file is reported on every stack of the group.
      const targets = n ? [n] : members;
      const relative = file && n && file.startsWith(`${n}/`) ? file.slice(n.length + 1) : file;
      for (const t of targets) diagnostics.get(t)!.push(toDiagnostic(d, 'validate', relative));
    }
  }
}

/** Diagnostics of `terraform test -json` (one JSON message per line; `type: diagnostic`). */
export function testDiagnostics(stdout: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let message: { type?: string; diagnostic?: RawDiagnostic; '@testrun'?: string };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    if (message.type !== 'diagnostic' || !message.diagnostic) continue;
    const step = message['@testrun'] === 'apply' ? 'apply' : 'plan';
    found.push(toDiagnostic(message.diagnostic, step));
  }
  return found;
}

// ---- output ------------------------------------------------------------------------------------

/** One line per stack (PASS/FAIL with counts), the diagnostics of failing stacks, a summary line. */
export function formatResults(results: readonly StackResult[], mirror?: Mirror): string {
  const width = Math.max(...results.map((r) => r.stack.length));
  const lines: string[] = [];
  for (const r of results) {
    const counts = `${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}`;
    lines.push(`${r.ok ? 'PASS' : 'FAIL'}  ${r.stack.padEnd(width)}  ${counts}  (${r.steps.join(' + ') || 'not run'})`);
    if (r.ok) continue;
    for (const d of r.diagnostics) {
      const where = [d.address, d.range ? `${d.range.filename}:${d.range.line}` : undefined].filter(Boolean).join(' ');
      lines.push(`      ${d.severity} [${d.step}] ${d.summary}${where ? ` (${where})` : ''}`);
      if (d.detail)
        lines.push(
          ...d.detail
            .split('\n')
            .slice(0, 6)
            .map((l) => `        ${l}`),
        );
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  const against = mirror ? ` against hashicorp/aws ${mirror.awsVersion} from ${mirror.path}` : '';
  lines.push(`terraform validate: ${results.length - failed} of ${results.length} stacks passed, ${failed} failed${against}`);
  return lines.join('\n');
}

export const VALIDATE_USAGE = 'validate [<cdktf.out>] [--plan] [--json]';

/** `npm run validate`: exit 0 all stacks pass, 1 a stack failed, 2 no terraform/mirror or bad input. */
export async function runValidateCommand(args: readonly string[], env: NodeJS.ProcessEnv, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const positional = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--plan' && a !== '--json');
  if (unknown.length > 0 || positional.length > 1) {
    io.err(`Error: ${formatProblem(messages.validateArgument([...unknown, ...positional.slice(1)].join(' ')))}`);
    return 2;
  }
  const outDir = path.resolve(positional[0] ?? env.CDKTF_OUTDIR ?? 'cdktf.out');
  try {
    // Bad input first: it is the user's to fix whatever the machine has installed.
    if (stackNames(outDir).length === 0) throw new TerraformUnavailableError(messages.validateInputMissing(outDir));
    const { terraform, mirror } = resolveTooling({ env });
    const results = await validateOutDir(outDir, { env, terraform, mirror, plan: args.includes('--plan') });
    if (args.includes('--json')) io.out(JSON.stringify({ mirror, results }, null, 2));
    else io.out(formatResults(results, mirror));
    return results.every((r) => r.ok) ? 0 : 1;
  } catch (e) {
    if (e instanceof TerraformUnavailableError) {
      io.err(`Error: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
