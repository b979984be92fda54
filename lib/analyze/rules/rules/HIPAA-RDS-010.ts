import { backupCoverage } from '../checks/backup';
import { isAurora } from '../checks/rds';
import { BACKUP } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-RDS-010',
  title: 'RDS DB instances are protected by an AWS Backup plan',
  severity: 'high',
  controls: BACKUP,
  configRule: 'rds-in-backup-plan',
  resourceTypes: ['aws_db_instance'],
  scope: 'resource',
  description:
    'An aws_backup_selection in the same account must select the instance: by a reference to its ARN in the same stack, by a resources ARN pattern that matches it (e.g. arn:<partition>:rds:*:*:db:*), or by a selection_tag / condition matching its tags (provider default_tags included). Tags or patterns that are expressions are reported. Read replicas and Aurora instances (HIPAA-RDS-019) are not applicable.',
  remediation: 'Select the instance in an aws_backup_selection (by ARN or by a backup tag).',
  check(db, ctx) {
    if (isAurora(db)) return skip('Aurora is backed up at the cluster');
    if (db.config.replicate_source_db !== undefined) return skip('read replicas are backed up through their source');
    const c = backupCoverage(ctx, db);
    if (c.covered === true) return pass(c.detail);
    if (c.covered === 'unknown') return undecided(c.detail);
    return fail(c.detail);
  },
};
