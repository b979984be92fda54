import { nonEmptyList } from '../checks/common';
import { THREAT_DETECTION } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-CW-003',
  title: 'CloudWatch alarms notify someone when they fire',
  severity: 'medium',
  controls: THREAT_DETECTION,
  configRule: 'cloudwatch-alarm-action-check',
  resourceTypes: ['aws_cloudwatch_metric_alarm'],
  scope: 'resource',
  description:
    'alarm_actions must list at least one action and actions_enabled must not be false. INSUFFICIENT_DATA and OK actions are not required (the conformance pack is deployed with insufficientDataActionRequired = false): alarms on sparse security events sit in INSUFFICIENT_DATA by design.',
  remediation: 'Set alarm_actions to an SNS topic that reaches the security team.',
  check(alarm) {
    const enabled = bool(alarm.config.actions_enabled);
    if (enabled === false) return fail('actions_enabled is false');
    if (enabled === 'unknown') return undecided('actions_enabled is an expression, so the alarm may never notify');
    const actions = nonEmptyList(alarm.config.alarm_actions);
    if (actions === 'yes') return pass('the alarm has an alarm action');
    if (actions === 'unknown') return undecided('alarm_actions is an expression');
    return fail('alarm_actions is empty');
  },
};
