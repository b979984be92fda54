import { AT_REST, BACKUP } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { bool, num } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-KMS-002',
  title: 'KMS keys are enabled and keep the 30-day deletion waiting period',
  severity: 'medium',
  controls: [...AT_REST, BACKUP[1]],
  configRule: 'kms-cmk-not-scheduled-for-deletion',
  resourceTypes: ['aws_kms_key'],
  scope: 'resource',
  description:
    'is_enabled must not be false, and deletion_window_in_days must be absent (default 30) or 30, so a key deletion can be noticed and cancelled before ePHI encrypted under it becomes unreadable. The AWS Config rule checks at run time that no key is scheduled for deletion.',
  remediation: 'Remove is_enabled = false and deletion_window_in_days (or set it to 30).',
  check(key) {
    const enabled = bool(key.config.is_enabled);
    if (enabled === false) return fail('is_enabled is false');
    if (enabled === 'unknown') return undecided('is_enabled is an expression');
    const window = num(key.config.deletion_window_in_days);
    if (window === 'unknown') return undecided('deletion_window_in_days is an expression');
    if (window !== 'absent' && window < 30) return fail(`deletion_window_in_days is ${window}, less than 30`);
    return pass('the key is enabled with a 30-day deletion window');
  },
};
