/**
 * The isolation matrix of stacks built by the real `buildApp`: a pool with deliberate leaks added
 * to the synthesized pool stack, its clean twin, and the built-in demo.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { buildApp } from '../../../stacks/app';
import { TenantStack } from '../../../stacks/tenant-stack';
import { parseConfig } from '../../../lib/config/load';
import { DEMO_CONFIG } from '../../../lib/config/demo';
import { HipaaConfigInput } from '../../../lib/config/schema';
import { HipaaDatabase } from '../../../lib/constructs/data/hipaa-database';
import { IsolationMatrix, SynthesizedStack, analyzeIsolation } from '../../../lib/analyze/isolation';
import { isolationSummary, writeIsolationMatrix } from '../../../lib/report/isolation';

const secret = { id: 'secret', inputs: { name: 'api-key', rotation: { enabled: false, reason: 'a partner API key the partner rotates' } } };
const POOL_CONFIG: HipaaConfigInput = {
  ...DEMO_CONFIG,
  tenants: ['umbrella', 'hooli', 'stark'].map((id) => ({
    id,
    mode: 'pooled' as const,
    pool: 'shared',
    modules: [{ id: 'database', inputs: {} }, { id: 'backup', inputs: {} }, secret],
  })),
};

function synthesize(input: HipaaConfigInput, mutate: (pool: TenantStack | undefined) => void = () => undefined): SynthesizedStack[] {
  const built = buildApp(parseConfig(input), { outdir: os.tmpdir() });
  mutate(built.stacks.find((s): s is TenantStack => s instanceof TenantStack && s.stackName === 'pool-shared'));
  return built.stacks.map((stack) => ({ name: stack.stackName, json: JSON.parse(Testing.synth(stack)) as object }));
}

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }).replace(/\$\{(?=aws:)/g, '$${');
const summaryOf = (m: IsolationMatrix) => m.violations.map((v) => `${v.principalTenant}->${v.resourceTenant}:${v.kind}:${v.verdict}`).sort();

describe('a pool built with the real stacks', () => {
  let clean: IsolationMatrix;
  let leaky: IsolationMatrix;
  beforeAll(() => {
    clean = analyzeIsolation(synthesize(POOL_CONFIG));
    leaky = analyzeIsolation(
      synthesize(POOL_CONFIG, (pool) => {
        if (!pool) throw new Error('no pool-shared stack');
        // umbrella's key also grants hooli's workload role; hooli's own explicit denies must stop it.
        pool.keys.umbrella.grantEncryptDecrypt('LeakToHooli', [pool.contexts.hooli.tenantRoleArn]);
        // ...and a hooli role made by hand, without the workload role's denies (a shared role).
        new IamRole(pool, 'SharedReports', {
          name: 'examplehealth-hooli-reports',
          assumeRolePolicy: policy({ Sid: 'Ec2', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
          tags: { Tenant: 'hooli' },
        });
        pool.keys.umbrella.grantEncryptDecrypt('LeakToReports', ['arn:aws:iam::333333333333:role/examplehealth-hooli-reports']);
        // umbrella: read any secret, no ABAC condition; the secrets' own policies must stop it.
        new IamRolePolicy(pool, 'LeakSecrets', {
          name: 'read-secrets',
          role: 'examplehealth-umbrella-app',
          policy: policy({ Sid: 'ReadAll', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
        });
        // stark: decrypt and read secrets, with the ABAC condition.
        new IamRolePolicy(pool, 'AbacOnly', {
          name: 'abac',
          role: 'examplehealth-stark-app',
          policy: policy({
            Sid: 'OwnTenant',
            Effect: 'Allow',
            Action: ['kms:Decrypt', 'secretsmanager:GetSecretValue'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:ResourceTag/Tenant': `\${aws:PrincipalTag/Tenant}` } },
          }),
        });
        // stark's database admits umbrella's workloads.
        new VpcSecurityGroupIngressRule(pool, 'LeakDbIngress', {
          securityGroupId: (pool.contexts.stark.built.get('database') as HipaaDatabase).securityGroupId,
          referencedSecurityGroupId: pool.contexts.umbrella.workloadSecurityGroupId,
          ipProtocol: 'tcp',
          fromPort: 5432,
          toPort: 5432,
        });
      }),
    );
  });

  it('is isolated as built', () => {
    expect(clean.tenants).toEqual(['hooli', 'stark', 'umbrella']);
    expect(clean.violations).toEqual([]);
  });

  it('catches exactly the leaks added: another tenant role in a key policy and a database open to another tenant', () => {
    expect(summaryOf(leaky)).toEqual(['hooli->umbrella:kms:allow', 'hooli->umbrella:secret:allow', 'umbrella->stark:network:allow']);
  });

  it('shows the key policy statement that grants the other tenant role', () => {
    const c = leaky.cells.find((x) => x.principalTenant === 'hooli' && x.resourceTenant === 'umbrella' && x.kind === 'kms');
    const line = c?.evidence.find((e) => e.startsWith('pool-shared/aws_iam_role.SharedReports -> pool-shared/aws_kms_key.Tenant-umbrella_DataKey_81B5AAF2 kms:Decrypt: allow'));
    expect(line).toContain('resource pool-shared/aws_kms_key.Tenant-umbrella_DataKey_81B5AAF2#LeakToReports [principal]');
  });

  it("stops a key grant to another tenant's workload role with that role's own explicit deny", () => {
    const c = leaky.cells.find((x) => x.principalTenant === 'hooli' && x.resourceTenant === 'umbrella' && x.kind === 'kms');
    const line = c?.evidence.find((e) =>
      e.startsWith('pool-shared/aws_iam_role.Tenant-hooli_WorkloadRole_25B94AEB -> pool-shared/aws_kms_key.Tenant-umbrella_DataKey_81B5AAF2 kms:Decrypt: deny'),
    );
    expect(line).toMatch(/explicit deny .*WorkloadAccess.*#DenyOtherTenants/);
  });

  it('honours the secrets own explicit deny over a role that may read every secret', () => {
    const c = leaky.cells.find((x) => x.principalTenant === 'umbrella' && x.resourceTenant === 'hooli' && x.kind === 'secret');
    expect(c?.verdict).toBe('deny');
    expect(
      c?.evidence.some((e) =>
        /aws_secretsmanager_secret\.Tenant-hooli_Secret-api-key_[0-9A-F]+ secretsmanager:GetSecretValue: deny: .*explicit deny pool-shared\/aws_secretsmanager_secret_policy\.Tenant-hooli_Secret-api-key_Policy_[0-9A-F]+#/.test(
          e,
        ),
      ),
    ).toBe(true);
  });

  it('keeps the ABAC-conditioned role inside its tenant', () => {
    expect(leaky.cells.filter((x) => x.principalTenant === 'stark' && x.kind !== 'network').every((x) => x.verdict === 'deny')).toBe(true);
  });
});

describe('the built-in demo', () => {
  let matrix: IsolationMatrix;
  let dir: string;
  beforeAll(() => {
    matrix = analyzeIsolation(synthesize(DEMO_CONFIG));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isolation-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the demo matrix is all-deny off the diagonal', () => {
    expect(matrix.tenants).toEqual(['acme', 'globex', 'hooli', 'initech', 'stark', 'umbrella']);
    expect(matrix.violations).toEqual([]);
    expect(matrix.cells.filter((c) => c.verdict !== 'deny').map((c) => `${c.principalTenant}->${c.resourceTenant}:${c.kind}:${c.verdict}`)).toEqual([
      'globex->acme:network:declared',
    ]);
  });

  it('summarises in one line', () => {
    expect(isolationSummary(matrix)).toMatch(
      /^Isolation: 6 tenants, 150 cross-tenant checks, 0 allowed, 0 might-allow, 1 declared peering; access review: 18 tenant resources, \d+ accesses by design, 0 violations$/,
    );
  });

  it('writes the matrix as JSON and as a Markdown table per kind with the diagonal marked', () => {
    const written = writeIsolationMatrix(matrix, path.join(dir, 'out'));
    expect(written.map((f) => path.basename(f))).toEqual(['isolation-matrix.json', 'isolation-matrix.md']);
    const json = JSON.parse(fs.readFileSync(written[0], 'utf8'));
    expect(json.cells).toHaveLength(150);
    expect(json.summary).toBe(isolationSummary(matrix));
    const md = fs.readFileSync(written[1], 'utf8');
    expect(md.match(/^## /gm)).toHaveLength(8);
    expect(json.access.resources).toHaveLength(18);
    expect(md).toContain('| **acme** | (self) | deny | deny | deny | deny | deny |');
    expect(md).toContain('| **globex** | declared | (self) | deny | deny | deny | deny |');
    expect(md).toContain('### globex -> acme: network declared');
  });
});
