import { Construct } from 'constructs';
import { HipaaConfig } from '../../config/schema';
import { DeploymentTarget } from '../kernel/context';
import { HipaaKey } from '../security/hipaa-key';
import { TenantNetwork } from '../network/tenant-network';
import { TenantPlan } from '../../plan/types';

/** What a tenant module's factory is given: the tenant, where it deploys, and what exists already. */
export interface TenantContext {
  /** Construct scope for the tenant's resources (the stack, or a per-tenant scope inside a pool). */
  readonly scope: Construct;
  readonly config: HipaaConfig;
  readonly tenant: TenantPlan;
  readonly target: DeploymentTarget;
  /** The tenant's own customer-managed key. */
  readonly key: HipaaKey;
  /** The VPC the tenant lives in (its own, or its pool's). */
  readonly network: TenantNetwork;
  /** Concrete ARN of the tenant's workload role (tagged `Tenant`); tenant resources admit it. */
  readonly tenantRoleArn: string;
  /** Security group the tenant's workloads attach; the tenant's databases admit it. */
  readonly workloadSecurityGroupId: string;
  /** Tags for resources of this tenant. */
  readonly tags: Readonly<Record<string, string>>;
  /** Things modules built, for later modules (the bastion reaches the databases). */
  readonly built: Map<string, unknown>;
}
