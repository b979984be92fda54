import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { HipaaSecret, HipaaSecretProps } from '../../lib/constructs/secrets/hipaa-secret';
import { collectWaivers } from '../../lib/constructs/kernel/waivers';
import { TfJson, dataStack, errorCodes, nameOf, policyOf, ref, resourceNamed, statement, synthJson } from '../data/fixtures';

const ROTATOR = 'arn:aws:lambda:us-east-1:123456789012:function:acme-rotate-api-key';
const ROTATOR_ROLE = 'arn:aws:iam::123456789012:role/acme-rotator';
const BASE = {
  secretName: 'acme/app/partner-api-key',
  description: 'Partner API key of the acme application',
  tenantId: 'acme',
  allowedPrincipalArns: ['arn:aws:iam::123456789012:role/acme-app', 'arn:aws:iam::123456789012:role/acme-worker-*'],
  rotation: { functionArn: ROTATOR, functionRoleArn: ROTATOR_ROLE },
};

function build(props: Partial<HipaaSecretProps> = {}) {
  const { stack, key } = dataStack();
  const secret = new HipaaSecret(stack, 'Secret', { ...BASE, key, ...props });
  return { stack, key, secret };
}

describe('HipaaSecret with rotation', () => {
  let text: string;
  let json: TfJson;
  let keyName: string;
  let secretName: string;

  beforeAll(() => {
    ({ text, json } = synthJson(build().stack));
    keyName = nameOf(json, 'aws_kms_key', 'TenantKey');
    secretName = nameOf(json, 'aws_secretsmanager_secret', 'Secret');
  });

  test('encrypts the secret with the tenant key and keeps it recoverable for 30 days', () => {
    expect(text).toHaveResourceWithProperties(SecretsmanagerSecret, {
      name: 'acme/app/partner-api-key',
      kms_key_id: ref('aws_kms_key', keyName, 'arn'),
      recovery_window_in_days: 30,
      tags: { Tenant: 'acme', DataClassification: 'Credentials' },
    });
  });

  test('never creates a secret value', () => {
    expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
    expect(text).not.toMatch(/secret_string|secret_binary/);
  });

  test('rotates every 30 days with the given function, after Secrets Manager may invoke it for this secret only', () => {
    const permission = nameOf(json, 'aws_lambda_permission', 'Secret');
    expect(text).toHaveResourceWithProperties(LambdaPermission, {
      action: 'lambda:InvokeFunction',
      function_name: ROTATOR,
      principal: 'secretsmanager.amazonaws.com',
      source_arn: ref('aws_secretsmanager_secret', secretName, 'arn'),
      source_account: '123456789012',
    });
    expect(text).toHaveResourceWithProperties(SecretsmanagerSecretRotation, {
      secret_id: ref('aws_secretsmanager_secret', secretName, 'arn'),
      rotation_lambda_arn: ROTATOR,
      rotation_rules: { automatically_after_days: 30 },
      depends_on: [`aws_lambda_permission.${permission}`],
    });
  });

  test("denies the value to every principal outside the tenant's list and the rotation role, and blocks public policies", () => {
    expect(text).toHaveResourceWithProperties(SecretsmanagerSecretPolicy, { secret_arn: ref('aws_secretsmanager_secret', secretName, 'arn'), block_public_policy: true });
    const policy = policyOf(resourceNamed(json, 'aws_secretsmanager_secret_policy', 'Secret').policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'DenyValueOutsideTenant',
        Effect: 'Deny',
        Principal: '*',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
        Resource: '*',
        Condition: { StringNotLike: { 'aws:PrincipalArn': [...BASE.allowedPrincipalArns, ROTATOR_ROLE] } },
      },
    ]);
  });

  test('leaves administration (policy, tags, deletion) to the account so nobody is locked out', () => {
    const policy = policyOf(resourceNamed(json, 'aws_secretsmanager_secret_policy', 'Secret').policy);
    const denied = policy.Statement.flatMap((s) => s.Action as string[]);
    for (const admin of [
      'secretsmanager:PutResourcePolicy',
      'secretsmanager:DeleteResourcePolicy',
      'secretsmanager:DeleteSecret',
      'secretsmanager:TagResource',
      'secretsmanager:*',
    ]) {
      expect(denied).not.toContain(admin);
    }
    expect(policy.Statement.some((s) => 'NotPrincipal' in s)).toBe(false);
  });

  test('lets only the tenant principals decrypt with the key, through Secrets Manager', () => {
    const policy = policyOf(json.resource.aws_kms_key[keyName].policy);
    expect(statement(policy, 'SecretReadAcmeAppPartnerApiKey')).toEqual({
      Sid: 'SecretReadAcmeAppPartnerApiKey',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com', 'kms:CallerAccount': '123456789012' },
        StringLike: { 'aws:PrincipalArn': [...BASE.allowedPrincipalArns, ROTATOR_ROLE] },
      },
    });
  });
});

describe('HipaaSecret options', () => {
  test('rotates on a custom schedule without adding a Lambda permission when told not to', () => {
    const { stack } = build({ rotation: { functionArn: ROTATOR, afterDays: 7, grantInvoke: false } });
    const { text, json } = synthJson(stack);
    expect(text).toHaveResourceWithProperties(SecretsmanagerSecretRotation, { rotation_rules: { automatically_after_days: 7 } });
    expect(json.resource.aws_lambda_permission).toBeUndefined();
  });

  test('skips rotation only with a reason, recorded as a waiver', () => {
    const { stack, secret } = build({ rotation: { enabled: false, reason: 'Static key issued by the partner; rotated by hand yearly' } });
    expect(synthJson(stack).json.resource.aws_secretsmanager_secret_rotation).toBeUndefined();
    expect(collectWaivers(secret).map((w) => w.setting)).toEqual(['secretRotation']);
  });

  test('offers an identity-policy statement for reading the secret', () => {
    const { secret } = build();
    expect(secret.readStatement('ReadPartnerKey')).toMatchObject({
      Sid: 'ReadPartnerKey',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    });
  });
});

describe('HipaaSecret rejects', () => {
  test.each<[string, Partial<HipaaSecretProps>, string]>([
    ['an empty principal list', { allowedPrincipalArns: [] }, 'HIPAA_SECRET_PRINCIPALS'],
    ['a principal that is everyone', { allowedPrincipalArns: ['*'] }, 'HIPAA_SECRET_PRINCIPALS'],
    ['a principal given as a reference', { allowedPrincipalArns: [`\${aws_iam_role.app.arn}`] }, 'HIPAA_SECRET_PRINCIPALS'],
    ['a rotation role given as a reference', { rotation: { functionArn: ROTATOR, functionRoleArn: `\${aws_iam_role.rotator.arn}` } }, 'HIPAA_SECRET_PRINCIPALS'],
    ['a recovery window of 0 days', { recoveryWindowInDays: 0 }, 'HIPAA_SECRET_RECOVERY_WINDOW'],
    ['rotation less often than yearly', { rotation: { functionArn: ROTATOR, afterDays: 400 } }, 'HIPAA_SECRET_ROTATION_DAYS'],
    ['a rotation function that is not a Lambda ARN', { rotation: { functionArn: 'acme-rotate' } }, 'HIPAA_ARN_INVALID'],
    ['a secret name with spaces', { secretName: 'acme api key' }, 'HIPAA_RESOURCE_NAME'],
  ])('%s', (_what, props, code) => {
    expect(errorCodes(() => build(props))).toEqual([code]);
  });
});
