import { jsonencodeValue } from '../../lib/terraform/hcl';
import { evaluate, HIPAA_PACK } from '../../lib/analyze/rules';
import type { StackDocument } from '../../lib/terraform/types';

/** What cdktf's Fn.jsonencode writes for a policy object (copied from a synthesized stack). */
const CDKTF_OUTPUT =
  '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["kms:Decrypt", "s3:*"], "Resource" = aws_kms_key.k.arn, "Condition" = {"Bool" = {"aws:SecureTransport" = false}}, "N" = 3}]})}';

describe('policies written with jsonencode', () => {
  it('reads the literal object cdktf writes, references as templates', () => {
    expect(jsonencodeValue(CDKTF_OUTPUT)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['kms:Decrypt', 's3:*'], Resource: '${aws_kms_key.k.arn}', Condition: { Bool: { 'aws:SecureTransport': false } }, N: 3 }],
    });
  });

  it.each([
    ['a function call inside', '${jsonencode({"Statement" = concat(var.a, var.b)})}'],
    ['a conditional inside', '${jsonencode({"Effect" = var.allow ? "Allow" : "Deny"})}'],
    ['a for expression', '${jsonencode([for s in var.x : s])}'],
    ['a bare variable name', '${jsonencode(statements)}'],
    ['not jsonencode at all', '${file("policy.json")}'],
    ['text around it', 'x${jsonencode({})}'],
  ])('leaves %s unreadable', (_what, raw) => {
    expect(jsonencodeValue(raw)).toBeUndefined();
  });

  const bucketWith = (policy: string): StackDocument[] => [
    {
      name: 's',
      json: {
        provider: { aws: [{ region: 'us-east-1', allowed_account_ids: ['111111111111'] }] },
        resource: { aws_s3_bucket: { b: { bucket: 'phi' } }, aws_s3_bucket_policy: { p: { bucket: '${aws_s3_bucket.b.id}', policy } } },
      },
    },
  ];
  const verdict = (ruleId: string, docs: StackDocument[]) =>
    evaluate(docs, { rules: HIPAA_PACK.rules.filter((r) => r.id === ruleId), accountRules: 'never' }).findings.find((f) => f.address === 'aws_s3_bucket.b');

  it('a public read written with jsonencode fails, where it used to be unreadable', () => {
    const f = verdict(
      'HIPAA-S3-007',
      bucketWith('${jsonencode({"Statement" = [{"Effect" = "Allow", "Principal" = "*", "Action" = "s3:GetObject", "Resource" = "${aws_s3_bucket.b.arn}/*"}]})}'),
    );
    expect(f?.status).toBe('non_compliant');
    expect(f?.undecided).toBeUndefined();
  });

  it('a TLS deny written with jsonencode passes', () => {
    const deny =
      '${jsonencode({"Statement" = [{"Sid" = "DenyInsecureTransport", "Effect" = "Deny", "Principal" = "*", "Action" = "s3:*", "Resource" = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"], "Condition" = {"Bool" = {"aws:SecureTransport" = "false"}}}]})}';
    expect(verdict('HIPAA-S3-004', bucketWith(deny))?.status).toBe('compliant');
  });

  it('a jsonencode policy with a function inside stays undecided', () => {
    const f = verdict('HIPAA-S3-004', bucketWith('${jsonencode({"Statement" = concat(local.a, local.b)})}'));
    expect(f?.status).toBe('non_compliant');
    expect(f?.undecided).toBe(true);
  });
});
