import { planRules } from '../checks/backup';
import { BACKUP, RETENTION } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-BK-004',
  title: 'Backup plans keep a long-term copy for at least the audit retention',
  severity: 'high',
  controls: [...RETENTION, ...BACKUP],
  resourceTypes: ['aws_backup_plan'],
  scope: 'resource',
  description:
    'At least one rule of the plan (typically a monthly one) must keep recovery points for at least the audit retention (default 2192 days): lifecycle.delete_after >= it, or no lifecycle. Its schedule must run at least every 31 days so each month of records is kept.',
  remediation: 'Add a monthly rule, e.g. schedule = "cron(0 5 1 * ? *)", with lifecycle { cold_storage_after = 90, delete_after = <audit retention days> }.',
  check(plan, ctx) {
    const rules = planRules(plan);
    const ok = rules.find((r) => r.intervalHours !== undefined && r.intervalHours <= 31 * 24 && r.retentionDays !== 'unknown' && r.retentionDays >= ctx.auditRetentionDays);
    if (ok) return pass(`rule ${ok.name} keeps recovery points ${ok.retentionDays === Infinity ? 'indefinitely' : `${ok.retentionDays} days`}`);
    const unknown = rules.find((r) => r.intervalHours === undefined || r.retentionDays === 'unknown');
    if (unknown) return undecided(`rule ${unknown.name} has a schedule or lifecycle the engine cannot evaluate`);
    const longest = Math.max(0, ...rules.map((r) => (typeof r.retentionDays === 'number' ? r.retentionDays : 0)));
    return fail(`no rule keeps recovery points for the audit retention of ${ctx.auditRetentionDays} days (longest: ${longest})`);
  },
};
