import { BACKUP, INTEGRITY } from '../controls';
import { deniesEveryone } from '../../../terraform/questions';
import { fail, pass, undecided, type ResourceRule } from '../rule';

export const rule: ResourceRule = {
  id: 'HIPAA-BK-002',
  title: 'Backup vaults prevent manual deletion of recovery points',
  severity: 'high',
  controls: [...BACKUP, INTEGRITY[0]],
  configRule: 'backup-recovery-point-manual-deletion-disabled',
  resourceTypes: ['aws_backup_vault'],
  scope: 'resource',
  description:
    'The vault needs an aws_backup_vault_lock_configuration (backup_vault_name referencing it), or an aws_backup_vault_policy that Denies backup:DeleteRecoveryPoint to everyone (Principal "*"), on every resource, without a condition (a narrowed deny leaves some callers free to delete). Either stops an attacker or an operator from deleting the backups that recovery depends on.',
  remediation: 'Add aws_backup_vault_lock_configuration (compliance mode: changeable_for_days) for the vault.',
  check(vault, ctx) {
    const lock = ctx.referencing(vault, ['aws_backup_vault_lock_configuration'], 'backup_vault_name')[0];
    if (lock) return pass(`${lock.address} locks the vault`);
    const policy = ctx.referencing(vault, ['aws_backup_vault_policy'], 'backup_vault_name')[0];
    if (!policy) return fail('no vault lock or vault policy prevents deleting recovery points');
    const read = ctx.readPolicy(policy, policy.config.policy);
    if (!read) return fail(`${policy.address} has no policy, so it does not deny backup:DeleteRecoveryPoint`);
    const deny = deniesEveryone(read, 'backup:DeleteRecoveryPoint');
    if (deny.answer === 'yes') return pass(`${policy.address} denies backup:DeleteRecoveryPoint to everyone`);
    if (deny.answer === 'maybe') return undecided(`${policy.address}: ${deny.detail}`);
    return fail(`${policy.address} does not deny backup:DeleteRecoveryPoint to everyone without a condition (${deny.detail})`);
  },
};
