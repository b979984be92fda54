import { planRules } from '../checks/backup';
import { BACKUP } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

/** The AWS Config HIPAA pack's floors for backup plans: at least daily, kept at least 35 days. */
export const BACKUP_FLOOR = { frequencyHours: 24, retentionDays: 35 } as const;

export const rule: ResourceRule = {
  id: 'HIPAA-BK-003',
  title: 'Backup plans back up at least daily and keep backups at least 35 days',
  severity: 'high',
  controls: BACKUP,
  configRule: 'backup-plan-min-frequency-and-min-retention-check',
  resourceTypes: ['aws_backup_plan'],
  scope: 'resource',
  description:
    'At least one rule of the plan must run at least every 24 hours (cron or rate expression; an absent schedule is the AWS default, daily at 05:00 UTC) and keep recovery points at least 35 days (lifecycle.delete_after; no lifecycle keeps them indefinitely). Schedules or lifecycles that are expressions are reported.',
  remediation: 'Add a rule with schedule = "cron(0 5 ? * * *)" and lifecycle { delete_after = 35 } or longer.',
  check(plan) {
    const rules = planRules(plan);
    if (rules.length === 0) return fail('the plan has no rules');
    const ok = rules.find(
      (r) => r.intervalHours !== undefined && r.intervalHours <= BACKUP_FLOOR.frequencyHours && r.retentionDays !== 'unknown' && r.retentionDays >= BACKUP_FLOOR.retentionDays,
    );
    if (ok) return pass(`rule ${ok.name} runs ${ok.schedule} and keeps ${ok.retentionDays === Infinity ? 'backups indefinitely' : `${ok.retentionDays} days`}`);
    const unknown = rules.find((r) => r.intervalHours === undefined || r.retentionDays === 'unknown');
    if (unknown) return undecided(`rule ${unknown.name} has a schedule (${unknown.schedule}) or lifecycle the engine cannot evaluate`);
    return fail(`no rule runs at least daily and keeps backups ${BACKUP_FLOOR.retentionDays} days`);
  },
};
