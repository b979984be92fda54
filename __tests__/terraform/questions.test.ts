/**
 * The policy questions rules ask, answered by the evaluator. Conditions restrict only when they
 * provably narrow the principal (IAM User Guide, "AWS global condition context keys"); a TLS deny
 * counts only when it covers every S3 request without TLS (Amazon S3 User Guide, "Bucket policy
 * examples").
 */
import type { Policy } from '../../lib/terraform/policy';
import {
  allowsAdmin,
  allowsDecryptOnAllKeys,
  allowsFullServiceAccess,
  deniesEveryone,
  deniesInsecureTransport,
  deniesWithoutMfa,
  grantsBeyond,
  restrictsPrincipal,
  whoMay,
} from '../../lib/terraform/questions';
import { TerraformIndex } from '../../lib/terraform/resolve';
import { concat, hole, text } from '../../lib/terraform/text';

/** Reads a policy as rules do: through TerraformIndex, so `${var.x}` is an unknown value. */
const reader = new TerraformIndex([{ name: 's', json: {} }]);
const doc = (...Statement: object[]): Policy => reader.policy('s', JSON.stringify({ Version: '2012-10-17', Statement }), 'p');
const BUCKET = text('arn:aws:s3:::phi');
const OBJECTS = concat(BUCKET, '/', hole('key', undefined, true));
const read = (actions: string[]) => ({ actions, resources: [BUCKET, OBJECTS] });
const open = (extra: object = {}) => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::phi/*', ...extra });
const tls = (extra: object = {}) => ({
  Sid: 'DenyInsecure',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::phi', 'arn:aws:s3:::phi/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...extra,
});

describe('restrictsPrincipal', () => {
  it.each([
    ['StringEquals', 'aws:PrincipalOrgID', ['o-abc123']],
    ['StringEquals', 'aws:PrincipalAccount', ['111111111111']],
    ['StringEquals', 'kms:CallerAccount', ['111111111111']],
    ['StringEquals', 'kms:ViaService', ['s3.us-east-1.amazonaws.com']],
    ['StringEquals', 'aws:SourceVpce', ['vpce-0abc']],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::111111111111:role/app-*']],
    ['ArnEquals', 'aws:SourceArn', ['arn:aws:s3:::phi-logs']],
    ['StringLike', 'aws:SourceAccount', ['1111111111*']],
  ])('counts %s %s %j as restricting who', (operator, key, values) => {
    expect(restrictsPrincipal({ operator, key, values: values.map(text) })).toBe(true);
  });

  it.each([
    ['Bool', 'aws:SecureTransport', ['true']],
    ['IpAddress', 'aws:SourceIp', ['0.0.0.0/0']],
    ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8']],
    ['StringLike', 'aws:PrincipalArn', ['*']],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/admin']],
    ['StringLike', 'aws:PrincipalOrgID', ['o-*', '*']],
    ['StringEqualsIfExists', 'aws:PrincipalAccount', ['111111111111']],
    ['ForAllValues:StringEquals', 'aws:PrincipalOrgID', ['o-abc']],
    ['Null', 'aws:PrincipalOrgID', ['false']],
    ['StringEquals', 'sts:ExternalId', ['secret']],
    ['StringEquals', 'aws:PrincipalAccount', ['${aws:PrincipalAccount}']],
    ['StringEquals', 'aws:PrincipalAccount', ['1111*']],
    ['StringNotEquals', 'aws:PrincipalAccount', ['111111111111']],
    ['Bogus', 'aws:PrincipalAccount', ['111111111111']],
  ])('counts %s %s %j as restricting nothing', (operator, key, values) => {
    expect(restrictsPrincipal({ operator, key, values: values.map(text) })).toBe(false);
  });

  it('counts a value that is not known before apply (a variable) as restricting nothing', () => {
    expect(restrictsPrincipal({ operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: [hole('var.org')] })).toBe(false);
  });
});

describe('grantsBeyond: who besides the allowed principals may do it', () => {
  it.each([
    ['s3:GetObject', open()],
    ['s3:GetObjectVersion', open({ Action: 's3:GetObjectVersion' })],
    ['s3:Get*', open({ Action: 's3:Get*' })],
    ['s3:*', open({ Action: 's3:*' })],
    ['*', open({ Action: '*' })],
    ['{AWS: "*"}', open({ Principal: { AWS: '*' } })],
    ['{AWS: ["arn:aws:iam::111111111111:root", "*"]}', open({ Principal: { AWS: ['arn:aws:iam::111111111111:root', '*'] } })],
    ['NotPrincipal', { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::phi/*' }],
    ['NotAction', open({ Action: undefined, NotAction: 's3:DeleteObject' })],
    ['aws:SecureTransport true', open({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })],
    ['aws:SourceIp 0.0.0.0/0', open({ Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })],
    ['StringLike aws:PrincipalArn *', open({ Condition: { StringLike: { 'aws:PrincipalArn': '*' } } })],
    ['StringEqualsIfExists aws:PrincipalOrgID', open({ Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } } })],
    ['Resource *', open({ Resource: '*' })],
  ])('finds a public read through %s', (_name, statement) => {
    const answer = grantsBeyond(doc(statement), read(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket']));
    expect(answer.answer).toBe('yes');
    expect(answer.grants[0].restrictedBy).toEqual([]);
  });

  it.each([
    ['aws:PrincipalOrgID', open({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })],
    ['aws:SourceVpce with a TLS condition', open({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' }, Bool: { 'aws:SecureTransport': 'true' } } })],
    ['a named account', open({ Principal: { AWS: 'arn:aws:iam::222222222222:root' } })],
    ['a service principal', open({ Principal: { Service: 'cloudtrail.amazonaws.com' } })],
    ['another bucket', open({ Resource: 'arn:aws:s3:::other/*' })],
    ['a write action only', open({ Action: 's3:PutObject' })],
  ])('finds no public read when the grant is limited by %s', (_name, statement) => {
    expect(grantsBeyond(doc(statement), read(['s3:GetObject', 's3:ListBucket'])).answer).toBe('no');
  });

  it('lists what restricts a grant, and what does not', () => {
    const grant = whoMay(doc(open({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' }, Bool: { 'aws:SecureTransport': 'true' } } })), read(['s3:GetObject']))[0];
    expect(grant.restrictedBy).toEqual(['StringEquals aws:PrincipalOrgID o-abc']);
    expect(grant.notRestricting).toEqual(['Bool aws:SecureTransport true']);
  });

  it('cannot decide a principal that is a variable, an unreadable statement or an unreadable policy', () => {
    expect(grantsBeyond(doc(open({ Principal: { AWS: '${var.who}' } })), read(['s3:GetObject'])).answer).toBe('maybe');
    expect(grantsBeyond(doc({ Effect: 'Allow', Principal: '*', Resource: '*' }), read(['s3:GetObject'])).answer).toBe('maybe');
    expect(grantsBeyond({ source: 'p', statements: [], unreadable: 'not JSON' }, read(['s3:GetObject'])).answer).toBe('maybe');
  });

  it('treats a principal other than the allowed ones as beyond them', () => {
    const policy = doc(open({ Principal: { AWS: 'arn:aws:iam::222222222222:root' } }));
    expect(grantsBeyond(policy, { ...read(['s3:GetObject']), allowedPrincipals: ['arn:aws:iam::111111111111:root'] }).answer).toBe('yes');
    expect(grantsBeyond(policy, { ...read(['s3:GetObject']), allowedPrincipals: ['arn:aws:iam::222222222222:root'] }).answer).toBe('no');
  });

  it('asks about any action for key and trust policies', () => {
    expect(
      grantsBeyond(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), { actions: 'any' }).answer,
    ).toBe('yes');
    expect(
      grantsBeyond(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111111111111' } } }), {
        actions: 'any',
      }).answer,
    ).toBe('no');
  });
});

describe('deniesInsecureTransport', () => {
  it.each([
    ['the canonical deny', tls()],
    ['Action "*"', tls({ Action: '*' })],
    ['the boolean false literal', tls({ Condition: { Bool: { 'aws:SecureTransport': false } } })],
    ['a ["false"] list', tls({ Condition: { Bool: { 'aws:SecureTransport': ['false'] } } })],
    ['{AWS: "*"}', tls({ Principal: { AWS: '*' } })],
    ['Resource "*"', tls({ Resource: '*' })],
    ['a NotAction that excludes only non-S3 actions', tls({ Action: undefined, NotAction: ['iam:*', 'kms:Decrypt'] })],
  ])('proves the deny with %s', (_name, statement) => {
    expect(deniesInsecureTransport(doc(statement), BUCKET).answer).toBe('yes');
  });

  it.each([
    [
      'narrowed by aws:PrincipalAccount of another account',
      tls({ Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '999999999999' } } }),
    ],
    ['a NotAction that exempts an S3 action', tls({ Action: undefined, NotAction: 's3:GetObject' })],
    ['a NotAction "*"', tls({ Action: undefined, NotAction: '*' })],
    ['only some S3 actions', tls({ Action: ['s3:GetObject', 's3:PutObject'] })],
    ['objects only', tls({ Resource: 'arn:aws:s3:::phi/*' })],
    ['a prefix of objects', tls({ Resource: ['arn:aws:s3:::phi', 'arn:aws:s3:::phi/reports/*'] })],
    ['one principal', tls({ Principal: { AWS: 'arn:aws:iam::111111111111:role/app' } })],
    ['NotPrincipal', tls({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' } })],
    ['aws:SecureTransport true', tls({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })],
    ['an Allow', tls({ Effect: 'Allow' })],
  ])('does not prove a deny %s', (_name, statement) => {
    expect(deniesInsecureTransport(doc(statement), BUCKET).answer).toBe('no');
  });

  it('cannot decide a deny whose principal is a variable, or a policy that was not read in full', () => {
    expect(deniesInsecureTransport(doc(tls({ Principal: { AWS: '${var.p}' } })), BUCKET).answer).toBe('maybe');
    expect(deniesInsecureTransport({ ...doc(tls()), unreadable: 'override document ${var.x}' }, BUCKET).answer).toBe('maybe');
  });

  it('honours an override_policy_documents entry that replaces the deny by Sid (the reader merges it)', () => {
    const index = new TerraformIndex([
      {
        name: 's',
        json: {
          data: {
            aws_iam_policy_document: {
              d: {
                statement: [
                  {
                    sid: 'DenyInsecure',
                    effect: 'Deny',
                    principals: [{ type: '*', identifiers: ['*'] }],
                    actions: ['s3:*'],
                    resources: ['arn:aws:s3:::phi', 'arn:aws:s3:::phi/*'],
                    condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
                  },
                ],
                override_policy_documents: [
                  JSON.stringify({ Statement: [{ Sid: 'DenyInsecure', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::phi' }] }),
                ],
              },
              plain: {
                statement: [
                  {
                    sid: 'DenyInsecure',
                    effect: 'Deny',
                    principals: [{ type: '*', identifiers: ['*'] }],
                    actions: ['s3:*'],
                    resources: ['arn:aws:s3:::phi', 'arn:aws:s3:::phi/*'],
                    condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
                  },
                ],
              },
            },
          },
        },
      },
    ]);
    expect(deniesInsecureTransport(index.policy('s', '${data.aws_iam_policy_document.plain.json}', 'plain'), BUCKET).answer).toBe('yes');
    expect(deniesInsecureTransport(index.policy('s', '${data.aws_iam_policy_document.d.json}', 'd'), BUCKET).answer).toBe('no');
  });
});

describe('identity-policy questions', () => {
  it('finds * on *, and cannot decide * on a variable resource', () => {
    expect(allowsAdmin(doc({ Effect: 'Allow', Action: '*', Resource: '*' })).answer).toBe('yes');
    expect(allowsAdmin(doc({ Effect: 'Allow', Action: '*', Resource: '${var.r}' })).answer).toBe('maybe');
    expect(allowsAdmin(doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' })).answer).toBe('no');
    expect(allowsAdmin(doc({ Effect: 'Deny', Action: '*', Resource: '*' })).answer).toBe('no');
  });

  it.each([['s3:*'], ['*'], ['s3:?*'], ['kms:**']])('finds full service access in %s', (action) => {
    expect(allowsFullServiceAccess(doc({ Effect: 'Allow', Action: action, Resource: '*' })).answer).toBe('yes');
  });

  it('finds NotAction in an Allow, and not s3:Get*', () => {
    expect(allowsFullServiceAccess(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).answer).toBe('yes');
    expect(allowsFullServiceAccess(doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })).answer).toBe('no');
    expect(allowsFullServiceAccess(doc({ Effect: 'Allow', Action: 's3:${var.x}', Resource: '*' })).answer).toBe('maybe');
  });

  it.each([
    ['kms:Decrypt on *', { Action: 'kms:Decrypt', Resource: '*' }, 'yes'],
    ['kms:ReEncrypt* on every key', { Action: 'kms:ReEncrypt*', Resource: 'arn:aws:kms:*:*:key/*' }, 'yes'],
    ['kms:* on every GovCloud key', { Action: 'kms:*', Resource: 'arn:aws-us-gov:kms:*:*:key/*' }, 'yes'],
    ['kms:Decrypt on one key', { Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111111111111:key/abc' }, 'no'],
    ['kms:Encrypt on *', { Action: 'kms:Encrypt', Resource: '*' }, 'no'],
    ['kms:Decrypt on a variable', { Action: 'kms:Decrypt', Resource: '${var.key}' }, 'maybe'],
  ])('judges %s', (_name, statement, expected) => {
    expect(allowsDecryptOnAllKeys(doc({ Effect: 'Allow', ...statement })).answer).toBe(expected);
  });

  it('proves an MFA deny only when nothing else narrows it', () => {
    const mfa = { Effect: 'Deny', NotAction: ['iam:ChangePassword'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
    expect(deniesWithoutMfa(doc(mfa))).toBe('yes');
    expect(deniesWithoutMfa(doc({ ...mfa, Condition: { ...mfa.Condition, StringEquals: { 'aws:PrincipalTag/team': 'x' } } }))).not.toBe('yes');
    expect(deniesWithoutMfa(doc({ ...mfa, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }))).toBe('no');
  });

  it('proves a deny for everyone without conditions, and not a narrowed one', () => {
    const deny = { Effect: 'Deny', Principal: '*', Action: 'backup:DeleteRecoveryPoint', Resource: '*' };
    expect(deniesEveryone(doc(deny), 'backup:DeleteRecoveryPoint').answer).toBe('yes');
    expect(deniesEveryone(doc({ ...deny, Principal: { AWS: 'arn:aws:iam::111111111111:role/ops' } }), 'backup:DeleteRecoveryPoint').answer).toBe('no');
    expect(deniesEveryone(doc({ ...deny, Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } } }), 'backup:DeleteRecoveryPoint').answer).toBe('no');
  });
});
