import { Instance } from '@cdktf/provider-aws/lib/instance';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { Bastion, BastionProps, bastionOutputs, instanceArchitecture } from '../../lib/constructs/access/bastion';
import { HipaaDatabase } from '../../lib/constructs/data/hipaa-database';
import { SecureBucket } from '../../lib/constructs/storage/secure-bucket';
import { TfJson, dataStack, errorCodes, nameOf, policyOf, ref, resourceNamed, resourcesOf, statement, synthJson } from '../data/fixtures';

const BASE = { namePrefix: 'org-acme', tenantId: 'acme', vpcId: 'vpc-0123456789abcdef0', subnetId: 'subnet-0bbbbbbbbbbbbbbb1', vpcCidr: '10.1.0.0/16' };
const DB = { identifier: 'acme-main', tenantId: 'acme', vpcId: BASE.vpcId, dataSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'] };

function build(props: Partial<BastionProps> = {}) {
  const { stack, key } = dataStack();
  const bastion = new Bastion(stack, 'Bastion', { ...BASE, key, ...props });
  return { stack, key, bastion };
}

/** A bastion allowed to a database, with its outputs, synthesized. */
function synthWithDatabase(): ReturnType<typeof synthJson> {
  const { stack, key } = dataStack();
  const database = new HipaaDatabase(stack, 'Database', { ...DB, key });
  const bastion = new Bastion(stack, 'Bastion', { ...BASE, key });
  bastion.allowDatabase(database);
  bastionOutputs(stack, bastion, database);
  return synthJson(stack);
}

describe('Bastion with a database and outputs', () => {
  let text: string;
  let json: TfJson;
  let keyName: string;
  let sgName: string;
  let dbSgName: string;
  let instanceName: string;
  let roleName: string;

  beforeAll(() => {
    ({ text, json } = synthWithDatabase());
    keyName = nameOf(json, 'aws_kms_key', 'TenantKey');
    sgName = nameOf(json, 'aws_security_group', 'Bastion');
    dbSgName = nameOf(json, 'aws_security_group', 'Database');
    instanceName = nameOf(json, 'aws_instance', 'Bastion');
    roleName = nameOf(json, 'aws_iam_role', 'Bastion');
  });

  test('runs a t3.micro in the private subnet with no public IP, IMDSv2 only and detailed monitoring', () => {
    expect(text).toHaveResourceWithProperties(Instance, {
      instance_type: 't3.micro',
      subnet_id: BASE.subnetId,
      associate_public_ip_address: false,
      monitoring: true,
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' },
      vpc_security_group_ids: [ref('aws_security_group', sgName, 'id')],
    });
    expect(json.resource.aws_instance[instanceName].key_name).toBeUndefined();
  });

  test('encrypts the gp3 root volume with the customer key', () => {
    expect(text).toHaveResourceWithProperties(Instance, {
      root_block_device: expect.objectContaining({ encrypted: true, kms_key_id: ref('aws_kms_key', keyName, 'arn'), volume_type: 'gp3', volume_size: 8 }),
    });
  });

  test('boots the current Amazon Linux 2023 AMI from the public SSM parameter and ignores later releases', () => {
    expect(text).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' });
    const ami = Object.keys(json.data?.aws_ssm_parameter ?? {})[0];
    expect(json.resource.aws_instance[instanceName]).toMatchObject({ ami: `\${data.aws_ssm_parameter.${ami}.insecure_value}`, lifecycle: { ignore_changes: ['ami'] } });
  });

  test('has a security group with no inbound rules at all', () => {
    expect(json.resource.aws_security_group[sgName].ingress).toBeUndefined();
    expect(json.resource.aws_security_group[sgName].egress).toBeUndefined();
    const inbound = resourcesOf(json, 'aws_vpc_security_group_ingress_rule').filter(([, r]) => r.security_group_id === ref('aws_security_group', sgName, 'id'));
    expect(inbound).toEqual([]);
  });

  test('reaches only the VPC endpoints over HTTPS and the database port of the database security group', () => {
    const egress = resourcesOf(json, 'aws_vpc_security_group_egress_rule').map(([, r]) => r);
    expect(egress).toHaveLength(2);
    for (const r of egress) expect(r).toMatchObject({ security_group_id: ref('aws_security_group', sgName, 'id'), tags: { Tenant: 'acme', DataClassification: 'Operational' } });
    expect(egress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.1.0.0/16' }),
        expect.objectContaining({ ip_protocol: 'tcp', from_port: 5432, to_port: 5432, referenced_security_group_id: ref('aws_security_group', dbSgName, 'id') }),
      ]),
    );
  });

  test('is admitted by the database on its port', () => {
    expect(resourceNamed(json, 'aws_vpc_security_group_ingress_rule', 'IngressBastion')).toMatchObject({
      security_group_id: ref('aws_security_group', dbSgName, 'id'),
      referenced_security_group_id: ref('aws_security_group', sgName, 'id'),
      from_port: 5432,
      to_port: 5432,
    });
  });

  test('has an instance profile whose role EC2 assumes, with only AmazonSSMManagedInstanceCore attached', () => {
    const trust = policyOf(json.resource.aws_iam_role[roleName].assume_role_policy);
    expect(trust.Statement).toEqual([{ Sid: 'Ec2Assumes', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const attachments = resourcesOf(json, 'aws_iam_role_policy_attachment').filter(([, a]) => a.role === ref('aws_iam_role', roleName, 'name'));
    const sessionPolicy = nameOf(json, 'aws_iam_policy', 'Bastion_SessionLogging');
    expect(attachments.map(([, a]) => a.policy_arn).sort()).toEqual([ref('aws_iam_policy', sessionPolicy, 'arn'), 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore']);
    const profile = nameOf(json, 'aws_iam_instance_profile', 'Bastion');
    expect(json.resource.aws_iam_instance_profile[profile]).toMatchObject({ name: 'org-acme-bastion', role: ref('aws_iam_role', roleName, 'name') });
    expect(json.resource.aws_instance[instanceName].iam_instance_profile).toBe(ref('aws_iam_instance_profile', profile, 'name'));
  });

  test('lets the role decrypt sessions with the key and write only to the session log group', () => {
    const policy = policyOf(resourceNamed(json, 'aws_iam_policy', 'Bastion_SessionLogging').policy);
    expect(statement(policy, 'DecryptSessions')).toMatchObject({ Action: 'kms:Decrypt', Resource: ref('aws_kms_key', keyName, 'arn') });
    expect(statement(policy, 'WriteSessionLogs')).toMatchObject({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/ssm/sessions/org-acme:*',
    });
    expect(String(resourceNamed(json, 'aws_iam_policy', 'Bastion_SessionLogging').policy)).not.toContain(`$\${`);
    const keyPolicy = policyOf(json.resource.aws_kms_key[keyName].policy);
    expect(statement(keyPolicy, 'BastionSessionsOrgAcme')).toMatchObject({ Principal: { AWS: 'arn:aws:iam::123456789012:role/org-acme-bastion' }, Action: 'kms:Decrypt' });
  });

  test('writes Session Manager preferences that encrypt sessions with the key and log them to an encrypted group', () => {
    expect(text).toHaveResourceWithProperties(SsmDocument, { name: 'org-acme-session-preferences', document_type: 'Session', document_format: 'JSON' });
    const content = JSON.parse(String(resourceNamed(json, 'aws_ssm_document', 'Bastion').content));
    expect(content).toMatchObject({ schemaVersion: '1.0', sessionType: 'Standard_Stream' });
    expect(content.inputs).toMatchObject({
      kmsKeyId: ref('aws_kms_key', keyName, 'arn'),
      cloudWatchLogGroupName: '/aws/ssm/sessions/org-acme',
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
      s3BucketName: '',
      runAsEnabled: false,
      idleSessionTimeout: '20',
      maxSessionDuration: '60',
    });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/ssm/sessions/org-acme',
      kms_key_id: ref('aws_kms_key', keyName, 'arn'),
      retention_in_days: 2192,
    });
  });

  test('outputs the instance id, a ready-to-paste port-forward command, the endpoint and the secret ARN (sensitive)', () => {
    const db = nameOf(json, 'aws_db_instance', 'Database');
    expect(json.output).toEqual({
      bastion_instance_id: { value: ref('aws_instance', instanceName, 'id'), description: expect.stringContaining('bastion'), sensitive: false },
      db_port_forward_command: {
        value:
          `aws ssm start-session --region us-east-1 --target \${aws_instance.${instanceName}.id} --document-name AWS-StartPortForwardingSessionToRemoteHost ` +
          `--parameters '{"host":["\${aws_db_instance.${db}.address}"],"portNumber":["5432"],"localPortNumber":["15432"]}'`,
        description: expect.stringContaining('forward'),
        sensitive: false,
      },
      db_instance_endpoint: { value: ref('aws_db_instance', db, 'endpoint'), description: expect.any(String), sensitive: false },
      db_master_user_secret_arn: { value: `\${aws_db_instance.${db}.master_user_secret[0].secret_arn}`, description: expect.any(String), sensitive: true },
      bastion_shell_command: expect.objectContaining({ value: expect.stringContaining('--document-name org-acme-session-preferences') }),
      bastion_operator_policy_arn: expect.objectContaining({ value: expect.stringMatching(/^\$\{aws_iam_policy\..+\.arn\}$/) }),
    });
  });
});

describe('Bastion options', () => {
  test('sends HTTPS to the endpoint security group and the S3 prefix list when given', () => {
    const { stack } = build({ endpointSecurityGroupId: 'sg-0eeeeeeeeeeeeeee1', s3PrefixListId: 'pl-63a5400a' });
    const egress = resourcesOf(synthJson(stack).json, 'aws_vpc_security_group_egress_rule').map(([, r]) => r);
    expect(egress).toEqual([
      expect.objectContaining({ from_port: 443, referenced_security_group_id: 'sg-0eeeeeeeeeeeeeee1' }),
      expect.objectContaining({ from_port: 443, prefix_list_id: 'pl-63a5400a' }),
    ]);
    expect(egress.some((r) => r.cidr_ipv4 !== undefined)).toBe(false);
  });

  test('also uploads transcripts to an S3 bucket and may write only under its prefix', () => {
    const { stack, key } = dataStack();
    const bucket = new SecureBucket(stack, 'Sessions', {
      bucketName: 'org-acme-sessions',
      encryptionKey: key,
      accessLogs: { enabled: false, reason: 'Test bucket without an access log destination' },
      retentionDays: 2192,
    });
    new Bastion(stack, 'Bastion', { ...BASE, key, sessionBucket: { bucket, key }, sessionDocumentName: 'acme-sessions' });
    const { json } = synthJson(stack);
    const content = JSON.parse(String(resourceNamed(json, 'aws_ssm_document', 'Bastion').content));
    expect(content.inputs).toMatchObject({ s3BucketName: 'org-acme-sessions', s3KeyPrefix: 'sessions/org-acme/', s3EncryptionEnabled: true });
    expect(resourceNamed(json, 'aws_ssm_document', 'Bastion').name).toBe('acme-sessions');
    const policy = policyOf(resourceNamed(json, 'aws_iam_policy', 'Bastion_SessionLogging').policy);
    expect(statement(policy, 'WriteSessionTranscripts')).toMatchObject({ Action: 's3:PutObject', Resource: 'arn:aws:s3:::org-acme-sessions/sessions/org-acme/*' });
  });

  test('boots the arm64 image on Graviton instance types', () => {
    const { stack } = build({ instanceType: 't4g.micro' });
    expect(synthJson(stack).text).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64' });
  });

  test.each([
    ['t3.micro', 'x86_64'],
    ['m7i-flex.large', 'x86_64'],
    ['g5.xlarge', 'x86_64'],
    ['t4g.small', 'arm64'],
    ['c7gn.large', 'arm64'],
    ['m7gd.medium', 'arm64'],
  ])('%s runs the %s image', (type, arch) => {
    expect(instanceArchitecture(type)).toBe(arch);
  });
});

describe('Bastion rejects', () => {
  test.each(['0.0.0.0/0', '::/0'])('egress to the whole internet (%s)', (vpcCidr) => {
    expect(errorCodes(() => build({ vpcCidr }))).toEqual(['HIPAA_OPEN_EGRESS']);
  });

  test.each<[string, Partial<BastionProps>, string]>([
    ['a VPC CIDR given as a reference', { vpcCidr: `\${aws_vpc.main.cidr_block}` }, 'HIPAA_CIDR_INVALID'],
    ['a session document name reserved for AWS', { sessionDocumentName: 'AWS-MyPreferences' }, 'HIPAA_RESOURCE_NAME'],
    ['an idle timeout over an hour', { idleSessionTimeoutMinutes: 90 }, 'HIPAA_VALUE_RANGE'],
    ['a root volume smaller than the image', { rootVolumeGib: 4 }, 'HIPAA_VALUE_RANGE'],
    ['an endpoint security group that is not one', { endpointSecurityGroupId: 'endpoints' }, 'HIPAA_SECURITY_GROUP_ID'],
    ['an uppercase name prefix', { namePrefix: 'Org-Acme' }, 'HIPAA_RESOURCE_NAME'],
  ])('%s', (_what, props, code) => {
    expect(errorCodes(() => build(props))).toEqual([code]);
  });
});

// Session preferences bind only sessions started with their document; ssm:SessionDocumentAccessCheck
// makes IAM refuse a session whose document the policy does not list (the account default included).
// https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-sessiondocumentaccesscheck.html
describe('Bastion operator access', () => {
  let json: TfJson;
  let policy: ReturnType<typeof policyOf>;
  let documentName: string;
  let instanceName: string;

  beforeAll(() => {
    ({ json } = synthWithDatabase());
    const policies = resourcesOf(json, 'aws_iam_policy').filter(([, p]) => p.name === 'org-acme-bastion-operator');
    expect(policies).toHaveLength(1);
    policy = policyOf(policies[0][1].policy);
    documentName = String(resourcesOf(json, 'aws_ssm_document')[0][1].name);
    instanceName = nameOf(json, 'aws_instance', 'Bastion');
  });

  test('lets operators start sessions only on the bastion and only with the tenant preferences or port-forwarding document', () => {
    const starts = policy.Statement.filter((s) => ([] as unknown[]).concat(s.Action).includes('ssm:StartSession'));
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({
      Effect: 'Allow',
      Resource: [
        `arn:aws:ec2:us-east-1:123456789012:instance/\${aws_instance.${instanceName}.id}`,
        `arn:aws:ssm:us-east-1:123456789012:document/${documentName}`,
        'arn:aws:ssm:us-east-1::document/AWS-StartPortForwardingSessionToRemoteHost',
      ],
      Condition: { BoolIfExists: { 'ssm:SessionDocumentAccessCheck': 'true' } },
    });
    expect(JSON.stringify(starts[0].Resource)).not.toContain('SSM-SessionManagerRunShell');
  });

  test('lets operators end only their own sessions and encrypt them with the tenant key', () => {
    expect(statement(policy, 'ManageOwnSessions')).toMatchObject({ Resource: 'arn:aws:ssm:us-east-1:123456789012:session/${aws:userid}-*' });
    expect(statement(policy, 'EncryptSessions')).toMatchObject({ Action: 'kms:GenerateDataKey', Resource: ref('aws_kms_key', nameOf(json, 'aws_kms_key', 'TenantKey'), 'arn') });
  });

  test('outputs the operator policy and a shell command that names the tenant preferences document', () => {
    expect(json.output?.bastion_operator_policy_arn.value).toMatch(/^\$\{aws_iam_policy\..+\.arn\}$/);
    expect(String(json.output?.bastion_shell_command.value)).toContain(`--document-name ${documentName}`);
  });
});
