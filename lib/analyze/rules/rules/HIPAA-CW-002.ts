import { AUDIT_LOGGING, RETENTION } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { num } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-CW-002',
  title: 'CloudWatch log groups keep logs for at least the audit retention',
  severity: 'high',
  controls: [...RETENTION, ...AUDIT_LOGGING],
  configRule: 'cw-loggroup-retention-period-check',
  resourceTypes: ['aws_cloudwatch_log_group'],
  scope: 'resource',
  description:
    'retention_in_days must be at least the audit retention (default 2192 days, six years snapped to a value CloudWatch Logs accepts). Absent or 0 ("never expire") fails: it is not a declared retention, and the AWS Config rule and cdk-nag both flag it. Deployed at run time with MinRetentionTime set to the audit retention.',
  remediation: 'Set retention_in_days to the audit retention (2192 for six years).',
  check(group, ctx) {
    const days = num(group.config.retention_in_days);
    if (days === 'unknown') return undecided('retention_in_days is an expression');
    if (days === 'absent' || days === 0) return fail('retention_in_days is not set: logs never expire, and no retention is declared');
    if (days < ctx.auditRetentionDays) return fail(`retention_in_days is ${days}, less than the audit retention of ${ctx.auditRetentionDays} days`);
    return pass(`logs are kept for ${days} days`);
  },
};
