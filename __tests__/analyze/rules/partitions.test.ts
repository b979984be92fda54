/**
 * Rules read ARNs in the partition of the resource's Region (AWS General Reference, "Amazon
 * Resource Names"): aws-us-gov for us-gov-*, aws-cn for cn-*. A resource in GovCloud is checked
 * against its own partition, never skipped, and an ARN of another partition does not name it.
 */
import { evaluate, HIPAA_PACK, type JsonObject, type StackDocument } from '../../../lib/analyze/rules';
import { partitionOfRegion } from '../../../lib/terraform/partition';
import { allowsDecryptOnAllKeys } from '../../../lib/terraform/questions';
import { readPolicy } from '../../../lib/terraform/policy';

type Resources = Record<string, Record<string, JsonObject>>;

function inRegion(region: string, resource: Resources): StackDocument[] {
  return [{ name: 'fixture', json: { provider: { aws: [{ region, allowed_account_ids: ['111111111111'] }] }, resource } }];
}

function status(ruleId: string, stacks: StackDocument[], address: string): string | undefined {
  const rules = HIPAA_PACK.rules.filter((r) => r.id === ruleId);
  return evaluate(stacks, { rules }).findings.find((f) => f.address === address)?.status;
}

const tlsPolicy = (partition: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:${partition}:s3:::phi-bucket`, `arn:${partition}:s3:::phi-bucket/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
const bucket = (partition: string): Resources => ({
  aws_s3_bucket: { b: { bucket: 'phi-bucket' } },
  aws_s3_bucket_policy: { p: { bucket: '${aws_s3_bucket.b.id}', policy: tlsPolicy(partition) } },
});
const db = (pattern: string): Resources => ({
  aws_db_instance: { d: { engine: 'postgres', identifier: 'acme-main', instance_class: 'db.t4g.medium' } },
  aws_backup_selection: { s: { name: 's', plan_id: 'p', iam_role_arn: 'arn:aws-us-gov:iam::111111111111:role/backup', resources: [pattern] } },
});

describe('partition-aware rules', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['cn-north-1', 'aws-cn'],
  ])('derives the partition of %s as %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });

  it('HIPAA-S3-004 accepts a GovCloud bucket whose TLS deny names its aws-us-gov ARN', () => {
    expect(status('HIPAA-S3-004', inRegion('us-gov-west-1', bucket('aws-us-gov')), 'aws_s3_bucket.b')).toBe('compliant');
  });

  it('HIPAA-S3-004 reports a GovCloud bucket whose TLS deny names the aws partition (it covers nothing there)', () => {
    expect(status('HIPAA-S3-004', inRegion('us-gov-west-1', bucket('aws')), 'aws_s3_bucket.b')).toBe('non_compliant');
  });

  it('HIPAA-S3-004 reports a commercial bucket whose TLS deny names the aws-us-gov partition', () => {
    expect(status('HIPAA-S3-004', inRegion('us-east-1', bucket('aws-us-gov')), 'aws_s3_bucket.b')).toBe('non_compliant');
  });

  it('HIPAA-RDS-010 sees a GovCloud database selected by an arn:aws-us-gov:rds pattern', () => {
    expect(status('HIPAA-RDS-010', inRegion('us-gov-west-1', db('arn:aws-us-gov:rds:us-gov-west-1:111111111111:db:*')), 'aws_db_instance.d')).toBe('compliant');
  });

  it('HIPAA-RDS-010 reports a GovCloud database whose selection pattern is in the aws partition', () => {
    expect(status('HIPAA-RDS-010', inRegion('us-gov-west-1', db('arn:aws:rds:*:*:db:*')), 'aws_db_instance.d')).toBe('non_compliant');
  });

  it('treats arn:aws-us-gov:kms:*:*:key/* as every key when judging decrypt grants', () => {
    const policy = readPolicy({ Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws-us-gov:kms:*:*:key/*' }] }, 'p');
    expect(allowsDecryptOnAllKeys(policy).answer).toBe('yes');
  });
});

describe('partition-aware rules when the Region is not a literal', () => {
  const unknownRegion = (resource: Resources): StackDocument[] => [
    { name: 'fixture', json: { provider: { aws: [{ region: '${var.region}', allowed_account_ids: ['111111111111'] }] }, resource } },
  ];

  it('HIPAA-RDS-010 matches a selection pattern of any partition', () => {
    expect(status('HIPAA-RDS-010', unknownRegion(db('arn:aws:rds:*:*:db:*')), 'aws_db_instance.d')).toBe('compliant');
    expect(status('HIPAA-RDS-010', unknownRegion(db('arn:aws-us-gov:rds:*:*:db:*')), 'aws_db_instance.d')).toBe('compliant');
  });

  it('HIPAA-RDS-010 still reports a pattern of another service', () => {
    expect(status('HIPAA-RDS-010', unknownRegion(db('arn:aws:dynamodb:*:*:table/*')), 'aws_db_instance.d')).toBe('non_compliant');
  });
});
