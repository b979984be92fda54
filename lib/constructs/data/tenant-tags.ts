/**
 * Tags the data tier writes on its own resources. The stack's provider `default_tags` carry
 * ManagedBy and Environment; `Tenant` and `DataClassification` are set on each resource as well,
 * because a pool stack holds several tenants and the backup selection finds a tenant's databases
 * by their `Tenant` tag. Caller tags never override these two.
 */

/** Data classification of what a resource holds. */
export type DataClassification = 'PHI' | 'Audit' | 'Credentials' | 'Operational';

export function tenantTags(tenantId: string, classification: DataClassification, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...extra, Tenant: tenantId, DataClassification: classification };
}
