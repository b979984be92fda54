import { INTEGRITY } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { bool } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-CT-002',
  title: 'CloudTrail trails validate log file integrity',
  severity: 'high',
  controls: INTEGRITY,
  configRule: 'cloud-trail-log-file-validation-enabled',
  resourceTypes: ['aws_cloudtrail'],
  scope: 'resource',
  description: 'enable_log_file_validation must be true (the provider default is false), so tampering with delivered log files is detectable.',
  remediation: 'Set enable_log_file_validation = true.',
  check(trail) {
    const v = bool(trail.config.enable_log_file_validation);
    if (v === true) return pass('log file validation is enabled');
    if (v === 'unknown') return undecided('enable_log_file_validation is an expression');
    return fail(`enable_log_file_validation is ${v === 'absent' ? 'not set (default false)' : 'false'}`);
  },
};
