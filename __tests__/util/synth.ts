import 'cdktf/lib/testing/adapters/jest';
import { Testing, TerraformStack } from 'cdktf';
import { HipaaStack, HipaaStackProps } from '../../stacks/hipaa-stack';

/** Synthesized Terraform JSON of one stack. */
export interface TfJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, Record<string, unknown>>;
  provider?: Record<string, unknown[]>;
  terraform?: Record<string, unknown>;
}

export const TEST_STACK_PROPS: HipaaStackProps = {
  account: { name: 'test', id: '123456789012', roleName: 'Deployer' },
  region: 'us-east-1',
  backend: { type: 'local' },
  tags: { ManagedBy: 'test', Environment: 'test', DataClassification: 'PHI', Tenant: 'test' },
  organization: 'org',
};

/** A HipaaStack in a fresh app, for construct tests. */
export function testStack(name = 'test'): HipaaStack {
  return new HipaaStack(Testing.app(), name, TEST_STACK_PROPS);
}

export function synthJson(stack: TerraformStack): { text: string; json: TfJson } {
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) as TfJson };
}

/** The resources of one type, as a list of [name, body]. */
export function resourcesOf(json: TfJson, type: string): Array<[string, Record<string, unknown>]> {
  return Object.entries(json.resource[type] ?? {});
}

/** The single resource of a type whose name contains `fragment`. */
export function resourceNamed(json: TfJson, type: string, fragment: string): Record<string, unknown> {
  const hits = resourcesOf(json, type).filter(([n]) => n.includes(fragment));
  if (hits.length !== 1) throw new Error(`expected one ${type} matching ${fragment}, found ${hits.map(([n]) => n).join(', ') || 'none'}`);
  return hits[0][1];
}

/** `${type.name.attr}` for a resource. */
export function ref(type: string, name: string, attr: string): string {
  return `\${${type}.${name}.${attr}}`;
}

export function nameOf(json: TfJson, type: string, fragment: string): string {
  const hits = resourcesOf(json, type).filter(([n]) => n.includes(fragment));
  if (hits.length !== 1) throw new Error(`expected one ${type} matching ${fragment}`);
  return hits[0][0];
}

/** Parses a policy string as Terraform will pass it to AWS (un-escaping `$${`). */
export function policyOf(body: Record<string, unknown>, attr = 'policy'): { Statement: Array<Record<string, any>> } {
  return JSON.parse(String(body[attr]).replace(/\$\$\{/g, '${'));
}
