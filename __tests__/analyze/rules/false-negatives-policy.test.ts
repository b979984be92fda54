/**
 * False negatives of the policy-based rules (cdk-nag style: several non-compliant fixtures per
 * rule). Each fixture is a way a policy looked safe to the old statement counter: a condition
 * that restricts nothing, a wildcard or NotPrincipal grant, a narrowed or replaced TLS deny, a
 * policy the reader cannot see. Every one must be reported; the forms that really are safe pass.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, HIPAA_PACK, type JsonObject, type StackDocument } from '../../../lib/analyze/rules';
import { runCheckCommand } from '../../../cli/check';
import { B, BUCKET, policy, tf, type Resources } from './fixtures/helpers';
import { baselineStack, SECURE_SUPPRESSIONS, tenantStack } from './fixtures/secure';

function findings(ruleId: string, stacks: StackDocument[]) {
  const rules = HIPAA_PACK.rules.filter((r) => r.id === ruleId);
  return evaluate(stacks, { rules, accountRules: 'always', now: new Date('2026-01-01T00:00:00Z') }).findings;
}

const ARN = '${aws_s3_bucket.b.arn}';
const publicRead = (statement: JsonObject = {}): JsonObject => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${ARN}/*`, ...statement });
const bucketWith = (...statements: JsonObject[]): StackDocument[] => tf({ ...BUCKET, aws_s3_bucket_policy: { b: { bucket: B, policy: policy(...statements) } } });
const bucketPolicyValue = (value: string, data: Resources = {}): StackDocument[] => tf({ ...BUCKET, aws_s3_bucket_policy: { b: { bucket: B, policy: value } } }, data);
const tlsDeny = (extra: JsonObject = {}): JsonObject => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...extra,
});
const tlsDenyDoc = {
  sid: 'DenyInsecureTransport',
  effect: 'Deny',
  principals: [{ type: '*', identifiers: ['*'] }],
  actions: ['s3:*'],
  resources: [ARN, `${ARN}/*`],
  condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
};
const TLS_TRUE = { Bool: { 'aws:SecureTransport': 'true' } };
const keyWith = (...statements: JsonObject[]) => tf({ aws_kms_key: { k: { enable_key_rotation: true, policy: policy(...statements) } } });
const keyOpen = (extra: JsonObject = {}): JsonObject => ({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', ...extra });
const roleTrusting = (...statements: JsonObject[]) => tf({ aws_iam_role: { r: { name: 'r', assume_role_policy: policy(...statements) } } });
const trustOpen = (extra: JsonObject = {}): JsonObject => ({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', ...extra });
const managed = (...statements: JsonObject[]) => tf({ aws_iam_policy: { p: { name: 'p', policy: policy(...statements) } } });
const vault = (...statements: JsonObject[]) =>
  tf({ aws_backup_vault: { v: { name: 'v' } }, aws_backup_vault_policy: { p: { backup_vault_name: '${aws_backup_vault.v.name}', policy: policy(...statements) } } });
const denyDelete = (extra: JsonObject = {}): JsonObject => ({ Effect: 'Deny', Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*', ...extra });
const mfaDeny = (extra: JsonObject = {}): JsonObject => ({
  Effect: 'Deny',
  NotAction: ['iam:ChangePassword', 'iam:*MFADevice'],
  Resource: '*',
  Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  ...extra,
});
const mfaAccount = (statement: JsonObject) =>
  tf({
    aws_iam_policy: { mfa: { name: 'mfa', policy: policy(statement) } },
    aws_iam_group: { humans: { name: 'humans' } },
    aws_iam_group_policy_attachment: { a: { group: '${aws_iam_group.humans.name}', policy_arn: '${aws_iam_policy.mfa.arn}' } },
  });

/** `statement` with `drop` removed (a NotAction form replaces Action). */
function without(statement: JsonObject, drop: string): JsonObject {
  const copy = { ...statement };
  delete copy[drop];
  return copy;
}

type Case = readonly [string, StackDocument[]];

const NON_COMPLIANT: Record<string, readonly Case[]> = {
  'HIPAA-S3-007': [
    ['public s3:GetObject with aws:SecureTransport = true', bucketWith(publicRead({ Condition: TLS_TRUE }))],
    ['public s3:GetObjectVersion', bucketWith(publicRead({ Action: 's3:GetObjectVersion' }))],
    [
      'public s3:GetObject under a bucket public access block (S3 would refuse the policy at apply)',
      tf({
        ...BUCKET,
        aws_s3_bucket_policy: { b: { bucket: B, policy: policy(publicRead({ Condition: TLS_TRUE })) } },
        aws_s3_bucket_public_access_block: { b: { bucket: B, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
      }),
    ],
    ['public s3:Get* with aws:SecureTransport = true', bucketWith(publicRead({ Action: 's3:Get*', Condition: TLS_TRUE }))],
    ['public s3:* to {AWS: "*"}', bucketWith(publicRead({ Principal: { AWS: '*' }, Action: 's3:*' }))],
    ['public * with aws:SourceIp 0.0.0.0/0', bucketWith(publicRead({ Action: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }))],
    ['a NotPrincipal grant', bucketWith({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:GetObject', Resource: `${ARN}/*` })],
    [
      'public s3:ListBucket with StringLike aws:PrincipalArn "*"',
      bucketWith(publicRead({ Action: 's3:ListBucket', Resource: ARN, Condition: { StringLike: { 'aws:PrincipalArn': '*' } } })),
    ],
    ['public read under StringEqualsIfExists aws:PrincipalOrgID', bucketWith(publicRead({ Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } } }))],
    ['a bucket policy that is ${var.x}', bucketPolicyValue('${var.x}')],
    ['a bucket policy that is ${local.x}', bucketPolicyValue('${local.x}')],
    ['a bucket policy from an unknown function', bucketPolicyValue('${file("policy.json")}')],
    [
      'a policy document with a dynamic statement',
      bucketPolicyValue('${data.aws_iam_policy_document.d.json}', {
        aws_iam_policy_document: { d: { statement: [tlsDenyDoc], dynamic: { statement: { for_each: '${var.grants}', content: {} } } } },
      }),
    ],
  ],
  'HIPAA-S3-008': [
    ['public s3:PutObject with aws:SecureTransport = true', bucketWith(publicRead({ Action: 's3:PutObject', Condition: TLS_TRUE }))],
    ['public s3:Put* to {AWS: "*"}', bucketWith(publicRead({ Principal: { AWS: '*' }, Action: 's3:Put*' }))],
    ['public s3:DeleteObjectVersion', bucketWith(publicRead({ Action: 's3:DeleteObjectVersion' }))],
    ['a NotPrincipal write grant', bucketWith({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:PutObject', Resource: `${ARN}/*` })],
  ],
  'HIPAA-S3-004': [
    [
      'a TLS deny narrowed by aws:PrincipalAccount of another account',
      bucketWith(tlsDeny({ Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '999999999999' } } })),
    ],
    ['a TLS deny on s3:GetObject only', bucketWith(tlsDeny({ Action: 's3:GetObject' }))],
    ['a NotAction TLS deny that exempts s3:GetObject', bucketWith(without(tlsDeny({ NotAction: 's3:GetObject' }), 'Action'))],
    ['a TLS deny for one role only', bucketWith(tlsDeny({ Principal: { AWS: 'arn:aws:iam::111111111111:role/app' } }))],
    ['a TLS deny on a prefix of objects', bucketWith(tlsDeny({ Resource: [ARN, `${ARN}/reports/*`] }))],
    [
      'override_policy_documents replacing the deny by Sid',
      bucketPolicyValue('${data.aws_iam_policy_document.d.json}', {
        aws_iam_policy_document: {
          d: {
            statement: [tlsDenyDoc],
            override_policy_documents: [
              JSON.stringify({ Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: ARN }] }),
            ],
          },
        },
      }),
    ],
    ['a policy that is ${var.x}', bucketPolicyValue('${var.x}')],
    ['a policy that is ${local.x}', bucketPolicyValue('${local.x}')],
    ['a policy from an unknown function', bucketPolicyValue('${templatefile("p.json", {})}')],
  ],
  'HIPAA-KMS-003': [
    ['{AWS: "*"} with StringLike aws:PrincipalArn "*"', keyWith(keyOpen({ Condition: { StringLike: { 'aws:PrincipalArn': '*' } } }))],
    ['{AWS: "*"} with aws:SecureTransport = true', keyWith(keyOpen({ Condition: TLS_TRUE }))],
    ['"*" with ArnLike aws:PrincipalArn in any account', keyWith(keyOpen({ Principal: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } } }))],
    ['a NotPrincipal grant', keyWith({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' })],
    ['kms:CallerAccount under StringEqualsIfExists', keyWith(keyOpen({ Condition: { StringEqualsIfExists: { 'kms:CallerAccount': '111111111111' } } }))],
    ['a key policy that is ${var.x}', tf({ aws_kms_key: { k: { enable_key_rotation: true, policy: '${var.x}' } } })],
  ],
  'HIPAA-IAM-012': [
    ['"*" with a TLS condition', roleTrusting(trustOpen({ Condition: TLS_TRUE }))],
    ['{AWS: "*"} with a TLS condition', roleTrusting(trustOpen({ Principal: { AWS: '*' }, Condition: TLS_TRUE }))],
    ['{AWS: "*"} with sts:ExternalId only', roleTrusting(trustOpen({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'sts:ExternalId': 'shared' } } }))],
    ['a NotPrincipal trust', roleTrusting({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' })],
    ['a trust policy that is ${local.x}', tf({ aws_iam_role: { r: { name: 'r', assume_role_policy: '${local.x}' } } })],
  ],
  'HIPAA-IAM-004': [
    ['* on * with an MFA condition', managed({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })],
    ['* on * among narrow statements', managed({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Allow', Action: ['*'], Resource: ['*'] })],
    ['* on a variable resource', managed({ Effect: 'Allow', Action: '*', Resource: '${var.resource}' })],
    ['a policy that is ${var.x}', tf({ aws_iam_policy: { p: { name: 'p', policy: '${var.x}' } } })],
  ],
  'HIPAA-IAM-005': [
    ['kms:*', managed({ Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:us-east-1:111111111111:key/k' })],
    ['s3:?* (every s3 action)', managed({ Effect: 'Allow', Action: 's3:?*', Resource: '*' })],
    ['NotAction in an Allow', managed({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
    ['an action from a variable', managed({ Effect: 'Allow', Action: '${var.action}', Resource: '*' })],
  ],
  'HIPAA-IAM-009': [
    ['kms:Decrypt on *', managed({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })],
    ['kms:* on every key in every Region', managed({ Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:*:*:key/*' })],
    ['NotAction kms:Encrypt on *', managed({ Effect: 'Allow', NotAction: 'kms:Encrypt', Resource: '*' })],
    ['kms:Decrypt on a variable key', managed({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '${var.key_arn}' })],
  ],
  'HIPAA-IAM-010': [
    ['kms:ReEncryptFrom on * inline', tf({ aws_iam_role_policy: { p: { role: 'r', policy: policy({ Effect: 'Allow', Action: 'kms:ReEncryptFrom', Resource: '*' }) } } })],
    [
      'kms:* on all GovCloud keys',
      tf({ aws_iam_user_policy: { p: { user: 'u', policy: policy({ Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws-us-gov:kms:*:*:key/*' }) } } }),
    ],
    [
      'kms:Decrypt on * in a role inline_policy block',
      tf({
        aws_iam_role: {
          r: {
            assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
            inline_policy: [{ name: 'x', policy: policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }) }],
          },
        },
      }),
    ],
  ],
  'HIPAA-BK-002': [
    ['a deny for one role only', vault(denyDelete({ Principal: { AWS: 'arn:aws:iam::111111111111:role/ops' } }))],
    ['a deny narrowed by a condition', vault(denyDelete({ Condition: { StringNotEquals: { 'aws:PrincipalAccount': '999999999999' } } }))],
    ['a deny of other actions', vault(denyDelete({ Action: 'backup:DeleteBackupVault' }))],
    [
      'a policy-document deny whose narrowing condition is one block written as an object',
      tf(
        {
          aws_backup_vault: { v: { name: 'v' } },
          aws_backup_vault_policy: { p: { backup_vault_name: '${aws_backup_vault.v.name}', policy: '${data.aws_iam_policy_document.d.json}' } },
        },
        {
          aws_iam_policy_document: {
            d: {
              statement: {
                effect: 'Deny',
                principals: { type: '*', identifiers: ['*'] },
                actions: ['backup:DeleteRecoveryPoint'],
                resources: ['*'],
                condition: { test: 'StringEquals', variable: 'aws:PrincipalAccount', values: ['999999999999'] },
              },
            },
          },
        },
      ),
    ],
    [
      'a vault policy that is ${var.x}',
      tf({ aws_backup_vault: { v: { name: 'v' } }, aws_backup_vault_policy: { p: { backup_vault_name: '${aws_backup_vault.v.name}', policy: '${var.x}' } } }),
    ],
  ],
  'HIPAA-IAM-002': [
    [
      'an MFA deny narrowed by a tag condition',
      mfaAccount(mfaDeny({ Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' }, StringEquals: { 'aws:PrincipalTag/team': 'x' } } })),
    ],
    ['an MFA deny on s3:* only', mfaAccount(without(mfaDeny({ Action: 's3:*' }), 'NotAction'))],
    ['an MFA "deny" when MFA is present', mfaAccount(mfaDeny({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }))],
  ],
};

describe.each(Object.entries(NON_COMPLIANT))('%s reports', (ruleId, cases) => {
  it.each(cases)('%s', (_name, stacks) => {
    const bad = findings(ruleId, stacks).filter((f) => f.status === 'non_compliant');
    expect(bad.map((f) => f.ruleId)).toContain(ruleId);
  });
});

describe('the policies that are safe pass', () => {
  it.each([
    ['HIPAA-S3-004', 'the NotAction deny that covers all of S3', bucketWith(without(tlsDeny({ NotAction: ['iam:*', 'kms:*'] }), 'Action'))],
    ['HIPAA-S3-004', 'the boolean false form of the TLS deny', bucketWith(tlsDeny({ Condition: { Bool: { 'aws:SecureTransport': false } } }))],
    ['HIPAA-S3-004', 'the ["false"] list form of the TLS deny', bucketWith(tlsDeny({ Condition: { Bool: { 'aws:SecureTransport': ['false'] } } }))],
    [
      'HIPAA-S3-004',
      'the TLS deny in an aws_iam_policy_document',
      bucketPolicyValue('${data.aws_iam_policy_document.d.json}', { aws_iam_policy_document: { d: { statement: [tlsDenyDoc] } } }),
    ],
    ['HIPAA-S3-007', 'a public read restricted to the organization', bucketWith(publicRead({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }))],
    [
      'HIPAA-KMS-003',
      'a key open to {AWS: "*"} for the calling account only',
      keyWith(keyOpen({ Condition: { StringEquals: { 'kms:CallerAccount': '111111111111', 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } })),
    ],
    [
      'HIPAA-IAM-012',
      'a trust policy restricted to one account',
      roleTrusting(trustOpen({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': '111111111111' } } })),
    ],
    ['HIPAA-BK-002', 'a deny of recovery-point deletion for everyone', vault(denyDelete())],
    ['HIPAA-IAM-002', 'the MFA deny of the IAM User Guide', mfaAccount(mfaDeny())],
  ])('%s: %s', (ruleId, _name, stacks) => {
    const all = findings(ruleId, stacks);
    expect(all.filter((f) => f.status === 'non_compliant').map((f) => f.message)).toEqual([]);
    expect(all.some((f) => f.status === 'compliant')).toBe(true);
  });
});

describe('npm run check over the secure account with one insecure policy edit', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hipaa-policy-fn-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function check(edit: (baseline: StackDocument, tenant: StackDocument) => void, name: string): { code: number; out: string } {
    const dir = join(root, name);
    const baseline = structuredClone(baselineStack());
    const tenant = structuredClone(tenantStack());
    edit(baseline, tenant);
    for (const doc of [baseline, tenant]) {
      mkdirSync(join(dir, 'stacks', doc.name), { recursive: true });
      writeFileSync(join(dir, 'stacks', doc.name, 'cdk.tf.json'), JSON.stringify(doc.json));
    }
    writeFileSync(join(dir, 'suppressions.json'), JSON.stringify({ suppressions: SECURE_SUPPRESSIONS }));
    let out = '';
    const io = { out: (s: string) => (out += `${s}\n`), err: (s: string) => (out += `${s}\n`) };
    const code = runCheckCommand([dir, '--suppressions', join(dir, 'suppressions.json')], io);
    return { code, out };
  }
  const resources = (doc: StackDocument) => doc.json.resource as Record<string, Record<string, JsonObject>>;
  const documents = (doc: StackDocument) => (doc.json.data as Record<string, Record<string, JsonObject>>).aws_iam_policy_document;
  const trailDoc = (doc: StackDocument) => documents(doc).trail_policy;

  it('passes the unedited secure account', () => {
    expect(check(() => undefined, 'unedited').code).toBe(0);
  });

  it.each<[string, string, (baseline: StackDocument, tenant: StackDocument) => void]>([
    [
      'HIPAA-S3-007',
      'a public s3:GetObject with aws:SecureTransport = true',
      (b) => {
        delete resources(b).aws_s3_bucket_public_access_block;
        delete resources(b).aws_s3_account_public_access_block;
        (trailDoc(b).statement as JsonObject[]).push({
          effect: 'Allow',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:GetObject'],
          resources: ['${aws_s3_bucket.trail.arn}/*'],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }],
        });
      },
    ],
    [
      'HIPAA-S3-004',
      'a TLS deny narrowed by aws:PrincipalAccount of another account',
      (b) => {
        const [deny] = trailDoc(b).statement as JsonObject[];
        deny.condition = [...(deny.condition as JsonObject[]), { test: 'StringEquals', variable: 'aws:PrincipalAccount', values: ['999999999999'] }];
      },
    ],
    [
      'HIPAA-S3-004',
      'override_policy_documents replacing the deny by Sid',
      (b) => {
        trailDoc(b).override_policy_documents = [
          JSON.stringify({ Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' }] }),
        ];
      },
    ],
    [
      'HIPAA-KMS-003',
      'a key policy open to {AWS: "*"} with StringLike aws:PrincipalArn "*"',
      (b) => {
        const key = resources(b).aws_kms_key.audit;
        const p = JSON.parse(key.policy as string);
        p.Statement.push({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': '*' } } });
        key.policy = JSON.stringify(p);
      },
    ],
    [
      'HIPAA-IAM-012',
      'a trust policy open to everyone with a TLS condition',
      (_b, t) => {
        resources(t).aws_iam_role.bastion.assume_role_policy = policy({
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        });
      },
    ],
    [
      'HIPAA-S3-004',
      'a bucket policy that is ${var.x}',
      (b) => {
        resources(b).aws_s3_bucket_policy.trail.policy = '${var.x}';
      },
    ],
  ])('%s fails check for %s', (ruleId, name, edit) => {
    const { code, out } = check(edit, name.replace(/[^a-z0-9]+/gi, '-'));
    expect(code).toBe(1);
    expect(out).toContain(ruleId);
  });
});
