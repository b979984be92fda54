import { Construct } from 'constructs';
import { TenantNetwork, DEFAULT_INTERFACE_ENDPOINTS } from '../../lib/constructs/network/tenant-network';
import { tenantNetworkOutputs } from '../../lib/constructs/network/outputs';
import { HipaaStack } from '../../stacks/hipaa-stack';
import {
  ACCOUNT,
  Body,
  PUBLIC_SUBNETS,
  TWO_AZ_SUBNETS,
  TfJson,
  addresses,
  networkProps,
  policyOf,
  problemCodes,
  ref,
  rendered,
  resources,
  synthJson,
  tenantKey,
  testStack,
} from './helpers';

const SUBNET_NAMES = ['acme_app_az0', 'acme_app_az1', 'acme_data_az0', 'acme_data_az1'];

describe('TenantNetwork without egress', () => {
  let json: TfJson;
  let network: TenantNetwork;
  let keyName: string;
  let stack: HipaaStack;

  beforeAll(() => {
    stack = testStack();
    const key = tenantKey(stack);
    network = new TenantNetwork(stack, 'Network', networkProps(key));
    tenantNetworkOutputs(stack, network);
    json = synthJson(stack);
    keyName = Object.keys(resources(json, 'aws_kms_key'))[0];
  });

  it('creates the VPC with DNS support and DNS hostnames, tagged for peering lookups', () => {
    expect(resources(json, 'aws_vpc')).toEqual({
      acme: expect.objectContaining({
        cidr_block: '10.1.0.0/16',
        enable_dns_support: true,
        enable_dns_hostnames: true,
        tags: { Name: 'acme', HipaaNetwork: 'acme' },
      }),
    });
  });

  it('has no internet gateway, NAT gateway, elastic IP, public subnet or route out', () => {
    expect(resources(json, 'aws_internet_gateway')).toEqual({});
    expect(resources(json, 'aws_nat_gateway')).toEqual({});
    expect(resources(json, 'aws_eip')).toEqual({});
    expect(resources(json, 'aws_route')).toEqual({});
    expect(Object.values(resources(json, 'aws_subnet')).map((s) => s.tags.Tier)).not.toContain('public');
    expect(network.subnetIds.public).toEqual([]);
  });

  it('never maps public IPs on launch and places each subnet as planned', () => {
    const subnets = resources(json, 'aws_subnet');
    expect(Object.keys(subnets).sort()).toEqual(SUBNET_NAMES);
    for (const s of Object.values(subnets)) expect(s.map_public_ip_on_launch).toBe(false);
    expect(subnets.acme_app_az0).toEqual(expect.objectContaining({ cidr_block: '10.1.0.0/20', availability_zone: 'us-east-1a', vpc_id: ref('aws_vpc', 'acme') }));
    expect(subnets.acme_data_az1).toEqual(expect.objectContaining({ cidr_block: '10.1.48.0/20', availability_zone: 'us-east-1b' }));
    expect(subnets.acme_data_az1.tags).toEqual({ Name: 'acme-data-az1', HipaaNetwork: 'acme', Tier: 'data', AzIndex: '1' });
  });

  it('gives every subnet its own route table per tier and AZ, without inline routes', () => {
    const tables = resources(json, 'aws_route_table');
    expect(Object.keys(tables).sort()).toEqual(SUBNET_NAMES);
    for (const t of Object.values(tables)) expect(t).not.toHaveProperty('route');
    expect(tables.acme_app_az1.tags).toEqual({ Name: 'acme-app-az1', HipaaNetwork: 'acme', Tier: 'app', AzIndex: '1' });
    const associations = resources(json, 'aws_route_table_association');
    expect(Object.keys(associations).sort()).toEqual(SUBNET_NAMES);
    for (const name of SUBNET_NAMES) {
      expect(associations[name]).toEqual({ subnet_id: ref('aws_subnet', name), route_table_id: ref('aws_route_table', name) });
    }
  });

  it('manages the default security group with no rules at all', () => {
    expect(resources(json, 'aws_default_security_group')).toEqual({
      acme: expect.objectContaining({ vpc_id: ref('aws_vpc', 'acme'), ingress: [], egress: [] }),
    });
  });

  it('manages the default network ACL with no rules, every subnet moved to its tier ACL', () => {
    const acl = resources(json, 'aws_default_network_acl').acme;
    expect(acl.default_network_acl_id).toBe(ref('aws_vpc', 'acme', 'default_network_acl_id'));
    expect(acl.ingress).toEqual([]);
    expect(acl.egress).toEqual([]);
    expect(acl.lifecycle).toEqual({ ignore_changes: ['subnet_ids'] });
    const acls = resources(json, 'aws_network_acl');
    expect(Object.keys(acls).sort()).toEqual(['acme_app', 'acme_data']);
    expect([...acls.acme_app.subnet_ids, ...acls.acme_data.subnet_ids].sort()).toEqual(SUBNET_NAMES.map((n) => ref('aws_subnet', n)));
  });

  // NACLs are stateless and evaluated in rule-number order; the lowest matching rule wins.
  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
  it('lets no network ACL admit SSH or RDP from the internet: a lower-numbered deny comes first', () => {
    const rules = Object.values(resources(json, 'aws_network_acl_rule')) as Body[];
    const inbound = (acl: string) =>
      rules.filter((r) => r.network_acl_id === ref('aws_network_acl', acl, 'id') && r.egress === false).sort((a, b) => a.rule_number - b.rule_number);
    const covers = (r: Body, protocol: string, port: number) =>
      (r.protocol === '-1' || r.protocol === protocol) && (r.protocol === '-1' || (r.from_port <= port && port <= r.to_port));
    for (const acl of ['acme_app', 'acme_data']) {
      for (const [protocol, port] of [
        ['tcp', 22],
        ['tcp', 3389],
        ['udp', 3389],
      ] as const) {
        const first = inbound(acl).find((r) => covers(r, protocol, port) && r.cidr_block === '0.0.0.0/0');
        expect([acl, protocol, port, first?.rule_action]).toEqual([acl, protocol, port, 'deny']);
      }
    }
  });

  it('admits into the data tier only the database ports from the app subnets, and replies from the VPC', () => {
    const s2 = testStack();
    const net = new TenantNetwork(s2, 'Network', networkProps(tenantKey(s2)));
    net.allowDatabasePort(5432);
    net.allowDatabasePort(5432);
    const rules = Object.values(resources(synthJson(s2), 'aws_network_acl_rule')) as Body[];
    const dataIn = rules.filter((r) => r.network_acl_id === ref('aws_network_acl', 'acme_data', 'id') && r.egress === false && r.rule_action === 'allow');
    const appCidrs = networkProps(tenantKey(testStack()))
      .subnets.filter((x) => x.tier === 'app')
      .map((x) => x.cidr);
    expect(dataIn.map((r) => [r.protocol, r.cidr_block, r.from_port, r.to_port]).sort()).toEqual(
      [...appCidrs.map((c) => ['tcp', c, 5432, 5432]), ['tcp', '10.1.0.0/16', 1024, 65535]].sort(),
    );
    const dataOut = rules.filter((r) => r.network_acl_id === ref('aws_network_acl', 'acme_data', 'id') && r.egress === true);
    expect(dataOut.map((r) => r.cidr_block)).toEqual(['10.1.0.0/16']);
  });

  it('admits a declared peer into the app tier on its declared ports only, keyed by peer and port', () => {
    const s3 = testStack();
    new TenantNetwork(s3, 'Network', { ...networkProps(tenantKey(s3)), inboundPeers: [{ name: 'globex', cidr: '10.9.0.0/16', ports: [443, 5432] }] });
    const rules = resources(synthJson(s3), 'aws_network_acl_rule');
    const peer = Object.entries(rules).filter(([, r]) => r.cidr_block === '10.9.0.0/16');
    expect(peer.map(([n, r]) => [n, r.rule_action, r.protocol, r.from_port, r.to_port]).sort()).toEqual([
      ['acme_app_acl_ingress_peer_globex_443', 'allow', 'tcp', 443, 443],
      ['acme_app_acl_ingress_peer_globex_5432', 'allow', 'tcp', 5432, 5432],
    ]);
    for (const [, r] of peer) expect(r.rule_number).toBeGreaterThanOrEqual(200);
  });

  it('manages the main route table with no routes', () => {
    expect(resources(json, 'aws_default_route_table').acme).toEqual(
      expect.objectContaining({
        default_route_table_id: ref('aws_vpc', 'acme', 'default_route_table_id'),
        route: [],
      }),
    );
  });

  it('records ALL traffic of the VPC in flow logs delivered to CloudWatch Logs through its role', () => {
    expect(resources(json, 'aws_flow_log')).toEqual({
      acme: expect.objectContaining({
        vpc_id: ref('aws_vpc', 'acme'),
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        log_destination: ref('aws_cloudwatch_log_group', 'acme_flow_logs', 'arn'),
        iam_role_arn: ref('aws_iam_role', 'acme_flow_logs', 'arn'),
        max_aggregation_interval: 60,
      }),
    });
  });

  it('keeps flow logs in a log group encrypted with the tenant key for the audit retention (2192 days)', () => {
    expect(resources(json, 'aws_cloudwatch_log_group').acme_flow_logs).toEqual(
      expect.objectContaining({
        name: '/aws/vpc/flow-logs/acme',
        kms_key_id: ref('aws_kms_key', keyName, 'arn'),
        retention_in_days: 2192,
      }),
    );
    const keyPolicy = policyOf(resources(json, 'aws_kms_key')[keyName].policy);
    expect(keyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/vpc/flow-logs/acme` } },
      }),
    );
  });

  it('lets only the flow logs service of this account assume the delivery role', () => {
    const trust = policyOf(resources(json, 'aws_iam_role').acme_flow_logs.assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Sid: 'VpcFlowLogsDelivery',
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
          ArnLike: { 'aws:SourceArn': `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc-flow-log/*` },
        },
      },
    ]);
  });

  it('lets the delivery role write only to its own log group', () => {
    const rolePolicy = resources(json, 'aws_iam_policy').acme_flow_logs;
    expect(resources(json, 'aws_iam_role_policy_attachment').acme_flow_logs).toMatchObject({
      role: ref('aws_iam_role', 'acme_flow_logs', 'name'),
      policy_arn: ref('aws_iam_policy', 'acme_flow_logs', 'arn'),
    });
    const arn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/vpc/flow-logs/acme`;
    expect(policyOf(rolePolicy.policy).Statement).toEqual([
      {
        Sid: 'WriteFlowLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: [arn, `${arn}:*`],
      },
    ]);
  });

  it('creates the six default interface endpoints in the app subnets with private DNS', () => {
    const endpoints = Object.values(resources(json, 'aws_vpc_endpoint')).filter((e) => e.vpc_endpoint_type === 'Interface');
    expect(endpoints.map((e) => e.service_name).sort()).toEqual([...DEFAULT_INTERFACE_ENDPOINTS].map((s) => `com.amazonaws.us-east-1.${s}`).sort());
    for (const e of endpoints) {
      expect(e.private_dns_enabled).toBe(true);
      expect(e.subnet_ids).toEqual([ref('aws_subnet', 'acme_app_az0'), ref('aws_subnet', 'acme_app_az1')]);
      expect(e.security_group_ids).toEqual([ref('aws_security_group', 'acme_endpoints')]);
    }
  });

  it('attaches the S3 gateway endpoint to the app and data route tables', () => {
    expect(resources(json, 'aws_vpc_endpoint').acme_s3_gateway).toEqual(
      expect.objectContaining({
        service_name: 'com.amazonaws.us-east-1.s3',
        vpc_endpoint_type: 'Gateway',
        route_table_ids: ['acme_app_az0', 'acme_app_az1', 'acme_data_az0', 'acme_data_az1'].map((n) => ref('aws_route_table', n)),
      }),
    );
  });

  it('admits only HTTPS from the VPC CIDR to the endpoint security group, and allows no egress', () => {
    const group = resources(json, 'aws_security_group').acme_endpoints;
    expect(group).not.toHaveProperty('ingress');
    expect(group).not.toHaveProperty('egress');
    const onGroup = (rules: Record<string, Body>) => Object.values(rules).filter((r) => r.security_group_id === ref('aws_security_group', 'acme_endpoints'));
    expect(onGroup(resources(json, 'aws_vpc_security_group_ingress_rule'))).toEqual([
      expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.1.0.0/16' }),
    ]);
    expect(onGroup(resources(json, 'aws_vpc_security_group_egress_rule'))).toEqual([]);
  });

  it('exposes ids by tier ordered by AZ index, whatever the order of the plan', () => {
    expect(network.azCount).toBe(2);
    expect(network.vpcCidr).toBe('10.1.0.0/16');
    const resolved = (value: unknown) => rendered(stack, value);
    expect(resolved(network.subnetIds.app)).toEqual([ref('aws_subnet', 'acme_app_az0'), ref('aws_subnet', 'acme_app_az1')]);
    expect(resolved(network.subnetIds.data)).toEqual([ref('aws_subnet', 'acme_data_az0'), ref('aws_subnet', 'acme_data_az1')]);
    expect(resolved(network.routeTableIds.data)).toEqual([ref('aws_route_table', 'acme_data_az0'), ref('aws_route_table', 'acme_data_az1')]);
    expect(resolved(network.endpointSecurityGroupId)).toBe(ref('aws_security_group', 'acme_endpoints'));
    expect(resolved(network.vpcId)).toBe(ref('aws_vpc', 'acme'));
  });

  it('outputs ids under Terraform-style static names with descriptions, without public subnets', () => {
    const outputs = json.output ?? {};
    expect(Object.keys(outputs).sort()).toEqual(['app_route_table_ids', 'app_subnet_ids', 'data_route_table_ids', 'data_subnet_ids', 'vpc_cidr_block', 'vpc_id']);
    for (const o of Object.values(outputs)) expect(o.description).toMatch(/acme/);
    expect(outputs.vpc_id.value).toBe(ref('aws_vpc', 'acme'));
    expect(outputs.vpc_cidr_block.value).toBe('10.1.0.0/16');
    expect(outputs.data_subnet_ids.value).toEqual([ref('aws_subnet', 'acme_data_az0'), ref('aws_subnet', 'acme_data_az1')]);
    expect(outputs.app_route_table_ids.value).toEqual([ref('aws_route_table', 'acme_app_az0'), ref('aws_route_table', 'acme_app_az1')]);
  });
});

describe('TenantNetwork with egress', () => {
  let json: TfJson;

  beforeAll(() => {
    const stack = testStack();
    const network = new TenantNetwork(
      stack,
      'Network',
      networkProps(tenantKey(stack), {
        egress: true,
        subnets: [...TWO_AZ_SUBNETS, ...PUBLIC_SUBNETS],
      }),
    );
    tenantNetworkOutputs(stack, network);
    json = synthJson(stack);
  });

  it('attaches an internet gateway and one NAT gateway with its own elastic IP per AZ, in the public subnets', () => {
    expect(resources(json, 'aws_internet_gateway')).toEqual({ acme: expect.objectContaining({ vpc_id: ref('aws_vpc', 'acme') }) });
    const nats = resources(json, 'aws_nat_gateway');
    expect(Object.keys(nats).sort()).toEqual(['acme_az0', 'acme_az1']);
    expect(nats.acme_az1).toEqual(
      expect.objectContaining({
        subnet_id: ref('aws_subnet', 'acme_public_az1'),
        allocation_id: ref('aws_eip', 'acme_nat_az1', 'allocation_id'),
        connectivity_type: 'public',
      }),
    );
    expect(Object.keys(resources(json, 'aws_eip')).sort()).toEqual(['acme_nat_az0', 'acme_nat_az1']);
  });

  it('keeps map_public_ip_on_launch false even on public subnets', () => {
    const subnets = resources(json, 'aws_subnet');
    expect(subnets.acme_public_az0.map_public_ip_on_launch).toBe(false);
    expect(subnets.acme_public_az1.map_public_ip_on_launch).toBe(false);
  });

  it('routes to the internet from public tables (gateway) and app tables (own-AZ NAT) only: data tables get no route', () => {
    const routes = resources(json, 'aws_route');
    expect(Object.keys(routes).sort()).toEqual(['acme_app_az0_internet', 'acme_app_az1_internet', 'acme_public_az0_internet', 'acme_public_az1_internet']);
    expect(routes.acme_app_az1_internet).toEqual(
      expect.objectContaining({
        route_table_id: ref('aws_route_table', 'acme_app_az1'),
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: ref('aws_nat_gateway', 'acme_az1'),
      }),
    );
    expect(routes.acme_public_az0_internet).toEqual(
      expect.objectContaining({
        route_table_id: ref('aws_route_table', 'acme_public_az0'),
        gateway_id: ref('aws_internet_gateway', 'acme'),
      }),
    );
    const routedTables = Object.values(routes).map((r) => r.route_table_id);
    expect(routedTables.filter((t: string) => t.includes('_data_'))).toEqual([]);
  });

  it('gives the public subnets their own ACL but keeps them off the S3 gateway endpoint', () => {
    expect(resources(json, 'aws_network_acl').acme_public.subnet_ids).toEqual([ref('aws_subnet', 'acme_public_az0'), ref('aws_subnet', 'acme_public_az1')]);
    const s3 = resources(json, 'aws_vpc_endpoint').acme_s3_gateway;
    expect(s3.route_table_ids).toHaveLength(4);
    expect(s3.route_table_ids.join()).not.toContain('public');
  });

  it('outputs the public subnet ids', () => {
    expect(json.output?.public_subnet_ids.value).toEqual([ref('aws_subnet', 'acme_public_az0'), ref('aws_subnet', 'acme_public_az1')]);
  });
});

describe('TenantNetwork Terraform addresses', () => {
  const GOLDEN = [
    'aws_cloudwatch_log_group.acme_flow_logs',
    'aws_default_network_acl.acme',
    'aws_default_route_table.acme',
    'aws_default_security_group.acme',
    'aws_flow_log.acme',
    'aws_iam_policy.acme_flow_logs',
    'aws_iam_role.acme_flow_logs',
    'aws_iam_role_policy_attachment.acme_flow_logs',
    'aws_network_acl.acme_app',
    'aws_network_acl.acme_data',
    'aws_network_acl_rule.acme_app_acl_egress_100',
    'aws_network_acl_rule.acme_app_acl_ingress_10',
    'aws_network_acl_rule.acme_app_acl_ingress_100',
    'aws_network_acl_rule.acme_app_acl_ingress_11',
    'aws_network_acl_rule.acme_app_acl_ingress_12',
    'aws_network_acl_rule.acme_app_acl_ingress_900',
    'aws_network_acl_rule.acme_data_acl_egress_100',
    'aws_network_acl_rule.acme_data_acl_ingress_10',
    'aws_network_acl_rule.acme_data_acl_ingress_11',
    'aws_network_acl_rule.acme_data_acl_ingress_12',
    'aws_network_acl_rule.acme_data_acl_ingress_900',
    'aws_route_table.acme_app_az0',
    'aws_route_table.acme_app_az1',
    'aws_route_table.acme_data_az0',
    'aws_route_table.acme_data_az1',
    'aws_route_table_association.acme_app_az0',
    'aws_route_table_association.acme_app_az1',
    'aws_route_table_association.acme_data_az0',
    'aws_route_table_association.acme_data_az1',
    'aws_security_group.acme_endpoints',
    'aws_subnet.acme_app_az0',
    'aws_subnet.acme_app_az1',
    'aws_subnet.acme_data_az0',
    'aws_subnet.acme_data_az1',
    'aws_vpc.acme',
    'aws_vpc_endpoint.acme_endpoint_ec2messages',
    'aws_vpc_endpoint.acme_endpoint_kms',
    'aws_vpc_endpoint.acme_endpoint_logs',
    'aws_vpc_endpoint.acme_endpoint_secretsmanager',
    'aws_vpc_endpoint.acme_endpoint_ssm',
    'aws_vpc_endpoint.acme_endpoint_ssmmessages',
    'aws_vpc_endpoint.acme_s3_gateway',
    'aws_vpc_security_group_ingress_rule.acme_endpoints_https',
  ];
  const networkAddresses = (json: TfJson) => addresses(json).filter((a) => !a.startsWith('aws_kms_'));
  let flat: TfJson;
  let nested: TfJson;

  beforeAll(() => {
    const a = testStack();
    new TenantNetwork(a, 'Network', networkProps(tenantKey(a)));
    flat = synthJson(a);
    // Same name and AZ indexes, another construct id, nested deeper, subnets in reverse order.
    const b = testStack();
    const wrapper = new Construct(b, 'Tenants');
    const props = networkProps(tenantKey(b));
    new TenantNetwork(wrapper, 'AcmeNetworkRenamed', { ...props, subnets: [...props.subnets].reverse() });
    nested = synthJson(b);
  });

  it('pins the addresses of a 2-AZ network to the tenant name and AZ index', () => {
    expect(networkAddresses(flat)).toEqual(GOLDEN);
  });

  it('keeps every address and its subnet when the construct moves or the plan is reordered', () => {
    expect(networkAddresses(nested)).toEqual(GOLDEN);
    expect(resources(nested, 'aws_subnet')).toEqual(resources(flat, 'aws_subnet'));
  });
});

describe('TenantNetwork options and peer security groups', () => {
  let json: TfJson;
  let network: TenantNetwork;
  let stack: HipaaStack;

  beforeAll(() => {
    stack = testStack();
    network = new TenantNetwork(stack, 'Network', networkProps(tenantKey(stack), { interfaceEndpoints: ['ssm', 'ecr.api'] }));
    network.allowFromPeer({ name: 'beta', cidr: '10.2.0.0/16', ports: [5432, 443, 5432] });
    network.allowToPeer({ name: 'beta', cidr: '10.2.0.0/16', ports: [8443] });
    json = synthJson(stack);
  });

  it('creates exactly the interface endpoints asked for, addressed by service name', () => {
    const interfaces = Object.entries(resources(json, 'aws_vpc_endpoint')).filter(([, e]) => e.vpc_endpoint_type === 'Interface');
    expect(interfaces.map(([name, e]) => [name, e.service_name]).sort()).toEqual([
      ['acme_endpoint_ecr_api', 'com.amazonaws.us-east-1.ecr.api'],
      ['acme_endpoint_ssm', 'com.amazonaws.us-east-1.ssm'],
    ]);
  });

  it('admits only the declared ports from the peer CIDR through peer-from-<peer>', () => {
    expect(resources(json, 'aws_security_group').acme_peer_from_beta).toEqual(expect.objectContaining({ name: 'peer-from-beta', vpc_id: ref('aws_vpc', 'acme') }));
    const rules = Object.entries(resources(json, 'aws_vpc_security_group_ingress_rule')).filter(
      ([, r]) => r.security_group_id === ref('aws_security_group', 'acme_peer_from_beta'),
    );
    expect(rules.map(([name, r]) => [name, r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4])).toEqual([
      ['acme_peer_from_beta_tcp443', 'tcp', 443, 443, '10.2.0.0/16'],
      ['acme_peer_from_beta_tcp5432', 'tcp', 5432, 5432, '10.2.0.0/16'],
    ]);
  });

  it('lets attached workloads reach only the declared ports of the peer through peer-to-<peer>', () => {
    expect(resources(json, 'aws_security_group').acme_peer_to_beta.name).toBe('peer-to-beta');
    expect(resources(json, 'aws_vpc_security_group_egress_rule')).toEqual({
      acme_peer_to_beta_tcp8443: expect.objectContaining({
        security_group_id: ref('aws_security_group', 'acme_peer_to_beta'),
        from_port: 8443,
        to_port: 8443,
        cidr_ipv4: '10.2.0.0/16',
      }),
    });
    expect(rendered(stack, network.peerSecurityGroups['to:beta'].securityGroupId)).toBe(ref('aws_security_group', 'acme_peer_to_beta'));
  });

  it.each([
    ['a peer overlapping the VPC', { name: 'gamma', cidr: '10.1.128.0/17', ports: [443] }, ['HIPAA_NET_PEER_OVERLAP']],
    ['the network itself', { name: 'acme', cidr: '10.2.0.0/16', ports: [443] }, ['HIPAA_NET_PEER_SELF']],
    ['ports outside 1-65535', { name: 'gamma', cidr: '10.3.0.0/16', ports: [0, 65536] }, ['HIPAA_NET_PORT', 'HIPAA_NET_PORT']],
    ['no ports', { name: 'gamma', cidr: '10.3.0.0/16', ports: [] }, ['HIPAA_NET_PORTS_EMPTY']],
    ['a malformed peer CIDR', { name: 'gamma', cidr: '10.3.0/16', ports: [443] }, ['HIPAA_NET_CIDR']],
    ['a peer that already has a group', { name: 'beta', cidr: '10.2.0.0/16', ports: [8080] }, ['HIPAA_NET_PEER_DUPLICATE']],
  ])('refuses to admit %s', (_what, peer, codes) => {
    expect(problemCodes(() => network.allowFromPeer(peer))).toEqual(codes);
  });
});
