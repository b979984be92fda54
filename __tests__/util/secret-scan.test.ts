import { findSecrets, SecretKind } from './secret-scan';

/** A minimal synthesized stack with one resource body. */
const withResource = (type: string, body: Record<string, unknown>) => ({ resource: { [type]: { planted: body } } });
const kinds = (json: unknown): SecretKind[] => findSecrets(json).map((f) => f.kind);

describe('findSecrets', () => {
  test.each<[string, unknown, SecretKind]>([
    ['a literal database password', withResource('aws_rds_cluster', { master_password: 'hunter2-but-longer' }), 'secret-attribute'],
    ['a literal secret string', withResource('aws_secretsmanager_secret_version', { secret_string: '{"password":"p@ss"}' }), 'secret-attribute'],
    ['a PEM private key', withResource('aws_instance', { user_data: '-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----' }), 'private-key'],
    ['an OpenSSH private key', { locals: { k: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl' } }, 'private-key'],
    ['an AWS access key id', { provider: { aws: [{ access_key: 'AKIAIOSFODNN7EXAMPLE' }] } }, 'aws-access-key-id'],
    [
      'an AWS secret access key in a script',
      withResource('aws_instance', { user_data: 'export aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
      'aws-secret-access-key',
    ],
    [
      'a password inside a connection string',
      withResource('aws_lambda_function', { environment: { variables: { DB_URL: 'postgres://app:s3cret@db.internal:5432/app' } } }),
      'connection-string-password',
    ],
    [
      'a GitHub token',
      withResource('aws_codebuild_source_credential', { server_type: 'GITHUB', auth_type: 'PERSONAL_ACCESS_TOKEN', note: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' }),
      'token',
    ],
    ['a sensitive variable default', { variable: { db_password: { type: 'string', default: 'changeme123' } } }, 'secret-attribute'],
    ['an output that carries a literal secret', { output: { api_key: { value: 'k-1234567890' } } }, 'secret-attribute'],
    ['a password partly literal around a reference', withResource('aws_db_instance', { password: `prefix-\${random_id.x.hex}` }), 'secret-attribute'],
    ['an IAM access key resource (its secret lands in state)', withResource('aws_iam_access_key', { user: 'ci' }), 'secret-in-state'],
    ['a database password from a reference (still in state)', withResource('aws_db_instance', { password: `\${var.db_password}` }), 'secret-in-state'],
    ['a SecureString parameter value (in state)', withResource('aws_ssm_parameter', { type: 'SecureString', value: `\${var.x}` }), 'secret-in-state'],
  ])('detects %s', (_what, json, kind) => {
    expect(kinds(json)).toContain(kind);
  });

  test('reports where the secret is and never repeats it whole', () => {
    const json = { variable: { db_password: { type: 'string', default: 'hunter2-but-longer' } } };
    const findings = findSecrets(json);
    expect(findings).toEqual([{ path: 'variable.db_password.default', kind: 'secret-attribute', excerpt: 'hunt****' }]);
    expect(JSON.stringify(findings)).not.toContain('hunter2-but-longer');
  });

  test.each<[string, unknown]>([
    ['RDS-managed master passwords', withResource('aws_db_instance', { manage_master_user_password: true, master_user_secret_kms_key_id: `\${aws_kms_key.k.arn}` })],
    ['references to secrets', { output: { db_master_user_secret_arn: { value: `\${aws_db_instance.db.master_user_secret[0].secret_arn}`, sensitive: true } } }],
    ['an empty secret attribute', withResource('aws_ssm_document', { content: '{"inputs":{"runAsDefaultUser":""}}', secret: '' })],
    ['policies that mention secret actions', withResource('aws_iam_policy', { policy: '{"Statement":[{"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}' })],
    ['password policy settings', withResource('aws_iam_account_password_policy', { minimum_password_length: 14, password_reuse_prevention: 24 })],
    ['IMDS token settings', withResource('aws_instance', { metadata_options: { http_tokens: 'required' } })],
  ])('does not flag %s', (_what, json) => {
    expect(findSecrets(json)).toEqual([]);
  });
});
