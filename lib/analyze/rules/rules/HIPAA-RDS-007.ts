import { PATCHING } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-007',
  title: 'RDS DB instances apply minor version upgrades automatically',
  severity: 'low',
  controls: PATCHING,
  configRule: 'rds-automatic-minor-version-upgrade-enabled',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
  scope: 'resource',
  description: 'auto_minor_version_upgrade must not be false (the provider default is true), so security patches are applied in the maintenance window.',
  remediation: 'Remove auto_minor_version_upgrade = false.',
  check(db) {
    const v = bool(db.config.auto_minor_version_upgrade);
    if (v === false) return fail('auto_minor_version_upgrade is false');
    if (v === 'unknown') return undecided('auto_minor_version_upgrade is an expression');
    return pass('minor version upgrades are applied automatically');
  },
};
