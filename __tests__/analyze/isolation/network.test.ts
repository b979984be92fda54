import { IsolationMatrix, SynthesizedStack, analyzeIsolation } from '../../../lib/analyze/isolation';
import { peering, tenantNetwork } from './fixtures/network';
import { tfStack } from './fixtures/terraform';

const A = { name: 'acme', cidr: '10.1.0.0/16' };
const B = { name: 'globex', cidr: '10.2.0.0/16' };
const C = { name: 'initech', cidr: '10.3.0.0/16' };
const base = (): SynthesizedStack[] => [tenantNetwork(A.name, A.cidr), tenantNetwork(B.name, B.cidr), tenantNetwork(C.name, C.cidr), peering(A, B, 'b', 443)];

function network(m: IsolationMatrix, from: string, to: string) {
  const c = m.cells.find((x) => x.principalTenant === from && x.resourceTenant === to && x.kind === 'network');
  if (!c) throw new Error('missing cell');
  return c;
}

const withExtra = (stacks: SynthesizedStack[], name: string, replace: SynthesizedStack) => stacks.map((s) => (s.name === name ? replace : s));

describe('network paths between tenant VPCs', () => {
  let m: IsolationMatrix;
  beforeAll(() => {
    m = analyzeIsolation(base());
  });

  it('marks the declared peering path declared, with its route, security group rule and port', () => {
    const c = network(m, 'globex', 'acme');
    expect(c.verdict).toBe('declared');
    expect(c.evidence).toEqual([
      'declared: declared path globex -> acme: route peering-acme--globex/aws_route.acme__globex_globex_app_az0 (10.1.0.0/16) via peering-acme--globex/aws_vpc_peering_connection.acme__globex; ingress peering-acme--globex/aws_vpc_security_group_ingress_rule.acme__globex_acme_peer_from_globex_tcp443 admits 10.2.0.0/16 on tcp/443',
    ]);
  });

  it('does not open the reverse direction: a route alone is no path', () => {
    expect(network(m, 'acme', 'globex').verdict).toBe('deny');
  });

  it('denies every pair without a peering', () => {
    expect(['acme', 'globex'].map((t) => [network(m, 'initech', t).verdict, network(m, t, 'initech').verdict])).toEqual([
      ['deny', 'deny'],
      ['deny', 'deny'],
    ]);
    expect(m.violations).toEqual([]);
  });

  it('catches an undeclared route to another tenant CIDR through a peering connection not declared', () => {
    const leaky = withExtra(
      base(),
      'tenant-initech',
      tenantNetwork(C.name, C.cidr, {
        aws_route: {
          to_acme: { route_table_id: `\${aws_route_table.initech_app_az0.id}`, destination_cidr_block: '10.1.0.0/16', vpc_peering_connection_id: 'pcx-0123456789abcdef0' },
        },
      }),
    );
    const open = withExtra(
      leaky,
      'tenant-acme',
      tenantNetwork(A.name, A.cidr, {
        aws_vpc_security_group_ingress_rule: { internal: { security_group_id: `\${aws_security_group.workload.id}`, cidr_ipv4: '10.0.0.0/8', ip_protocol: '-1' } },
      }),
    );
    // The route alone reaches nothing: no security group in acme admits initech.
    expect(network(analyzeIsolation(leaky), 'initech', 'acme').verdict).toBe('deny');
    const c = network(analyzeIsolation(open), 'initech', 'acme');
    expect(c.verdict).toBe('allow');
    expect(c.evidence).toEqual([
      'allow: undeclared path initech -> acme: route tenant-initech/aws_route.to_acme (10.1.0.0/16) via an unresolved peering connection; ingress tenant-acme/aws_vpc_security_group_ingress_rule.internal admits 10.0.0.0/8 on all traffic',
    ]);
  });

  it('catches a security group open to a peer CIDR outside the declared peering ports', () => {
    const stacks = withExtra(
      base(),
      'tenant-acme',
      tenantNetwork(A.name, A.cidr, {
        aws_security_group: {
          db: {
            name: 'acme-db',
            vpc_id: `\${aws_vpc.acme.id}`,
            tags: { Tenant: 'acme' },
            ingress: [{ cidr_blocks: ['10.2.0.0/16'], protocol: 'tcp', from_port: 5432, to_port: 5432 }],
          },
        },
      }),
    );
    const c = network(analyzeIsolation(stacks), 'globex', 'acme');
    expect(c.verdict).toBe('allow');
    expect(c.evidence.some((e) => e.includes('undeclared path globex -> acme') && e.includes('tenant-acme/aws_security_group.db.ingress[0] admits 10.2.0.0/16 on tcp/5432'))).toBe(
      true,
    );
  });

  it('answers might-allow for a route whose destination is a Terraform expression', () => {
    const stacks = withExtra(
      base(),
      'tenant-initech',
      tenantNetwork(C.name, C.cidr, {
        aws_route: {
          somewhere: { route_table_id: `\${aws_route_table.initech_app_az0.id}`, destination_cidr_block: `\${var.peer_cidr}`, vpc_peering_connection_id: 'pcx-0123456789abcdef0' },
        },
      }),
    );
    const open = withExtra(
      stacks,
      'tenant-acme',
      tenantNetwork(A.name, A.cidr, {
        aws_vpc_security_group_ingress_rule: {
          internal: { security_group_id: `\${aws_security_group.workload.id}`, cidr_ipv4: '10.3.0.0/16', ip_protocol: 'tcp', from_port: 443, to_port: 443 },
        },
      }),
    );
    expect(network(analyzeIsolation(open), 'initech', 'acme').verdict).toBe('might-allow');
  });
});

describe('database ingress inside a shared (pooled) VPC', () => {
  const shared = (dbIngress: Record<string, object> = {}) => [
    tfStack(
      'pool-shared',
      {
        aws_vpc: { shared: { cidr_block: '10.0.0.0/20', tags: { HipaaNetwork: 'shared' } } },
        aws_security_group: {
          red_workload: { vpc_id: `\${aws_vpc.shared.id}`, tags: { Tenant: 'red' } },
          blue_workload: { vpc_id: `\${aws_vpc.shared.id}`, tags: { Tenant: 'blue' } },
          blue_db: { vpc_id: `\${aws_vpc.shared.id}`, tags: { Tenant: 'blue' } },
          endpoints: { vpc_id: `\${aws_vpc.shared.id}`, tags: { HipaaNetwork: 'shared' } },
        },
        aws_vpc_security_group_ingress_rule: {
          blue_db_from_workload: {
            security_group_id: `\${aws_security_group.blue_db.id}`,
            referenced_security_group_id: `\${aws_security_group.blue_workload.id}`,
            ip_protocol: 'tcp',
            from_port: 5432,
            to_port: 5432,
          },
          ...dbIngress,
        },
        aws_iam_role: {
          red: { name: 'red-app', assume_role_policy: '{}', tags: { Tenant: 'red' } },
          blue: { name: 'blue-app', assume_role_policy: '{}', tags: { Tenant: 'blue' } },
        },
        aws_db_instance: { blue: { identifier: 'blue-db', vpc_security_group_ids: [`\${aws_security_group.blue_db.id}`], tags: { Tenant: 'blue' } } },
      },
      { tenant: 'pool:shared' },
    ),
  ];
  const rule = (source: object) => ({ leak: { security_group_id: `\${aws_security_group.blue_db.id}`, ip_protocol: 'tcp', from_port: 5432, to_port: 5432, ...source } });

  it('admits only the database tenant own workload group', () => {
    expect(network(analyzeIsolation(shared()), 'red', 'blue').verdict).toBe('deny');
  });

  it.each<[string, object, string, string]>([
    ['another tenant workload group', { referenced_security_group_id: `\${aws_security_group.red_workload.id}` }, 'allow', 'a security group of tenant red'],
    ['a shared group with no tenant', { referenced_security_group_id: `\${aws_security_group.endpoints.id}` }, 'allow', 'a security group with no tenant'],
    ['the whole VPC CIDR', { cidr_ipv4: '10.0.0.0/20' }, 'allow', 'the whole shared VPC'],
    ['0.0.0.0/0', { cidr_ipv4: '0.0.0.0/0' }, 'allow', 'the whole shared VPC'],
    ['one subnet of the VPC', { cidr_ipv4: '10.0.1.0/24' }, 'might-allow', 'part of the shared VPC'],
    ['a group id that cannot be resolved', { referenced_security_group_id: 'sg-0123456789abcdef0' }, 'might-allow', 'unresolved source'],
  ])('flags a database rule admitting %s', (_what, source, expected, phrase) => {
    const c = network(analyzeIsolation(shared(rule(source))), 'red', 'blue');
    expect(c.verdict).toBe(expected);
    expect(c.evidence.join('\n')).toContain(phrase);
  });
});
