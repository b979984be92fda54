import { parse as parseYaml } from 'yaml';
import { AT_REST, AUDIT_LOGGING } from '../controls';
import { fail, pass, skip, undecided, type ResourceRule } from '../rule';
import { isObject, str } from '../../../terraform/values';
import { customerKey } from '../checks/common';
import type { JsonValue } from '../types';

function parseContent(content: string, format: string): Record<string, unknown> | undefined {
  try {
    const doc: unknown = format === 'YAML' ? parseYaml(content) : JSON.parse(content);
    return isObject(doc) ? (doc as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function nonEmpty(v: unknown): boolean {
  return typeof v === 'string' && v.trim() !== '';
}

export const rule: ResourceRule = {
  id: 'HIPAA-SSM-002',
  title: 'Session Manager logs sessions to an encrypted destination and encrypts session data',
  severity: 'high',
  controls: [...AUDIT_LOGGING, ...AT_REST],
  resourceTypes: ['aws_ssm_document'],
  scope: 'resource',
  description:
    'A document of document_type "Session" (Session Manager preferences) must send session logs somewhere (inputs.cloudWatchLogGroupName or inputs.s3BucketName), encrypt them there (cloudWatchEncryptionEnabled / s3EncryptionEnabled = true), and set inputs.kmsKeyId to a customer-managed key (a reference to an aws_kms_key or a key ARN, as for every key rule) so session traffic is encrypted with a customer key. Content that is an expression (jsonencode) is reported. Other documents are not applicable.',
  remediation: 'Set inputs { cloudWatchLogGroupName, cloudWatchEncryptionEnabled: true, kmsKeyId: <key id> } in the SSM-SessionManagerRunShell document.',
  check(doc, ctx) {
    const type = str(doc.config.document_type);
    if (type === 'unknown') return undecided('document_type is an expression');
    if (type !== 'Session') return skip('not a Session Manager preferences document');
    const content = doc.config.content;
    if (typeof content !== 'string' || /^\s*\$\{/.test(content)) return undecided('content is an expression the engine cannot read');
    const format = str(doc.config.document_format);
    const parsed = parseContent(content, format === 'YAML' ? 'YAML' : 'JSON');
    if (!parsed) return undecided('content is not valid JSON or YAML');
    const inputs = isObject(parsed.inputs as never) ? (parsed.inputs as Record<string, unknown>) : {};
    const cw = nonEmpty(inputs.cloudWatchLogGroupName);
    const s3 = nonEmpty(inputs.s3BucketName);
    if (!cw && !s3) return fail('session logs go nowhere (no cloudWatchLogGroupName or s3BucketName)');
    if (cw && inputs.cloudWatchEncryptionEnabled !== true && inputs.cloudWatchEncryptionEnabled !== 'true') {
      return fail('cloudWatchEncryptionEnabled is not true');
    }
    if (s3 && inputs.s3EncryptionEnabled !== true && inputs.s3EncryptionEnabled !== 'true') return fail('s3EncryptionEnabled is not true');
    if (!nonEmpty(inputs.kmsKeyId)) return fail('kmsKeyId is not set: session data is not encrypted with a customer key');
    const key = customerKey(ctx, doc, inputs.kmsKeyId as JsonValue);
    if (key.answer === 'unknown') return undecided(`kmsKeyId: ${key.detail}`);
    if (key.answer === 'no') return fail(`kmsKeyId: ${key.detail}`);
    return pass(`sessions are logged to ${cw ? 'CloudWatch Logs' : 'S3'} encrypted, and session data uses ${key.detail}`);
  },
};
