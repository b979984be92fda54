import { existenceOf } from '../../lib/terraform/existence';
import { buildIndex } from '../../lib/terraform/model';
import { evaluate } from '../../lib/analyze/rules/engine';
import type { TerraformJson } from '../../lib/terraform/types';

describe('existence from count and for_each', () => {
  it.each([
    [{}, 'yes'],
    [{ count: 1 }, 'yes'],
    [{ count: '2' }, 'yes'],
    [{ count: 0 }, 'no'],
    [{ count: '0' }, 'no'],
    [{ for_each: {} }, 'no'],
    [{ for_each: [] }, 'no'],
    [{ for_each: { a: 'x' } }, 'yes'],
    [{ for_each: ['a'] }, 'yes'],
    [{ count: '${var.enabled ? 1 : 0}' }, 'maybe'],
    [{ count: '${length(var.names)}' }, 'maybe'],
    [{ for_each: '${var.buckets}' }, 'maybe'],
    [{ for_each: '${toset([])}' }, 'maybe'],
    [{ count: '1' }, 'yes'],
    [{ count: ' 3 ' }, 'yes'],
    [{ count: '10' }, 'yes'],
    [{ count: '12x' }, 'maybe'],
    [{ count: 'a1' }, 'maybe'],
    [{ count: true }, 'yes'],
    [{ count: false }, 'no'],
    [{ count: null }, 'yes'],
    [{ for_each: null }, 'yes'],
    // Terraform refuses both on one resource; the weaker answer holds either way.
    [{ count: 0, for_each: '${var.x}' }, 'no'],
    [{ count: 1, for_each: '${var.x}' }, 'maybe'],
  ])('reads %j as %s', (config, expected) => {
    expect(existenceOf(config as never).existence).toBe(expected);
  });

  it('says which meta-argument made the resource conditional', () => {
    expect(existenceOf({ count: '${var.on ? 1 : 0}' }).reason).toBe('count = "${var.on ? 1 : 0}"');
    expect(existenceOf({ for_each: '${var.buckets}' }).reason).toBe('for_each = "${var.buckets}"');
  });

  it('leaves resources that are never created out of the model and marks conditional ones', () => {
    const json: TerraformJson = {
      resource: {
        aws_s3_bucket: { never: { count: 0 }, maybe: { count: '${var.x ? 1 : 0}' }, sure: {} },
      },
    };
    const index = buildIndex([{ name: 's', json }]);
    const mod = index.modules.get('s')!;
    expect([...mod.byAddress.keys()].sort()).toEqual(['aws_s3_bucket.maybe', 'aws_s3_bucket.sure']);
    expect(mod.byAddress.get('aws_s3_bucket.maybe')?.existence).toBe('maybe');
    // Rules judge both; evidence maps hold only the one that certainly exists.
    expect(index.byType.get('aws_s3_bucket')?.map((r) => r.name)).toEqual(['maybe', 'sure']);
    expect(mod.byType.get('aws_s3_bucket')?.map((r) => r.name)).toEqual(['sure']);
  });
});

describe('conditional resources are never evidence', () => {
  const bucket = { bucket: 'phi-data' };
  const conditional = '${var.enabled ? 1 : 0}';

  it.each([
    [
      'a public access block behind count',
      'HIPAA-S3-001',
      {
        aws_s3_bucket_public_access_block: {
          pab: { count: conditional, bucket: '${aws_s3_bucket.b.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
        },
      },
    ],
    [
      'a public access block behind an empty for_each',
      'HIPAA-S3-001',
      {
        aws_s3_bucket_public_access_block: {
          pab: { for_each: {}, bucket: '${aws_s3_bucket.b.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
        },
      },
    ],
    [
      'an encryption configuration behind count',
      'HIPAA-S3-002',
      {
        aws_s3_bucket_server_side_encryption_configuration: {
          enc: {
            count: conditional,
            bucket: '${aws_s3_bucket.b.id}',
            rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.k.arn}' }] }],
          },
        },
        aws_kms_key: { k: { enable_key_rotation: true } },
      },
    ],
  ])('%s does not make %s compliant', (_what, ruleId, extra) => {
    const json = { resource: { aws_s3_bucket: { b: bucket }, ...extra } } as unknown as TerraformJson;
    const result = evaluate([{ name: 's', json }], { accountRules: 'never' });
    const f = result.findings.find((x) => x.ruleId === ruleId && x.address === 'aws_s3_bucket.b');
    expect(f?.status).toBe('non_compliant');
  });

  it('says which conditional resource was not counted', () => {
    const json = {
      resource: {
        aws_s3_bucket: { b: bucket },
        aws_s3_bucket_public_access_block: {
          pab: { count: conditional, bucket: '${aws_s3_bucket.b.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
        },
      },
    } as unknown as TerraformJson;
    const result = evaluate([{ name: 's', json }], { accountRules: 'never' });
    const f = result.findings.find((x) => x.ruleId === 'HIPAA-S3-001' && x.address === 'aws_s3_bucket.b');
    expect(f?.message).toContain('aws_s3_bucket_public_access_block.pab');
    expect(f?.message).toContain('might not be created');
  });

  it('a trail behind count does not satisfy the account trail rule', () => {
    const json = {
      provider: { aws: [{ region: 'us-east-1', allowed_account_ids: ['111111111111'] }] },
      resource: {
        aws_cloudtrail: {
          t: {
            count: conditional,
            name: 't',
            s3_bucket_name: 'x',
            is_multi_region_trail: true,
            enable_log_file_validation: true,
            include_global_service_events: true,
            kms_key_id: '${aws_kms_key.k.arn}',
          },
        },
        aws_kms_key: { k: { enable_key_rotation: true } },
      },
    } as unknown as TerraformJson;
    const result = evaluate([{ name: 's', json }], { accountRules: 'always' });
    const f = result.findings.find((x) => x.ruleId === 'HIPAA-CT-005');
    expect(f?.status).toBe('non_compliant');
    expect(f?.message).toContain('aws_cloudtrail.t');
  });
});
