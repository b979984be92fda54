import { customerKey, isSet } from '../checks/common';
import { isAccountWide } from '../checks/cloudtrail';
import { ACTIVITY_REVIEW, AT_REST, INTEGRITY } from '../controls';
import { fail, pass, undecided, type AccountRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: AccountRule = {
  id: 'HIPAA-CT-006',
  title: 'The account has one multi-Region trail that is validated, encrypted and sent to CloudWatch Logs',
  severity: 'critical',
  controls: [...ACTIVITY_REVIEW, ...AT_REST, ...INTEGRITY],
  configRule: 'cloudtrail-security-trail-enabled',
  resourceTypes: ['aws_cloudtrail'],
  scope: 'account',
  description:
    'Account rule. A single trail must meet HIPAA-CT-005 (multi-Region, all management events) and also set enable_log_file_validation = true, a customer-managed kms_key_id and cloud_watch_logs_group_arn. Several partial trails do not add up to one security trail.',
  remediation: 'Configure the baseline trail with is_multi_region_trail, enable_log_file_validation, kms_key_id and cloud_watch_logs_group_arn.',
  checkAccount(account, ctx) {
    const trails = account.byType.get('aws_cloudtrail') ?? [];
    if (trails.length === 0) return fail('no aws_cloudtrail exists in this account');
    const reasons: string[] = [];
    let unknown: string | undefined;
    for (const t of trails) {
      const wide = isAccountWide(t);
      const validated = bool(t.config.enable_log_file_validation);
      const key = customerKey(ctx, t, t.config.kms_key_id);
      const cwlValue = t.config.cloud_watch_logs_group_arn;
      const cwl = isSet(ctx, t, typeof cwlValue === 'string' ? cwlValue.replace(/:\*$/, '') : cwlValue, ['aws_cloudwatch_log_group']);
      const missing: string[] = [];
      if (wide.ok === false) missing.push(wide.detail);
      if (validated !== true && validated !== 'unknown') missing.push('log file validation');
      if (key.answer === 'no') missing.push('a customer-managed KMS key');
      if (cwl.answer === 'no') missing.push('CloudWatch Logs delivery');
      if (missing.length > 0) {
        reasons.push(`${t.address} lacks ${missing.join(', ')}`);
        continue;
      }
      if (wide.ok === 'unknown' || validated === 'unknown' || key.answer === 'unknown' || cwl.answer === 'unknown') {
        unknown ??= `${t.address}: ${wide.ok === 'unknown' ? wide.detail : key.answer === 'unknown' ? key.detail : cwl.answer === 'unknown' ? `cloud_watch_logs_group_arn: ${cwl.detail}` : 'log file validation is an expression'}`;
        continue;
      }
      return pass(`${t.stack}: ${t.address} is a validated, encrypted multi-Region trail delivered to CloudWatch Logs`);
    }
    return unknown ? undecided(unknown) : fail(reasons.join('; '));
  },
};
