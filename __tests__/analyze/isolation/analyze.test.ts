/**
 * Hand-written Terraform JSON: two tenants (red, blue) sharing one stack and one account, each
 * with a role, a key, a secret, a bucket and a database. The base fixture is isolated; each leaky
 * variant adds one mistake and must be caught, each safe variant must stay denied.
 */
import { IsolationCell, IsolationKind, IsolationMatrix, SynthesizedStack, analyzeIsolation } from '../../../lib/analyze/isolation';
import { ACCOUNT, OTHER_ACCOUNT, Resources, merge, rolePolicy, roleArn, rootAdministers, rootOf, tenantData, tfPolicy, tfStack } from './fixtures/terraform';

const pool = (...extra: Resources[]): SynthesizedStack[] => [tfStack('pool-p', merge(tenantData('red'), tenantData('blue'), ...extra), { tenant: 'pool:p' })];
/** The pool with keys that delegate to the account (EnableAccountIamPolicies): itself a violation of the access review. */
const delegatingPool = (...extra: Resources[]): SynthesizedStack[] => [
  tfStack('pool-p', merge(tenantData('red', { delegate: true }), tenantData('blue', { delegate: true }), ...extra), { tenant: 'pool:p' }),
];
const matrixViolations = (m: IsolationMatrix) => m.violations.filter((v) => v.source === 'matrix').map((v) => `${v.principalTenant}->${v.resourceTenant}:${v.kind}`);

function cell(matrix: IsolationMatrix, from: string, to: string, kind: IsolationKind): IsolationCell {
  const hit = matrix.cells.find((c) => c.principalTenant === from && c.resourceTenant === to && c.kind === kind);
  if (!hit) throw new Error(`no cell ${from} -> ${to} ${kind}`);
  return hit;
}

const verdict = (stacks: SynthesizedStack[], from: string, to: string, kind: IsolationKind) => cell(analyzeIsolation(stacks), from, to, kind).verdict;

describe('the isolated base fixture', () => {
  let matrix: IsolationMatrix;
  beforeAll(() => {
    matrix = analyzeIsolation(pool());
  });

  it('finds the two tenants from resource tags and not the stack default pool:p', () => {
    expect(matrix.tenants).toEqual(['blue', 'red']);
  });

  it('has one cell per ordered pair of different tenants and kind, all denied', () => {
    expect(matrix.cells).toHaveLength(2 * 5);
    expect(matrix.cells.every((c) => c.verdict === 'deny')).toBe(true);
    expect(matrix.violations).toEqual([]);
  });

  it('explains a denied key with the statement it checked', () => {
    expect(cell(matrix, 'red', 'blue', 'kms').evidence).toEqual([
      "no policy could let a principal of red reach blue's kms: no identity statement of theirs matches it and no resource policy names them",
    ]);
  });

  it('checks the RDS master secret through the key that encrypts it', () => {
    // A role allowed to decrypt with every key reaches blue's master secret through blue's key.
    const m = analyzeIsolation(pool(rolePolicy('red', 'all-keys', { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })));
    expect(cell(m, 'red', 'blue', 'secret').evidence.some((e) => e.includes('aws_db_instance.blue_db master user secret (kms:Decrypt on pool-p/aws_kms_key.blue_key)'))).toBe(true);
  });

  it('reports no unattributed data', () => {
    expect(matrix.unattributed).toEqual([]);
  });
});

describe('leaky fixtures are caught', () => {
  it('a wildcard principal in a key policy lets every tenant decrypt', () => {
    const stacks = pool({
      aws_kms_key: {
        blue_key: { policy: tfPolicy({ Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }), tags: { Tenant: 'blue' } },
      },
    });
    const m = analyzeIsolation(stacks);
    const c = cell(m, 'red', 'blue', 'kms');
    expect(c.verdict).toBe('allow');
    expect(c.evidence.join('\n')).toContain('resource pool-p/aws_kms_key.blue_key#Everyone [principal]');
    expect(matrixViolations(m)).toEqual(['red->blue:kms', 'red->blue:secret']);
    expect(m.violations.filter((v) => v.source === 'access-review').map((v) => `${v.principalTenant}->${v.resourceTenant}:${v.kind}`)).toEqual([
      'anyone ("*")->blue:kms',
      'anyone ("*")->blue:secret',
    ]);
  });

  it('a role of one tenant named in another tenant key policy (a shared role) reaches that key', () => {
    const stacks = pool({
      aws_kms_key: {
        blue_key: {
          policy: tfPolicy(
            { Sid: 'EnableAccountIamPolicies', Effect: 'Allow', Principal: { AWS: rootOf() }, Action: 'kms:*', Resource: '*' },
            { Sid: 'SharedRole', Effect: 'Allow', Principal: { AWS: [roleArn('blue-app'), roleArn('red-app')] }, Action: ['kms:Decrypt'], Resource: '*' },
          ),
          tags: { Tenant: 'blue' },
        },
      },
    });
    expect(verdict(stacks, 'red', 'blue', 'kms')).toBe('allow');
    expect(verdict(stacks, 'blue', 'red', 'kms')).toBe('deny');
  });

  it('a role whose identity policy allows kms:Decrypt on * reaches every key that delegates to the account', () => {
    const stacks = delegatingPool(rolePolicy('red', 'decrypt-all', { Sid: 'DecryptAll', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }));
    const c = cell(analyzeIsolation(stacks), 'red', 'blue', 'kms');
    expect(c.verdict).toBe('allow');
    expect(c.evidence.join('\n')).toContain('identity pool-p/aws_iam_role_policy.red_decrypt-all#DecryptAll');
    expect(verdict(stacks, 'red', 'blue', 'secret')).toBe('allow');
  });

  it('a pooled role allowed secretsmanager:GetSecretValue on * without the ABAC condition reads every secret', () => {
    const stacks = pool(rolePolicy('red', 'secrets', { Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }));
    expect(verdict(stacks, 'red', 'blue', 'secret')).toBe('allow');
  });

  it('an identity policy on another tenant bucket objects (or their versions) reaches them; one on its own bucket does not', () => {
    const leak = pool(rolePolicy('red', 's3', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::blue-documents/reports/*' }));
    expect(verdict(leak, 'red', 'blue', 'bucket')).toBe('allow');
    const versions = pool(rolePolicy('red', 's3', { Effect: 'Allow', Action: 's3:GetObjectVersion', Resource: 'arn:aws:s3:::blue-documents/*' }));
    expect(verdict(versions, 'red', 'blue', 'bucket')).toBe('allow');
    const own = pool(rolePolicy('red', 's3', { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: `\${aws_s3_bucket.red_bucket.arn}/*` }));
    expect(verdict(own, 'red', 'blue', 'bucket')).toBe('deny');
  });

  it('rds-db:connect on * reaches every database; on a literal resource id it might; on its own database by reference it does not', () => {
    const connect = (resource: string) => pool(rolePolicy('red', 'db', { Effect: 'Allow', Action: 'rds-db:connect', Resource: resource }));
    expect(verdict(connect('*'), 'red', 'blue', 'database')).toBe('allow');
    expect(verdict(connect(`arn:aws:rds-db:us-east-1:${ACCOUNT}:dbuser:db-ABCDEFGHIJKL/*`), 'red', 'blue', 'database')).toBe('might-allow');
    expect(verdict(connect(`arn:aws:rds-db:us-east-1:${ACCOUNT}:dbuser:\${aws_db_instance.red_db.resource_id}/*`), 'red', 'blue', 'database')).toBe('deny');
  });

  it('an AWS managed policy not in the known table might allow anything', () => {
    const stacks = delegatingPool({
      aws_iam_role_policy_attachment: { red_power: { role: `\${aws_iam_role.red_role.name}`, policy_arn: 'arn:aws:iam::aws:policy/PowerUserAccess' } },
    });
    const c = cell(analyzeIsolation(stacks), 'red', 'blue', 'kms');
    expect(c.verdict).toBe('might-allow');
    expect(c.evidence.join('\n')).toContain('PowerUserAccess is not in the known table');
  });

  it('a policy document data source without the ABAC condition leaks, and with it (written &{...}) does not', () => {
    const doc = (condition: object[]) => ({
      aws_iam_policy_document: {
        red_doc: { statement: [{ sid: 'Read', effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: ['*'], condition }] },
      },
    });
    const policy = { aws_iam_role_policy: { red_doc: { name: 'doc', role: `\${aws_iam_role.red_role.id}`, policy: `\${data.aws_iam_policy_document.red_doc.json}` } } };
    const withDoc = (condition: object[]) => [tfStack('pool-p', merge(tenantData('red'), tenantData('blue'), policy), { tenant: 'pool:p', data: doc(condition) })];
    expect(verdict(withDoc([]), 'red', 'blue', 'secret')).toBe('allow');
    expect(verdict(withDoc([{ test: 'StringEquals', variable: 'aws:ResourceTag/Tenant', values: ['&{aws:PrincipalTag/Tenant}'] }]), 'red', 'blue', 'secret')).toBe('deny');
  });
});

describe('safe counterparts stay denied', () => {
  it(`the ABAC condition aws:ResourceTag/Tenant = \${aws:PrincipalTag/Tenant} denies other tenants secrets`, () => {
    const stacks = pool(
      rolePolicy('red', 'secrets', {
        Sid: 'ReadOwnSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/Tenant': `\${aws:PrincipalTag/Tenant}` } },
      }),
    );
    expect(verdict(stacks, 'red', 'blue', 'secret')).toBe('deny');
  });

  it('an explicit deny in the secret policy is honoured over a leaky identity policy', () => {
    const stacks = pool(rolePolicy('red', 'secrets', { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }), {
      aws_secretsmanager_secret_policy: {
        blue_secret: {
          secret_arn: `\${aws_secretsmanager_secret.blue_secret.arn}`,
          policy: tfPolicy({
            Sid: 'DenyOtherTenants',
            Effect: 'Deny',
            Principal: '*',
            Action: 'secretsmanager:GetSecretValue',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:PrincipalTag/Tenant': 'blue' } },
          }),
        },
      },
    });
    const c = cell(analyzeIsolation(stacks), 'red', 'blue', 'secret');
    expect(c.verdict).toBe('deny');
    expect(c.evidence).toContain(
      'pool-p/aws_iam_role.red_role -> pool-p/aws_secretsmanager_secret.blue_secret secretsmanager:GetSecretValue: deny: explicit deny pool-p/aws_secretsmanager_secret_policy.blue_secret#DenyOtherTenants',
    );
  });

  it('an unresolvable deny condition is never counted as a deny', () => {
    const stacks = pool(rolePolicy('red', 'secrets', { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }), {
      aws_secretsmanager_secret_policy: {
        blue_secret: {
          secret_arn: `\${aws_secretsmanager_secret.blue_secret.arn}`,
          policy: tfPolicy({
            Sid: 'OnlyFromEndpoint',
            Effect: 'Deny',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123' } },
          }),
        },
      },
    });
    const c = cell(analyzeIsolation(stacks), 'red', 'blue', 'secret');
    expect(c.verdict).toBe('allow');
    expect(c.evidence.join('\n')).toContain('not counted: pool-p/aws_secretsmanager_secret_policy.blue_secret#OnlyFromEndpoint (might apply)');
  });

  it('an unresolvable allow condition gives might-allow, never deny', () => {
    const stacks = pool(
      rolePolicy('red', 'secrets', { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-0123' } } }),
    );
    expect(verdict(stacks, 'red', 'blue', 'secret')).toBe('might-allow');
  });

  it('a key whose policy grants only its tenant role (no account delegation) is safe from a decrypt-everything role', () => {
    const blueOnly = [{ Sid: 'TenantRole', Effect: 'Allow', Principal: { AWS: roleArn('blue-app') }, Action: 'kms:*', Resource: '*' }];
    const stacks = [
      tfStack('pool-p', merge(tenantData('red'), tenantData('blue', { keyPolicy: blueOnly }), rolePolicy('red', 'all', { Effect: 'Allow', Action: 'kms:*', Resource: '*' })), {
        tenant: 'pool:p',
      }),
    ];
    expect(verdict(stacks, 'red', 'blue', 'kms')).toBe('deny');
    expect(verdict(stacks, 'red', 'blue', 'secret')).toBe('deny');
  });

  it('a decrypt-everything role in another account is stopped by a key policy that trusts only its own account', () => {
    const stacks = [
      tfStack('tenant-blue', tenantData('blue'), { tenant: 'blue' }),
      tfStack('tenant-red', merge(tenantData('red', { account: OTHER_ACCOUNT }), rolePolicy('red', 'all', { Effect: 'Allow', Action: 'kms:*', Resource: '*' })), {
        tenant: 'red',
        account: OTHER_ACCOUNT,
      }),
    ];
    expect(verdict(stacks, 'red', 'blue', 'kms')).toBe('deny');
  });

  it('the AWS Backup service role policy decrypts only through other services, so it reaches no other key', () => {
    const stacks = pool({
      aws_iam_role_policy_attachment: {
        red_backup: { role: `\${aws_iam_role.red_role.name}`, policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup' },
      },
    });
    expect(verdict(stacks, 'red', 'blue', 'kms')).toBe('deny');
  });
});

describe('tenants and attribution', () => {
  it('takes a dedicated stack default Tenant tag for untagged resources, and ignores stack values that no resource carries', () => {
    const green = tfStack(
      'tenant-green',
      {
        aws_iam_role: { app: { name: 'green-app', assume_role_policy: '{}', tags: { Tenant: 'green' } }, untagged: { name: 'green-flow-logs', assume_role_policy: '{}' } },
        // An identity policy that could allow KMS use, so the untagged role is evaluated in full.
        aws_iam_role_policy: { untagged_kms: { name: 'kms', role: 'green-flow-logs', policy: tfPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }) } },
        aws_kms_key: { key: { policy: tfPolicy({ Effect: 'Allow', Principal: { AWS: rootOf() }, Action: 'kms:*', Resource: '*' }) } },
      },
      { tenant: 'green' },
    );
    const peering = tfStack('peering-a--b', { aws_security_group: { sg: { name: 'peer' } } }, { tenant: 'a--b' });
    const m = analyzeIsolation([...pool(rolePolicy('red', 'all', { Effect: 'Allow', Action: 'kms:*', Resource: '*' })), green, peering]);
    expect(m.tenants).toEqual(['blue', 'green', 'red']);
    expect(cell(m, 'green', 'red', 'kms').evidence.some((e) => e.startsWith('tenant-green/aws_iam_role.untagged ->'))).toBe(true);
    // The untagged key is green's through the stack default, so red's decrypt-everything role reaches it.
    expect(cell(m, 'red', 'green', 'kms').evidence.join('\n')).toContain('-> tenant-green/aws_kms_key.key kms:Decrypt: allow');
  });

  it('attributes an untagged key to the tenant whose resources use it, and lists data nobody owns', () => {
    const data = tenantData('blue');
    const untagged = merge(data, {
      aws_kms_key: { blue_key: { policy: tfPolicy({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }) }, spare: { description: 'unused' } },
    });
    const m = analyzeIsolation([tfStack('pool-p', merge(tenantData('red'), untagged), { tenant: 'pool:p' })]);
    expect(cell(m, 'red', 'blue', 'kms').verdict).toBe('allow');
    expect(m.unattributed).toEqual(['pool-p/aws_kms_key.spare']);
  });

  it('limits the matrix to the tenants given', () => {
    const m = analyzeIsolation(pool(), { tenants: ['red', 'blue'] });
    expect(m.tenants).toEqual(['red', 'blue']);
    expect(m.cells.map((c) => `${c.principalTenant}->${c.resourceTenant}`)[0]).toBe('red->blue');
  });
});

describe('roles shared between tenants', () => {
  it('makes a role with no tenant of its own, granted by two tenants keys, a principal of both', () => {
    const sharedGrant = (tenant: string) => [
      rootAdministers(),
      { Sid: 'SharedApp', Effect: 'Allow', Principal: { AWS: [roleArn(`${tenant}-app`), roleArn('shared-app')] }, Action: 'kms:Decrypt', Resource: '*' },
    ];
    const stacks = [
      tfStack(
        'pool-p',
        merge(tenantData('red', { keyPolicy: sharedGrant('red') }), tenantData('blue', { keyPolicy: sharedGrant('blue') }), {
          aws_iam_role: { shared: { name: 'shared-app', assume_role_policy: '{}' } },
        }),
        { tenant: 'pool:p' },
      ),
    ];
    const m = analyzeIsolation(stacks);
    expect(m.violations.map((v) => `${v.principalTenant}->${v.resourceTenant}:${v.kind}`)).toEqual(['blue->red:kms', 'blue->red:secret', 'red->blue:kms', 'red->blue:secret']);
    const line = cell(m, 'red', 'blue', 'kms').evidence.find((e) => e.startsWith('pool-p/aws_iam_role.shared -> pool-p/aws_kms_key.blue_key kms:Decrypt: allow:'));
    expect(line).toContain('resource pool-p/aws_kms_key.blue_key#SharedApp [principal]');
  });

  it('leaves a role no tenant uses out of the matrix', () => {
    const stacks = pool({ aws_iam_role: { ops: { name: 'ops', assume_role_policy: '{}' } } }, rolePolicy('red', 'x', { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }));
    expect(cell(analyzeIsolation(stacks), 'red', 'blue', 'kms').evidence.some((e) => e.includes('aws_iam_role.ops'))).toBe(false);
  });
});
