import { Testing } from 'cdktf';
import { HipaaStack } from '../../stacks/hipaa-stack';
import { BackendConfig } from '../../lib/config/schema';
import { parseConfig } from '../../lib/config/load';
import { TEST_STACK_PROPS } from '../util/synth';

function terraformBlock(backend: BackendConfig, name = 'tenant-acme'): Record<string, any> {
  const stack = new HipaaStack(Testing.app(), name, { ...TEST_STACK_PROPS, backend });
  return JSON.parse(Testing.synth(stack)).terraform;
}

const MINIMAL = { organization: 'org', accounts: [{ name: 'main', id: '123456789012' }], alarms: { email: ['security@example.com'] } };

describe('backends', () => {
  it('keeps local state at the project root, by a relative path, outside cdktf.out', () => {
    const tf = terraformBlock({ type: 'local' });
    expect(tf.backend).toEqual({ local: { path: '../../../terraform.tenant-acme.tfstate' } });
    expect(tf.cloud).toBeUndefined();
  });

  it('stores S3 state encrypted with a KMS key, one key per stack, with S3-native locking', () => {
    const backend = parseConfig({ ...MINIMAL, backend: { type: 's3', bucket: 'org-tfstate', region: 'us-east-1', kmsKeyId: 'alias/tfstate' } }).backend;
    const tf = terraformBlock(backend);
    expect(tf.backend).toEqual({
      s3: { bucket: 'org-tfstate', key: 'hipaa/tenant-acme.tfstate', region: 'us-east-1', encrypt: true, kms_key_id: 'alias/tfstate', use_lockfile: true },
    });
  });

  it('uses a DynamoDB lock table and an assumed role for S3 state when configured', () => {
    const backend = parseConfig({
      ...MINIMAL,
      backend: {
        type: 's3',
        bucket: 'org-tfstate',
        region: 'eu-west-1',
        kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
        keyPrefix: 'prod',
        dynamodbTable: 'tf-locks',
        roleArn: 'arn:aws:iam::123456789012:role/state',
      },
    }).backend;
    const s3 = terraformBlock(backend).backend.s3;
    expect(s3).toMatchObject({ key: 'prod/tenant-acme.tfstate', dynamodb_table: 'tf-locks', assume_role: { role_arn: 'arn:aws:iam::123456789012:role/state' } });
    expect(s3.use_lockfile).toBeUndefined();
  });

  it('maps each stack to its own Terraform Cloud workspace named <prefix>-<stack>', () => {
    const backend = parseConfig({ ...MINIMAL, backend: { type: 'tfc', organization: 'example-health', workspacePrefix: 'hipaa-prod', project: 'HIPAA' } }).backend;
    const tf = terraformBlock(backend, 'baseline-main');
    expect(tf.cloud).toEqual({ organization: 'example-health', hostname: 'app.terraform.io', workspaces: { name: 'hipaa-prod-baseline-main', project: 'HIPAA' } });
    expect(tf.backend).toBeUndefined();
  });

  it('defaults the Terraform Cloud workspace prefix to the organization slug', () => {
    const backend = parseConfig({ ...MINIMAL, backend: { type: 'tfc', organization: 'example-health' } }).backend;
    expect(terraformBlock(backend, 'tenant-acme').cloud.workspaces).toEqual({ name: 'org-tenant-acme' });
  });

  it('pins the AWS provider source and version', () => {
    const tf = terraformBlock({ type: 'local' });
    expect(tf.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: '6.25.0' });
  });
});
