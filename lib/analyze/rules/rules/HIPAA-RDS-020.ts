import { enforcesTls } from '../checks/rds';
import { IN_TRANSIT } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-020',
  title: 'RDS and Aurora DB clusters refuse connections without TLS',
  severity: 'high',
  controls: IN_TRANSIT,
  resourceTypes: ['aws_rds_cluster'],
  scope: 'resource',
  description:
    'db_cluster_parameter_group_name must name an aws_rds_cluster_parameter_group (by reference, or by literal name in the same account) that sets rds.force_ssl = 1 (Aurora PostgreSQL) or require_secure_transport = ON/1 (Aurora MySQL). A default or unknown group is reported.',
  remediation: 'Create an aws_rds_cluster_parameter_group with the TLS parameter and set db_cluster_parameter_group_name to it.',
  check(cluster, ctx) {
    const tls = enforcesTls(ctx, cluster, 'db_cluster_parameter_group_name', 'aws_rds_cluster_parameter_group');
    if (tls.status === 'yes') return pass(tls.detail);
    if (tls.status === 'unknown') return undecided(tls.detail);
    return fail(`TLS is not enforced: ${tls.detail}`);
  },
};
