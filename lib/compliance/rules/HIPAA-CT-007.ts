import { isLogging, recordsS3DataEvents } from '../checks/cloudtrail';
import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-CT-007',
  title: 'The account records S3 object-level (data) events',
  severity: 'medium',
  controls: ACTIVITY_REVIEW,
  configRule: 'cloudtrail-s3-dataevents-enabled',
  resourceTypes: ['aws_cloudtrail'],
  scope: 'account',
  description:
    'Account rule. A logging trail must record S3 data events: an event_selector with data_resource type AWS::S3::Object, or an advanced_event_selector with eventCategory Data and resources.type AWS::S3::Object. Object reads and writes of ePHI are otherwise not audited.',
  remediation: 'Add event_selector { data_resource { type = "AWS::S3::Object", values = ["arn:aws:s3"] } } (or an advanced selector) to the baseline trail.',
  checkAccount(account) {
    const trails = (account.byType.get('aws_cloudtrail') ?? []).filter((t) => isLogging(t) !== false);
    const hit = trails.find(recordsS3DataEvents);
    if (hit) return pass(`${hit.stack}: ${hit.address} records S3 data events`);
    return fail(trails.length === 0 ? 'no logging aws_cloudtrail exists in this account' : 'no trail records S3 data events');
  },
};
