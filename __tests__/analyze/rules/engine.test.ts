import { evaluate, HIPAA_PACK, violations, type Finding, type Rule, type StackDocument, type Suppression } from '../../../lib/analyze/rules';
import { HipaaValidationError } from '../../../lib/errors';
import { ALL_TRUE, B, tf } from './fixtures/helpers';
import { ACCOUNT, at, baselineStack, SECURE_SUPPRESSIONS, stack, tenantStack } from './fixtures/secure';

const rule = (id: string): Rule => {
  const r = HIPAA_PACK.rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const NOW = new Date('2026-06-01T12:00:00Z');
const findingsOf = (id: string, stacks: StackDocument[], extra: Parameters<typeof evaluate>[1] = {}): readonly Finding[] =>
  evaluate(stacks, { rules: [rule(id)], now: NOW, accountRules: 'always', ...extra }).findings;

describe('self-compliance of a securely configured account', () => {
  let result: ReturnType<typeof evaluate>;
  beforeAll(() => {
    result = evaluate([baselineStack(), tenantStack()], { suppressions: SECURE_SUPPRESSIONS, now: NOW });
  });

  it('has no unsuppressed violations', () => {
    expect(violations(result).map((f) => `${f.ruleId} ${f.stack}:${f.address} ${f.message}`)).toEqual([]);
  });

  it('evaluates account rules for the account because it holds a baseline', () => {
    expect(result.accounts).toEqual([{ account: ACCOUNT, stacks: ['account-baseline', 'tenant-acme'], accountRulesEvaluated: true }]);
    expect(result.findings.filter((f) => f.address === `account:${ACCOUNT}` && f.status === 'compliant').length).toBeGreaterThan(15);
  });

  it('shows the documented replication suppression on both audit buckets and uses every suppression', () => {
    const s = result.findings.filter((f) => f.suppression);
    expect(s.map((f) => f.address).sort()).toEqual(['aws_s3_bucket.access_logs', 'aws_s3_bucket.trail']);
    expect(s[0].suppression?.reason).toMatch(/object lock/);
    expect(result.unusedSuppressions).toEqual([]);
  });

  it('counts managed resources only, not data sources', () => {
    const docs = [baselineStack(), tenantStack()];
    const managed = docs.reduce((n, d) => n + Object.values(d.json.resource ?? {}).reduce((m, byName) => m + Object.keys(byName).length, 0), 0);
    expect(result.resourceCount).toBe(managed);
  });
});

describe('references and nested blocks', () => {
  it('follows a separate configuration resource to its bucket through `${aws_s3_bucket.x.bucket}` as well as `.id`', () => {
    const f = findingsOf(
      'HIPAA-S3-001',
      tf({ aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_public_access_block: { p: { bucket: '${aws_s3_bucket.b.bucket}', ...ALL_TRUE } } }),
    );
    expect(f).toEqual([expect.objectContaining({ status: 'compliant', address: 'aws_s3_bucket.b' })]);
  });

  it('links configuration to a bucket by its literal name in another stack of the same account', () => {
    const a = stack('data', { aws_s3_bucket: { b: { bucket: 'shared-name' } } });
    const b = stack('config', { aws_s3_bucket_versioning: { v: { bucket: 'shared-name', versioning_configuration: { status: 'Enabled' } } } });
    expect(findingsOf('HIPAA-S3-005', [a, b])).toEqual([expect.objectContaining({ status: 'compliant', stack: 'data' })]);
  });

  it('does not link resources of different accounts by name', () => {
    const a = stack('data', { aws_s3_bucket: { b: { bucket: 'shared-name' } } });
    const other: StackDocument = {
      name: 'other',
      json: {
        provider: { aws: { region: 'us-east-1', allowed_account_ids: ['222222222222'] } },
        resource: { aws_s3_bucket_versioning: { v: { bucket: 'shared-name', versioning_configuration: { status: 'Enabled' } } } },
      },
    };
    expect(findingsOf('HIPAA-S3-005', [a, other])[0].status).toBe('non_compliant');
  });

  it('reads nested blocks written as an object and as an array alike', () => {
    const asObject = tf({ aws_instance: { i: { ami: 'a', subnet_id: 'subnet-1', associate_public_ip_address: false, metadata_options: { http_tokens: 'required' } } } });
    const asArray = tf({ aws_instance: { i: { ami: 'a', subnet_id: 'subnet-1', associate_public_ip_address: false, metadata_options: [{ http_tokens: 'required' }] } } });
    expect(findingsOf('HIPAA-EC2-001', asObject)[0].status).toBe('compliant');
    expect(findingsOf('HIPAA-EC2-001', asArray)[0].status).toBe('compliant');
  });

  it('resolves a policy given as an aws_iam_policy_document data source, including its source documents', () => {
    const stacks = tf(
      { aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_policy: { p: { bucket: B, policy: '${data.aws_iam_policy_document.outer.json}' } } },
      {
        aws_iam_policy_document: {
          outer: { source_policy_documents: ['${data.aws_iam_policy_document.inner.json}'] },
          inner: {
            statement: [
              {
                effect: 'Deny',
                actions: ['s3:*'],
                principals: { type: 'AWS', identifiers: ['*'] },
                resources: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'],
                condition: { test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] },
              },
            ],
          },
        },
      },
    );
    expect(findingsOf('HIPAA-S3-004', stacks)[0]).toEqual(expect.objectContaining({ status: 'compliant' }));
  });

  it("follows a CDKTF cross-stack reference through remote state to the other stack's output", () => {
    const base: StackDocument = {
      name: 'base',
      json: { resource: { aws_kms_key: { Key: {} } }, output: { 'cross-stack-output-aws_kms_keyKeyarn': { value: '${aws_kms_key.Key.arn}', sensitive: true } } },
    };
    const ref = '${data.terraform_remote_state.cross-stack-reference-input-base.outputs.cross-stack-output-aws_kms_keyKeyarn}';
    const tenant: StackDocument = {
      name: 'tenant',
      json: { data: { terraform_remote_state: { 'cross-stack-reference-input-base': { backend: 'local' } } }, resource: { aws_cloudwatch_log_group: { g: { kms_key_id: ref } } } },
    };
    const [f] = findingsOf('HIPAA-CW-001', [base, tenant]);
    expect(f).toEqual(expect.objectContaining({ status: 'compliant', message: 'the key is aws_kms_key.Key of stack base' }));
    const [alone] = findingsOf('HIPAA-CW-001', [tenant]);
    expect(alone).toEqual(expect.objectContaining({ status: 'non_compliant', undecided: true }));
  });

  it('treats documents with the same name as one module, so references resolve across *.tf.json files', () => {
    const keyDoc: StackDocument = { name: 'mod', file: 'keys.tf.json', json: { resource: { aws_kms_key: { k: {} } } } };
    const logDoc: StackDocument = { name: 'mod', file: 'logs.tf.json', json: { resource: { aws_cloudwatch_log_group: { g: { kms_key_id: '${aws_kms_key.k.arn}' } } } } };
    const [f] = findingsOf('HIPAA-CW-001', [keyDoc, logDoc]);
    expect(f).toEqual(expect.objectContaining({ status: 'compliant', file: 'logs.tf.json', stack: 'mod' }));
  });
});

describe('failing closed on values the engine cannot decide', () => {
  it('reports a KMS key given as a variable as undecided, not as compliant', () => {
    const [f] = findingsOf('HIPAA-CW-001', tf({ aws_cloudwatch_log_group: { g: { kms_key_id: '${var.key_arn}' } } }));
    expect(f).toEqual(expect.objectContaining({ status: 'non_compliant', undecided: true }));
    expect(f.message).toMatch(/^cannot decide: .*var\.key_arn/);
  });

  it('accepts a KMS key that is a data.aws_kms_key reference (only presence of a customer key matters)', () => {
    const [f] = findingsOf('HIPAA-CW-001', tf({ aws_cloudwatch_log_group: { g: { kms_key_id: '${data.aws_kms_key.k.arn}' } } }, { aws_kms_key: { k: { key_id: 'alias/logs' } } }));
    expect(f.status).toBe('compliant');
  });

  it('rejects a data.aws_kms_key that looks up an AWS-managed key', () => {
    const [f] = findingsOf(
      'HIPAA-CW-001',
      tf({ aws_cloudwatch_log_group: { g: { kms_key_id: '${data.aws_kms_key.k.arn}' } } }, { aws_kms_key: { k: { key_id: 'alias/aws/logs' } } }),
    );
    expect(f).toEqual(expect.objectContaining({ status: 'non_compliant' }));
    expect(f.undecided).toBeUndefined();
  });

  it('reports a boolean that is an expression', () => {
    const [f] = findingsOf('HIPAA-RDS-001', tf({ aws_db_instance: { d: { engine: 'postgres', storage_encrypted: '${var.encrypt}' } } }));
    expect(f).toEqual(expect.objectContaining({ status: 'non_compliant', undecided: true }));
  });

  it('reports a policy built with jsonencode() of anything but literals', () => {
    const [f] = findingsOf('HIPAA-IAM-004', tf({ aws_iam_policy: { p: { policy: '${jsonencode({Statement = var.statements})}' } } }));
    expect(f).toEqual(expect.objectContaining({ status: 'non_compliant', undecided: true }));
  });

  it('reads a jsonencode() of literals: admin access written that way fails, decided', () => {
    const [f] = findingsOf('HIPAA-IAM-004', tf({ aws_iam_policy: { p: { policy: '${jsonencode({Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})}' } } }));
    expect(f.status).toBe('non_compliant');
    expect(f.undecided).toBeUndefined();
  });

  it('reports security group rules whose CIDRs are expressions when the port matters', () => {
    const [f] = findingsOf('HIPAA-VPC-005', tf({ aws_security_group: { g: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['${var.admin_cidr}'] }] } } }));
    expect(f).toEqual(expect.objectContaining({ status: 'non_compliant', undecided: true }));
  });

  it('ignores expression CIDRs on ports the rule does not restrict', () => {
    const [f] = findingsOf('HIPAA-VPC-005', tf({ aws_security_group: { g: { ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['${var.cidr}'] }] } } }));
    expect(f.status).toBe('compliant');
  });

  it('does not pass a resource whose checked blocks are built by dynamic blocks', () => {
    const [f] = findingsOf('HIPAA-VPC-005', tf({ aws_security_group: { g: { dynamic: { ingress: { for_each: '${var.rules}', content: {} } } } } }));
    expect(f).toEqual(expect.objectContaining({ status: 'non_compliant', undecided: true }));
    expect(f.message).toMatch(/ingress is built by a dynamic block/);
  });

  it('does not let a dynamic block the rule does not read (egress, for an ingress rule) change the verdict', () => {
    const [f] = findingsOf('HIPAA-VPC-005', tf({ aws_security_group: { g: { dynamic: { egress: { for_each: '${var.rules}', content: {} } } } } }));
    expect(f.status).toBe('compliant');
  });

  it('reports a verdict that read a nested block a dynamic block builds, in a related resource', () => {
    const [f] = findingsOf(
      'HIPAA-EC2-006',
      tf({
        aws_launch_template: { lt: { dynamic: { block_device_mappings: { for_each: '${var.disks}', content: { ebs: { encrypted: false } } } } } },
        aws_instance: { i: { launch_template: { id: '${aws_launch_template.lt.id}' }, root_block_device: { encrypted: true } } },
      }),
    ).filter((x) => x.address === 'aws_instance.i');
    expect(f).toEqual(expect.objectContaining({ status: 'non_compliant', undecided: true }));
    expect(f.message).toMatch(/aws_launch_template\.lt\.block_device_mappings is built by a dynamic block/);
  });

  it('ignores resources with count = 0: they do not exist, so they are no evidence', () => {
    const stacks = tf({ aws_s3_bucket: { b: { bucket: 'x' } }, aws_s3_bucket_public_access_block: { p: { count: 0, bucket: B, ...ALL_TRUE } } });
    expect(findingsOf('HIPAA-S3-001', stacks)[0].status).toBe('non_compliant');
  });

  it('turns a rule that throws into an undecided finding instead of crashing', () => {
    const broken: Rule = {
      ...rule('HIPAA-KMS-001'),
      scope: 'resource',
      check: () => {
        throw new Error('boom');
      },
    } as Rule;
    const [f] = evaluate(tf({ aws_kms_key: { k: {} } }), { rules: [broken] }).findings;
    expect(f).toEqual(expect.objectContaining({ status: 'non_compliant', undecided: true }));
    expect(f.message).toMatch(/boom/);
  });
});

describe('accounts and Regions', () => {
  const detector = (name: string, account: string | undefined, region: string, extra: object = {}): StackDocument => ({
    name,
    json: {
      provider: { aws: [{ region, ...(account ? { allowed_account_ids: [account] } : {}) }] },
      resource: { aws_guardduty_detector: { d: { enable: true } }, ...extra },
    },
  });

  it("groups stacks by the default provider's allowed_account_ids and addresses account findings to the account", () => {
    const res = evaluate([detector('a', '111111111111', 'us-east-1'), detector('b', '222222222222', 'us-east-1')], { rules: [rule('HIPAA-GD-001')], accountRules: 'always' });
    expect(res.findings.map((f) => [f.address, f.region, f.status])).toEqual([
      ['account:111111111111', 'us-east-1', 'compliant'],
      ['account:222222222222', 'us-east-1', 'compliant'],
    ]);
  });

  it('puts stacks without allowed_account_ids into the unknown account', () => {
    const res = evaluate([detector('a', undefined, 'us-east-1')], { rules: [rule('HIPAA-GD-001')], accountRules: 'always' });
    expect(res.accounts.map((a) => a.account)).toEqual(['unknown']);
    expect(res.findings[0].address).toBe('account:unknown');
  });

  it('derives the account from assume_role when allowed_account_ids is absent', () => {
    const doc: StackDocument = {
      name: 'x',
      json: { provider: { aws: { region: 'us-east-1', assume_role: [{ role_arn: 'arn:aws:iam::333333333333:role/deploy' }] } }, resource: { aws_kms_key: { k: {} } } },
    };
    expect(evaluate([doc], { rules: [rule('HIPAA-KMS-001')] }).findings[0].account).toBe('333333333333');
  });

  it('checks regional services in every Region the account deploys to, through aliased providers', () => {
    const doc: StackDocument = {
      name: 'baseline',
      json: {
        provider: {
          aws: [
            { region: 'us-east-1', allowed_account_ids: [ACCOUNT] },
            { alias: 'west', region: 'us-west-2' },
          ],
        },
        resource: {
          aws_guardduty_detector: { east: { enable: true } },
          aws_kms_key: { west: { provider: 'aws.west' } },
        },
      },
    };
    const res = evaluate([doc], { rules: [rule('HIPAA-GD-001')], accountRules: 'always' });
    expect(res.findings.map((f) => [f.region, f.status])).toEqual([
      ['us-east-1', 'compliant'],
      ['us-west-2', 'non_compliant'],
    ]);
  });

  it("honours a resource's own region argument (provider v6)", () => {
    const doc = stack('x', { aws_guardduty_detector: { west: { enable: true, region: 'us-west-2' }, east: { enable: true } } });
    const res = evaluate([doc], { rules: [rule('HIPAA-GD-001')], accountRules: 'always' });
    expect(res.findings.map((f) => [f.region, f.status])).toEqual([
      ['us-east-1', 'compliant'],
      ['us-west-2', 'compliant'],
    ]);
  });

  it('reports stacks whose Region is not a literal as undecided for regional account rules', () => {
    const doc: StackDocument = {
      name: 'x',
      json: { provider: { aws: { region: '${var.region}', allowed_account_ids: [ACCOUNT] } }, resource: { aws_guardduty_detector: { d: {} } } },
    };
    const [f] = evaluate([doc], { rules: [rule('HIPAA-GD-001')], accountRules: 'always' }).findings;
    expect(f).toEqual(expect.objectContaining({ status: 'non_compliant', undecided: true }));
  });

  it('runs account rules in auto mode only for accounts whose stacks hold a baseline resource', () => {
    const plain = stack('app', { aws_kms_key: { k: { enable_key_rotation: true } } });
    const rules = [rule('HIPAA-GD-001')];
    expect(evaluate([plain], { rules }).findings).toEqual([]);
    const withTrail = stack('app', { aws_cloudtrail: { t: { name: 't', s3_bucket_name: 'b' } } });
    expect(evaluate([withTrail], { rules }).findings.map((f) => f.status)).toEqual(['non_compliant']);
    expect(evaluate([withTrail], { rules, accountRules: 'never' }).findings).toEqual([]);
  });
});

describe('suppressions', () => {
  const buckets = [
    stack('tenant-a', {
      aws_s3_bucket: { data: at('tenant-a', 'Data/Bucket/Resource', { bucket: 'a-data' }), logs: at('tenant-a', 'Logs/Resource', { bucket: 'a-logs' }) },
    }),
    stack('tenant-b', { aws_s3_bucket: { data: at('tenant-b', 'Data/Bucket/Resource', { bucket: 'b-data' }) } }),
  ];
  const run = (suppressions: Suppression[]) => evaluate(buckets, { rules: [rule('HIPAA-S3-014')], suppressions, now: NOW });
  const suppressedAddresses = (res: ReturnType<typeof evaluate>) =>
    res.findings
      .filter((f) => f.suppression)
      .map((f) => `${f.stack}:${f.address}`)
      .sort();

  it('cover every resource of the rule when no resources are listed', () => {
    expect(suppressedAddresses(run([{ rule: 'HIPAA-S3-014', reason: 'replication handled by AWS Backup copies' }]))).toEqual([
      'tenant-a:aws_s3_bucket.data',
      'tenant-a:aws_s3_bucket.logs',
      'tenant-b:aws_s3_bucket.data',
    ]);
  });

  it('match Terraform address globs, stack-qualified addresses and construct paths', () => {
    const reason = 'replication handled by AWS Backup copies';
    expect(suppressedAddresses(run([{ rule: 'HIPAA-S3-014', reason, resources: ['aws_s3_bucket.l*'] }]))).toEqual(['tenant-a:aws_s3_bucket.logs']);
    expect(suppressedAddresses(run([{ rule: 'HIPAA-S3-014', reason, resources: ['tenant-b:aws_s3_bucket.*'] }]))).toEqual(['tenant-b:aws_s3_bucket.data']);
    expect(suppressedAddresses(run([{ rule: 'HIPAA-S3-014', reason, resources: ['tenant-a/Data'] }]))).toEqual(['tenant-a:aws_s3_bucket.data']);
  });

  it('apply a construct suppression to the construct and its children only', () => {
    const res = run([{ rule: 'HIPAA-S3-014', reason: 'replication handled by AWS Backup copies', constructPath: 'tenant-a/Data', source: 'construct tenant-a/Data' }]);
    expect(suppressedAddresses(res)).toEqual(['tenant-a:aws_s3_bucket.data']);
    expect(res.findings.find((f) => f.suppression)?.suppression?.source).toBe('construct tenant-a/Data');
  });

  it('stop covering a finding after the expiry date, and say so', () => {
    const res = run([{ rule: 'HIPAA-S3-014', reason: 'replication handled by AWS Backup copies', expires: '2026-05-31' }]);
    const v = violations(res);
    expect(v).toHaveLength(3);
    expect(v[0].expiredSuppression).toEqual(expect.objectContaining({ expires: '2026-05-31' }));
    expect(suppressedAddresses(run([{ rule: 'HIPAA-S3-014', reason: 'replication handled by AWS Backup copies', expires: '2026-06-01' }]))).toHaveLength(3);
  });

  it('cover account findings through account: patterns', () => {
    const res = evaluate([stack('x', { aws_kms_key: { k: {} } })], {
      rules: [rule('HIPAA-GD-001')],
      accountRules: 'always',
      suppressions: [{ rule: 'HIPAA-GD-001', reason: 'GuardDuty is managed by the delegated administrator account', resources: [`account:${ACCOUNT}`] }],
    });
    expect(res.findings[0].suppression?.reason).toMatch(/delegated administrator/);
  });

  it('report suppressions that matched nothing', () => {
    const unused = { rule: 'HIPAA-S3-014', reason: 'replication handled by AWS Backup copies', resources: ['aws_s3_bucket.nope'] };
    expect(run([unused]).unusedSuppressions).toEqual([unused]);
  });

  it('are rejected together when a rule id is unknown, a reason too short or an expiry malformed', () => {
    let error: unknown;
    try {
      run([
        { rule: 'HIPAA-S3-999', reason: 'a good long reason' },
        { rule: 'HIPAA-S3-014', reason: 'short' },
        { rule: 'HIPAA-S3-014', reason: 'a good long reason', expires: '2026-02-30' },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HipaaValidationError);
    const codes = (error as HipaaValidationError).problems.map((p) => `${p.path} ${p.code}`);
    expect(codes).toEqual([
      'suppressions[0].rule HIPAA_SUPPRESSION_UNKNOWN_RULE',
      'suppressions[1].reason HIPAA_SUPPRESSION_REASON_TOO_SHORT',
      'suppressions[2].expires HIPAA_SUPPRESSION_BAD_EXPIRY',
    ]);
  });
});

describe('performance shape', () => {
  it('visits only the resource types a rule names', () => {
    const seen: string[] = [];
    const probe: Rule = {
      ...rule('HIPAA-KMS-001'),
      check: (r) => {
        seen.push(r.type);
        return { status: 'compliant', message: 'ok' };
      },
    } as Rule;
    evaluate([baselineStack()], { rules: [probe] });
    expect(new Set(seen)).toEqual(new Set(['aws_kms_key']));
  });
});
