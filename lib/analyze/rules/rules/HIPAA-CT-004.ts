import { isLogging } from '../checks/cloudtrail';
import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, undecided, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-CT-004',
  title: 'The account has a CloudTrail trail that is logging',
  severity: 'critical',
  controls: ACTIVITY_REVIEW,
  configRule: 'cloudtrail-enabled',
  resourceTypes: ['aws_cloudtrail'],
  scope: 'account',
  description: 'Account rule. At least one aws_cloudtrail in the account must not set enable_logging = false.',
  remediation: 'Add an aws_cloudtrail to the account baseline (multi-Region, validated, encrypted: see HIPAA-CT-006).',
  checkAccount(account) {
    const trails = account.byType.get('aws_cloudtrail') ?? [];
    if (trails.length === 0) return fail('no aws_cloudtrail exists in this account');
    const on = trails.find((t) => isLogging(t) === true);
    if (on) return pass(`${on.stack}: ${on.address} is logging`);
    if (trails.some((t) => isLogging(t) === 'unknown')) return undecided('enable_logging of the trails is an expression');
    return fail('every trail in the account sets enable_logging = false');
  },
};
