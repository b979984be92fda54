import { literal } from '../checks/common';
import { THREAT_DETECTION } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-SNS-002',
  title: 'SNS topics that CloudWatch alarms notify have a subscriber',
  severity: 'high',
  controls: THREAT_DETECTION,
  resourceTypes: ['aws_sns_topic'],
  scope: 'resource',
  description:
    "A topic named in an alarm's alarm_actions must have an aws_sns_topic_subscription (topic_arn referencing it) with a literal protocol and endpoint; otherwise every alarm fires into a topic nobody reads (45 CFR 164.308(a)(6)(ii) needs someone to respond). Email subscriptions stay pending until the recipient confirms them, which no Terraform check can see. Topics no alarm in the same stack names are not applicable.",
  remediation: 'Add alarm endpoints to the configuration (`alarms.email` / `alarms.https`), or an aws_sns_topic_subscription for the topic.',
  check(topic, ctx) {
    const alarms = ctx.referencing(topic, ['aws_cloudwatch_metric_alarm'], 'alarm_actions');
    if (alarms.length === 0) return skip('no alarm in this stack notifies the topic');
    const subs = ctx.referencing(topic, ['aws_sns_topic_subscription'], 'topic_arn');
    if (subs.length === 0) return fail(`${alarms.length} alarm(s) notify the topic, but it has no subscription`);
    const complete = subs.filter((s) => literal(s.config.protocol) !== undefined && literal(s.config.endpoint) !== undefined);
    if (complete.length > 0) return pass(`${complete.length} subscription(s): ${complete.map((s) => `${literal(s.config.protocol)} ${literal(s.config.endpoint)}`).join(', ')}`);
    return undecided(`the protocol or endpoint of ${subs.map((s) => s.address).join(', ')} is an expression`);
  },
};
