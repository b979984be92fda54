import { literal, nonEmptyList } from '../checks/common';
import { isLogging } from '../checks/cloudtrail';
import { THREAT_DETECTION } from '../controls';
import { fail, pass, undecided, type AccountRule, type RuleContext } from '../rule';
import type { Resource } from '../types';
import { blocks, bool } from '../../../terraform/values';

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
    (a) => a.config.metric_name === t.name && a.config.namespace === t.namespace && nonEmptyList(a.config.alarm_actions) === 'yes' && bool(a.config.actions_enabled) !== false,
  );
}

/**
 * The log groups logging trails deliver to, as `group <stack> <address>` for a resolved
 * aws_cloudwatch_log_group and `name <name>` for a literal group name or ARN; `unknown` counts
 * trails whose group the engine cannot name. A metric filter on any other log group sees no
 * CloudTrail events, so it alarms on nothing.
 */
function trailGroups(ctx: RuleContext, trails: readonly Resource[]): { keys: Set<string>; unknown: number } {
  const keys = new Set<string>();
  let unknown = 0;
  for (const t of trails) {
    if (isLogging(t) === false) continue;
    const raw = t.config.cloud_watch_logs_group_arn;
    if (raw === undefined || raw === null || raw === '') continue;
    const value = typeof raw === 'string' ? raw.replace(/:\*$/, '') : raw;
    const group = ctx.resolve(t, value);
    if (group && group.type === 'aws_cloudwatch_log_group') {
      keys.add(`group ${group.stack} ${group.address}`);
      const name = literal(group.config.name);
      if (name !== undefined) keys.add(`name ${name}`);
      continue;
    }
    const arn = literal(value);
    const m = arn !== undefined ? /:log-group:([^:]+)$/.exec(arn) : null;
    if (m) keys.add(`name ${m[1]}`);
    else unknown++;
  }
  return { keys, unknown };
}

function filterGroup(ctx: RuleContext, filter: Resource): string[] | 'unknown' {
  const value = filter.config.log_group_name;
  const group = ctx.resolve(filter, value);
  if (group && group.type === 'aws_cloudwatch_log_group') {
    const name = literal(group.config.name);
    return [`group ${group.stack} ${group.address}`, ...(name !== undefined ? [`name ${name}`] : [])];
  }
  const name = literal(value);
  return name !== undefined ? [`name ${name}`] : 'unknown';
}

export const rule: AccountRule = {
  id: 'HIPAA-CW-004',
  title: 'The account alarms on root use, unauthorized API calls and console sign-in without MFA',
  severity: 'high',
  controls: THREAT_DETECTION,
  resourceTypes: ['aws_cloudwatch_log_metric_filter', 'aws_cloudwatch_metric_alarm'],
  scope: 'account',
  description:
    'Account rule. For each of root user activity (pattern mentions userIdentity.type and Root), unauthorized API calls (UnauthorizedOperation or AccessDenied) and console sign-in without MFA (ConsoleLogin and MFAUsed), an aws_cloudwatch_log_metric_filter must exist on the log group a logging aws_cloudtrail delivers to (cloud_watch_logs_group_arn; a filter on another group sees no CloudTrail events) whose metric (name and namespace) has an aws_cloudwatch_metric_alarm with an alarm action and actions enabled. These are the CIS CloudTrail alarms for log-in monitoring.',
  remediation: 'Add metric filters on the trail log group for the three patterns, with alarms that notify the security SNS topic.',
  checkAccount(account, ctx) {
    const filters = account.byType.get('aws_cloudwatch_log_metric_filter') ?? [];
    const alarms = account.byType.get('aws_cloudwatch_metric_alarm') ?? [];
    const fed = trailGroups(ctx, account.byType.get('aws_cloudtrail') ?? []);
    const missing: string[] = [];
    const unsure: string[] = [];
    for (const event of SECURITY_EVENTS) {
      const candidates = filters.filter((f) => typeof f.config.pattern === 'string' && event.matches(f.config.pattern) && alarmFor(f, alarms));
      const groups = candidates.map((f) => filterGroup(ctx, f));
      if (groups.some((g) => g !== 'unknown' && g.some((k) => fed.keys.has(k)))) continue;
      if (candidates.length > 0 && (fed.unknown > 0 || groups.includes('unknown'))) unsure.push(event.name);
      else missing.push(event.name);
    }
    if (missing.length > 0) return fail(`no metric filter on a trail's log group with an alarm action for ${missing.join(', ')}`);
    if (unsure.length > 0) return undecided(`the log group of the metric filters for ${unsure.join(', ')}, or of a trail, is an expression the engine cannot match`);
    return pass('metric filters with alarms cover root use, unauthorized API calls and console sign-in without MFA');
  },
};
