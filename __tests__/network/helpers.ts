import 'cdktf/lib/testing/adapters/jest';
import { App, DefaultTokenResolver, StringConcat, Testing, TerraformStack, Tokenization } from 'cdktf';
import { HipaaStack, HipaaStackProps } from '../../stacks/hipaa-stack';
import { DeploymentTarget, resolveDeploymentTarget } from '../../lib/constructs/kernel/context';
import { HipaaKey } from '../../lib/constructs/security/hipaa-key';
import { SubnetPlan, TenantNetworkProps } from '../../lib/constructs/network/tenant-network';
import { HipaaValidationError } from '../../lib/errors';

export type Body = Record<string, any>;

/** Synthesized Terraform JSON of one stack. */
export interface TfJson {
  resource: Record<string, Record<string, Body>>;
  data?: Record<string, Record<string, Body>>;
  output?: Record<string, Body>;
  provider?: Record<string, Body[]>;
}

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';

export function stackProps(accountId = ACCOUNT, region = 'us-east-1'): HipaaStackProps {
  return {
    account: { name: 'test', id: accountId, roleName: 'r' },
    region,
    backend: { type: 'local' },
    tags: { ManagedBy: 'test', Environment: 'test', DataClassification: 'PHI', Tenant: 'acme' },
    organization: 'org',
  };
}

let sharedApp: App | undefined;
/** One app for every stack in a test file: Testing.app() leaves a temp dir per call. */
export function app(): App {
  sharedApp ??= Testing.app();
  return sharedApp;
}

let stackCount = 0;
export function testStack(accountId = ACCOUNT, region = 'us-east-1'): HipaaStack {
  stackCount += 1;
  return new HipaaStack(app(), `stack${stackCount}`, stackProps(accountId, region));
}

export function target(accountId = ACCOUNT, region = 'us-east-1'): DeploymentTarget {
  return resolveDeploymentTarget({ accountId, region }, 'test target');
}

/** A tenant key for the network in `scope`. */
export function tenantKey(scope: TerraformStack, t: DeploymentTarget = target(), id = 'TenantKey'): HipaaKey {
  return new HipaaKey(scope, id, { target: t, alias: `org/${id.toLowerCase()}`, description: 'tenant key' });
}

/** App and data subnets in two AZs of us-east-1 inside 10.1.0.0/16, in scrambled order. */
export const TWO_AZ_SUBNETS: readonly SubnetPlan[] = [
  { tier: 'data', azIndex: 1, availabilityZone: 'us-east-1b', cidr: '10.1.48.0/20' },
  { tier: 'app', azIndex: 1, availabilityZone: 'us-east-1b', cidr: '10.1.16.0/20' },
  { tier: 'app', azIndex: 0, availabilityZone: 'us-east-1a', cidr: '10.1.0.0/20' },
  { tier: 'data', azIndex: 0, availabilityZone: 'us-east-1a', cidr: '10.1.32.0/20' },
];

export const PUBLIC_SUBNETS: readonly SubnetPlan[] = [
  { tier: 'public', azIndex: 1, availabilityZone: 'us-east-1b', cidr: '10.1.65.0/24' },
  { tier: 'public', azIndex: 0, availabilityZone: 'us-east-1a', cidr: '10.1.64.0/24' },
];

/** Props of a valid 2-AZ network named acme (without the key, which needs a scope). */
export function networkProps(key: HipaaKey, overrides: Partial<TenantNetworkProps> = {}): TenantNetworkProps {
  return { target: target(), name: 'acme', cidr: '10.1.0.0/16', subnets: TWO_AZ_SUBNETS, flowLogKey: key, ...overrides };
}

export function synthJson(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

/** The resources of one type (empty when there are none). */
export function resources(json: TfJson, type: string): Record<string, Body> {
  return json.resource[type] ?? {};
}

/** `${type.name.attr}` as a reference renders in the JSON. */
export function ref(type: string, name: string, attr = 'id'): string {
  return `\${${type}.${name}.${attr}}`;
}

/** `${<expression>}`, a Terraform interpolation as it renders in the JSON. */
export function expr(expression: string): string {
  return `\${${expression}}`;
}

/** Parses a policy string as Terraform passes it to AWS (un-escaping `$${`). */
export function policyOf(text: unknown): { Statement: Body[] } {
  return JSON.parse(String(text).replace(/\$\$(?=\{)/g, '$$'));
}

/** Every Terraform address (`type.name`, `data.type.name`) in the JSON, sorted. */
export function addresses(json: TfJson): string[] {
  const of = (block: Record<string, Record<string, Body>> | undefined, prefix: string) =>
    Object.entries(block ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${prefix}${type}.${name}`));
  return [...of(json.resource, ''), ...of(json.data, 'data.')].sort();
}

/** The problem codes of the validation error `build` throws (fails when it does not throw one). */
export function problemCodes(build: () => unknown): string[] {
  try {
    build();
  } catch (e) {
    if (e instanceof HipaaValidationError) return e.problems.map((p) => p.code);
    throw e;
  }
  throw new Error('expected a HipaaValidationError, but nothing was thrown');
}

/** The problems (code, path) of the validation error `build` throws. */
export function problemsOf(build: () => unknown): Array<{ code: string; path: string }> {
  try {
    build();
  } catch (e) {
    if (e instanceof HipaaValidationError) return e.problems.map((p) => ({ code: p.code, path: p.path }));
    throw e;
  }
  throw new Error('expected a HipaaValidationError, but nothing was thrown');
}

/** A token (or a structure of tokens) as it renders in the stack's JSON, e.g. `${aws_vpc.acme.id}`. */
export function rendered(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}
