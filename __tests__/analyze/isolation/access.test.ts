/**
 * The access review: who besides each tenant can reach its keys, secrets, buckets and databases.
 * The demo's own output (pooled key policies pinned, every access by design) and mutations of it
 * that must fail; then hand-written fixtures for users, groups, trust, services and accounts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { buildApp } from '../../../stacks/app';
import { TenantStack } from '../../../stacks/tenant-stack';
import { parseConfig } from '../../../lib/config/load';
import { DEMO_CONFIG } from '../../../lib/config/demo';
import { complianceGate, loadSynthesized } from '../../../cli/main';
import { AccessEntry, DESIGN_RULES, IsolationMatrix, SynthesizedStack, analyzeIsolation } from '../../../lib/analyze/isolation';
import { isolationMarkdown, isolationSummary } from '../../../lib/report/isolation';
import { ACCOUNT, OTHER_ACCOUNT, Resources, merge, roleArn, rootAdministers, rootOf, tenantData, tfPolicy, tfStack } from './fixtures/terraform';

const POOL_ACCOUNT = '333333333333';
const POOLED = ['hooli', 'stark', 'umbrella'];

function synthesizeDemo(mutate: (pool: TenantStack) => void = () => undefined): SynthesizedStack[] {
  const built = buildApp(parseConfig(DEMO_CONFIG), { outdir: os.tmpdir() });
  const pool = built.stacks.find((s): s is TenantStack => s instanceof TenantStack && s.stackName === 'pool-shared');
  if (!pool) throw new Error('the demo has no pool-shared stack');
  mutate(pool);
  return built.stacks.map((stack) => ({ name: stack.stackName, json: JSON.parse(Testing.synth(stack)) as object }));
}

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const entriesOf = (m: IsolationMatrix, address: RegExp): AccessEntry[] => m.access.resources.filter((r) => address.test(r.address)).flatMap((r) => r.entries);
const reviewViolations = (m: IsolationMatrix) => m.violations.filter((v) => v.source === 'access-review');

describe('the demo pool, as synthesized', () => {
  let stacks: SynthesizedStack[];
  let matrix: IsolationMatrix;
  beforeAll(() => {
    stacks = synthesizeDemo();
    matrix = analyzeIsolation(stacks);
  });

  it.each(POOLED)("pins %s's data key policy: principals and actions of every statement", (tenant) => {
    const pool = stacks.find((s) => s.name === 'pool-shared')?.json as { resource: { aws_kms_key: Record<string, { policy: string; tags?: Record<string, string> }> } };
    const keys = Object.values(pool.resource.aws_kms_key).filter((k) => k.tags?.Tenant === tenant);
    expect(keys).toHaveLength(1);
    const statements = (JSON.parse(keys[0].policy) as { Statement: Array<{ Sid: string; Effect: string; Principal: object; Action: unknown; Condition?: object }> }).Statement;
    const root = `arn:aws:iam::${POOL_ACCOUNT}:root`;
    const use = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
    const logs = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];
    const Name = tenant[0].toUpperCase() + tenant.slice(1);
    expect(statements.map((s) => ({ Sid: s.Sid, Effect: s.Effect, Principal: s.Principal, Action: s.Action }))).toEqual([
      {
        Sid: 'AccountRootAdministersOnly',
        Effect: 'Allow',
        Principal: { AWS: root },
        Action: [
          'kms:Create*',
          'kms:Describe*',
          'kms:Enable*',
          'kms:List*',
          'kms:Put*',
          'kms:Update*',
          'kms:Revoke*',
          'kms:Disable*',
          'kms:Get*',
          'kms:Delete*',
          'kms:TagResource',
          'kms:UntagResource',
          'kms:ScheduleKeyDeletion',
          'kms:CancelKeyDeletion',
          'kms:RotateKeyOnDemand',
        ],
      },
      {
        Sid: 'DeployerThroughAwsServices',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${POOL_ACCOUNT}:role/OrganizationAccountAccessRole` },
        Action: [...use, 'kms:CreateGrant'],
      },
      { Sid: 'TenantWorkloadRole', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${POOL_ACCOUNT}:role/examplehealth-${tenant}-app`] }, Action: use },
      ...['Postgresql', 'Upgrade', 'IamDbAuthError'].map((log) => ({
        Sid: `CloudWatchLogsAwsRdsInstanceExamplehealth${Name}Db${log}`,
        Effect: 'Allow',
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Action: logs,
      })),
      { Sid: `BackupRoleUseExamplehealth${Name}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${POOL_ACCOUNT}:role/examplehealth-${tenant}-backup` }, Action: use },
      {
        Sid: `BackupRoleGrantsExamplehealth${Name}`,
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${POOL_ACCOUNT}:role/examplehealth-${tenant}-backup` },
        Action: 'kms:CreateGrant',
      },
    ]);
    // Not one statement names the account root with a data action.
    expect(statements.filter((s) => JSON.stringify(s.Principal).includes(':root') && JSON.stringify(s.Action).match(/kms:(\*|Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/))).toEqual(
      [],
    );
  });

  it.each(POOLED)('lists who besides %s reaches its key: the account administers, CloudWatch Logs for its own log groups', (tenant) => {
    const entries = entriesOf(matrix, new RegExp(`^pool-shared/aws_kms_key\\.Tenant-${tenant}_DataKey_`));
    expect(entries.map((e) => `${e.principal} => ${e.verdict}:${e.rule}`).sort()).toEqual(
      [
        `account ${POOL_ACCOUNT} root (administers) => by-design:key-administration`,
        ...Array(3).fill(`service logs.us-east-1.amazonaws.com => by-design:logs-encryption-context`),
      ].sort(),
    );
    // The deployer reaches the master secret only through Secrets Manager (kms:ViaService).
    const secret = entriesOf(matrix, new RegExp(`^pool-shared/aws_db_instance\\.Tenant-${tenant}_Database_`)).filter((e) => e.kind === 'secret' && e.principalKind === 'external');
    expect(secret.map((e) => e.rule)).toEqual(['via-aws-service']);
    expect(secret[0].via.join(' ')).toContain('#DeployerThroughAwsServices [principal]');
  });
});

describe('widening a pooled tenant key to the account root', () => {
  const widen = (pool: TenantStack) =>
    pool.keys.umbrella.addToPolicy({ Sid: 'WidenToAccount', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${POOL_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' });

  it('fails the proof naming a non-tenant role whose identity policy allows kms:* on * (and its reach into the dedicated tenant of the same account)', () => {
    const m = analyzeIsolation(
      synthesizeDemo((pool) => {
        widen(pool);
        const ops = new IamRole(pool, 'Operations', {
          name: 'examplehealth-operations',
          assumeRolePolicy: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        });
        new IamRolePolicy(pool, 'OperationsKms', { name: 'all-keys', role: ops.name, policy: policy({ Sid: 'AllKeys', Effect: 'Allow', Action: 'kms:*', Resource: '*' }) });
      }),
    );
    const ops = reviewViolations(m).filter((v) => v.principalTenant.includes('role/examplehealth-operations'));
    // initech is a dedicated tenant in the pool's account: its key delegates to the account by
    // design, so a role of no tenant allowed kms:* on * reaches it too.
    expect(ops.map((v) => `${v.resourceTenant}:${v.kind}:${v.verdict}`).sort()).toEqual([
      'initech:kms:allow',
      'initech:secret:allow',
      'umbrella:kms:allow',
      'umbrella:secret:allow',
    ]);
    expect(ops[0].evidence.join('\n')).toMatch(/#WidenToAccount \[account\]; identity pool-shared\/aws_iam_role_policy\.OperationsKms[^ ]*#AllKeys/);
    // Every other tenant's key still does not delegate: the role reaches nothing of theirs.
    expect(ops.some((v) => v.resourceTenant === 'hooli' || v.resourceTenant === 'stark')).toBe(false);
  });

  it('fails the proof with no identity policy anywhere allowing it: root delegation is an open door', () => {
    const m = analyzeIsolation(synthesizeDemo(widen));
    const open = reviewViolations(m).filter((v) => v.principalTenant.startsWith('account'));
    expect(open.map((v) => `${v.principalTenant}|${v.resourceTenant}|${v.kind}`)).toEqual([
      `account ${POOL_ACCOUNT} root: every IAM principal of the account its identity policies allow, now or later|umbrella|kms`,
      `account ${POOL_ACCOUNT} root: every IAM principal of the account its identity policies allow, now or later|umbrella|secret`,
    ]);
    // The deployer's identity policies are outside the output: through the open door it might decrypt.
    expect(
      reviewViolations(m)
        .filter((v) => !v.principalTenant.startsWith('account'))
        .map((v) => `${v.principalTenant.split(' (')[0]}|${v.resourceTenant}|${v.kind}|${v.verdict}`),
    ).toEqual([
      `deploying role arn:aws:iam::${POOL_ACCOUNT}:role/OrganizationAccountAccessRole|umbrella|kms|might-allow`,
      `deploying role arn:aws:iam::${POOL_ACCOUNT}:role/OrganizationAccountAccessRole|umbrella|secret|allow`,
    ]);
    expect(open[0].evidence.join('\n')).toContain('pool-shared/aws_kms_key.Tenant-umbrella_DataKey_81B5AAF2#WidenToAccount');
    expect(open[0].evidence.join('\n')).toContain('open door');
  });
});

describe("synth's gate", () => {
  it('refuses a pooled tenant key widened to the account root, naming the open door', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-iso-gate-'));
    try {
      const config = parseConfig(DEMO_CONFIG);
      const built = buildApp(config, { outdir: work });
      const pool = built.stacks.find((s): s is TenantStack => s instanceof TenantStack && s.stackName === 'pool-shared');
      pool?.keys.umbrella.addToPolicy({ Sid: 'WidenToAccount', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${POOL_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' });
      built.app.synth();
      expect(() => complianceGate(work, loadSynthesized(work), built.app, config)).toThrow(
        /account 333333333333 root: every IAM principal of the account .* can reach umbrella's kms/,
      );
      expect(fs.existsSync(path.join(work, 'isolation-matrix.md'))).toBe(false);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('the demo', () => {
  let matrix: IsolationMatrix;
  beforeAll(() => {
    matrix = analyzeIsolation(synthesizeDemo());
  });

  it('passes: nothing outside the allow-list reaches a tenant resource', () => {
    expect(matrix.violations).toEqual([]);
    expect(matrix.access.violations).toEqual([]);
    expect(matrix.access.trustViolations).toEqual([]);
  });

  it('lists the by-design principals, each with its allow-list reason', () => {
    const all = [...matrix.access.resources.flatMap((r) => r.entries), ...matrix.access.trust];
    const rules = [...new Set(all.map((e) => e.rule))].sort();
    expect(rules).toEqual([
      'dedicated-account-delegation',
      'deployer-database-connect',
      'deployer-dedicated',
      'key-administration',
      'logs-encryption-context',
      'service-trust',
      'via-aws-service',
    ]);
    for (const e of all) expect(e.reason.startsWith(DESIGN_RULES[e.rule as keyof typeof DESIGN_RULES])).toBe(true);
    // A dedicated tenant's key delegates to its account; the deployer is the one principal of the
    // output's that uses it, and its identity policies are outside the output.
    const acme = entriesOf(matrix, /^tenant-acme\/aws_kms_key\./);
    expect(acme.filter((e) => e.rule === 'deployer-dedicated').map((e) => e.principal)).toEqual([
      "deploying role arn:aws:iam::222222222222:role/OrganizationAccountAccessRole (a provider's assume_role; not created by this output)",
    ]);
  });

  it('writes the review for an auditor: a table per tenant resource, the trust table and the allow-list', () => {
    const md = isolationMarkdown(matrix);
    expect(md).toContain('## Access review');
    expect(md).toContain('### pool-shared/aws_kms_key.Tenant-umbrella_DataKey_81B5AAF2 (umbrella, kms)');
    expect(md).toMatch(
      /\| service logs\.us-east-1\.amazonaws\.com \| kms:Decrypt, [^|]+ \| pool-shared\/aws_kms_key\.Tenant-umbrella_DataKey_81B5AAF2#CloudWatchLogsAwsRdsInstanceExamplehealthUmbrellaDbPostgresql \| ArnEquals kms:EncryptionContext:aws:logs:arn arn:aws:logs:us-east-1:333333333333:log-group:\/aws\/rds\/instance\/examplehealth-umbrella-db\/postgresql \| might-allow \| by design \(logs-encryption-context\) \|/,
    );
    expect(md).toContain('### Who may assume the tenant roles');
    expect(md).toContain('| key-administration |');
    expect(isolationSummary(matrix)).toMatch(/access review: 18 tenant resources, \d+ accesses by design, 0 violations$/);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-written fixtures: two pooled tenants, red and blue, in one stack and account.

const pool = (...extra: Resources[]): SynthesizedStack[] => [tfStack('pool-p', merge(tenantData('red'), tenantData('blue'), ...extra), { tenant: 'pool:p' })];
const keyWith = (tenant: string, ...statements: object[]): Resources => ({
  aws_kms_key: {
    [`${tenant}_key`]: {
      policy: tfPolicy(
        rootAdministers(),
        { Sid: 'TenantRole', Effect: 'Allow', Principal: { AWS: roleArn(`${tenant}-app`) }, Action: ['kms:Decrypt'], Resource: '*' },
        ...statements,
      ),
      tags: { Tenant: tenant },
    },
  },
});

describe('IAM users and groups', () => {
  it('lists a hand-made user allowed secretsmanager:GetSecretValue on * as reaching every tenant secret, and fails', () => {
    const m = analyzeIsolation(
      pool({
        aws_iam_user: { auditor: { name: 'auditor' } },
        aws_iam_user_policy: {
          auditor_read: {
            name: 'read',
            user: '${aws_iam_user.auditor.name}',
            policy: tfPolicy({ Sid: 'ReadAll', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
          },
        },
      }),
    );
    const hits = reviewViolations(m).filter((v) => v.principalTenant.startsWith(`user arn:aws:iam::${ACCOUNT}:user/auditor`));
    expect(hits.map((v) => `${v.resourceTenant}:${v.kind}:${v.verdict}`).sort()).toEqual(['blue:secret:allow', 'red:secret:allow']);
    expect(hits[0].evidence.join('\n')).toContain('identity pool-p/aws_iam_user_policy.auditor_read#ReadAll');
    for (const tenant of ['red', 'blue']) {
      expect(entriesOf(m, new RegExp(`^pool-p/aws_secretsmanager_secret\\.${tenant}_secret$`)).map((e) => `${e.principalKind}:${e.verdict}`)).toEqual(['user:violation']);
    }
  });

  it('reaches through a group: the group (any member, now or later) and its member are both listed', () => {
    const m = analyzeIsolation(
      pool({
        aws_iam_user: { ann: { name: 'ann' } },
        aws_iam_group: { ops: { name: 'ops' } },
        aws_iam_group_membership: { ops_members: { name: 'ops-members', group: '${aws_iam_group.ops.name}', users: ['${aws_iam_user.ann.name}'] } },
        aws_iam_group_policy: {
          ops_read: { name: 'read', group: '${aws_iam_group.ops.name}', policy: tfPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }) },
        },
      }),
    );
    const who = entriesOf(m, /^pool-p\/aws_s3_bucket\.blue_bucket$/).map((e) => `${e.principalKind}:${e.principal.split(' (')[0]}`);
    expect(who.sort()).toEqual(['group:members of group pool-p/aws_iam_group.ops', `user:user arn:aws:iam::${ACCOUNT}:user/ann`]);
  });

  it('does not list a user whose identity policies allow nothing on tenant data', () => {
    const m = analyzeIsolation(
      pool({
        aws_iam_user: { viewer: { name: 'viewer' } },
        aws_iam_user_policy: { v: { name: 'v', user: 'viewer', policy: tfPolicy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }) } },
      }),
    );
    expect(m.violations).toEqual([]);
  });
});

describe('trust policies of tenant roles', () => {
  const trusting = (principal: unknown, condition?: object): Resources => ({
    aws_iam_role: {
      red_role: {
        name: 'red-app',
        assume_role_policy: tfPolicy({ Sid: 'Assume', Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }),
        tags: { Tenant: 'red' },
      },
    },
  });

  it("fails when '*' may assume a tenant role, and lists the tenant's data that gives them", () => {
    const m = analyzeIsolation(pool(trusting({ AWS: '*' })));
    expect(m.access.trustViolations.map((t) => `${t.role}|${t.principal}`)).toEqual(['pool-p/aws_iam_role.red_role|anyone (AWS "*")']);
    expect(m.violations.filter((v) => v.kind === 'trust').map((v) => v.principalTenant)).toEqual(['anyone (AWS "*")']);
    const key = entriesOf(m, /^pool-p\/aws_kms_key\.red_key$/).filter((e) => e.principalKind === 'anyone');
    expect(key).toHaveLength(1);
    expect(key[0].via[0]).toBe('pool-p/aws_iam_role.red_role.assume_role_policy#Assume (becomes pool-p/aws_iam_role.red_role)');
  });

  it.each([
    ['Principal "*"', '*', undefined],
    ['the account root', { AWS: rootOf() }, undefined],
    ['another account', { AWS: rootOf(OTHER_ACCOUNT) }, undefined],
    ["another tenant's role", { AWS: roleArn('blue-app') }, undefined],
    ['a web identity provider', { Federated: 'cognito-identity.amazonaws.com' }, undefined],
    ['everyone, with a TLS condition that restricts nobody', { AWS: '*' }, { Bool: { 'aws:SecureTransport': 'true' } }],
  ])('fails when %s may assume a tenant role', (_what, principal, condition) => {
    const m = analyzeIsolation(pool(trusting(principal, condition)));
    expect(m.access.trustViolations.map((t) => t.role)).toEqual(['pool-p/aws_iam_role.red_role']);
  });

  it('accepts AWS services, with or without a confused-deputy condition, saying which', () => {
    const m = analyzeIsolation(pool(trusting({ Service: ['ecs-tasks.amazonaws.com', 'ec2.amazonaws.com'] }, { StringEquals: { 'aws:SourceAccount': ACCOUNT } })));
    expect(m.access.trustViolations).toEqual([]);
    const bare = analyzeIsolation(pool());
    const red = bare.access.trust.filter((t) => t.role === 'pool-p/aws_iam_role.red_role');
    expect(red.map((t) => `${t.principal}:${t.rule}`)).toEqual(['service ecs-tasks.amazonaws.com:service-trust']);
    expect(red[0].reason).toContain('no aws:SourceAccount/aws:SourceArn condition');
  });
});

describe('resource policy principals', () => {
  it.each([
    [
      'a service without a confused-deputy condition',
      { Sid: 'Logs', Effect: 'Allow', Principal: { Service: 'logs.us-east-1.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*' },
      'service',
    ],
    [
      'CloudWatch Logs for a log group of another account',
      {
        Sid: 'Logs',
        Effect: 'Allow',
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${OTHER_ACCOUNT}:log-group:x` } },
      },
      'service',
    ],
    ['another account root', { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: rootOf(OTHER_ACCOUNT) }, Action: 'kms:Decrypt', Resource: '*' }, 'account'],
    ['a role not created by this output', { Sid: 'Named', Effect: 'Allow', Principal: { AWS: roleArn('break-glass') }, Action: 'kms:Decrypt', Resource: '*' }, 'external'],
    [
      'an assumed-role session',
      { Sid: 'Session', Effect: 'Allow', Principal: { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/x/y` }, Action: 'kms:Decrypt', Resource: '*' },
      'unresolved',
    ],
    ['key administration for another account', { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: rootOf(OTHER_ACCOUNT) }, Action: 'kms:Put*', Resource: '*' }, 'account'],
  ])("makes %s on blue's key a violation", (_what, statement, kind) => {
    const m = analyzeIsolation(pool(keyWith('blue', statement)));
    const bad = m.access.violations.filter((e) => e.resource === 'pool-p/aws_kms_key.blue_key');
    expect(bad.map((e) => e.principalKind)).toEqual([kind]);
    expect(bad[0].via.join(' ')).toContain(`pool-p/aws_kms_key.blue_key#${(statement as { Sid: string }).Sid}`);
  });

  it.each([
    [
      'CloudWatch Logs tied to a log group of the account',
      {
        Sid: 'Logs',
        Effect: 'Allow',
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/blue` } },
      },
      'logs-encryption-context',
    ],
    [
      'a service limited by aws:SourceAccount',
      {
        Sid: 'Svc',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
      'service-confused-deputy',
    ],
    [
      'the account root narrowed by aws:PrincipalArn to the tenant role',
      { Sid: 'Pinned', Effect: 'Allow', Principal: { AWS: rootOf() }, Action: 'kms:Decrypt', Resource: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': roleArn('blue-app') } } },
      'principal-arn-pinned',
    ],
  ])('accepts %s by design', (_what, statement, rule) => {
    const m = analyzeIsolation(pool(keyWith('blue', statement)));
    expect(m.violations).toEqual([]);
    expect(entriesOf(m, /^pool-p\/aws_kms_key\.blue_key$/).map((e) => e.rule)).toContain(rule);
  });

  it('does not accept an aws:PrincipalArn pattern as narrowing the root', () => {
    const m = analyzeIsolation(
      pool(
        keyWith('blue', {
          Sid: 'Pattern',
          Effect: 'Allow',
          Principal: { AWS: rootOf() },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/*` } },
        }),
      ),
    );
    expect(m.access.violations.filter((e) => e.resource === 'pool-p/aws_kms_key.blue_key').map((e) => e.principalKind)).toEqual(['account']);
  });

  it('treats an unreadable key policy as open to anyone', () => {
    const m = analyzeIsolation(pool({ aws_kms_key: { blue_key: { policy: '${var.blue_key_policy}', tags: { Tenant: 'blue' } } } }));
    expect(m.access.violations.some((e) => e.resource === 'pool-p/aws_kms_key.blue_key' && e.principalKind === 'unresolved')).toBe(true);
  });

  it('flags a KMS grant on a key that cannot be resolved on every tenant key', () => {
    const m = analyzeIsolation(pool({ aws_kms_grant: { g: { name: 'g', key_id: '${var.key}', grantee_principal: roleArn('partner'), operations: ['Decrypt'] } } }));
    expect(
      m.access.violations
        .filter((e) => e.principalKind === 'grant')
        .map((e) => e.resource)
        .sort(),
    ).toEqual(['pool-p/aws_kms_key.blue_key', 'pool-p/aws_kms_key.red_key']);
  });
});

describe('the deploying role (a provider assume_role, identity policies outside the output)', () => {
  const withDeployer = (s: SynthesizedStack): SynthesizedStack => {
    const json = s.json as { provider: { aws: Array<Record<string, unknown>> } };
    json.provider.aws[0].assume_role = [{ role_arn: roleArn('deployer') }];
    return s;
  };
  const deployerEntries = (m: IsolationMatrix, address: RegExp) => entriesOf(m, address).filter((e) => e.principal.startsWith(`deploying role ${roleArn('deployer')}`));

  it("is by design on a dedicated tenant's key and plain bucket, which it administers", () => {
    const m = analyzeIsolation([withDeployer(tfStack('tenant-green', tenantData('green', { delegate: true }), { tenant: 'green' }))]);
    expect(m.violations).toEqual([]);
    expect(deployerEntries(m, /aws_kms_key\.green_key$/).map((e) => e.rule)).toEqual(['deployer-dedicated']);
    expect(deployerEntries(m, /aws_s3_bucket\.green_bucket$/).map((e) => `${e.rule}:${e.reach}`)).toEqual(['deployer-dedicated:might-allow']);
  });

  it("is a violation on a pooled tenant's secret and bucket that carry no policy to stop it", () => {
    const m = analyzeIsolation([withDeployer(pool()[0])]);
    const hits = reviewViolations(m).filter((v) => v.principalTenant.startsWith(`deploying role ${roleArn('deployer')}`));
    expect(hits.map((v) => `${v.resourceTenant}:${v.kind}`).sort()).toEqual(['blue:bucket', 'blue:secret', 'red:bucket', 'red:secret']);
    // Its possible rds-db:connect is listed, by design: a database user must also be granted rds_iam.
    expect(
      deployerEntries(m, /aws_db_instance\.red_db$/)
        .filter((e) => e.kind === 'database')
        .map((e) => e.rule),
    ).toEqual(['deployer-database-connect']);
  });
});
