import * as os from 'os';
import { Testing } from 'cdktf';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { buildApp } from '../../stacks/app';
import { parseConfig } from '../../lib/config/load';
import { DEMO_CONFIG } from '../../lib/config/demo';
import { HipaaConfigInput } from '../../lib/config/schema';
import { TfJson, resourcesOf } from '../util/synth';

/** The demo with the pool's account deployed by a CI role instead of OrganizationAccountAccessRole. */
const CONFIG: HipaaConfigInput = {
  ...DEMO_CONFIG,
  accounts: (DEMO_CONFIG.accounts ?? []).map((a) => (a.name === 'workloads-b' ? { ...a, roleName: 'TerraformCloudDeployer' } : a)),
};

function synthStacks(input: HipaaConfigInput): Record<string, { text: string; json: TfJson }> {
  const built = buildApp(parseConfig(input), { outdir: os.tmpdir() });
  return Object.fromEntries(
    built.stacks.map((s) => {
      const text = Testing.synth(s);
      return [s.stackName, { text, json: JSON.parse(text) as TfJson }];
    }),
  );
}

interface Statement {
  Sid?: string;
  Principal?: { AWS?: string | string[]; Service?: string | string[] };
  Condition?: Record<string, Record<string, unknown>>;
}
const policyOf = (text: unknown) => JSON.parse(String(text).replace(/\$\$\{/g, '${')) as { Statement: Statement[] };
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const WORKLOAD_STACKS = ['pool-shared', 'tenant-acme', 'tenant-globex', 'tenant-initech'];

describe('TenantStack', () => {
  let stacks: ReturnType<typeof synthStacks>;
  beforeAll(() => {
    stacks = synthStacks(CONFIG);
  });

  test("lets the pool account's configured deployer role, not OrganizationAccountAccessRole, use pooled tenant keys through AWS services", () => {
    const keys = resourcesOf(stacks['pool-shared'].json, 'aws_kms_key').filter(([n]) => n.includes('DataKey'));
    expect(keys).toHaveLength(3);
    for (const [, key] of keys) {
      const deployer = policyOf(key.policy).Statement.find((s) => s.Sid === 'DeployerThroughAwsServices');
      expect(deployer?.Principal?.AWS).toBe('arn:aws:iam::333333333333:role/TerraformCloudDeployer');
      expect(String(key.policy)).not.toContain('OrganizationAccountAccessRole');
    }
  });

  // KMS rejects a key policy naming a principal that does not exist yet (MalformedPolicyDocumentException).
  test.each(WORKLOAD_STACKS)('makes every key in %s depend on the roles of the same stack its policy names', (name) => {
    const { json } = stacks[name];
    const roles = new Map(resourcesOf(json, 'aws_iam_role').map(([n, r]) => [String(r.name), n]));
    let checked = 0;
    for (const [, key] of resourcesOf(json, 'aws_kms_key')) {
      const named = policyOf(key.policy)
        .Statement.flatMap((s) => list(s.Principal?.AWS))
        .map((arn) => /:role\/(.+)$/.exec(arn)?.[1])
        .filter((r): r is string => r !== undefined && roles.has(r));
      for (const role of named) {
        expect(key.depends_on).toEqual(expect.arrayContaining([`aws_iam_role.${roles.get(role)}`]));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  test.each(WORKLOAD_STACKS)('in %s, gives every security group the data tier admits a matching egress to it', (name) => {
    const { json, text } = stacks[name];
    const ingress = resourcesOf(json, 'aws_vpc_security_group_ingress_rule')
      .map(([, r]) => r)
      .filter((r) => typeof r.referenced_security_group_id === 'string');
    const workloadGroups = resourcesOf(json, 'aws_security_group')
      .filter(([, g]) => String(g.name).endsWith('-workload'))
      .map(([n]) => `\${aws_security_group.${n}.id}`);
    const fromWorkloads = ingress.filter((r) => workloadGroups.includes(String(r.referenced_security_group_id)));
    expect(fromWorkloads.length).toBe(workloadGroups.length);
    for (const rule of ingress) {
      expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        security_group_id: rule.referenced_security_group_id,
        referenced_security_group_id: rule.security_group_id,
        ip_protocol: rule.ip_protocol,
        from_port: rule.from_port,
        to_port: rule.to_port,
      });
    }
  });

  test.each(WORKLOAD_STACKS)('in %s, lets workloads reach S3 on 443 through the gateway endpoint prefix list', (name) => {
    const { json, text } = stacks[name];
    const endpoint = resourcesOf(json, 'aws_vpc_endpoint').find(([, e]) => e.vpc_endpoint_type === 'Gateway')![0];
    const workloadGroups = resourcesOf(json, 'aws_security_group').filter(([, g]) => String(g.name).endsWith('-workload'));
    expect(workloadGroups.length).toBeGreaterThan(0);
    for (const [group] of workloadGroups) {
      expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
        security_group_id: `\${aws_security_group.${group}.id}`,
        prefix_list_id: `\${aws_vpc_endpoint.${endpoint}.prefix_list_id}`,
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
      });
    }
  });
});

describe('RDS enhanced monitoring log group', () => {
  test('is pre-created, encrypted and kept for the audit retention, exactly once in the baseline of every account and Region that runs a monitored database', () => {
    const stacks = synthStacks(CONFIG);
    const groups = (json: TfJson) => resourcesOf(json, 'aws_cloudwatch_log_group').filter(([, g]) => g.name === 'RDSOSMetrics');
    for (const name of WORKLOAD_STACKS) {
      const { json } = stacks[name];
      expect(groups(json)).toEqual([]);
      const account = (json.provider?.aws as Array<{ allowed_account_ids: string[] }>)[0].allowed_account_ids[0];
      const monitored = resourcesOf(json, 'aws_db_instance').filter(([, db]) => Number(db.monitoring_interval) > 0);
      expect(monitored.length).toBeGreaterThan(0);
      const baseline = Object.values(stacks).filter(
        ({ json: b }) => (b.provider?.aws as Array<{ allowed_account_ids: string[] }>)[0].allowed_account_ids[0] === account && b.resource.aws_cloudtrail,
      );
      expect(baseline).toHaveLength(1);
      const found = groups(baseline[0].json);
      expect(found).toHaveLength(1);
      expect(found[0][1]).toMatchObject({ retention_in_days: 2192, kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/) });
    }
  });
});
