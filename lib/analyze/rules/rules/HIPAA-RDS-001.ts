import { isAurora } from '../checks/rds';
import { AT_REST } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-001',
  title: 'RDS DB instances encrypt storage',
  severity: 'critical',
  controls: AT_REST,
  configRule: 'rds-storage-encrypted',
  resourceTypes: ['aws_db_instance'],
  scope: 'resource',
  description:
    'storage_encrypted must be true (the provider default is false). A read replica without the argument inherits encryption from its source when the source is an aws_db_instance in the same stack. Aurora instances are encrypted at the cluster (HIPAA-RDS-015) and are not applicable.',
  remediation: 'Set storage_encrypted = true and kms_key_id to a customer-managed key (recreates the instance: restore from an encrypted snapshot copy).',
  check(db, ctx) {
    if (isAurora(db)) return skip('Aurora storage is encrypted at the cluster');
    let v = bool(db.config.storage_encrypted);
    if (v === 'absent' && db.config.replicate_source_db !== undefined) {
      const source = ctx.resolve(db, db.config.replicate_source_db);
      if (!source) return undecided(`the replica source ${JSON.stringify(db.config.replicate_source_db)} is not in this stack`);
      v = bool(source.config.storage_encrypted);
    }
    if (v === true) return pass('storage is encrypted');
    if (v === 'unknown') return undecided('storage_encrypted is an expression');
    return fail(`storage_encrypted is ${v === 'absent' ? 'not set (default false)' : 'false'}`);
  },
};
