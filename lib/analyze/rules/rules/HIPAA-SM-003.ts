import { BACKUP } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { num } from '../../../terraform/values';

export const rule: ResourceRule = {
  id: 'HIPAA-SM-003',
  title: 'Secrets Manager secrets keep a recovery window',
  severity: 'low',
  controls: [BACKUP[1]],
  resourceTypes: ['aws_secretsmanager_secret'],
  scope: 'resource',
  description: 'recovery_window_in_days must be absent (default 30) or at least 7; 0 deletes the secret immediately and irrecoverably.',
  remediation: 'Remove recovery_window_in_days = 0.',
  check(secret) {
    const days = num(secret.config.recovery_window_in_days);
    if (days === 'unknown') return undecided('recovery_window_in_days is an expression');
    if (days !== 'absent' && days < 7) return fail(`recovery_window_in_days is ${days}`);
    return pass(`deleted secrets can be recovered for ${days === 'absent' ? 30 : days} days`);
  },
};
