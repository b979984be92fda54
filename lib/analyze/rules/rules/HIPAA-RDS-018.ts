import { AVAILABILITY } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-018',
  title: 'RDS and Aurora DB clusters span more than one Availability Zone',
  severity: 'medium',
  controls: AVAILABILITY,
  configRule: 'rds-cluster-multi-az-enabled',
  resourceTypes: ['aws_rds_cluster'],
  scope: 'resource',
  description:
    'An Aurora cluster needs at least two aws_rds_cluster_instance resources referencing it (a writer and a reader that can take over). A Multi-AZ DB cluster (db_cluster_instance_class set to a literal class) always spans three zones; a class from an expression may be null and is reported unless two instances serve the cluster. Aurora Serverless v1 is managed across zones by AWS.',
  remediation: 'Add a second aws_rds_cluster_instance (a reader) to the cluster.',
  check(cluster, ctx) {
    // null and "" leave db_cluster_instance_class unset: an Aurora cluster, which needs its own instances.
    const instanceClass = str(cluster.config.db_cluster_instance_class);
    if (instanceClass !== 'absent' && instanceClass !== 'unknown' && instanceClass !== '') return pass('a Multi-AZ DB cluster spans three Availability Zones');
    if (str(cluster.config.engine_mode) === 'serverless') return pass('Aurora Serverless v1 fails over across zones');
    const instances = ctx.referencing(cluster, ['aws_rds_cluster_instance'], 'cluster_identifier');
    if (instances.length >= 2) return pass(`${instances.length} instances serve the cluster`);
    if (instanceClass === 'unknown') return undecided(`db_cluster_instance_class is an expression, and only ${instances.length} aws_rds_cluster_instance references the cluster`);
    return fail(`only ${instances.length} aws_rds_cluster_instance references the cluster`);
  },
};
