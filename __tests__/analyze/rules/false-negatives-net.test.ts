/**
 * False negatives of the non-policy rules: Terraform a reviewer would write to slip an insecure
 * setting past the pack. Each case is the smallest document that is insecure (or undecidable) and
 * must be reported; the compliant cases show the rules still pass what is fine.
 */
import { evaluate } from '../../../lib/analyze/rules/engine';
import { HIPAA_PACK } from '../../../lib/analyze/rules';
import type { Finding, JsonObject, JsonValue, StackDocument } from '../../../lib/analyze/rules/types';
import { KEY, KEY_ARN, tf, type Resources } from './fixtures/helpers';
import { ACCOUNT } from './fixtures/secure';

/**
 * Each half of the IPv4 internet as 128 /8 blocks: no single block is wider than a registry
 * allocation, so only their union can open a port to the internet (what the union tests need).
 */
const LOW_HALF = Array.from({ length: 128 }, (_, i) => `${i}.0.0.0/8`);
const HIGH_HALF = Array.from({ length: 128 }, (_, i) => `${i + 128}.0.0.0/8`);

interface Case {
  readonly rule: string;
  readonly name: string;
  readonly docs: StackDocument[];
  /** true: the finding must be undecided; false: decided; absent: either. */
  readonly undecided?: boolean;
  /** The address that must be reported; defaults to any. */
  readonly address?: string;
}

function findings(ruleId: string, docs: StackDocument[]): readonly Finding[] {
  const rule = HIPAA_PACK.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return evaluate(docs, { rules: [rule], accountRules: 'always', now: new Date('2026-01-01T00:00:00Z') }).findings;
}

/** One stack in `region` (account 111111111111) holding `resources`, `data` and `variable`s. */
function inRegion(region: string, resources: Resources, data: Resources = {}, variable: JsonObject = {}): StackDocument[] {
  return [
    {
      name: 'fixture',
      json: {
        provider: { aws: [{ region, allowed_account_ids: [ACCOUNT] }] },
        resource: resources,
        ...(Object.keys(data).length > 0 ? { data } : {}),
        ...(Object.keys(variable).length > 0 ? { variable } : {}),
      },
    },
  ];
}

const withVars = (resources: Resources, variable: JsonObject, data: Resources = {}) => inRegion('us-east-1', resources, data, variable);

// ---------------------------------------------------------------------------------------------
// Security groups: the internet split into pieces, rules that add up, expressions.
// ---------------------------------------------------------------------------------------------

const SG = { aws_security_group: { g: { name: 'g', vpc_id: 'vpc-123' } } };
const G = '${aws_security_group.g.id}';
const inline = (...ingress: JsonObject[]) => tf({ aws_security_group: { g: { name: 'g', vpc_id: 'vpc-123', ingress } } });
const tcp = (from: number, to: number, cidrs: JsonValue, extra: JsonObject = {}): JsonObject => ({ protocol: 'tcp', from_port: from, to_port: to, cidr_blocks: cidrs, ...extra });
const sgRule = (cfg: JsonObject): JsonObject => ({ type: 'ingress', security_group_id: G, ...cfg });
const rules = (byName: Record<string, JsonObject>, extra: Resources = {}) => tf({ ...SG, aws_security_group_rule: byName, ...extra });
const vpcRules = (byName: Record<string, JsonObject>) =>
  tf({ ...SG, aws_vpc_security_group_ingress_rule: Object.fromEntries(Object.entries(byName).map(([k, v]) => [k, { security_group_id: G, ...v }])) });
/** Every public IPv4 address except 10.0.0.0/8 (a private range), in eight CIDRs. */
const ALL_BUT_TEN = ['0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/1'];

/** Ways to open `port` (TCP) to the internet without writing 0.0.0.0/0. */
function openPort(rule: string, port: number): Case[] {
  return [
    { rule, name: `half the internet, 0.0.0.0/1, alone for port ${port}`, docs: inline(tcp(port, port, ['0.0.0.0/1'])), undecided: false },
    { rule, name: `a public /7, wider than any registry allocation, for port ${port}`, docs: inline(tcp(port, port, ['8.0.0.0/7'])), undecided: false },
    { rule, name: `every /8 of the internet in one inline rule for port ${port}`, docs: inline(tcp(port, port, [...LOW_HALF, ...HIGH_HALF])), undecided: false },
    { rule, name: `four 0.0.0.0/2 quarters for port ${port}`, docs: inline(tcp(port, port, ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'])), undecided: false },
    {
      rule,
      name: `two halves in two aws_security_group_rule resources of one group, port ${port} (the rule is reported)`,
      docs: rules({ a: sgRule(tcp(port, port, LOW_HALF)), b: sgRule(tcp(port, port, HIGH_HALF)) }),
      address: 'aws_security_group_rule.a',
      undecided: false,
    },
    {
      rule,
      name: `two halves in two aws_security_group_rule resources of one group, port ${port} (the group is reported)`,
      docs: rules({ a: sgRule(tcp(port, port, LOW_HALF)), b: sgRule(tcp(port, port, HIGH_HALF)) }),
      address: 'aws_security_group.g',
      undecided: false,
    },
    {
      rule,
      name: `an inline half and an attached half of one group, port ${port}`,
      docs: tf({ aws_security_group: { g: { name: 'g', ingress: [tcp(port, port, LOW_HALF)] } }, aws_security_group_rule: { b: sgRule(tcp(port, port, HIGH_HALF)) } }),
      address: 'aws_security_group_rule.b',
      undecided: false,
    },
    {
      rule,
      name: `IPv6 ::/1 + 8000::/1 in two aws_vpc_security_group_ingress_rule, port ${port}`,
      docs: vpcRules({
        a: { ip_protocol: 'tcp', from_port: port, to_port: port, cidr_ipv6: '::/1' },
        b: { ip_protocol: 'tcp', from_port: port, to_port: port, cidr_ipv6: '8000::/1' },
      }),
      address: 'aws_vpc_security_group_ingress_rule.a',
      undecided: false,
    },
    { rule, name: `the IPv6 internet 2000::/3 on port ${port}`, docs: inline({ ...tcp(port, port, []), ipv6_cidr_blocks: ['2000::/3'] }), undecided: false },
    { rule, name: `every public IPv4 address but 10.0.0.0/8 on port ${port}`, docs: inline(tcp(port, port, ALL_BUT_TEN)), undecided: false },
    { rule, name: `a host address with a /0 mask (1.2.3.4/0) on port ${port}`, docs: inline(tcp(port, port, ['1.2.3.4/0'])), undecided: false },
    {
      rule,
      name: `a port range 0-65535 with protocol "6" covering ${port}`,
      docs: rules({ a: sgRule({ protocol: '6', from_port: 0, to_port: 65535, cidr_blocks: [...LOW_HALF, ...HIGH_HALF] }) }),
      undecided: false,
    },
    {
      rule,
      name: `protocol "-1" with ports 0-0 (all traffic) covers ${port}`,
      docs: inline({ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: [...LOW_HALF, ...HIGH_HALF] }),
      undecided: false,
    },
    { rule, name: `protocol "all" covers ${port}`, docs: rules({ a: sgRule({ protocol: 'all', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }) }), undecided: false },
    {
      rule,
      name: `ip_protocol "-1" on aws_vpc_security_group_ingress_rule covers ${port}`,
      docs: vpcRules({ a: { ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' } }),
      undecided: false,
    },
    {
      rule,
      name: `two rules on the same literal sg- id add up, port ${port}`,
      docs: tf({
        aws_security_group_rule: {
          a: { type: 'ingress', security_group_id: 'sg-1', ...tcp(port, port, LOW_HALF) },
          b: { type: 'ingress', security_group_id: 'sg-1', ...tcp(port, port, HIGH_HALF) },
        },
      }),
      undecided: false,
    },
    {
      rule,
      name: `a customer prefix list holding 0.0.0.0/0, port ${port}`,
      docs: tf({
        aws_ec2_managed_prefix_list: { p: { name: 'p', address_family: 'IPv4', max_entries: 1, entry: [{ cidr: '0.0.0.0/0' }] } },
        aws_security_group: { g: { name: 'g', ingress: [tcp(port, port, [], { prefix_list_ids: ['${aws_ec2_managed_prefix_list.p.id}'] })] } },
      }),
      undecided: false,
    },
    {
      rule,
      name: `port numbers written as strings ("${port}")`,
      docs: inline({ protocol: 'tcp', from_port: String(port), to_port: String(port), cidr_blocks: ['0.0.0.0/0'] }),
      undecided: false,
    },
    // Undecidable: the engine must not skip these.
    {
      rule,
      name: `an aws_security_group_rule whose type is an expression (port ${port})`,
      docs: rules({ a: sgRule({ type: '${var.direction}', ...tcp(port, port, ['0.0.0.0/0']) }) }),
      undecided: true,
    },
    { rule, name: `an aws_security_group_rule without a type (port ${port})`, docs: rules({ a: { security_group_id: G, ...tcp(port, port, ['0.0.0.0/0']) } }), undecided: true },
    {
      rule,
      name: `a protocol that is an expression (port ${port})`,
      docs: inline({ protocol: '${var.protocol}', from_port: port, to_port: port, cidr_blocks: ['0.0.0.0/0'] }),
      undecided: true,
    },
    { rule, name: `a from_port that is an expression (port ${port})`, docs: rules({ a: sgRule(tcp(0, port, ['0.0.0.0/0'], { from_port: '${var.from}' })) }), undecided: true },
    { rule, name: `cidr_blocks that is one expression (port ${port})`, docs: inline(tcp(port, port, '${var.cidrs}')), undecided: true },
    { rule, name: `cidr_blocks built with concat (port ${port})`, docs: rules({ a: sgRule(tcp(port, port, '${concat(var.office, ["0.0.0.0/1"])}')) }), undecided: true },
    { rule, name: `a CIDR element that is an expression next to a half (port ${port})`, docs: inline(tcp(port, port, ['8.8.0.0/16', '${var.other_half}'])), undecided: true },
    {
      rule,
      name: `a cidr_ipv4 that is a variable (port ${port})`,
      docs: vpcRules({ a: { ip_protocol: 'tcp', from_port: port, to_port: port, cidr_ipv4: '${var.cidr}' } }),
      undecided: true,
    },
    {
      rule,
      name: `a dynamic "ingress" block (port ${port})`,
      docs: tf({ aws_security_group: { g: { name: 'g', dynamic: { ingress: { for_each: '${var.rules}', content: tcp(port, port, ['0.0.0.0/0']) } } } } }),
      undecided: true,
    },
    { rule, name: `ingress that is an expression (port ${port})`, docs: tf({ aws_security_group: { g: { name: 'g', ingress: '${var.ingress}' } } }), undecided: true },
    { rule, name: `a prefix list id the engine cannot read (port ${port})`, docs: inline(tcp(port, port, [], { prefix_list_ids: ['pl-0123456789abcdef0'] })), undecided: true },
    { rule, name: `a CIDR that is not a CIDR ("0.0.0.0/0 " typo'd as "0.0.0.0") on port ${port}`, docs: inline(tcp(port, port, ['0.0.0.0'])), undecided: true },
  ];
}

const NETWORK: Case[] = [
  ...openPort('HIPAA-VPC-005', 22),
  ...openPort('HIPAA-VPC-006', 3389),
  ...openPort('HIPAA-VPC-006', 3306),
  ...openPort('HIPAA-VPC-007', 22),
  { rule: 'HIPAA-VPC-005', name: 'a port range 20-25 from both IPv4 halves', docs: inline(tcp(20, 25, [...LOW_HALF, ...HIGH_HALF])), undecided: false },
  {
    rule: 'HIPAA-VPC-007',
    name: 'UDP 443 from the internet is not the authorized TCP 443',
    docs: inline({ protocol: 'udp', from_port: 443, to_port: 443, cidr_blocks: [...LOW_HALF, ...HIGH_HALF] }),
    undecided: false,
  },
  { rule: 'HIPAA-VPC-007', name: 'TCP 443-444 split into halves', docs: inline(tcp(443, 444, LOW_HALF), tcp(443, 444, HIGH_HALF)), undecided: false },
  {
    rule: 'HIPAA-VPC-007',
    name: 'ICMP from the internet split into halves',
    docs: inline({ protocol: 'icmp', from_port: -1, to_port: -1, cidr_blocks: [...LOW_HALF, ...HIGH_HALF] }),
    undecided: false,
  },
  {
    rule: 'HIPAA-VPC-007',
    name: 'protocol 50 (ESP) from the internet',
    docs: rules({ a: sgRule({ protocol: '50', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }) }),
    undecided: false,
  },
  {
    rule: 'HIPAA-VPC-005',
    name: 'an aws_default_security_group admitting SSH from the internet',
    docs: tf({ aws_default_security_group: { d: { vpc_id: 'vpc-1', ingress: [tcp(22, 22, ['0.0.0.0/0'])] } } }),
    undecided: false,
  },
];

const halves = (holder: Resources) =>
  tf({
    aws_security_group: { a: { name: 'a', ingress: [tcp(22, 22, LOW_HALF)] }, b: { name: 'b', ingress: [tcp(22, 22, HIGH_HALF)] } },
    ...holder,
  });
const BOTH = ['${aws_security_group.a.id}', '${aws_security_group.b.id}'];

NETWORK.push(
  {
    rule: 'HIPAA-VPC-005',
    name: 'two groups, one half each, on one instance (the interface admits their union)',
    docs: halves({ aws_instance: { i: { ami: 'ami-1', vpc_security_group_ids: BOTH } } }),
    address: 'aws_security_group.a',
    undecided: false,
  },
  {
    rule: 'HIPAA-VPC-005',
    name: 'two groups, one half each, on one launch template interface',
    docs: halves({ aws_launch_template: { lt: { network_interfaces: [{ security_groups: BOTH }] } } }),
    address: 'aws_security_group.b',
    undecided: false,
  },
  {
    rule: 'HIPAA-VPC-005',
    name: 'two groups, one half each, on one network interface',
    docs: halves({ aws_network_interface: { n: { subnet_id: 'subnet-1', security_groups: BOTH } } }),
    undecided: false,
  },
);

const NETWORK_OK: Case[] = [
  {
    rule: 'HIPAA-VPC-005',
    name: 'two groups with one half each that no resource attaches together',
    docs: halves({ aws_instance: { i: { ami: 'ami-1', vpc_security_group_ids: [BOTH[0]] }, j: { ami: 'ami-1', vpc_security_group_ids: [BOTH[1]] } } }),
  },
  { rule: 'HIPAA-VPC-005', name: 'SSH from a private /8 only', docs: inline(tcp(22, 22, ['10.0.0.0/8'])) },
  { rule: 'HIPAA-VPC-005', name: 'SSH from one public /8 (as wide as a registry allocation, not wider)', docs: inline(tcp(22, 22, ['8.0.0.0/8'])) },
  { rule: 'HIPAA-VPC-005', name: 'halves of the internet on different ports do not add up', docs: inline(tcp(22, 22, LOW_HALF), tcp(23, 23, HIGH_HALF)) },
  {
    rule: 'HIPAA-VPC-005',
    name: 'an egress rule of the internet with a variable description is not ingress',
    docs: rules({ e: { type: 'egress', security_group_id: G, description: '${var.d}', ...tcp(22, 22, ['0.0.0.0/0']) } }),
  },
  {
    rule: 'HIPAA-VPC-005',
    name: 'a private-range rule with an unknown port cannot open the internet',
    docs: inline(tcp(0, 0, ['10.0.0.0/8'], { from_port: '${var.p}', to_port: '${var.p}' })),
  },
  { rule: 'HIPAA-VPC-007', name: 'HTTPS from the internet split into halves', docs: inline(tcp(443, 443, LOW_HALF), tcp(443, 443, HIGH_HALF)) },
];

// ---------------------------------------------------------------------------------------------
// Customer-managed KMS keys: variables, locals, AWS-managed aliases, partitions.
// ---------------------------------------------------------------------------------------------

type KeyFixture = (key: JsonValue, extra?: Resources, data?: Resources, variable?: JsonObject) => StackDocument[];
const docsWith =
  (build: (key: JsonValue) => Resources): KeyFixture =>
  (key, extra = {}, data = {}, variable = {}) =>
    withVars({ ...build(key), ...extra }, variable, data);

/** Every rule that requires a customer-managed key, with the smallest resource that holds it. */
const KEY_RULES: Record<string, KeyFixture> = {
  'HIPAA-BK-001': docsWith((k) => ({ aws_backup_vault: { v: { name: 'v', kms_key_arn: k } } })),
  'HIPAA-CT-001': docsWith((k) => ({ aws_cloudtrail: { t: { name: 't', s3_bucket_name: 'audit', kms_key_id: k } } })),
  'HIPAA-CT-006': docsWith((k) => ({
    aws_cloudtrail: {
      t: {
        name: 't',
        s3_bucket_name: 'audit',
        is_multi_region_trail: true,
        include_global_service_events: true,
        enable_log_file_validation: true,
        kms_key_id: k,
        cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.g.arn}:*',
      },
    },
    aws_cloudwatch_log_group: { g: { name: 'g' } },
  })),
  'HIPAA-CW-001': docsWith((k) => ({ aws_cloudwatch_log_group: { g: { name: 'g', kms_key_id: k } } })),
  'HIPAA-EC2-010': docsWith((k) => ({ aws_ebs_default_kms_key: { d: { key_arn: k } } })),
  'HIPAA-RDS-002': docsWith((k) => ({ aws_db_instance: { d: { engine: 'postgres', instance_class: 'db.t4g.micro', storage_encrypted: true, kms_key_id: k } } })),
  'HIPAA-RDS-012': docsWith((k) => ({
    aws_db_instance: { d: { engine: 'postgres', instance_class: 'db.t4g.micro', manage_master_user_password: true, master_user_secret_kms_key_id: k } },
  })),
  'HIPAA-RDS-013': docsWith((k) => ({
    aws_db_instance: { d: { engine: 'postgres', instance_class: 'db.t4g.micro', performance_insights_enabled: true, performance_insights_kms_key_id: k } },
  })),
  'HIPAA-RDS-016': docsWith((k) => ({ aws_rds_cluster: { c: { engine: 'aurora-postgresql', storage_encrypted: true, kms_key_id: k } } })),
  'HIPAA-RDS-023': docsWith((k) => ({ aws_rds_cluster: { c: { engine: 'aurora-postgresql', manage_master_user_password: true, master_user_secret_kms_key_id: k } } })),
  'HIPAA-S3-002': docsWith((k) => ({
    aws_s3_bucket: { b: { bucket: 'phi' } },
    aws_s3_bucket_server_side_encryption_configuration: {
      b: { bucket: '${aws_s3_bucket.b.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: k } }] },
    },
  })),
  'HIPAA-SM-002': docsWith((k) => ({ aws_secretsmanager_secret: { s: { name: 's', kms_key_id: k } } })),
  'HIPAA-SNS-001': docsWith((k) => ({ aws_sns_topic: { t: { name: 't', kms_master_key_id: k } } })),
  'HIPAA-SQS-001': docsWith((k) => ({ aws_sqs_queue: { q: { name: 'q', kms_master_key_id: k } } })),
  'HIPAA-SSM-002': docsWith((k) => ({
    aws_ssm_document: {
      d: {
        name: 'SSM-SessionManagerRunShell',
        document_type: 'Session',
        document_format: 'JSON',
        content: JSON.stringify({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { cloudWatchLogGroupName: '/s', cloudWatchEncryptionEnabled: true, kmsKeyId: k } }),
      },
    },
  })),
};

const MANAGED_DEFAULT = { k: { type: 'string', default: 'alias/aws/rds' } };

function keyCases(rule: string, build: KeyFixture): Case[] {
  return [
    { rule, name: 'a variable whose default is the AWS-managed alias/aws/rds', docs: build('${var.k}', {}, {}, MANAGED_DEFAULT), undecided: true },
    {
      rule,
      name: 'a variable whose default is a customer key ARN (tfvars can override it)',
      docs: build('${var.k}', {}, {}, { k: { type: 'string', default: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' } }),
      undecided: true,
    },
    { rule, name: 'a local value', docs: build('${local.k}'), undecided: true },
    { rule, name: 'a module output', docs: build('${module.keys.arn}'), undecided: true },
    { rule, name: 'a conditional expression', docs: build('${var.custom ? aws_kms_key.k.arn : "alias/aws/rds"}', KEY), undecided: true },
    { rule, name: 'an alias ARN of the China partition in us-east-1', docs: build('arn:aws-cn:kms:cn-north-1:111111111111:alias/phi'), undecided: false },
    { rule, name: 'a bare key id', docs: build('1234abcd-12ab-34cd-56ef-1234567890ab'), undecided: true },
    {
      rule,
      name: 'a data.aws_kms_key looking up a variable',
      docs: build('${data.aws_kms_key.d.arn}', {}, { aws_kms_key: { d: { key_id: '${var.k}' } } }, MANAGED_DEFAULT),
      undecided: true,
    },
    { rule, name: 'the literal AWS-managed alias alias/aws/rds', docs: build('alias/aws/rds'), undecided: false },
    { rule, name: 'the AWS-managed alias as an ARN', docs: build('arn:aws:kms:us-east-1:111111111111:alias/aws/rds'), undecided: false },
    {
      rule,
      name: 'a data.aws_kms_alias of an AWS-managed alias',
      docs: build('${data.aws_kms_alias.d.target_key_arn}', {}, { aws_kms_alias: { d: { name: 'alias/aws/secretsmanager' } } }),
      undecided: false,
    },
    {
      rule,
      name: 'a key ARN of the GovCloud partition in us-east-1',
      docs: build('arn:aws-us-gov:kms:us-gov-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
      undecided: false,
    },
    { rule, name: 'an attribute of a key that is not its id or ARN', docs: build('${aws_kms_key.k.description}', KEY), undecided: true },
  ];
}

const KEYS: Case[] = Object.entries(KEY_RULES).flatMap(([rule, build]) => keyCases(rule, build));
const KEYS_OK: Case[] = Object.entries(KEY_RULES).flatMap(([rule, build]) => [
  { rule, name: 'a reference to an aws_kms_key', docs: build(KEY_ARN, KEY) },
  { rule, name: 'a literal customer key ARN', docs: build('arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab') },
  { rule, name: 'a literal customer alias (KMS lets an alias point only at a customer-managed key: CreateAlias, UpdateAlias)', docs: build('alias/phi') },
  { rule, name: 'a data.aws_kms_alias of a customer alias', docs: build('${data.aws_kms_alias.d.target_key_arn}', {}, { aws_kms_alias: { d: { name: 'alias/phi' } } }) },
  {
    rule,
    name: 'an aws_kms_alias targeting an aws_kms_key',
    docs: build('${aws_kms_alias.a.arn}', { ...KEY, aws_kms_alias: { a: { name: 'alias/phi', target_key_id: '${aws_kms_key.k.key_id}' } } }),
  },
]);

// ---------------------------------------------------------------------------------------------
// GovCloud: ARNs in the partition of the resource's Region (AWS General Reference, ARNs).
// ---------------------------------------------------------------------------------------------

const dyn = (content: JsonObject) => ({ for_each: '${var.items}', content });
const GOV = 'us-gov-west-1';
const GOV_KEY = 'arn:aws-us-gov:kms:us-gov-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const govKey = (build: (k: string) => Resources) => (k: string) => inRegion(GOV, build(k));
const govVault = govKey((k) => ({ aws_backup_vault: { v: { name: 'v', kms_key_arn: k } } }));
const govLogs = govKey((k) => ({ aws_cloudwatch_log_group: { g: { name: 'g', kms_key_id: k } } }));
const govSecret = govKey((k) => ({ aws_secretsmanager_secret: { s: { name: 's', kms_key_id: k } } }));
const ssmInstance = (region: string, policyArn: JsonValue, extra: Resources = {}) =>
  inRegion(region, {
    aws_subnet: { s: { vpc_id: 'vpc-1', cidr_block: '10.0.0.0/24' } },
    aws_instance: { i: { ami: 'ami-1', instance_type: 't4g.micro', subnet_id: '${aws_subnet.s.id}', iam_instance_profile: '${aws_iam_instance_profile.p.name}' } },
    aws_iam_role: { r: { assume_role_policy: '{}' } },
    aws_iam_instance_profile: { p: { role: '${aws_iam_role.r.name}' } },
    aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.r.name}', policy_arn: policyArn } },
    ...extra,
  });
const govListener = (certificate: string) =>
  inRegion(GOV, { aws_lb: { a: { name: 'a' } }, aws_lb_listener: { l: { load_balancer_arn: '${aws_lb.a.arn}', port: 443, protocol: 'HTTPS', certificate_arn: certificate } } });
const govElb = (certificate: string, protocol: JsonValue = 'https') =>
  inRegion(GOV, {
    aws_elb: {
      e: {
        name: 'e',
        availability_zones: ['us-gov-west-1a'],
        listener: [{ instance_port: 443, instance_protocol: 'https', lb_port: 443, lb_protocol: protocol, ssl_certificate_id: certificate }],
      },
    },
  });

const PARTITION: Case[] = [
  {
    rule: 'HIPAA-BK-001',
    name: 'a GovCloud vault with a key ARN of the aws partition',
    docs: govVault('arn:aws:kms:us-gov-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    undecided: false,
  },
  {
    rule: 'HIPAA-BK-001',
    name: 'a GovCloud vault with the AWS-managed GovCloud alias ARN',
    docs: govVault('arn:aws-us-gov:kms:us-gov-west-1:111111111111:alias/aws/backup'),
    undecided: false,
  },
  {
    rule: 'HIPAA-BK-001',
    name: 'a GovCloud vault with a China key ARN',
    docs: govVault('arn:aws-cn:kms:cn-north-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    undecided: false,
  },
  {
    rule: 'HIPAA-CW-001',
    name: 'a GovCloud log group with an aws-partition key ARN',
    docs: govLogs('arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    undecided: false,
  },
  { rule: 'HIPAA-SM-002', name: 'a GovCloud secret with an aws-partition alias ARN', docs: govSecret('arn:aws:kms:us-gov-west-1:111111111111:alias/phi'), undecided: false },
  {
    rule: 'HIPAA-EC2-007',
    name: 'a GovCloud instance role with the aws-partition SSM policy ARN (names nothing there)',
    docs: ssmInstance(GOV, 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'),
    undecided: false,
  },
  {
    rule: 'HIPAA-EC2-007',
    name: 'a customer policy named AmazonSSMManagedInstanceCore',
    docs: ssmInstance('us-east-1', 'arn:aws:iam::111111111111:policy/AmazonSSMManagedInstanceCore'),
    undecided: false,
  },
  { rule: 'HIPAA-EC2-007', name: 'a policy_arn that is a variable', docs: ssmInstance('us-east-1', '${var.policy}'), undecided: true },
  { rule: 'HIPAA-EC2-007', name: 'a data.aws_iam_policy of another policy', docs: ssmInstance('us-east-1', '${data.aws_iam_policy.p.arn}'), undecided: true },
  { rule: 'HIPAA-ELB-006', name: 'a GovCloud listener with an aws-partition ACM ARN', docs: govListener('arn:aws:acm:us-east-1:111111111111:certificate/c'), undecided: false },
  {
    rule: 'HIPAA-ELB-006',
    name: 'a GovCloud listener with an IAM server certificate',
    docs: govListener('arn:aws-us-gov:iam::111111111111:server-certificate/c'),
    undecided: false,
  },
  { rule: 'HIPAA-ELB-006', name: 'a GovCloud listener with a China ACM ARN', docs: govListener('arn:aws-cn:acm:cn-north-1:111111111111:certificate/c'), undecided: false },
  { rule: 'HIPAA-ELB-009', name: 'a GovCloud classic ELB with an aws-partition ACM ARN', docs: govElb('arn:aws:acm:us-east-1:111111111111:certificate/c'), undecided: false },
  {
    rule: 'HIPAA-ELB-009',
    name: 'a classic ELB listener whose protocol is an expression',
    docs: govElb('arn:aws-us-gov:iam::111111111111:server-certificate/c', '${var.protocol}'),
    undecided: true,
  },
  { rule: 'HIPAA-ELB-009', name: 'a classic ELB listener whose certificate is a variable', docs: govElb('${var.certificate}'), undecided: true },
];

const govSelected = (target: Resources, pattern: JsonValue) =>
  inRegion(GOV, { ...target, aws_backup_selection: { s: { name: 's', plan_id: 'p', iam_role_arn: 'arn:aws-us-gov:iam::111111111111:role/backup', resources: [pattern] } } });
const GOV_DB = { aws_db_instance: { d: { engine: 'postgres', identifier: 'acme', instance_class: 'db.t4g.medium' } } };
const GOV_CLUSTER = { aws_rds_cluster: { c: { engine: 'aurora-postgresql', cluster_identifier: 'acme', backup_retention_period: 35 } } };
const GOV_VOLUME = { aws_ebs_volume: { v: { availability_zone: 'us-gov-west-1a', size: 10, encrypted: true } } };
const s3Trail = (selector: JsonObject) => tf({ aws_cloudtrail: { t: { name: 't', s3_bucket_name: 'a', ...selector } } });

PARTITION.push(
  { rule: 'HIPAA-RDS-010', name: 'a GovCloud database selected only by an aws-partition ARN pattern', docs: govSelected(GOV_DB, 'arn:aws:rds:*:*:db:*'), undecided: false },
  { rule: 'HIPAA-RDS-010', name: 'a GovCloud database selected by a China ARN pattern', docs: govSelected(GOV_DB, 'arn:aws-cn:rds:*:*:db:*'), undecided: false },
  { rule: 'HIPAA-RDS-010', name: 'a GovCloud database selected by a pattern that is a variable', docs: govSelected(GOV_DB, '${var.pattern}'), undecided: false },
  {
    rule: 'HIPAA-RDS-019',
    name: 'a GovCloud cluster selected only by an aws-partition ARN pattern',
    docs: govSelected(GOV_CLUSTER, 'arn:aws:rds:*:*:cluster:*'),
    undecided: false,
  },
  { rule: 'HIPAA-RDS-019', name: 'a GovCloud cluster selected by a database pattern', docs: govSelected(GOV_CLUSTER, 'arn:aws-us-gov:rds:*:*:db:*'), undecided: false },
  { rule: 'HIPAA-RDS-019', name: 'a GovCloud cluster selected by another cluster name', docs: govSelected(GOV_CLUSTER, 'arn:aws-us-gov:rds:*:*:cluster:other'), undecided: false },
  { rule: 'HIPAA-EC2-008', name: 'a GovCloud volume selected only by an aws-partition ARN pattern', docs: govSelected(GOV_VOLUME, 'arn:aws:ec2:*:*:volume/*'), undecided: false },
  { rule: 'HIPAA-EC2-008', name: 'a GovCloud volume selected by an instance pattern', docs: govSelected(GOV_VOLUME, 'arn:aws-us-gov:ec2:*:*:instance/*'), undecided: false },
  { rule: 'HIPAA-EC2-008', name: 'a GovCloud volume selected by an aws-cn pattern', docs: govSelected(GOV_VOLUME, 'arn:aws-cn:ec2:*:*:volume/*'), undecided: false },
  {
    rule: 'HIPAA-CT-007',
    name: 'a trail recording only S3 reads',
    docs: s3Trail({ event_selector: [{ read_write_type: 'ReadOnly', data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] }),
    undecided: false,
  },
  {
    rule: 'HIPAA-CT-007',
    name: 'a trail whose S3 data resources are a variable',
    docs: s3Trail({ event_selector: [{ data_resource: [{ type: 'AWS::S3::Object', values: '${var.buckets}' }] }] }),
    undecided: true,
  },
  {
    rule: 'HIPAA-CT-007',
    name: 'a trail whose event selectors are dynamic',
    docs: s3Trail({ dynamic: { event_selector: dyn({ data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }) } }),
  },
);

const PARTITION_OK: Case[] = [
  { rule: 'HIPAA-RDS-010', name: 'a GovCloud database selected by a GovCloud ARN pattern', docs: govSelected(GOV_DB, 'arn:aws-us-gov:rds:*:*:db:*') },
  { rule: 'HIPAA-RDS-019', name: 'a GovCloud cluster selected by a GovCloud ARN pattern', docs: govSelected(GOV_CLUSTER, 'arn:aws-us-gov:rds:*:*:cluster:*') },
  { rule: 'HIPAA-EC2-008', name: 'a GovCloud volume selected by a GovCloud ARN pattern', docs: govSelected(GOV_VOLUME, 'arn:aws-us-gov:ec2:*:*:volume/*') },
  {
    rule: 'HIPAA-CT-007',
    name: 'a GovCloud trail recording S3 data events of its partition',
    docs: inRegion(GOV, {
      aws_cloudtrail: { t: { name: 't', s3_bucket_name: 'a', event_selector: [{ data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws-us-gov:s3'] }] }] } },
    }),
  },
  { rule: 'HIPAA-BK-001', name: 'a GovCloud vault with a GovCloud key ARN', docs: govVault(GOV_KEY) },
  { rule: 'HIPAA-CW-001', name: 'a GovCloud log group with a GovCloud key ARN', docs: govLogs(GOV_KEY) },
  { rule: 'HIPAA-SM-002', name: 'a GovCloud secret with a GovCloud alias ARN', docs: govSecret('arn:aws-us-gov:kms:us-gov-west-1:111111111111:alias/phi') },
  { rule: 'HIPAA-EC2-007', name: 'a GovCloud instance role with the GovCloud SSM policy', docs: ssmInstance(GOV, 'arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore') },
  { rule: 'HIPAA-EC2-007', name: 'the SSM policy through data.aws_iam_policy by its ARN', docs: ssmInstance('us-east-1', '${data.aws_iam_policy.p.arn}', {}) },
  { rule: 'HIPAA-ELB-006', name: 'a GovCloud listener with a GovCloud ACM certificate', docs: govListener('arn:aws-us-gov:acm:us-gov-west-1:111111111111:certificate/c') },
  { rule: 'HIPAA-ELB-009', name: 'a GovCloud classic ELB with a GovCloud ACM certificate', docs: govElb('arn:aws-us-gov:acm:us-gov-west-1:111111111111:certificate/c') },
];
// The data sources the EC2-007 data.aws_iam_policy cases read.
function byName(cases: Case[], name: string): Case {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name}`);
  return c;
}
(byName(PARTITION_OK, 'the SSM policy through data.aws_iam_policy by its ARN').docs[0].json as { data?: unknown }).data = {
  aws_iam_policy: { p: { arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' } },
};
(byName(PARTITION, 'a data.aws_iam_policy of another policy').docs[0].json as { data?: unknown }).data = { aws_iam_policy: { p: { name: '${var.policy_name}' } } };

// ---------------------------------------------------------------------------------------------
// dynamic blocks: neither absent-and-fine nor present-and-fine.
// ---------------------------------------------------------------------------------------------

const DYNAMIC: Case[] = [
  {
    rule: 'HIPAA-EC2-002',
    name: 'a launch template whose network_interfaces are dynamic',
    docs: tf({ aws_launch_template: { lt: { dynamic: { network_interfaces: dyn({ associate_public_ip_address: true }) } } } }),
    undecided: true,
  },
  {
    rule: 'HIPAA-EC2-006',
    name: 'a launch template whose block_device_mappings are dynamic',
    docs: tf({ aws_launch_template: { lt: { dynamic: { block_device_mappings: dyn({ ebs: { encrypted: false } }) } } } }),
    undecided: true,
  },
  {
    rule: 'HIPAA-EC2-006',
    name: 'an instance whose ebs_block_device is dynamic',
    docs: tf({ aws_instance: { i: { root_block_device: { encrypted: true }, dynamic: { ebs_block_device: dyn({ encrypted: false }) } } } }),
    undecided: true,
  },
  {
    rule: 'HIPAA-VPC-002',
    name: 'a default security group with dynamic ingress',
    docs: tf({ aws_default_security_group: { d: { vpc_id: 'vpc-1', dynamic: { ingress: dyn({ protocol: '-1', from_port: 0, to_port: 0 }) } } } }),
    undecided: true,
  },
  {
    rule: 'HIPAA-VPC-004',
    name: 'a route table whose routes are dynamic',
    docs: tf({ aws_route_table: { t: { vpc_id: 'vpc-1', dynamic: { route: dyn({ cidr_block: '0.0.0.0/0', gateway_id: 'igw-1' }) } } } }),
    undecided: true,
  },
  {
    rule: 'HIPAA-ELB-007',
    name: 'a classic ELB with dynamic listeners',
    docs: tf({ aws_elb: { e: { name: 'e', dynamic: { listener: dyn({ lb_protocol: 'http' }) } } } }),
    undecided: true,
  },
  {
    rule: 'HIPAA-ELB-009',
    name: 'a classic ELB with dynamic listeners (certificates)',
    docs: tf({ aws_elb: { e: { name: 'e', dynamic: { listener: dyn({ lb_protocol: 'https', ssl_certificate_id: 'arn:aws:iam::1:server-certificate/c' }) } } } }),
    undecided: true,
  },
  {
    rule: 'HIPAA-S3-002',
    name: 'an encryption configuration whose default is a dynamic block inside its rule',
    docs: tf({
      ...KEY,
      aws_s3_bucket: { b: { bucket: 'phi' } },
      aws_s3_bucket_server_side_encryption_configuration: {
        b: { bucket: '${aws_s3_bucket.b.id}', rule: [{ dynamic: { apply_server_side_encryption_by_default: dyn({ sse_algorithm: 'AES256' }) } }] },
      },
    }),
  },
  {
    rule: 'HIPAA-RDS-011',
    name: 'a parameter group whose parameters are dynamic',
    docs: tf({
      aws_db_parameter_group: {
        p: { name: 'pg', family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '1' }], dynamic: { parameter: dyn({ name: 'rds.force_ssl', value: '0' }) } },
      },
      aws_db_instance: { d: { engine: 'postgres', parameter_group_name: '${aws_db_parameter_group.p.name}' } },
    }),
    address: 'aws_db_instance.d',
    undecided: true,
  },
  {
    rule: 'HIPAA-BK-003',
    name: 'a backup plan whose rules are dynamic next to a good one',
    docs: tf({
      aws_backup_plan: {
        p: {
          name: 'p',
          rule: [{ rule_name: 'r', target_vault_name: 'v', schedule: 'cron(0 5 ? * * *)', lifecycle: { delete_after: 35 } }],
          dynamic: { rule: dyn({ rule_name: 'x' }) },
        },
      },
    }),
    undecided: true,
  },
  {
    rule: 'HIPAA-CT-005',
    name: 'a trail whose event selectors are dynamic',
    docs: tf({ aws_cloudtrail: { t: { name: 't', s3_bucket_name: 'a', is_multi_region_trail: true, dynamic: { event_selector: dyn({ read_write_type: 'ReadOnly' }) } } } }),
    undecided: true,
  },
  {
    rule: 'HIPAA-SM-001',
    name: 'a rotation whose rotation_rules are dynamic',
    docs: tf({
      aws_secretsmanager_secret: { s: { name: 's' } },
      aws_secretsmanager_secret_rotation: {
        r: {
          secret_id: '${aws_secretsmanager_secret.s.id}',
          rotation_rules: { automatically_after_days: 30 },
          dynamic: { rotation_rules: dyn({ automatically_after_days: 900 }) },
        },
      },
    }),
    address: 'aws_secretsmanager_secret.s',
    undecided: true,
  },
];

// ---------------------------------------------------------------------------------------------
// Values the rules read that could be 'unknown' and were treated as a pass; lists that are expressions.
// ---------------------------------------------------------------------------------------------

const trail = (cfg: JsonObject) => ({
  aws_cloudtrail: {
    t: { name: 't', s3_bucket_name: 'audit', is_multi_region_trail: true, include_global_service_events: true, enable_log_file_validation: true, kms_key_id: KEY_ARN, ...cfg },
  },
  ...KEY,
});
const recorder = (group: JsonObject) =>
  tf({
    aws_config_configuration_recorder: { r: { name: 'default', role_arn: 'arn:aws:iam::111111111111:role/config', recording_group: group } },
    aws_config_configuration_recorder_status: { s: { name: 'default', is_enabled: true } },
    aws_config_delivery_channel: { c: { name: 'default', s3_bucket_name: 'config' } },
  });
const rotation = (rules: JsonObject) =>
  tf({ aws_secretsmanager_secret: { s: { name: 's' } }, aws_secretsmanager_secret_rotation: { r: { secret_id: '${aws_secretsmanager_secret.s.id}', rotation_rules: rules } } });
const alarm = (cfg: JsonObject) => tf({ aws_cloudwatch_metric_alarm: { a: { alarm_name: 'a', alarm_actions: ['arn:aws:sns:us-east-1:111111111111:t'], ...cfg } } });
const snapshot = (shared: JsonValue) => tf({ aws_db_snapshot: { s: { db_instance_identifier: 'd', db_snapshot_identifier: 's', shared_accounts: shared } } });
const pg = (cfg: JsonObject) => tf({ aws_db_instance: { d: { engine: 'postgres', instance_class: 'db.t4g.micro', ...cfg } } });
const routes = (table: Resources, ...r: JsonObject[]) =>
  tf({ aws_internet_gateway: { g: { vpc_id: 'vpc-1' } }, ...table, aws_route: Object.fromEntries(r.map((x, i) => [`r${i}`, x])) });
const TABLE = { aws_route_table: { t: { vpc_id: 'vpc-1' } } };
const toIgw = (cidr: string, extra: JsonObject = {}) => ({
  route_table_id: '${aws_route_table.t.id}',
  destination_cidr_block: cidr,
  gateway_id: '${aws_internet_gateway.g.id}',
  ...extra,
});

const securityAlarms = (filterGroup: JsonValue, trailGroupArn: JsonValue, alarm: JsonObject = {}) => {
  const events = [
    ['root', '{ $.userIdentity.type = "Root" }'],
    ['denied', '{ $.errorCode = "AccessDenied*" }'],
    ['mfa', '{ $.eventName = "ConsoleLogin" && $.additionalEventData.MFAUsed != "Yes" }'],
  ];
  return tf({
    aws_cloudwatch_log_group: { trail: { name: 'trail' }, other: { name: 'app' } },
    aws_cloudtrail: { t: { name: 't', s3_bucket_name: 'audit', cloud_watch_logs_group_arn: trailGroupArn } },
    aws_cloudwatch_log_metric_filter: Object.fromEntries(
      events.map(([id, pattern]) => [id, { name: id, pattern, log_group_name: filterGroup, metric_transformation: { name: id, namespace: 'H', value: '1' } }]),
    ),
    aws_cloudwatch_metric_alarm: Object.fromEntries(
      events.map(([id]) => [id, { alarm_name: id, metric_name: id, namespace: 'H', alarm_actions: ['arn:aws:sns:us-east-1:111111111111:sec'], ...alarm }]),
    ),
  });
};
const TRAIL_GROUP = '${aws_cloudwatch_log_group.trail.arn}:*';

const VALUES: Case[] = [
  {
    rule: 'HIPAA-CW-004',
    name: 'security metric filters on a log group no trail delivers to',
    docs: securityAlarms('${aws_cloudwatch_log_group.other.name}', TRAIL_GROUP),
    undecided: false,
  },
  {
    rule: 'HIPAA-CW-004',
    name: 'security alarms whose actions are disabled',
    docs: securityAlarms('${aws_cloudwatch_log_group.trail.name}', TRAIL_GROUP, { actions_enabled: false }),
    undecided: false,
  },
  { rule: 'HIPAA-CW-004', name: 'security metric filters on a log group that is a variable', docs: securityAlarms('${var.group}', TRAIL_GROUP), undecided: true },
  { rule: 'HIPAA-CW-004', name: 'security metric filters while the trail delivers nowhere', docs: securityAlarms('${aws_cloudwatch_log_group.trail.name}', ''), undecided: false },
  { rule: 'HIPAA-CW-003', name: 'an alarm whose actions_enabled is an expression', docs: alarm({ actions_enabled: '${var.notify}' }), undecided: true },
  { rule: 'HIPAA-CW-003', name: 'an alarm with actions_enabled "false" as a string', docs: alarm({ actions_enabled: 'false' }), undecided: false },
  { rule: 'HIPAA-CW-003', name: 'an alarm whose alarm_actions is an expression', docs: alarm({ alarm_actions: '${var.topics}' }), undecided: true },
  { rule: 'HIPAA-CT-006', name: 'a trail whose CloudWatch log group is a variable', docs: tf(trail({ cloud_watch_logs_group_arn: '${var.log_group_arn}' })), undecided: true },
  { rule: 'HIPAA-CT-006', name: 'a trail whose CloudWatch log group is an empty string', docs: tf(trail({ cloud_watch_logs_group_arn: '' })), undecided: false },
  { rule: 'HIPAA-CT-006', name: 'a trail whose CloudWatch log group is a local', docs: tf(trail({ cloud_watch_logs_group_arn: '${local.group}:*' })), undecided: true },
  { rule: 'HIPAA-CFG-001', name: 'a recorder whose all_supported is an expression', docs: recorder({ all_supported: '${var.all}' }), undecided: true },
  {
    rule: 'HIPAA-CFG-001',
    name: 'a recorder whose recording strategy is an expression',
    docs: recorder({ all_supported: true, recording_strategy: { use_only: '${var.strategy}' } }),
    undecided: true,
  },
  { rule: 'HIPAA-CFG-001', name: 'a recorder with all_supported "false" as a string', docs: recorder({ all_supported: 'false' }), undecided: false },
  { rule: 'HIPAA-SM-001', name: 'a rotation every 1000 days by schedule_expression', docs: rotation({ schedule_expression: 'rate(1000 days)' }), undecided: false },
  { rule: 'HIPAA-SM-001', name: 'a rotation whose schedule_expression is a variable', docs: rotation({ schedule_expression: '${var.schedule}' }), undecided: true },
  { rule: 'HIPAA-SM-001', name: 'a rotation whose schedule_expression is not a schedule', docs: rotation({ schedule_expression: 'whenever' }), undecided: true },
  { rule: 'HIPAA-RDS-014', name: 'a snapshot shared with "ALL" in capitals', docs: snapshot(['ALL']), undecided: false },
  { rule: 'HIPAA-RDS-014', name: 'a snapshot shared with a list holding a variable', docs: snapshot(['222222222222', '${var.extra}']), undecided: true },
  { rule: 'HIPAA-RDS-014', name: 'a snapshot shared with concat(...)', docs: snapshot('${concat(var.accounts, ["all"])}'), undecided: true },
  { rule: 'HIPAA-RDS-009', name: 'log exports that are one variable', docs: pg({ enabled_cloudwatch_logs_exports: '${var.exports}' }), undecided: true },
  { rule: 'HIPAA-RDS-009', name: 'log exports built with concat', docs: pg({ enabled_cloudwatch_logs_exports: '${concat(var.a, var.b)}' }), undecided: true },
  { rule: 'HIPAA-RDS-009', name: 'log exports holding a number', docs: pg({ enabled_cloudwatch_logs_exports: [1] }), undecided: true },
  { rule: 'HIPAA-RDS-001', name: 'storage_encrypted "false" as a string', docs: pg({ storage_encrypted: 'false' }), undecided: false },
  { rule: 'HIPAA-RDS-004', name: 'backup_retention_period "1" as a string', docs: pg({ backup_retention_period: '1' }), undecided: false },
  {
    rule: 'HIPAA-VPC-004',
    name: 'routes 0.0.0.0/1 and 128.0.0.0/1 of one table to an internet gateway',
    docs: routes(TABLE, toIgw('0.0.0.0/1'), toIgw('128.0.0.0/1')),
    address: 'aws_route.r0',
    undecided: false,
  },
  {
    rule: 'HIPAA-VPC-004',
    name: 'an inline half and a separate half of one table to an internet gateway',
    docs: routes({ aws_route_table: { t: { vpc_id: 'vpc-1', route: [{ cidr_block: '0.0.0.0/1', gateway_id: 'igw-1' }] } } }, toIgw('128.0.0.0/1')),
    address: 'aws_route_table.t',
    undecided: false,
  },
  {
    rule: 'HIPAA-VPC-004',
    name: 'IPv6 halves to an internet gateway',
    docs: routes(
      TABLE,
      { route_table_id: '${aws_route_table.t.id}', destination_ipv6_cidr_block: '::/1', gateway_id: 'igw-1' },
      { route_table_id: '${aws_route_table.t.id}', destination_ipv6_cidr_block: '8000::/1', gateway_id: 'igw-1' },
    ),
    address: 'aws_route.r0',
    undecided: false,
  },
  {
    rule: 'HIPAA-VPC-004',
    name: 'a half plus a destination that is a variable',
    docs: routes(TABLE, toIgw('0.0.0.0/1'), toIgw('${var.rest}')),
    address: 'aws_route.r1',
    undecided: true,
  },
];

const VALUES_OK: Case[] = [
  { rule: 'HIPAA-CW-004', name: "security metric filters on the trail's log group", docs: securityAlarms('${aws_cloudwatch_log_group.trail.name}', TRAIL_GROUP) },
  {
    rule: 'HIPAA-CW-004',
    name: "security metric filters on the trail's log group named literally",
    docs: securityAlarms('trail', 'arn:aws:logs:us-east-1:111111111111:log-group:trail:*'),
  },
  { rule: 'HIPAA-SM-001', name: 'a rotation every 30 days by schedule_expression', docs: rotation({ schedule_expression: 'rate(30 days)' }) },
  {
    rule: 'HIPAA-CT-006',
    name: 'a trail delivering to a log group it references',
    docs: tf({ ...trail({ cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.g.arn}:*' }), aws_cloudwatch_log_group: { g: { name: 'g' } } }),
  },
  {
    rule: 'HIPAA-VPC-004',
    name: 'two halves to different tables',
    docs: tf({
      aws_route: {
        a: { route_table_id: 'rtb-1', destination_cidr_block: '0.0.0.0/1', gateway_id: 'igw-1' },
        b: { route_table_id: 'rtb-2', destination_cidr_block: '10.0.0.0/8', gateway_id: 'igw-1' },
      },
    }),
  },
  { rule: 'HIPAA-RDS-014', name: 'a snapshot shared with one named account', docs: snapshot(['222222222222']) },
];

// ---------------------------------------------------------------------------------------------

function reported(c: Case): Finding[] {
  return findings(c.rule, c.docs).filter((f) => f.ruleId === c.rule && f.status === 'non_compliant' && (c.address === undefined || f.address === c.address));
}

describe.each([
  ['security groups', NETWORK],
  ['customer-managed keys', KEYS],
  ['partitions', PARTITION],
  ['dynamic blocks', DYNAMIC],
  ['values and lists the rules read', VALUES],
])('false negatives: %s', (_title, cases) => {
  it.each(cases.map((c) => [`${c.rule} reports ${c.name}`, c] as const))('%s', (_name, c) => {
    const bad = reported(c);
    expect(bad.map((f) => f.address)).not.toEqual([]);
    if (c.undecided === true) expect(bad.every((f) => f.undecided === true)).toBe(true);
    if (c.undecided === false) expect(bad.some((f) => f.undecided === undefined)).toBe(true);
  });
});

describe.each([
  ['security groups', NETWORK_OK],
  ['customer-managed keys', KEYS_OK],
  ['partitions', PARTITION_OK],
  ['values and lists the rules read', VALUES_OK],
])('still compliant: %s', (_title, cases) => {
  it.each(cases.map((c) => [`${c.rule} passes ${c.name}`, c] as const))('%s', (_name, c) => {
    const all = findings(c.rule, c.docs).filter((f) => f.ruleId === c.rule);
    expect(all.filter((f) => f.status === 'non_compliant').map((f) => `${f.address}: ${f.message}`)).toEqual([]);
  });
});
