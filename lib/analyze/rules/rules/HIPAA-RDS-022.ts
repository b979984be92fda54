import { engineFamily } from '../checks/rds';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-022',
  title: 'RDS and Aurora DB clusters use IAM database authentication',
  severity: 'low',
  controls: ['164.312(a)(2)(i)', '164.312(d)'],
  resourceTypes: ['aws_rds_cluster'],
  scope: 'resource',
  description:
    'iam_database_authentication_enabled must be true on Aurora clusters, so people connect as themselves (unique user identification) with short-lived tokens instead of shared passwords. Engines without IAM authentication are not applicable.',
  remediation: 'Set iam_database_authentication_enabled = true and grant rds-db:connect per user.',
  check(cluster) {
    const family = engineFamily(cluster.config.engine);
    if (family === undefined) return undecided(`engine ${JSON.stringify(cluster.config.engine)} is not a literal engine the rule knows`);
    if (!['aurora-postgresql', 'aurora-mysql', 'postgres', 'mysql'].includes(family)) return skip(`${family} has no IAM authentication`);
    const v = bool(cluster.config.iam_database_authentication_enabled);
    if (v === true) return pass('IAM database authentication is on');
    if (v === 'unknown') return undecided('iam_database_authentication_enabled is an expression');
    return fail('iam_database_authentication_enabled is not true');
  },
};
