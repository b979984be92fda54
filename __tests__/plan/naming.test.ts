import type { HipaaConfig } from '../../lib/config/schema';
import {
  baselineStackName,
  checkName,
  namingProblems,
  peeringConnectionId,
  peeringStackName,
  poolStackName,
  tenantResourceNames,
  tenantStackName,
  workspaceName,
} from '../../lib/plan/naming';
import { makeConfig } from './fixtures';

describe('stack names', () => {
  test.each([
    [tenantStackName, 'acme', 'tenant-acme'],
    [poolStackName, 'shared', 'pool-shared'],
    [peeringStackName, 'acme--beta', 'peering-acme--beta'],
    [baselineStackName, 'prod-a', 'baseline-prod-a'],
  ])('%p names %s %s', (fn, id, expected) => {
    expect(fn(id)).toBe(expected);
  });

  test.each([
    ['acme', 'beta', 'acme--beta'],
    ['beta', 'acme', 'acme--beta'],
    ['pool-a', 'acme-b', 'acme-b--pool-a'],
  ])('joins %s and %s into the sorted connection id %s', (a, b, expected) => {
    expect(peeringConnectionId(a, b)).toBe(expected);
  });

  test.each([
    [{ type: 'tfc' as const, organization: 'corp', workspacePrefix: 'hipaa' }, 'hipaa-tenant-acme'],
    [{ type: 'tfc' as const, organization: 'corp' }, 'acme-tenant-acme'],
    [{ type: 'local' as const }, 'acme-tenant-acme'],
  ])('derives the workspace of a stack from backend %j as %s', (backend, expected) => {
    expect(workspaceName(makeConfig({ backend }), 'tenant-acme')).toBe(expected);
  });
});

describe('tenantResourceNames', () => {
  it('derives every AWS name of a tenant from organization, id, account and Region', () => {
    expect(tenantResourceNames('acme', 'beta', '111111111111', 'us-east-1')).toEqual({
      bastionRoleName: 'acme-beta-bastion',
      dbIdentifier: 'acme-beta-db',
      kmsAlias: 'alias/acme/beta/data',
      bucketName: 'acme-beta-111111111111-us-east-1',
    });
  });
});

describe('checkName', () => {
  test.each<[Parameters<typeof checkName>[0], string, boolean, string | undefined]>([
    ['iamRole', 'a'.repeat(64), false, undefined],
    ['iamRole', 'a'.repeat(65), true, undefined],
    ['iamRole', 'has space', false, 'IAM role names allow only'],
    ['rdsIdentifier', 'acme-db', false, undefined],
    ['rdsIdentifier', 'a'.repeat(64), true, undefined],
    ['rdsIdentifier', 'acme--db', false, 'two consecutive hyphens'],
    ['rdsIdentifier', 'acme-', false, 'cannot end with a hyphen'],
    ['rdsIdentifier', '1acme', false, 'start with a letter'],
    ['rdsIdentifier', 'Acme', false, 'lowercase'],
    ['kmsAlias', 'alias/acme/beta/data', false, undefined],
    ['kmsAlias', 'alias/aws/acme', false, 'reserved for AWS managed keys'],
    ['kmsAlias', 'acme/data', false, 'KMS aliases are alias/'],
    ['s3Bucket', 'acme-beta-111111111111-us-east-1', false, undefined],
    ['s3Bucket', 'a'.repeat(64), true, undefined],
    ['s3Bucket', 'ab', false, 'at least 3 characters'],
    ['s3Bucket', 'Acme', false, 'lowercase letters'],
    ['s3Bucket', 'acme..beta', false, 'two adjacent dots'],
    ['s3Bucket', '192.168.1.1', false, 'IP address'],
    ['s3Bucket', 'sthree-acme', false, 'cannot start with'],
    ['s3Bucket', 'acme-s3alias', false, 'reserved suffix'],
    ['tfcWorkspace', 'a'.repeat(90), false, undefined],
    ['tfcWorkspace', 'a'.repeat(91), true, undefined],
    ['tfcWorkspace', 'a.b', false, 'only letters, digits'],
  ])('checks %s "%s": too long %s, breaks %s', (kind, name, tooLong, broken) => {
    const result = checkName(kind, name);
    expect(result.tooLong).toBe(tooLong);
    if (broken === undefined) expect(result.broken).toEqual([]);
    else expect(result.broken).toEqual([expect.stringContaining(broken)]);
  });
});

describe('namingProblems', () => {
  it('accepts the names of an ordinary config', () => {
    expect(namingProblems(makeConfig({ tenants: [{ id: 'beta' }] }))).toEqual([]);
  });

  it('reports a tenant id that makes the bucket name too long, with the limit and the longest id that fits', () => {
    const config = makeConfig({ organization: 'a'.repeat(20), tenants: [{ id: 'b'.repeat(20) }] });
    const problems = namingProblems(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'HIPAA_NAME_TOO_LONG', path: 'tenants[0].id', value: 'b'.repeat(20) });
    expect(problems[0].message).toBe(`makes the S3 bucket name "${'a'.repeat(20)}-${'b'.repeat(20)}-111111111111-us-east-1" 64 characters; at most 63 are allowed`);
    expect(problems[0].fix).toBe('shorten it to at most 19 characters, or shorten organization');
  });

  it('measures a pooled tenant bucket in its pool Region', () => {
    const config = makeConfig({
      organization: 'a'.repeat(20),
      accounts: [{ name: 'prod-a', id: '111111111111', regions: ['ap-southeast-2'] }],
      pools: [{ id: 'shared', region: 'ap-southeast-2' }],
      tenants: [{ id: 'b'.repeat(15), mode: 'pooled', pool: 'shared' }],
    });
    expect(namingProblems(config).map((p) => p.message)).toEqual([expect.stringContaining('-ap-southeast-2" 64 characters')]);
  });

  it('reports names over the IAM and RDS limits (reachable when the organization is long)', () => {
    const base = makeConfig({ tenants: [{ id: 'beta' }] });
    const config: HipaaConfig = { ...base, organization: 'o'.repeat(60) };
    const what = namingProblems(config).map((p) => p.message.split('"')[0]);
    expect(what).toEqual(['makes the IAM role name ', 'makes the RDS DB identifier ', 'makes the S3 bucket name ']);
    expect(namingProblems(config)[0].fix).toBe('shorten organization; no id fits the IAM role name limit with it');
  });

  test.each([
    ['organization', { organization: 'ac--me' }, 'organization'],
    ['a tenant id', { tenants: [{ id: 'be--ta' }] }, 'tenants[0].id'],
    ['a pool id', { pools: [{ id: 'sha--red' }] }, 'pools[0].id'],
  ])('reports a double hyphen in %s', (_name, input, path) => {
    const problems = namingProblems(makeConfig(input));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'HIPAA_NAME_DOUBLE_HYPHEN', path });
  });

  it('reports Terraform Cloud workspace names over 90 characters for every kind of stack', () => {
    const config = makeConfig({
      backend: { type: 'tfc', organization: 'corp', workspacePrefix: 'w'.repeat(70) },
      accounts: [{ name: 'p'.repeat(24), id: '111111111111' }],
      pools: [{ id: 'q'.repeat(20), peers: [{ tenant: 'r'.repeat(20) }] }],
      tenants: [{ id: 'r'.repeat(20) }],
    });
    expect(namingProblems(config).map((p) => [p.path, p.message.match(/^makes the ([^"]+) "/)?.[1]])).toEqual([
      ['accounts[0].name', 'Terraform Cloud workspace name'],
      ['pools[0].id', 'Terraform Cloud workspace name'],
      ['pools[0].peers[0].tenant', 'Terraform Cloud workspace name'],
      ['tenants[0].id', 'Terraform Cloud workspace name'],
    ]);
  });
});
