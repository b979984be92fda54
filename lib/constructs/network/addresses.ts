/**
 * Terraform addresses of network resources. A VPC, a subnet or a NAT gateway that changes address
 * is destroyed and recreated, so the network constructs set their resources' names explicitly from
 * stable keys only: the network name (tenant or pool id), the tier, the AZ index, the endpoint
 * service, the peer name, the port. Moving a construct in the tree or reordering a list never
 * moves an address.
 */
import { TerraformDataSource, TerraformResource, TerraformStack } from 'cdktf';
import { HipaaValidationError } from '../../errors';
import { messages } from '../../messages';

/**
 * A Terraform resource name from stable keys: `acme-health`, `app`, `az0` -> `acme_health_app_az0`.
 * Keys are slugs (lowercase letters, digits, hyphens), so mapping `-` to `_` cannot collide.
 */
export function terraformName(...keys: readonly (string | number)[]): string {
  return keys.map((k) => String(k).replace(/[^A-Za-z0-9_]/g, '_')).join('_');
}

/** A PascalCase construct id fragment from a stable key: `ecr.api` -> `EcrApi`, `acme-health` -> `AcmeHealth`. */
export function pascalCase(key: string): string {
  return key
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

const CLAIMED = new WeakMap<TerraformStack, Set<string>>();

/**
 * Sets the Terraform name of `element` (right after it is created, before anything references it)
 * and reserves `<type>.<name>` in its stack. Two networks or peerings whose names would produce
 * the same address would silently merge into one resource, so the second is refused.
 */
export function pinAddress(element: TerraformResource | TerraformDataSource, name: string, path: string, subject: string): void {
  const stack = TerraformStack.of(element);
  const claimed = CLAIMED.get(stack) ?? new Set<string>();
  const kind = element instanceof TerraformDataSource ? 'data' : 'resource';
  const address = `${kind}.${element.terraformResourceType}.${name}`;
  if (claimed.has(address)) throw new HipaaValidationError(subject, [messages.addressTaken(path, address)]);
  claimed.add(address);
  CLAIMED.set(stack, claimed);
  element.overrideLogicalId(name);
}
