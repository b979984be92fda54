import { customerKey } from '../checks/common';
import { AT_REST, AUTHENTICATION } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-023',
  title: 'RDS and Aurora cluster master passwords are managed by Secrets Manager with a customer key',
  severity: 'high',
  controls: [...AUTHENTICATION, ...AT_REST],
  resourceTypes: ['aws_rds_cluster'],
  scope: 'resource',
  description:
    'manage_master_user_password must be true, no master_password may appear in the configuration, and master_user_secret_kms_key_id must name a customer-managed key. Clusters restored from a snapshot or replicating another cluster are not applicable.',
  remediation: 'Remove master_password, set manage_master_user_password = true and master_user_secret_kms_key_id.',
  check(cluster, ctx) {
    if (cluster.config.master_password !== undefined || cluster.config.master_password_wo !== undefined) {
      return fail('a master password is written in the configuration');
    }
    const managed = bool(cluster.config.manage_master_user_password);
    if (managed === 'unknown') return undecided('manage_master_user_password is an expression');
    if (managed !== true) {
      if (cluster.config.snapshot_identifier !== undefined || cluster.config.replication_source_identifier !== undefined) {
        return skip('the cluster takes its credentials from its source');
      }
      return fail('manage_master_user_password is not true');
    }
    const key = customerKey(ctx, cluster, cluster.config.master_user_secret_kms_key_id);
    if (key.answer === 'no') return fail(`the master secret is not encrypted with a customer key: ${key.detail}`);
    if (key.answer === 'unknown') return undecided(key.detail);
    return pass(`Secrets Manager manages the master password; ${key.detail}`);
  },
};
