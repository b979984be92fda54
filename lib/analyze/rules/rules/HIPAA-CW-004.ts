import { nonEmptyList } from '../checks/common';
import { THREAT_DETECTION } from '../controls';
import { fail, pass, type AccountRule } from '../rule';
import type { Resource } from '../types';
import { blocks } from '../../../terraform/values';

/** The security events an account must alarm on, recognised by their CloudTrail filter pattern. */
export const SECURITY_EVENTS: readonly { name: string; matches: (pattern: string) => boolean }[] = [
  { name: 'root user activity', matches: (p) => /userIdentity\.type/.test(p) && /Root/.test(p) },
  { name: 'unauthorized API calls', matches: (p) => /UnauthorizedOperation|AccessDenied/.test(p) },
  { name: 'console sign-in without MFA', matches: (p) => /ConsoleLogin/.test(p) && /MFAUsed/.test(p) },
];

function alarmFor(filter: Resource, alarms: readonly Resource[]): Resource | undefined {
  const t = blocks(filter.config.metric_transformation)[0];
  if (!t) return undefined;
  return alarms.find(
    (a) => a.config.metric_name === t.name && a.config.namespace === t.namespace && nonEmptyList(a.config.alarm_actions) === 'yes',
  );
}

export const rule: AccountRule = {
  id: 'HIPAA-CW-004',
  title: 'The account alarms on root use, unauthorized API calls and console sign-in without MFA',
  severity: 'high',
  controls: THREAT_DETECTION,
  resourceTypes: ['aws_cloudwatch_log_metric_filter', 'aws_cloudwatch_metric_alarm'],
  scope: 'account',
  description:
    'Account rule. For each of root user activity (pattern mentions userIdentity.type and Root), unauthorized API calls (UnauthorizedOperation or AccessDenied) and console sign-in without MFA (ConsoleLogin and MFAUsed), an aws_cloudwatch_log_metric_filter must exist whose metric (name and namespace) has an aws_cloudwatch_metric_alarm with an alarm action. These are the CIS CloudTrail alarms for log-in monitoring.',
  remediation: 'Add metric filters on the trail log group for the three patterns, with alarms that notify the security SNS topic.',
  checkAccount(account) {
    const filters = account.byType.get('aws_cloudwatch_log_metric_filter') ?? [];
    const alarms = account.byType.get('aws_cloudwatch_metric_alarm') ?? [];
    const missing: string[] = [];
    for (const event of SECURITY_EVENTS) {
      const covered = filters.some((f) => typeof f.config.pattern === 'string' && event.matches(f.config.pattern) && alarmFor(f, alarms));
      if (!covered) missing.push(event.name);
    }
    if (missing.length > 0) return fail(`no metric filter with an alarm action for ${missing.join(', ')}`);
    return pass('metric filters with alarms cover root use, unauthorized API calls and console sign-in without MFA');
  },
};
