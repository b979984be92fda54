import { recordsS3DataEvents } from '../../../lib/analyze/rules/checks/cloudtrail';
import type { Resource } from '../../../lib/analyze/rules/types';

const trail = (config: Record<string, unknown>): Resource =>
  ({ stack: 's', mode: 'managed', type: 'aws_cloudtrail', name: 't', address: 'aws_cloudtrail.t', config }) as unknown as Resource;
const s3Data = (...extra: Array<Record<string, unknown>>) => ({
  advanced_event_selector: [
    { name: 'Management events', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] },
    { name: 'S3', field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }, ...extra] },
  ],
});

// CloudTrail User Guide, "Filtering data events by using advanced event selectors" (resources.ARN operators).
describe('HIPAA-CT-007 S3 data events with advanced event selectors', () => {
  it.each([
    ['every bucket', s3Data()],
    [
      "every bucket but the trail's own log buckets",
      s3Data({ field: 'resources.ARN', not_starts_with: ['arn:aws:s3:::org-audit-1-us-east-1/', 'arn:aws:s3:::org-s3-access-logs-1-us-east-1/'] }),
    ],
    ['the listed buckets', s3Data({ field: 'resources.ARN', starts_with: ['arn:aws:s3:::phi/'] })],
    ['every bucket through a legacy event selector', { event_selector: [{ data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] }],
  ])('counts a trail recording %s', (_name, config) => {
    expect(recordsS3DataEvents(trail(config))).toBe(true);
  });

  it.each([
    ['an exclusion of every bucket', s3Data({ field: 'resources.ARN', not_starts_with: ['arn:aws:s3:::'] })],
    ['an exclusion of every ARN', s3Data({ field: 'resources.ARN', not_starts_with: ['arn:'] })],
    ['an empty bucket list', s3Data({ field: 'resources.ARN', starts_with: [] })],
    ['only a management selector', { advanced_event_selector: [{ field_selector: [{ field: 'eventCategory', equals: ['Management'] }] }] }],
    [
      'data events of another resource type',
      {
        advanced_event_selector: [
          {
            field_selector: [
              { field: 'eventCategory', equals: ['Data'] },
              { field: 'resources.type', equals: ['AWS::Lambda::Function'] },
            ],
          },
        ],
      },
    ],
    ['a legacy data resource with no values', { event_selector: [{ data_resource: [{ type: 'AWS::S3::Object', values: [] }] }] }],
    // CIS AWS Foundations 3.8 and 3.9 ask for object writes and reads alike.
    ['only reads (readOnly true)', s3Data({ field: 'readOnly', equals: ['true'] })],
    ['only writes (readOnly false)', s3Data({ field: 'readOnly', equals: ['false'] })],
    ['only reads through a legacy selector', { event_selector: [{ read_write_type: 'ReadOnly', data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] }],
  ])('fails a trail whose selectors record no S3 object event: %s', (_name, config) => {
    expect(recordsS3DataEvents(trail(config))).toBe(false);
  });

  it.each([
    ['a resources.ARN filter on an expression', s3Data({ field: 'resources.ARN', not_starts_with: ['${aws_s3_bucket.b.arn}/'] })],
    ['an eventName filter', s3Data({ field: 'eventName', not_equals: ['GetObject', 'PutObject'] })],
    ['an ends_with ARN filter', s3Data({ field: 'resources.ARN', not_ends_with: ['/'] })],
    ['a legacy read_write_type from a variable', { event_selector: [{ read_write_type: '${var.rw}', data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] }],
  ])('leaves a trail undecided (a finding, never a pass) with %s', (_name, config) => {
    expect(recordsS3DataEvents(trail(config))).toBe('unknown');
  });
});
