import { isAurora } from '../checks/rds';
import { BACKUP } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { num } from '../../../terraform/values';

export const MIN_BACKUP_RETENTION_DAYS = 7;

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-004',
  title: 'RDS DB instances keep automated backups for at least 7 days',
  severity: 'high',
  controls: BACKUP,
  configRule: 'db-instance-backup-enabled',
  resourceTypes: ['aws_db_instance'],
  scope: 'resource',
  description:
    "backup_retention_period must be set to at least 7 days (RDS allows up to 35). Absent fails: the API default of 1 day is too short to notice and recover from silent corruption. Read replicas (replicate_source_db) and Aurora instances (backed up by the cluster) are not applicable. Long-term retention is the backup plan's job (HIPAA-BK-004).",
  remediation: 'Set backup_retention_period = 35.',
  check(db) {
    if (isAurora(db)) return skip('Aurora backups are configured on the cluster');
    if (db.config.replicate_source_db !== undefined) return skip('read replicas are backed up through their source');
    const days = num(db.config.backup_retention_period);
    if (days === 'unknown') return undecided('backup_retention_period is an expression');
    if (days === 'absent') return fail('backup_retention_period is not set (API default 1 day)');
    if (days < MIN_BACKUP_RETENTION_DAYS) return fail(`backup_retention_period is ${days}, less than ${MIN_BACKUP_RETENTION_DAYS} days`);
    return pass(`automated backups are kept for ${days} days`);
  },
};
