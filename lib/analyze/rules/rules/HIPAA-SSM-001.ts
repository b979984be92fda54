import { NOT_PUBLIC } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { isObject, str } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-SSM-001',
  title: 'SSM documents are not shared publicly',
  severity: 'high',
  controls: NOT_PUBLIC,
  configRule: 'ssm-document-not-public',
  resourceTypes: ['aws_ssm_document'],
  scope: 'resource',
  description: 'permissions must not share the document with account_ids "All" (type Share). Documents can reveal commands, log destinations and key ids.',
  remediation: 'Share with named account ids, or remove permissions.',
  check(doc) {
    const p = doc.config.permissions;
    if (p === undefined || p === null) return pass('the document is not shared');
    if (!isObject(p)) return undecided('permissions is an expression');
    const ids = str(p.account_ids);
    if (ids === 'unknown') return undecided('permissions.account_ids is an expression');
    if (
      typeof ids === 'string' &&
      ids
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .includes('all')
    )
      return fail('the document is shared with all accounts');
    return pass('the document is shared only with named accounts');
  },
};
