import { backupCoverage } from '../checks/backup';
import { BACKUP } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { num } from '../../../terraform/values';
import { MIN_BACKUP_RETENTION_DAYS } from './HIPAA-RDS-004';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-019',
  title: 'RDS and Aurora DB clusters keep 7 days of backups and are in an AWS Backup plan',
  severity: 'high',
  controls: BACKUP,
  configRule: 'aurora-resources-protected-by-backup-plan',
  resourceTypes: ['aws_rds_cluster'],
  scope: 'resource',
  description:
    'backup_retention_period must be at least 7 (absent means the API default of 1 day and fails), and an aws_backup_selection in the same account must select the cluster by ARN reference, ARN pattern (arn:<partition>:rds:*:*:cluster:*) or tag.',
  remediation: 'Set backup_retention_period = 35 and select the cluster in an aws_backup_selection.',
  check(cluster, ctx) {
    const days = num(cluster.config.backup_retention_period);
    if (days === 'unknown') return undecided('backup_retention_period is an expression');
    if (days === 'absent' || days < MIN_BACKUP_RETENTION_DAYS) {
      return fail(`backup_retention_period is ${days === 'absent' ? 'not set (API default 1 day)' : days}, less than ${MIN_BACKUP_RETENTION_DAYS} days`);
    }
    const c = backupCoverage(ctx, cluster);
    if (c.covered === true) return pass(`${days} days of automated backups; ${c.detail}`);
    if (c.covered === 'unknown') return undecided(c.detail);
    return fail(c.detail);
  },
};
