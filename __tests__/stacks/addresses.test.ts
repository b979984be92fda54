import * as os from 'os';
import { Testing } from 'cdktf';
import { buildApp } from '../../stacks/app';
import { parseConfig } from '../../lib/config/load';
import { DEMO_CONFIG } from '../../lib/config/demo';
import { HipaaConfigInput } from '../../lib/config/schema';
import { PlacementLock } from '../../lib/plan/types';

/** Resource types whose replacement loses data: their addresses are API. */
const STATEFUL = ['aws_db_instance', 'aws_kms_key', 'aws_s3_bucket', 'aws_backup_vault', 'aws_cloudwatch_log_group', 'aws_secretsmanager_secret'];

interface StackView {
  addresses: string[];
  stateful: string[];
  cidr?: string;
  accounts: unknown;
}

function synthAll(input: HipaaConfigInput, lock?: PlacementLock): { stacks: Record<string, StackView>; lock: PlacementLock } {
  const built = buildApp(parseConfig(input), { outdir: os.tmpdir(), lock });
  const stacks: Record<string, StackView> = {};
  for (const stack of built.stacks) {
    const json = JSON.parse(Testing.synth(stack));
    const addresses = Object.entries(json.resource as Record<string, object>)
      .flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`))
      .sort();
    const vpc = Object.values((json.resource.aws_vpc ?? {}) as Record<string, { cidr_block: string }>)[0];
    stacks[stack.stackName] = {
      addresses,
      stateful: addresses.filter((a) => STATEFUL.includes(a.split('.')[0])),
      cidr: vpc?.cidr_block,
      accounts: json.provider.aws.map((p: { allowed_account_ids: string[] }) => p.allowed_account_ids),
    };
  }
  return { stacks, lock: built.plan.lock };
}

describe('Terraform addresses of the demo', () => {
  let demo: ReturnType<typeof synthAll>;
  beforeAll(() => {
    demo = synthAll(DEMO_CONFIG);
  });

  it('pins the stacks, CIDRs and accounts', () => {
    expect(Object.keys(demo.stacks)).toEqual([
      'baseline-security',
      'baseline-workloads-a',
      'baseline-workloads-b',
      'pool-shared',
      'tenant-acme',
      'tenant-globex',
      'tenant-initech',
      'peering-acme--globex',
    ]);
    expect(
      Object.fromEntries(
        Object.entries(demo.stacks)
          .filter(([, s]) => s.cidr)
          .map(([n, s]) => [n, [s.cidr, s.accounts]]),
      ),
    ).toEqual({
      'pool-shared': ['10.0.0.0/20', [['333333333333']]],
      'tenant-acme': ['10.0.16.0/20', [['222222222222']]],
      'tenant-globex': ['10.0.32.0/20', [['222222222222']]],
      'tenant-initech': ['10.0.48.0/20', [['333333333333']]],
    });
    expect(demo.stacks['peering-acme--globex'].accounts).toEqual([['222222222222']]);
  });

  it('pins the addresses of stateful resources of a dedicated tenant', () => {
    expect(demo.stacks['tenant-acme'].stateful).toEqual([
      'aws_backup_vault.BackupVault_3A9C5852',
      'aws_backup_vault.MonthlyBackupVault_330C2AD3',
      'aws_cloudwatch_log_group.Bastion_SessionLogs_F454C74B',
      'aws_cloudwatch_log_group.Database_LogIamDbAuthError_8FA80886',
      'aws_cloudwatch_log_group.Database_LogPostgresql_074561DA',
      'aws_cloudwatch_log_group.Database_LogUpgrade_29A8AA2B',
      'aws_cloudwatch_log_group.acme_flow_logs',
      'aws_db_instance.Database_B269D8BB',
      'aws_kms_key.DataKey_17AFBB84',
    ]);
  });

  it('pins the addresses of stateful resources of each pooled tenant and of an account baseline', () => {
    const pool = demo.stacks['pool-shared'].stateful;
    for (const tenant of ['umbrella', 'hooli', 'stark']) {
      const own = pool.filter((a) => a.includes(`Tenant-${tenant}_`));
      expect(own.filter((a) => /aws_(db_instance|kms_key|backup_vault)\./.test(a)).map((a) => a.split('.')[0])).toEqual([
        'aws_backup_vault',
        'aws_backup_vault',
        'aws_db_instance',
        'aws_kms_key',
      ]);
    }
    expect(demo.stacks['baseline-security'].stateful).toEqual([
      'aws_cloudwatch_log_group.Baseline_Trail_LogGroup_2F0EB54A',
      'aws_cloudwatch_log_group.Baseline_us-east-1_RdsOsMetrics_A847780B',
      'aws_kms_key.Baseline_AuditKey_E3A5D987',
      'aws_kms_key.Baseline_us-east-1_EbsKey_3EFF448B',
      'aws_kms_key.Baseline_us-east-1_RdsOsMetrics_Key_4DEF628E',
      'aws_s3_bucket.Baseline_AccessLogBucket_1039C0C9',
      'aws_s3_bucket.Baseline_AuditBucket_184CE555',
      'aws_s3_bucket.Baseline_ConfigBucket_84CCD758',
    ]);
  });

  it('keeps every other tenant where it was when a tenant is added at the end and one is removed from the middle', () => {
    const changed: HipaaConfigInput = {
      ...DEMO_CONFIG,
      tenants: [
        ...(DEMO_CONFIG.tenants ?? []).filter((t) => t.id !== 'globex' && t.id !== 'hooli'),
        { id: 'wayne', mode: 'dedicated' },
        { id: 'cyberdyne', mode: 'pooled', pool: 'shared' },
      ],
    };
    const next = synthAll(changed, demo.lock);
    for (const name of ['tenant-initech', 'baseline-security', 'baseline-workloads-a', 'baseline-workloads-b']) {
      expect(next.stacks[name]).toEqual(demo.stacks[name]);
    }
    // acme loses only the network ACL rule that admitted its removed peer globex.
    const withoutGlobex = (view: StackView) => ({ ...view, addresses: view.addresses.filter((a) => !a.includes('_peer_globex_')) });
    expect(next.stacks['tenant-acme']).toEqual(withoutGlobex(demo.stacks['tenant-acme']));
    expect(demo.stacks['tenant-acme'].addresses).toContain('aws_network_acl_rule.acme_app_acl_ingress_peer_globex_443');
    // The pool loses hooli's resources and gains cyberdyne's; umbrella's and stark's do not move.
    const pooled = (view: StackView, tenant: string) => view.addresses.filter((a) => a.includes(`Tenant-${tenant}_`));
    for (const tenant of ['umbrella', 'stark']) expect(pooled(next.stacks['pool-shared'], tenant)).toEqual(pooled(demo.stacks['pool-shared'], tenant));
    expect(pooled(next.stacks['pool-shared'], 'hooli')).toEqual([]);
    expect(next.stacks['pool-shared'].cidr).toBe(demo.stacks['pool-shared'].cidr);
    expect(next.stacks['tenant-globex']).toBeUndefined();
    expect(next.stacks['peering-acme--globex']).toBeUndefined();
    // The newcomer takes a free block, never a placed tenant's.
    const taken = Object.values(demo.stacks)
      .map((s) => s.cidr)
      .filter((c) => c && c !== demo.stacks['tenant-globex'].cidr);
    expect(taken).not.toContain(next.stacks['tenant-wayne'].cidr);
  });
});
