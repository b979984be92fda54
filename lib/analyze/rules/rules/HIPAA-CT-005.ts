import { isAccountWide } from '../checks/cloudtrail';
import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, undecided, type AccountRule } from '../rule';

export const rule: AccountRule = {
  id: 'HIPAA-CT-005',
  title: 'The account has a multi-Region trail recording all management events',
  severity: 'critical',
  controls: ACTIVITY_REVIEW,
  configRule: 'multi-region-cloudtrail-enabled',
  resourceTypes: ['aws_cloudtrail'],
  scope: 'account',
  description:
    'Account rule. One trail must set is_multi_region_trail = true, not exclude global service events, be logging, and record all management events (read and write): no event selector, an event_selector with include_management_events and read_write_type All, or an advanced selector on eventCategory Management without a readOnly filter.',
  remediation: 'Set is_multi_region_trail = true on the baseline trail and record all management events.',
  checkAccount(account) {
    const trails = account.byType.get('aws_cloudtrail') ?? [];
    if (trails.length === 0) return fail('no aws_cloudtrail exists in this account');
    const answers = trails.map((t) => ({ t, a: isAccountWide(t) }));
    const ok = answers.find((x) => x.a.ok === true);
    if (ok) return pass(`${ok.t.stack}: ${ok.a.detail}`);
    const unknown = answers.find((x) => x.a.ok === 'unknown');
    if (unknown) return undecided(unknown.a.detail);
    return fail(answers.map((x) => x.a.detail).join('; '));
  },
};
