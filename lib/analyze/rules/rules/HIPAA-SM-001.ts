import { AUTHENTICATION } from '../controls';
import { fail, pass, undecided, type ResourceRule } from '../rule';
import { blocks, num, str } from '../../../terraform/values';
import { scheduleIntervalHours } from '../checks/backup';

export const rule: ResourceRule = {
  id: 'HIPAA-SM-001',
  title: 'Secrets Manager secrets rotate automatically',
  severity: 'medium',
  controls: ['164.308(a)(4)(ii)(B)', AUTHENTICATION[1]],
  configRule: 'secretsmanager-rotation-enabled-check',
  resourceTypes: ['aws_secretsmanager_secret'],
  scope: 'resource',
  description:
    'An aws_secretsmanager_secret_rotation in the same stack must reference the secret (secret_id) with rotation_rules (automatically_after_days, at most 365, or schedule_expression). Secrets that cannot rotate (third-party API keys) may be suppressed with the reason. RDS-managed master secrets (manage_master_user_password) are rotated by RDS and are not Terraform resources.',
  remediation: 'Add aws_secretsmanager_secret_rotation with a rotation Lambda (or managed rotation) and rotation_rules.',
  check(secret, ctx) {
    const rotation = ctx.referencing(secret, ['aws_secretsmanager_secret_rotation'], 'secret_id')[0];
    if (!rotation) return fail('no aws_secretsmanager_secret_rotation rotates this secret');
    const rules = blocks(rotation.config.rotation_rules)[0];
    if (!rules) return fail(`${rotation.address} has no rotation_rules`);
    const days = num(rules.automatically_after_days);
    if (days === 'unknown') return undecided(`${rotation.address} sets automatically_after_days to an expression`);
    if (typeof days === 'number' && days > 365) return fail(`${rotation.address} rotates only every ${days} days`);
    if (days === 'absent' && rules.schedule_expression === undefined) return fail(`${rotation.address} sets no rotation schedule`);
    if (days === 'absent') {
      const schedule = str(rules.schedule_expression);
      if (schedule === 'unknown' || schedule === 'absent') return undecided(`${rotation.address} sets schedule_expression to an expression`);
      const hours = scheduleIntervalHours(schedule);
      if (hours === undefined) return undecided(`${rotation.address} sets schedule_expression ${schedule}, which the rule cannot read`);
      if (hours > 365 * 24) return fail(`${rotation.address} rotates only every ${Math.round(hours / 24)} days (${schedule})`);
    }
    return pass(`${rotation.address} rotates the secret`);
  },
};
