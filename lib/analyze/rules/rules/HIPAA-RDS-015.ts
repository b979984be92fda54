import { AT_REST } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { bool, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-015',
  title: 'RDS and Aurora DB clusters encrypt storage',
  severity: 'critical',
  controls: AT_REST,
  configRule: 'rds-cluster-encrypted-at-rest',
  resourceTypes: ['aws_rds_cluster'],
  scope: 'resource',
  description: 'storage_encrypted must be true (default false for provisioned clusters); Aurora Serverless v1 (engine_mode serverless) is always encrypted.',
  remediation: 'Set storage_encrypted = true and kms_key_id to a customer-managed key.',
  check(cluster) {
    if (str(cluster.config.engine_mode) === 'serverless') return pass('Aurora Serverless v1 is always encrypted');
    const v = bool(cluster.config.storage_encrypted);
    if (v === true) return pass('storage is encrypted');
    if (v === 'unknown') return undecided('storage_encrypted is an expression');
    return fail(`storage_encrypted is ${v === 'absent' ? 'not set (default false)' : 'false'}`);
  },
};
