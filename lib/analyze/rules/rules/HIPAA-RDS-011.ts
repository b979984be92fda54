import { enforcesTls, isAurora } from '../checks/rds';
import { IN_TRANSIT } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-011',
  title: 'RDS DB instances refuse connections without TLS',
  severity: 'high',
  controls: IN_TRANSIT,
  resourceTypes: ['aws_db_instance'],
  scope: 'resource',
  description:
    "The instance's parameter_group_name must name an aws_db_parameter_group (by reference, or by literal name in the same account) that sets rds.force_ssl = 1 (PostgreSQL, SQL Server) or require_secure_transport = ON/1 (MySQL, MariaDB). A default group, a group the engine cannot see, or an engine configured outside parameter groups (Oracle) is reported. Aurora instances are covered at the cluster (HIPAA-RDS-020).",
  remediation: 'Create an aws_db_parameter_group with rds.force_ssl = 1 (or require_secure_transport = ON) and set parameter_group_name to it.',
  check(db, ctx) {
    if (isAurora(db)) return skip('Aurora TLS is enforced by the cluster parameter group');
    const tls = enforcesTls(ctx, db, 'parameter_group_name', 'aws_db_parameter_group');
    if (tls.status === 'yes') return pass(tls.detail);
    if (tls.status === 'unknown') return undecided(tls.detail);
    return fail(`TLS is not enforced: ${tls.detail}`);
  },
};
