import { backupCoverage } from '../checks/backup';
import { BACKUP } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-EC2-008',
  title: 'EC2 instances and EBS volumes are protected by an AWS Backup plan',
  severity: 'medium',
  controls: BACKUP,
  configRule: 'ec2-resources-protected-by-backup-plan',
  resourceTypes: ['aws_instance', 'aws_ebs_volume'],
  scope: 'resource',
  description:
    'An aws_backup_selection in the same account must select the instance or volume: by reference to its ARN, by an ARN pattern (arn:<partition>:ec2:*:*:instance/*, arn:<partition>:ec2:*:*:volume/*) or by tag. Stateless instances rebuilt from code (a bastion) may be suppressed with that reason. The runtime pack also covers EBS through this rule.',
  remediation: "Tag the instance for the backup plan's selection, or suppress with the reason it holds no data.",
  check(r, ctx) {
    const c = backupCoverage(ctx, r);
    if (c.covered === true) return pass(c.detail);
    if (c.covered === 'unknown') return undecided(c.detail);
    return fail(c.detail);
  },
};
