import { customerKey } from '../checks/common';
import { isAurora } from '../checks/rds';
import { AT_REST, AUTHENTICATION } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-012',
  title: 'RDS master passwords are managed by Secrets Manager with a customer key',
  severity: 'high',
  controls: [...AUTHENTICATION, ...AT_REST],
  resourceTypes: ['aws_db_instance'],
  scope: 'resource',
  description:
    'manage_master_user_password must be true, no password may appear in the configuration (it would be stored in Terraform state and cdktf.out), and master_user_secret_kms_key_id must name a customer-managed key. Read replicas, instances restored from snapshots and Aurora instances (HIPAA-RDS-023) are not applicable.',
  remediation: 'Remove password, set manage_master_user_password = true and master_user_secret_kms_key_id to the tenant key.',
  check(db, ctx) {
    if (isAurora(db)) return skip('Aurora master credentials are set on the cluster');
    if (db.config.replicate_source_db !== undefined) return skip('read replicas have no master password');
    if (db.config.password !== undefined || db.config.password_wo !== undefined) return fail('a master password is written in the configuration');
    const managed = bool(db.config.manage_master_user_password);
    if (managed === 'unknown') return undecided('manage_master_user_password is an expression');
    if (managed !== true) {
      if (db.config.snapshot_identifier !== undefined) return skip('the instance is restored from a snapshot with its credentials');
      return fail('manage_master_user_password is not true');
    }
    const key = customerKey(ctx, db, db.config.master_user_secret_kms_key_id);
    if (key.answer === 'no') return fail(`the master secret is not encrypted with a customer key: ${key.detail}`);
    if (key.answer === 'unknown') return undecided(key.detail);
    return pass(`Secrets Manager manages the master password; ${key.detail}`);
  },
};
