import { TerraformOutput, TerraformStack } from 'cdktf';
import { TenantNetwork } from './tenant-network';

/**
 * The stack outputs of a tenant network, named the Terraform way (`<thing>_<attribute>`) with
 * static ids so pipelines can read them by name. Public subnet ids appear only with egress. One
 * network per stack: a second call in the same stack is refused by the construct tree (the ids
 * are static).
 */
export function tenantNetworkOutputs(stack: TerraformStack, network: TenantNetwork): Record<string, TerraformOutput> {
  const n = network.name;
  const out = (name: string, value: string | readonly string[], description: string) => new TerraformOutput(stack, name, { value, description, staticId: true });
  const outputs: Record<string, TerraformOutput> = {
    vpc_id: out('vpc_id', network.vpcId, `Id of the ${n} VPC`),
    vpc_cidr_block: out('vpc_cidr_block', network.vpcCidr, `CIDR block of the ${n} VPC`),
    app_subnet_ids: out('app_subnet_ids', [...network.subnetIds.app], `App-tier subnet ids of ${n}, by AZ index`),
    data_subnet_ids: out('data_subnet_ids', [...network.subnetIds.data], `Data-tier subnet ids of ${n}, by AZ index (no internet or peer routes)`),
    app_route_table_ids: out('app_route_table_ids', [...network.routeTableIds.app], `App-tier route table ids of ${n}, by AZ index`),
    data_route_table_ids: out('data_route_table_ids', [...network.routeTableIds.data], `Data-tier route table ids of ${n}, by AZ index`),
  };
  if (network.subnetIds.public.length > 0) {
    outputs.public_subnet_ids = out('public_subnet_ids', [...network.subnetIds.public], `Public subnet ids of ${n} (NAT gateways only), by AZ index`);
  }
  return outputs;
}
