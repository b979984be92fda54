import { ACTIVITY_REVIEW } from '../controls';
import { fail, pass, type AccountRule } from '../rule';
import { blocks, bool } from '../../../terraform/values';

export const rule: AccountRule = {
  id: 'HIPAA-CFG-003',
  title: 'AWS Config records global resources (IAM) in one Region',
  severity: 'medium',
  controls: ACTIVITY_REVIEW,
  resourceTypes: ['aws_config_configuration_recorder'],
  scope: 'account',
  description:
    'Account rule. One recorder in the account must set recording_group.include_global_resource_types = true, so changes to IAM users, roles and policies are recorded (once, not in every Region).',
  remediation: 'Set include_global_resource_types = true on the home-Region recorder.',
  checkAccount(account) {
    const recorders = account.byType.get('aws_config_configuration_recorder') ?? [];
    const hit = recorders.find((r) => blocks(r.config.recording_group).some((g) => bool(g.include_global_resource_types) === true));
    if (hit) return pass(`${hit.stack}: ${hit.address} records global resource types`);
    return fail(recorders.length === 0 ? 'no aws_config_configuration_recorder exists in this account' : 'no recorder records global resource types');
  },
};
