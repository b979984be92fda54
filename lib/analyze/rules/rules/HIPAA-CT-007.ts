import { isLogging, recordsS3DataEvents } from '../checks/cloudtrail';
import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, undecided, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-CT-007',
  title: 'The account records S3 object-level (data) events',
  severity: 'medium',
  controls: ACTIVITY_REVIEW,
  configRule: 'cloudtrail-s3-dataevents-enabled',
  resourceTypes: ['aws_cloudtrail'],
  scope: 'account',
  description:
    "Account rule. A logging trail must record S3 data events: an event_selector with data_resource type AWS::S3::Object, or an advanced_event_selector with eventCategory Data and resources.type AWS::S3::Object whose resources.ARN filters (equals, starts_with, or not_starts_with of single buckets, such as the trail's own log buckets) leave some buckets recorded; an exclusion of every bucket, another filter or an expression is not a pass. Object reads and writes of ePHI are otherwise not audited.",
  remediation: 'Add event_selector { data_resource { type = "AWS::S3::Object", values = ["arn:<partition>:s3"] } } (or an advanced selector) to the baseline trail.',
  checkAccount(account) {
    const trails = (account.byType.get('aws_cloudtrail') ?? []).filter((t) => isLogging(t) !== false);
    const answers = trails.map((t) => ({ t, ok: recordsS3DataEvents(t) }));
    const hit = answers.find((a) => a.ok === true);
    if (hit) return pass(`${hit.t.stack}: ${hit.t.address} records S3 data events`);
    const unsure = answers.find((a) => a.ok === 'unknown');
    if (unsure) return undecided(`${unsure.t.address}: its event selectors cannot be shown to record S3 data events`);
    return fail(trails.length === 0 ? 'no logging aws_cloudtrail exists in this account' : 'no trail records S3 data events');
  },
};
