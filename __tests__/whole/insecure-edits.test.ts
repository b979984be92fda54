/**
 * A reviewer's test of the whole product: take the demo's real synthesized output, make ONE
 * insecure edit at a time, and require `check` to fail each. Every edit below passed `check`
 * before issue 13 or is a kind of edit a reviewer would try next.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../../stacks/app';
import { complianceGate, loadSynthesized } from '../../cli/main';
import { runCheckCommand } from '../../cli/check';
import { parseConfig } from '../../lib/config/load';
import { DEMO_CONFIG } from '../../lib/config/demo';

type Json = Record<string, any>;
type Edit = (stack: Json, find: (type: string, fragment: string) => [string, Json]) => void;

let demo: string;
let work: string;

beforeAll(() => {
  demo = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-edits-'));
  const config = parseConfig(DEMO_CONFIG);
  const built = buildApp(config, { outdir: demo });
  built.app.synth();
  complianceGate(demo, loadSynthesized(demo), built.app, config);
});
afterAll(() => fs.rmSync(demo, { recursive: true, force: true }));
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-edit-'));
  fs.cpSync(demo, work, { recursive: true });
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

function check(dir: string): { code: number; out: string } {
  let out = '';
  const code = runCheckCommand([dir], { out: (s: string) => (out += `${s}\n`), err: (s: string) => (out += `${s}\n`) });
  return { code, out };
}

function edit(stackName: string, change: Edit): void {
  const file = path.join(work, 'stacks', stackName, 'cdk.tf.json');
  const stack = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  const find = (type: string, fragment: string): [string, Json] => {
    const byName = (stack.resource?.[type] ?? {}) as Json;
    const name = Object.keys(byName).find((n) => n.includes(fragment));
    if (!name) throw new Error(`the demo has no ${type} matching ${fragment} in ${stackName}`);
    return [name, byName[name] as Json];
  };
  change(stack, find);
  fs.writeFileSync(file, JSON.stringify(stack, null, 2));
}

const policyOf = (body: Json): Json => JSON.parse(body.policy as string);
const setPolicy = (body: Json, policy: Json, key = 'policy'): void => {
  body[key] = JSON.stringify(policy);
};
const CONDITIONAL = '${var.enabled ? 1 : 0}';
const declareVariable = (stack: Json, name: string, variable: Json): void => {
  stack.variable = { ...(stack.variable ?? {}), [name]: variable };
};
const BASELINE = 'baseline-workloads-a';
const AUDIT_BUCKET_ARN = (stack: Json): string => {
  const [, bucket] = Object.entries(stack.resource.aws_s3_bucket as Json).find(([n]) => n.includes('AuditBucket'))!;
  return `arn:aws:s3:::${bucket.bucket}`;
};

/** [what, stack, edit, what the failure must name: a rule id, or `can reach` for the isolation proof]. */
const EDITS: Array<[string, string, Edit, string]> = [
  [
    'the trail behind count = var ? 1 : 0',
    BASELINE,
    (s, find) => {
      declareVariable(s, 'enabled', { type: 'bool', default: true });
      find('aws_cloudtrail', 'Trail')[1].count = CONDITIONAL;
    },
    'HIPAA-CT-005',
  ],
  [
    'the account public access block behind for_each = {}',
    BASELINE,
    (_s, find) => {
      find('aws_s3_account_public_access_block', 'AccountPublicAccessBlock')[1].for_each = {};
    },
    'HIPAA-S3-015',
  ],
  [
    'the audit bucket public access block behind count = var ? 1 : 0',
    BASELINE,
    (s, find) => {
      declareVariable(s, 'enabled', { type: 'bool', default: true });
      find('aws_s3_bucket_public_access_block', 'AuditBucket')[1].count = CONDITIONAL;
    },
    'HIPAA-S3-001',
  ],
  [
    'the audit bucket encryption behind count = var ? 1 : 0',
    BASELINE,
    (s, find) => {
      declareVariable(s, 'enabled', { type: 'bool', default: true });
      find('aws_s3_bucket_server_side_encryption_configuration', 'AuditBucket')[1].count = CONDITIONAL;
    },
    'HIPAA-S3-002',
  ],
  [
    'the TLS-deny bucket policy behind count = var ? 1 : 0',
    BASELINE,
    (s, find) => {
      declareVariable(s, 'enabled', { type: 'bool', default: true });
      find('aws_s3_bucket_policy', 'AuditBucket')[1].count = CONDITIONAL;
    },
    'HIPAA-S3-004',
  ],
  [
    'a public s3:GetObject with aws:SecureTransport = true',
    BASELINE,
    (s, find) => {
      const [, body] = find('aws_s3_bucket_policy', 'AuditBucket');
      const p = policyOf(body);
      p.Statement.push({
        Sid: 'Public',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `${AUDIT_BUCKET_ARN(s)}/*`,
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      });
      setPolicy(body, p);
    },
    'HIPAA-S3-007',
  ],
  [
    'a public s3:GetObjectVersion',
    BASELINE,
    (s, find) => {
      const [, body] = find('aws_s3_bucket_policy', 'AuditBucket');
      const p = policyOf(body);
      p.Statement.push({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:GetObjectVersion'], Resource: `${AUDIT_BUCKET_ARN(s)}/*` });
      setPolicy(body, p);
    },
    'HIPAA-S3-007',
  ],
  [
    'an Allow to everyone but one account through NotPrincipal',
    BASELINE,
    (s, find) => {
      const [, body] = find('aws_s3_bucket_policy', 'AuditBucket');
      const p = policyOf(body);
      p.Statement.push({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 's3:GetObject', Resource: `${AUDIT_BUCKET_ARN(s)}/*` });
      setPolicy(body, p);
    },
    'HIPAA-S3-007',
  ],
  [
    'the TLS deny narrowed to another account with aws:PrincipalAccount',
    BASELINE,
    (_s, find) => {
      const [, body] = find('aws_s3_bucket_policy', 'AuditBucket');
      const p = policyOf(body);
      const deny = p.Statement.find((st: Json) => st.Effect === 'Deny');
      deny.Condition = { ...deny.Condition, StringEquals: { 'aws:PrincipalAccount': '999999999999' } };
      setPolicy(body, p);
    },
    'HIPAA-S3-004',
  ],
  [
    'the TLS deny replaced by Sid through override_policy_documents',
    BASELINE,
    (s, find) => {
      const [, body] = find('aws_s3_bucket_policy', 'AuditBucket');
      const p = policyOf(body);
      const deny = p.Statement.find((st: Json) => st.Effect === 'Deny');
      const override = { Version: '2012-10-17', Statement: [{ Sid: deny.Sid, Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: deny.Resource }] };
      s.data = {
        ...(s.data ?? {}),
        aws_iam_policy_document: { Overridden: { source_policy_documents: [JSON.stringify(p)], override_policy_documents: [JSON.stringify(override)] } },
      };
      body.policy = '${data.aws_iam_policy_document.Overridden.json}';
    },
    'HIPAA-S3-004',
  ],
  [
    'a tenant key open to {AWS:"*"} with StringLike aws:PrincipalArn "*"',
    'tenant-acme',
    (_s, find) => {
      const [, key] = find('aws_kms_key', 'DataKey');
      const p = policyOf(key);
      p.Statement.push({ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': '*' } } });
      setPolicy(key, p);
    },
    'HIPAA-KMS-003',
  ],
  [
    'the pooled tenants keys widened to kms:* for the account root',
    'pool-shared',
    (s) => {
      for (const [name, key] of Object.entries(s.resource.aws_kms_key as Json)) {
        if (!name.includes('DataKey')) continue;
        const p = policyOf(key);
        const admin = p.Statement.find((st: Json) => st.Sid === 'AccountRootAdministersOnly');
        admin.Action = 'kms:*';
        setPolicy(key, p);
      }
    },
    'can reach',
  ],
  [
    'a tenant role trust policy open to everyone with a TLS condition',
    'tenant-acme',
    (_s, find) => {
      const [, role] = find('aws_iam_role', 'WorkloadRole');
      const p = JSON.parse(role.assume_role_policy as string);
      p.Statement.push({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'true' } } });
      role.assume_role_policy = JSON.stringify(p);
    },
    'HIPAA-IAM-012',
  ],
  [
    'SSH from 0.0.0.0/1 plus 128.0.0.0/1',
    'tenant-acme',
    (s, find) => {
      const [, sg] = find('aws_security_group', 'WorkloadSecurityGroup');
      void sg;
      const sgName = find('aws_security_group', 'WorkloadSecurityGroup')[0];
      s.resource.aws_vpc_security_group_ingress_rule = {
        ...s.resource.aws_vpc_security_group_ingress_rule,
        SshLow: { security_group_id: `\${aws_security_group.${sgName}.id}`, ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/1' },
        SshHigh: { security_group_id: `\${aws_security_group.${sgName}.id}`, ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '128.0.0.0/1' },
      };
    },
    'HIPAA-VPC-005',
  ],
  [
    'a security group rule whose type is an expression',
    'tenant-acme',
    (s, find) => {
      declareVariable(s, 'direction', { type: 'string', default: 'ingress' });
      const sgName = find('aws_security_group', 'WorkloadSecurityGroup')[0];
      s.resource.aws_security_group_rule = {
        Open: { type: '${var.direction}', security_group_id: `\${aws_security_group.${sgName}.id}`, protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] },
      };
    },
    'HIPAA-VPC-005',
  ],
  [
    'the database key from a variable defaulting to alias/aws/rds',
    'tenant-acme',
    (s, find) => {
      declareVariable(s, 'db_key', { type: 'string', default: 'alias/aws/rds' });
      find('aws_db_instance', 'Database')[1].kms_key_id = '${var.db_key}';
    },
    'HIPAA-RDS-002',
  ],
  [
    'the database made public',
    'tenant-acme',
    (_s, find) => {
      find('aws_db_instance', 'Database')[1].publicly_accessible = true;
    },
    'HIPAA-RDS-003',
  ],
  [
    'the database storage unencrypted',
    'tenant-acme',
    (_s, find) => {
      find('aws_db_instance', 'Database')[1].storage_encrypted = false;
    },
    'HIPAA-RDS-001',
  ],
  [
    'the database storage encryption from an expression',
    'tenant-acme',
    (s, find) => {
      declareVariable(s, 'encrypt', { type: 'bool', default: false });
      find('aws_db_instance', 'Database')[1].storage_encrypted = '${var.encrypt}';
    },
    'HIPAA-RDS-001',
  ],
  [
    'log file validation off on the trail',
    BASELINE,
    (_s, find) => {
      find('aws_cloudtrail', 'Trail')[1].enable_log_file_validation = false;
    },
    'HIPAA-CT-002',
  ],
  [
    'key rotation off on a tenant key',
    'tenant-acme',
    (_s, find) => {
      find('aws_kms_key', 'DataKey')[1].enable_key_rotation = false;
    },
    'HIPAA-KMS-001',
  ],
  [
    'the account public access block removed',
    BASELINE,
    (s, find) => {
      delete s.resource.aws_s3_account_public_access_block[find('aws_s3_account_public_access_block', 'Account')[0]];
    },
    'HIPAA-S3-015',
  ],
  [
    'a hand-made IAM user reading every secret',
    'tenant-acme',
    (s) => {
      s.resource.aws_iam_user = { Reader: { name: 'reader' } };
      s.resource.aws_iam_user_policy = {
        Reader: {
          user: '${aws_iam_user.Reader.name}',
          policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }),
        },
      };
    },
    'HIPAA-IAM-007',
  ],
  [
    'a hand-made IAM role that may decrypt with any key and read every secret',
    'tenant-acme',
    (s) => {
      s.resource.aws_iam_role = {
        ...s.resource.aws_iam_role,
        Reader: {
          name: 'reader',
          assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
        },
      };
      s.resource.aws_iam_role_policy = {
        Reader: {
          role: '${aws_iam_role.Reader.name}',
          policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'kms:Decrypt'], Resource: '*' }] }),
        },
      };
    },
    'can reach',
  ],
  [
    'the audit log group kept for 30 days',
    BASELINE,
    (_s, find) => {
      find('aws_cloudwatch_log_group', 'Trail_LogGroup')[1].retention_in_days = 30;
    },
    'HIPAA-CW-002',
  ],
  [
    'a workload security group ingress from a dynamic block',
    'tenant-acme',
    (_s, find) => {
      const [, sg] = find('aws_security_group', 'WorkloadSecurityGroup');
      sg.dynamic = { ingress: { for_each: '${var.rules}', content: { from_port: '${ingress.value}', to_port: '${ingress.value}', protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] } } };
    },
    'HIPAA-VPC-005',
  ],
];

describe('check on the demo output', () => {
  it('passes the demo as synthesized', () => {
    const { code, out } = check(work);
    expect(out).toMatch(/0 violations/);
    expect(code).toBe(0);
  });

  it.each(EDITS)('fails after one insecure edit: %s', (_what, stackName, change, names) => {
    edit(stackName, change);
    const { code, out } = check(work);
    expect(code).toBe(1);
    expect(out).toContain(names);
  });
});
